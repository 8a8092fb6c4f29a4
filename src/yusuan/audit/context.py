"""What a rule sees: the disclosure, its facts, and helpers that turn figures into located findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.audit.finding import Finding, Place
from yusuan.audit.registry import REGISTRY
from yusuan.model.rounding import fmt, same_tolerance, sum_tolerance
from yusuan.facts import build_facts
from yusuan.model.amount import Amount
from yusuan.model.disclosure import Disclosure, Row, Statement, Table, TableKind
from yusuan.reference.tables import role_label

NARRATIVE = "情况说明"
OCR_SURE = 0.9  # below this OCR confidence a figure is taken as uncertain


def column_label(table: Table, role: str, row: Row | None = None) -> str:
    """The column as the table prints it (the header read), else as its declaration names it."""
    side = row.attrs.get("side") if row is not None else None
    col = next((c for c in table.columns if c.role == role and (c.side is None or c.side == side)), None)
    if col is not None and col.label:
        return col.label.split(" / ")[-1] if col.side else col.label
    return role_label(role, table.kind)


@dataclass
class Figure:
    """One printed figure and where it stands; `trusted` where it comes from a proven reading
    (header matched, identities hold) and its column was not inferred."""

    amount: Amount
    place: Place
    confidence: float | None = None  # OCR confidence of the text the figure was read from
    trusted: bool = True
    table: Table | None = field(default=None, repr=False, compare=False)

    @property
    def value(self) -> Decimal:
        return self.amount.wan

    @property
    def printed(self) -> str:
        return self.amount.printed.replace(",", "")


@dataclass
class Ctx:
    disc: Disclosure
    facts: dict = field(default_factory=dict)

    @classmethod
    def of(cls, disc: Disclosure) -> "Ctx":
        return cls(disc, build_facts(disc))

    # --- figures -------------------------------------------------------------------------
    def cell(self, table: Table, row: Row, role: str) -> Figure | None:
        c = row.cells.get(role)
        if c is None:
            return None
        return Figure(c.amount, Place(table.title, row.label or "合计", column_label(table, role, row),
                                      c.location.page, c.location.line),
                      c.location.confidence, trusted=table.trusted and not c.inferred, table=table)

    def cell_or_zero(self, table: Table, row: Row, role: str) -> Figure:
        """A blank cell of a row that has figures reads as 0 (the tables leave zeros blank)."""
        f = self.cell(table, row, role)
        if f is not None:
            return f
        return Figure(Amount(Decimal(0), table.unit, ""), Place(table.title, row.label or "合计",
                                                                  column_label(table, role, row),
                                                                  row.location.page, row.location.line),
                      trusted=table.trusted, table=table)

    def stated(self, st: Statement) -> Figure | None:
        if st.amount is None:
            return None
        return Figure(st.amount, Place(NARRATIVE, st.section, st.subject or None, st.location.page, st.location.line))

    def tables(self, *kinds: TableKind) -> list[Table]:
        return [t for t in self.disc.tables if t.kind in kinds]

    def table(self, kind: TableKind) -> Table | None:
        """The first table of this kind that has figures."""
        return next((t for t in self.tables(kind) if not t.empty), None)

    def total(self, kind: TableKind, role: str = "total") -> Figure | None:
        """A column of a table's 合计 row."""
        t = self.table(kind)
        r = t.total_row() if t else None
        return self.cell(t, r, role) if r is not None else None

    def keyed(self, kind: TableKind, key: str) -> Figure | None:
        """A figure of a two-sided table by meaning (收入总计, 本年支出合计, 一般公共预算 …)."""
        t = self.table(kind)
        if t is None:
            return None
        rows = [r for r in t.rows if r.attrs.get("key") == key and "total" in r.cells]
        return self.cell(t, rows[0], "total") if rows else None

    # --- findings ------------------------------------------------------------------------
    def finding(self, code: str, message: str, figures: list[Figure] | None = None,
                expected: Decimal | None = None, actual: Decimal | None = None,
                places: list[Place] | None = None) -> Finding:
        r = REGISTRY[code]
        figures = figures or []
        severity = r.severity
        unsure = [f for f in figures if f.confidence is not None and f.confidence < OCR_SURE]
        if unsure and severity == "error":
            # a figure the OCR was unsure of may be misread: uncertain, not a defect
            severity = "warning"
            message += f"（涉及文字识别置信度较低的数字 {'、'.join(f.printed for f in unsure)}，请对照原件核对）"
        return Finding(code=code, rule=r.name, severity=severity, category=r.category, message=message,
                       values=[f.printed for f in figures if f.printed],
                       expected=expected, actual=actual,
                       locations=(places or []) + [f.place for f in figures])

    def sum_check(self, code: str, total: Figure | None, parts: list[Figure | None], what: str,
                  parts_what: str) -> Finding | None:
        """A printed total against the sum of its printed parts, within rounding."""
        present = [p for p in parts if p is not None]
        if total is None or not present:
            return None
        s = sum((p.value for p in present), Decimal(0))
        tol = sum_tolerance([p.amount for p in present if p.printed])
        if abs(total.value - s) <= tol:
            return None
        return self.finding(
            code,
            f"{what} {fmt(total.value)} 万元，不等于{parts_what}之和 {fmt(s)} 万元，相差 {fmt(total.value - s)} 万元",
            [total] + [p for p in present if p.printed], expected=s, actual=total.value)

    def same_check(self, code: str, a: Figure | None, b: Figure | None, what_a: str, what_b: str) -> Finding | None:
        """Two printings of what must be one figure."""
        if a is None or b is None:
            return None
        if abs(a.value - b.value) <= same_tolerance(a.amount, b.amount):
            return None
        return self.finding(code, f"{what_a} {fmt(a.value)} 万元与{what_b} {fmt(b.value)} 万元不一致，相差 "
                                  f"{fmt(a.value - b.value)} 万元", [a, b], expected=b.value, actual=a.value)
