"""Rendering: disclosures written out as the files offices publish."""
