"""A document's content as figures and stated facts, independent of the file it came in: the fingerprint that
tells a new version (other figures) from another file of the same version (the same figures
read from another format)."""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation
from typing import Iterable


STATEMENT_KEYS = ("key", "subject", "amount", "change_amount", "change_pct", "direction", "share")


def statements_of(model: dict) -> list[tuple]:
    """The narrative's stated facts (what a sentence says of a figure), as content_key takes them."""
    return [tuple(str(st.get(k) or "") for k in STATEMENT_KEYS)
            for st in (model.get("narrative") or {}).get("statements") or []]


def narrative_key(statements: Iterable[tuple]) -> str | None:
    """sha256 over the narrative's statements (statements_of); None for a file without a narrative
    (a workbook of the tables only): it says nothing against the narrative of another file."""
    items = sorted("\x1d".join("".join(x.split()) for x in st) for st in statements)
    return hashlib.sha256("\x1e".join(items).encode("utf-8")).hexdigest() if items else None


def same_content(figures_a: str | None, narrative_a: str | None, figures_b: str | None, narrative_b: str | None) -> bool:
    """The same figures, and the same narrative where both files have one."""
    return bool(figures_a) and figures_a == figures_b and (narrative_a is None or narrative_b is None
                                                            or narrative_a == narrative_b)


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
