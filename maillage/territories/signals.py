"""Signals of the territories app."""

from django.dispatch import Signal

# Sent after load_territories() wrote communes (their coordinates may have changed in bulk).
territories_loaded = Signal()
