"""Readers: one module per input format, each producing lines with locations."""
