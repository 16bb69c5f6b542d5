"""Maillage: the open, collaborative map of a public-innovation ecosystem."""
