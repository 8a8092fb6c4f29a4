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
from yusuan.recognise.verify import Check, Term, grand_total, table_checks
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
    parts: list["Figure"] = field(default_factory=list, repr=False, compare=False)  # of a derived figure

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
    _checks: list | None = field(default=None, repr=False)

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
        return Figure(st.amount, self.said(st))

    @staticmethod
    def said(st: Statement) -> Place:
        """Where the narrative states it (for a statement with or without an amount)."""
        return Place(NARRATIVE, st.section, st.subject or None, st.location.page, st.location.line)

    def tables(self, *kinds: TableKind) -> list[Table]:
        return [t for t in self.disc.tables if t.kind in kinds]

    def table(self, kind: TableKind) -> Table | None:
        """The first table of this kind that has figures."""
        return next((t for t in self.tables(kind) if not t.empty), None)

    def total(self, kind: TableKind, role: str = "total") -> Figure | None:
        """A column of a table's 合计 row; for a table printed in halves without a grand total
        (人员经费合计 | 公用经费合计), the sum of its group totals, marked as derived."""
        t = self.table(kind)
        if t is None:
            return None
        r = grand_total(t)
        if r is not None:
            return self.cell(t, r, role)
        groups = [g for g in t.rows if g.kind == "total" and g.attrs.get("key") and role in g.cells]
        if len(groups) >= 2 and all(g.attrs.get("key") in ("personnel", "public") for g in groups):
            parts = [self.cell(t, g, role) for g in groups]
            value = sum((f.value for f in parts), Decimal(0))
            first = parts[0]
            label = "+".join(g.label for g in groups)
            return Figure(Amount(value, "万元", ""), Place(t.title, label, first.place.column, first.place.page,
                                                          first.place.line), trusted=all(f.trusted for f in parts),
                          table=t, parts=parts)
        return None

    def group_total(self, kind: TableKind, key: str, role: str = "total") -> Figure | None:
        """人员经费合计 / 公用经费合计 of a 基本支出表, wherever the table prints it."""
        t = self.table(kind)
        if t is None:
            return None
        r = grand_total(t) if key == "total" else next((g for g in t.rows if g.attrs.get("key") == key), None)
        return self.cell(t, r, role) if r is not None else None

    # --- identities ------------------------------------------------------------------------
    def checks(self) -> list[Check]:
        """Every identity of every table, evaluated once (recognise.verify)."""
        if self._checks is None:
            self._checks = [c for t in self.disc.tables for c in table_checks(t)]
        return self._checks

    def term(self, table: Table, term: Term) -> Figure:
        return self.cell_or_zero(table, term.row, term.role)

    column_label = staticmethod(column_label)

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
                places: list[Place] | None = None, severity: str | None = None,
                related: list[Place] | None = None) -> Finding:
        """A located finding; `severity` may lower the rule's own (never raise it); `related`: the
        other places where the same fact stands again."""
        r = REGISTRY[code]
        figures = [f for f in figures or [] if f is not None]  # a statement without an amount has no figure
        severity = severity if severity in ("warning", "info") and r.severity == "error" else r.severity
        unsure = [f for f in figures if f.confidence is not None and f.confidence < OCR_SURE]
        if unsure and severity == "error":
            # a figure the OCR was unsure of may be misread: uncertain, not a defect
            severity = "warning"
            message += f"（涉及文字识别置信度较低的数字 {'、'.join(f.printed for f in unsure)}，请对照原件核对）"
        basis = [x for f in figures for x in (f.parts or [f])]
        readings = {id(f.table): f.table for f in basis if f.table is not None}
        unread = [t for t in readings.values() if t.reading is not None and t.reading.status in ("unverified", "unreadable")]
        if unread and r.category != "completeness":
            suppressed = True  # built on a table the reader could not read reliably: one warning says so (YS615)
        else:
            suppressed = False
        if severity == "error" and any(not f.trusted for f in basis):
            # positions chosen by the identities, not read from a header: likely, not proven
            severity = "warning"
            message += "（所涉数字的列位置由勾稽关系推断，未经表头核实，请对照原件核对）"
        return Finding(code=code, rule=r.name, severity=severity, category=r.category, message=message,
                       suppressed=suppressed,
                       values=[f.printed for f in figures if f.printed],
                       expected=expected, actual=actual,
                       locations=(places or []) + [f.place for f in figures], related=list(related or []))

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

    @staticmethod
    def agree(a: Figure, b: Figure) -> bool:
        """Two printings of one figure agree within their rounding (a figure derived as a sum of printed
        figures carries theirs)."""
        derived = sum_tolerance([p.amount for f in (a, b) for p in f.parts if p.amount.printed])
        return abs(a.value - b.value) <= same_tolerance(a.amount, b.amount) + derived

    def same_check(self, code: str, a: Figure | None, b: Figure | None, what_a: str, what_b: str) -> Finding | None:
        """Two printings of what must be one figure."""
        if a is None or b is None or self.agree(a, b):
            return None
        return self.finding(code, f"{what_a} {fmt(a.value)} 万元与{what_b} {fmt(b.value)} 万元不一致，相差 "
                                  f"{fmt(a.value - b.value)} 万元", [a, b], expected=b.value, actual=a.value)
