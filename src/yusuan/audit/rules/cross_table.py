"""cross_table rules."""

from __future__ import annotations
