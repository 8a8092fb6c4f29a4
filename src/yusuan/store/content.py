"""A document's content as figures, independent of the file it came in: the fingerprint that
tells a new version (other figures) from another file of the same version (the same figures
read from another format)."""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation
from typing import Iterable


def content_key(figures: Iterable[tuple]) -> str:
    """sha256 over the sorted (table kind, code or row name without spaces, column role, amount)
    of `figures` given as (table_kind, row_label, code, column, amount) tuples."""
    items = []
    for kind, label, code, column, amount in figures:
        try:
            value = str(Decimal(str(amount)).normalize())
        except InvalidOperation:
            value = str(amount)
        items.append("\x1f".join((kind or "", code or "".join((label or "").split()), column or "", value)))
    return hashlib.sha256("\x1e".join(sorted(items)).encode("utf-8")).hexdigest()
