"""Ecosystem diagnostics: graph measures of the network, explained (see README.md)."""
