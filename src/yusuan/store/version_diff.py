"""What changed between two stored documents of one unit, year and type (two versions): figures
added, removed and changed, findings fixed and new, and whether their content is the same
(the same figures read from another file or format).

Figures are matched by table kind, code (else the row name without spaces) and column role; a key
printed more than once is matched in order. Findings are matched by rule code and the first place
they name (table, row, column), so a finding whose figures changed is the same finding, changed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from yusuan.model.disclosure import KIND_LABELS, TableKind
from yusuan.store.schema import Document, Figure, Finding


@dataclass
class FigureChange:
    table: str
    row: str
    code: str | None
    column: str
    before: Decimal | None
    after: Decimal | None
    printed_before: str | None = None
    printed_after: str | None = None
    page: int | None = None
    line: int | None = None


@dataclass
class VersionDiff:
    older: Document
    newer: Document
    added: list[FigureChange] = field(default_factory=list)
    removed: list[FigureChange] = field(default_factory=list)
    changed: list[FigureChange] = field(default_factory=list)
    fixed: list[dict] = field(default_factory=list)  # findings of the older only
    new: list[dict] = field(default_factory=list)  # findings of the newer only
    unchanged: int = 0

    @property
    def same_content(self) -> bool:
        return not (self.added or self.removed or self.changed)


def _kind(kind: str) -> str:
    try:
        return KIND_LABELS[TableKind(kind)]
    except (ValueError, KeyError):
        return kind


def _figures(s: Session, doc_id: int) -> dict[tuple, list[Figure]]:
    out: dict[tuple, list[Figure]] = defaultdict(list)
    for f in s.scalars(select(Figure).where(Figure.document_id == doc_id).order_by(Figure.id)):
        out[(f.table_kind, f.code or "".join(f.row_label.split()), f.column)].append(f)
    return out


def _finding_key(f: Finding) -> tuple:
    places = (f.detail or {}).get("locations") or [{}]
    first = places[0]
    return f.code, first.get("table"), first.get("row"), first.get("column")


def diff(s: Session, older: Document, newer: Document) -> VersionDiff:
    d = VersionDiff(older, newer)
    before, after = _figures(s, older.id), _figures(s, newer.id)
    for key in sorted(set(before) | set(after), key=str):
        olds, news = before.get(key, []), after.get(key, [])
        for k in range(max(len(olds), len(news))):
            o = olds[k] if k < len(olds) else None
            n = news[k] if k < len(news) else None
            shown = n or o
            change = FigureChange(_kind(shown.table_kind), shown.row_label, shown.code, shown.column_label,
                                  o.amount if o else None, n.amount if n else None, o.printed if o else None,
                                  n.printed if n else None, shown.page, shown.line)
            if o is None:
                d.added.append(change)
            elif n is None:
                d.removed.append(change)
            elif o.amount != n.amount:
                d.changed.append(change)
            else:
                d.unchanged += 1
    found_before = {_finding_key(f): f for f in older.findings}
    found_after = {_finding_key(f): f for f in newer.findings}
    d.fixed = [found_before[k].detail for k in found_before if k not in found_after]
    d.new = [found_after[k].detail for k in found_after if k not in found_before]
    return d


class NotVersions(ValueError):
    """Two documents that are not versions of one unit, year, scope and type."""


def between(s: Session, a: Document, b: Document) -> VersionDiff:
    """The diff of two versions, the older first whichever was given first."""
    if (a.unit_id, a.year, a.scope, a.doc_type) != (b.unit_id, b.year, b.scope, b.doc_type):
        raise NotVersions("只能比较同一单位、同一年度、同一类型文件的两个版本")
    older, newer = (a, b) if (a.version, a.id) <= (b.version, b.id) else (b, a)
    return diff(s, older, newer)
