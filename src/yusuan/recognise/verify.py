"""The identities of a table, evaluated on its figures (勾稽关系核对).

One evaluation serves two masters: the reader, which decides from the pattern of what holds and
what fails whether it read the table right (`reading_status`), and the audit, which reports the
failures of tables read right as the document's own defects. The identities come from the
table's declaration (`reference/tables.yaml`):

  row        in every row, Σ whole columns = Σ part columns (合计 = 基本支出 + 项目支出 …)
  column     the 合计 row = Σ the rows with no rows below them (the deepest codes, the items)
  subtotal   a 类 or 款 row = Σ the rows of the next level below it (within a unit's block)
  group      a group total of a halves table = Σ its classes (人员经费合计 = 301 + 303)
  key        rows of a two-sided table by meaning (收入总计 = 本年收入合计 + 上年结转 …)

Blank cells of a row that prints figures count as 0; a sum of n printed terms may differ from
its printed whole by n half units of the last digit (四舍五入尾数误差).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from yusuan.model.amount import Amount
from yusuan.model.disclosure import Row, Table, TableKind
from yusuan.model.reading import IdentityResult
from yusuan.reference.tables import Identity, TableSchema, role_label, schema as schema_of

ZERO = Decimal(0)


@dataclass
class Term:
    """One figure of a check: a cell (row, role), or a blank cell read as 0."""

    row: Row
    role: str

    def amount(self) -> Amount | None:
        c = self.row.cells.get(self.role)
        return c.amount if c else None

    @property
    def value(self) -> Decimal:
        a = self.amount()
        return a.wan if a else ZERO

    @property
    def printed(self) -> bool:
        return self.role in self.row.cells


@dataclass
class Check:
    rule: str
    kind: str  # row / column / subtotal / group / key
    table: Table
    wholes: list[Term]
    parts: list[Term]
    text: str  # the identity as a reader says it: '合计 = 基本支出 + 项目支出'
    subject: str = ""  # the row or column it is about
    row: Row | None = None
    role: str | None = None  # the column of a column or subtotal check
    whole_value: Decimal = ZERO
    parts_value: Decimal = ZERO
    tolerance: Decimal = ZERO
    extra: dict = field(default_factory=dict)

    @property
    def holds(self) -> bool:
        return abs(self.whole_value - self.parts_value) <= self.tolerance

    @property
    def difference(self) -> Decimal:
        return self.whole_value - self.parts_value


_HALF: dict[tuple[str, int], Decimal] = {}


def _half(a: Amount) -> Decimal:
    """Half a unit of the last printed digit (0 for a printed zero), memoised by exponent."""
    if a.value == 0 or not a.printed:
        return ZERO
    exp = a.value.as_tuple().exponent
    key = (a.unit, exp)
    h = _HALF.get(key)
    if h is None:
        h = _HALF[key] = Decimal(5).scaleb((exp - 4 if a.unit == "元" else exp) - 1)
    return h


def _evaluate(check: Check) -> Check:
    whole = parts = tol = ZERO
    for k, t in enumerate(check.wholes):
        c = t.row.cells.get(t.role)
        if c is not None:
            whole += c.amount.wan
            if k:  # every printed term may carry half a unit of rounding; the first whole is the reference
                tol += _half(c.amount)
    for t in check.parts:
        c = t.row.cells.get(t.role)
        if c is not None:
            parts += c.amount.wan
            tol += _half(c.amount)
    check.whole_value, check.parts_value, check.tolerance = whole, parts, tol
    return check


def _measures(roles: set[str]) -> list[str]:
    """Role prefixes of the measures a table prints: '' for its own, 'budget.' for 预算数 …"""
    out = {""}
    for r in roles:
        if "." in r:
            out.add(r.split(".", 1)[0] + ".")
    return sorted(out)


def _has_figures(row: Row, roles) -> bool:
    return any(r in row.cells for r in roles)


def row_checks(table: Table, sch: TableSchema) -> list[Check]:
    """Row identities; in a two-sided table each row against the columns of its own side."""
    sides = {c.side for c in table.columns}
    out: list[Check] = []
    for side in sorted(sides, key=lambda s: s or ""):
        roles = {c.role for c in table.columns if c.side == side}
        rows = [r for r in table.rows if side is None or r.attrs.get("side") == side]
        if side is None and sch.rows == "two_sided":
            # text without a grid: the income side prints one amount, the identities are the other side's
            rows = [r for r in rows if r.attrs.get("side") == "expenditure"]
        for prefix in _measures(roles):
            local = {r[len(prefix):] for r in roles if r.startswith(prefix) and ("." not in r[len(prefix):])}
            for ident in sch.identities:
                if not ident.applies(local):
                    continue
                wholes, parts = ident.terms(local)
                text = (f"{' + '.join(role_label(w, table.kind) for w in wholes)} = "
                        f"{' + '.join(role_label(p, table.kind) for p in parts)}")
                names = [prefix + r for r in wholes + parts]
                for row in rows:
                    if not _has_figures(row, names):
                        continue
                    out.append(_evaluate(Check(ident.rule, "row", table, [Term(row, prefix + w) for w in wholes],
                                               [Term(row, prefix + p) for p in parts], text,
                                               subject=row.label or "合计", row=row)))
    return out


def _coded(table: Table) -> list[Row]:
    return [r for r in table.rows if r.code and r.code_scheme in ("function", "economic")]


def blocks(table: Table) -> list[list[Row]]:
    """Rows grouped by the unit rows that open them (a 部门 table prints one block per unit);
    a table without unit rows is one block."""
    out: list[list[Row]] = [[]]
    for r in table.rows:
        if r.kind == "unit" and out[-1]:
            out.append([])
        out[-1].append(r)
    return [b for b in out if b]


def leaves(table: Table) -> list[Row]:
    """Rows the 合计 row sums: coded rows with no coded rows below them, else the item rows."""
    out: list[Row] = []
    for block in blocks(table):
        coded = [r for r in block if r.code and r.code_scheme in ("function", "economic")]
        if not coded:
            out += [r for r in block if r.kind == "item"]
            continue
        codes = [r.code for r in coded]
        out += [r for r in coded if not any(c != r.code and c.startswith(r.code) for c in codes)]
    return out


def grand_total(table: Table) -> Row | None:
    """The 合计 row of the whole table (not a group total such as 人员经费合计)."""
    return next((r for r in table.rows if r.kind == "total" and not r.attrs.get("key")), None)


def column_checks(table: Table, rule: str) -> list[Check]:
    total = grand_total(table)
    if total is None:
        return []
    if table.kind == TableKind.INCOME and not _coded(table):
        rows = [r for r in table.rows if r.kind == "unit"]
        codes = [r.code for r in rows if r.code]
        # a 部门 income table prints the department row above its units' rows: not a leaf
        rows = [r for r in rows if not (r.code and any(c != r.code and c.startswith(r.code) for c in codes))]
    else:
        rows = leaves(table)
    if not rows:
        return []
    out = []
    for col in table.columns:
        parts = [Term(r, col.role) for r in rows if col.role in r.cells]
        if col.role not in total.cells and not parts:
            continue
        out.append(_evaluate(Check(rule, "column", table, [Term(total, col.role)], parts,
                                   f"合计行的{col.label} = 各明细行之和", subject=col.label, row=total, role=col.role)))
    return out


def subtotal_checks(table: Table, rule: str = "YS116") -> list[Check]:
    out = []
    for block in blocks(table):
        coded = [r for r in block if r.code and r.code_scheme in ("function", "economic")]
        for parent in coded:
            longer = [r for r in coded if r.code != parent.code and r.code.startswith(parent.code)]
            if not longer:
                continue
            step = min(len(r.code) for r in longer)
            children = [r for r in longer if len(r.code) == step]
            for col in table.columns:
                if col.role not in parent.cells:
                    continue
                out.append(_evaluate(Check(rule, "subtotal", table, [Term(parent, col.role)],
                                           [Term(r, col.role) for r in children if col.role in r.cells],
                                           f"“{parent.code} {parent.label}”的{col.label} = 其下各科目之和",
                                           subject=f"{parent.code} {parent.label}", row=parent, role=col.role)))
    return out


def group_checks(table: Table, sch: TableSchema, rule: str = "YS128") -> list[Check]:
    """人员经费合计 / 公用经费合计 rows of a halves table against the classes they sum."""
    out = []
    for row in table.rows:
        key = row.attrs.get("key")
        codes = sch.groups.get(key or "")
        if not codes or row.kind != "total":
            continue
        coded = _coded(table)
        classes = [r for r in coded if r.code in codes]
        if not classes:  # no 类 rows printed: their 款 rows
            classes = [r for r in coded if len(r.code) == 5 and r.code[:3] in codes]
        for col in table.columns:
            if col.role not in row.cells:
                continue
            out.append(_evaluate(Check(rule, "group", table, [Term(row, col.role)],
                                       [Term(r, col.role) for r in classes if col.role in r.cells],
                                       f"{row.label} = {'、'.join(codes)} 各类之和", subject=row.label, row=row,
                                       role=col.role)))
    return out


# 收支总表 / 财政拨款收支表: rows by meaning
INCOME_SOURCES = ("gpb", "gov_fund", "state_capital", "special_account", "business", "operating", "superior",
                  "affiliated", "other", "unit_funds")


def keyed(table: Table, key: str) -> Row | None:
    """The first row with this meaning that prints a figure (else the first with it)."""
    rows = [r for r in table.rows if r.attrs.get("key") == key]
    return next((r for r in rows if r.cells), rows[0] if rows else None)


def key_checks(table: Table) -> list[Check]:
    out: list[Check] = []

    def add(rule: str, whole_key: str, part_rows: list[Row], text: str, roles=("total",), needs: str | None = None):
        whole = keyed(table, whole_key)
        if whole is None or (needs and (keyed(table, needs) is None or not keyed(table, needs).cells)):
            return
        for role in roles:
            parts = [Term(r, role) for r in part_rows if role in r.cells]
            if role not in whole.cells and not parts:
                continue
            if not parts:
                continue
            out.append(_evaluate(Check(rule, "key", table, [Term(whole, role)], parts, text,
                                       subject=whole.label, row=whole, role=role)))

    def rows_of(*keys: str) -> list[Row]:
        return [r for k in keys for r in [keyed(table, k)] if r is not None]

    income = [r for r in table.rows if r.attrs.get("side") == "income"]
    sources = [r for r in income if r.attrs.get("key") in INCOME_SOURCES]
    group = next((r for r in income if r.attrs.get("key") == "fiscal_income"), None)
    if group is not None:
        # '一、财政拨款' over 一般公共预算资金 / 政府性基金 / 国有资本经营预算: the group is the source
        fiscal_parts = [r for r in sources if r.attrs.get("key") in ("gpb", "gov_fund", "state_capital")]
        add("YS117", "fiscal_income", fiscal_parts, "财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算")
        sources = [group] + [r for r in sources if r not in fiscal_parts]
    add("YS117", "current_income", sources, "本年收入合计 = 各项收入之和")
    if keyed(table, "current_income") is not None:
        add("YS118", "income_total", rows_of("current_income", "carryover", "use_non_fiscal_balance"),
            "收入总计 = 本年收入合计 + 上年结转结余（年初结转和结余）", needs="current_income")
    else:  # a table without 本年收入合计: the 收入总计 of its sources
        add("YS118", "income_total", sources + rows_of("carryover", "use_non_fiscal_balance"),
            "收入总计 = 各项收入 + 上年结转结余")
    exp_roles = tuple(c.role for c in table.columns if c.side in (None, "expenditure")) or ("total",)
    if keyed(table, "current_expenditure") is not None:
        add("YS119", "expenditure_total", rows_of("current_expenditure", "year_end_carryover", "balance_distribution"),
            "支出总计 = 本年支出合计 + 年末结转和结余", roles=exp_roles, needs="current_expenditure")
    else:
        add("YS119", "expenditure_total", [r for r in table.rows if r.code_scheme == "function"]
            + rows_of("year_end_carryover", "balance_distribution"), "支出总计 = 各功能分类支出 + 年末结转和结余", roles=exp_roles)
    add("YS120", "current_expenditure", [r for r in table.rows if r.code_scheme == "function"],
        "本年支出合计 = 各功能分类（类）支出之和", roles=exp_roles)
    return out


def table_checks(table: Table, sch: TableSchema | None = None) -> list[Check]:
    """Every identity of the table that its columns and rows make checkable."""
    sch = sch or schema_of(table.kind)
    if sch is None:
        return []
    if sch.rows == "two_sided":
        return key_checks(table) + row_checks(table, sch)
    out = row_checks(table, sch)
    if sch.rows in ("function", "economic", "unit", "project"):
        rule = {"function": "YS113", "economic": "YS114"}.get(sch.rows, "YS115")
        out += column_checks(table, rule)
    if sch.rows in ("function", "economic"):
        out += subtotal_checks(table)
    if sch.groups:
        out += group_checks(table, sch)
    return out


def summarise(checks: list[Check]) -> list[IdentityResult]:
    """Checks grouped by identity: how often each held and where it failed."""
    by: dict[tuple[str, str], IdentityResult] = {}
    for c in checks:
        key = (c.rule, c.text if c.kind in ("row", "key") else c.kind)
        text = c.text if c.kind in ("row", "key") else {
            "column": "合计行 = 各明细行之和", "subtotal": "类、款 = 其下各科目之和", "group": "人员经费合计、公用经费合计 = 各类之和"}[c.kind]
        res = by.setdefault(key, IdentityResult(c.rule, text))
        if c.holds:
            res.held += 1
        else:
            res.failed += 1
            if len(res.failures) < 5:
                res.failures.append(c.subject if c.kind in ("row", "key") else f"{c.subject}（{c.extra.get('col', c.role)}）")
    return list(by.values())


def identity_of(rule: str, kind: TableKind) -> Identity | None:
    sch = schema_of(kind)
    return next((i for i in sch.identities if i.rule == rule), None) if sch else None
