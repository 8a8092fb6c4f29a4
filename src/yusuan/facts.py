"""The `facts` block of the JSON output (see docs/canonical-json.md of the shared docs).

Each key comes from the most specific table that states it; the narrative fills in what no
table states. What the document does not state is left out, never filled in as 0.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.disclosure import Disclosure, Row, Table, TableKind
from yusuan.recognise.verify import grand_total
from yusuan.reference.catalogue import catalogue, name_key, strip_ordinal

_SUMMARY_KEYS = {
    "income_total": "income_total", "expenditure_total": "expenditure_total", "current_income": "current_income",
    "carryover": "carryover", "gpb": "general_public_budget", "fiscal": "fiscal_appropriation",
    "gov_fund": "gov_fund", "state_capital": "state_capital",
}
_NARRATIVE_KEYS = {
    "income_total": "income_total", "expenditure_total": "expenditure_total", "current_income": "current_income",
    "basic": "basic", "project": "project", "personnel": "personnel", "public": "public",
    "three_public_total": "three_public_total", "abroad": "abroad", "vehicle_total": "vehicle_total",
    "vehicle_purchase": "vehicle_purchase", "vehicle_operation": "vehicle_operation", "reception": "reception",
    "operating_expenses": "operating_expenses", "procurement_total": "procurement_total",
    "fixed_assets_total": "fixed_assets_total", "gov_fund": "gov_fund", "state_capital": "state_capital",
}


def _text(row: Row | None, role: str) -> str | None:
    if row is None:
        return None
    c = row.cells.get(role)
    return c.amount.wan_text() if c else None


def _derived(row: Row | None, group: str) -> str | None:
    if row is None:
        return None
    d = row.attrs.get(f"derived_{group}")
    return str(d) if d is not None else None


def _first_table(disc: Disclosure, *kinds: TableKind) -> Table | None:
    for k in kinds:
        t = disc.table(k)
        if t is not None and not t.empty:
            return t
    return None


def build_facts(disc: Disclosure) -> dict:
    totals: dict[str, str] = {}
    summ = disc.table(TableKind.SUMMARY)
    if summ is not None:
        for r in summ.rows:
            key = r.attrs.get("key")
            fact = _SUMMARY_KEYS.get(key or "")
            if fact and "total" in r.cells and fact not in totals:
                totals[fact] = r.cells["total"].amount.wan_text()
    exp = _first_table(disc, TableKind.EXPENDITURE, TableKind.GENERAL_BUDGET)
    exp_total = exp.total_row() if exp else None
    for role in ("basic", "project"):
        v = _text(exp_total, role)
        if v is not None:
            totals[role] = v
    basic_t = _first_table(disc, TableKind.GENERAL_BASIC)
    basic_total = grand_total(basic_t) if basic_t else None
    for role in ("personnel", "public"):
        # 人员经费合计 / 公用经费合计 rows of a table printed in two halves
        group = next((r for r in basic_t.rows if r.attrs.get("key") == role), None) if basic_t else None
        v = _text(basic_total, role) or _text(group, "total") or _text(exp_total, role) or _derived(exp_total, role)
        if v is not None:
            totals[role] = v
    tp = _first_table(disc, TableKind.THREE_PUBLIC)
    if tp is not None and tp.rows:
        row = tp.rows[0]
        for role, key in (("total", "three_public_total"), ("abroad", "abroad"), ("vehicle_total", "vehicle_total"),
                          ("vehicle_purchase", "vehicle_purchase"), ("vehicle_operation", "vehicle_operation"),
                          ("reception", "reception")):
            v = _text(row, role)
            if v is not None:
                totals[key] = v
    op = _first_table(disc, TableKind.OPERATING)
    if op is not None:
        v = _text(op.total_row(), "total")
        if v is not None:
            totals["operating_expenses"] = v
    elif tp is not None and tp.rows and _text(tp.rows[0], "operating_expenses") is not None:
        totals["operating_expenses"] = _text(tp.rows[0], "operating_expenses")  # “三公”经费和机关运行经费预算表
    for st in disc.narrative.statements:
        fact = _NARRATIVE_KEYS.get(st.key or "")
        if fact and st.amount is not None and fact not in totals:
            totals[fact] = st.amount.wan_text()

    facts: dict = {}
    if disc.unit_name:
        facts["unit_name"] = disc.unit_name
    if disc.year:
        facts["year"] = disc.year
    if disc.doc_type:
        facts["doc_type"] = disc.doc_type
    if disc.scope:
        facts["scope"] = disc.scope
    if disc.units:
        facts["units"] = disc.units
    facts["totals"] = totals
    facts["function_classes"] = function_classes(exp)
    facts["function_class_totals"] = function_class_totals(summ)
    facts["economic_classes"] = economic_classes(basic_t)
    facts["projects"] = [p for kind in (TableKind.PROJECT, TableKind.PROJECT_CARRYOVER)
                         for p in projects(_first_table(disc, kind), carryover=kind == TableKind.PROJECT_CARRYOVER)]
    facts["performance_targets"] = [t for table in disc.tables_of(TableKind.PROJECT_PERFORMANCE)
                                    for t in performance_targets(table)]
    facts["performance_targets"] += [t for table in disc.tables_of(TableKind.DEPT_PERFORMANCE)
                                     for t in dept_targets(table)]
    if disc.doc_type == "final":
        budget = budget_figures(disc)
        if budget:
            facts["budget"] = budget
    return facts


_BUDGET_KEYS = {"total": "three_public_total", "abroad": "abroad", "vehicle_total": "vehicle_total",
                "vehicle_purchase": "vehicle_purchase", "vehicle_operation": "vehicle_operation", "reception": "reception"}


def budget_figures(disc: Disclosure) -> dict:
    """A 决算's 年初预算数 beside its 决算数: the 预算数 columns of its tables (三公), then what the
    narrative states as 年初预算 ('一般公共预算财政拨款支出年初预算为10210.34万元'), under the same keys as
    `totals`."""
    out: dict[str, str] = {}
    tp = _first_table(disc, TableKind.THREE_PUBLIC)
    if tp is not None and tp.rows:
        for role, key in _BUDGET_KEYS.items():
            v = _text(tp.rows[0], f"budget.{role}")
            if v is not None:
                out[key] = v
    for st in disc.narrative.statements:
        if st.measure == "budget" and st.amount is not None and st.key and ":" not in st.key and st.key not in out:
            out[st.key] = st.amount.wan_text()
    return out


def function_classes(table: Table | None) -> list[dict]:
    if table is None:
        return []
    out = []
    for r in table.rows:
        if r.code_scheme != "function" or r.level != "项":
            continue
        d = {"code": r.code, "name": r.label}
        for role in ("total", "basic", "project"):
            v = _text(r, role)
            if v is not None:
                d[role] = v
        out.append(d)
    return out


def function_class_totals(table: Table | None) -> list[dict]:
    if table is None:
        return []
    out = []
    for r in table.rows:
        if r.code_scheme == "function" and "total" in r.cells:
            out.append({"code": r.code, "name": strip_ordinal(r.label), "total": r.cells["total"].amount.wan_text()})
    return out


def economic_classes(table: Table | None) -> list[dict]:
    """基本支出 by 经济分类, one entry per printed 款 row (类 rows are subtotals of them): a code may
    stand more than once where the table prints a block per unit or per pay type."""
    if table is None:
        return []
    out = []
    block, seen, unit = 1, set(), None
    rows = [r for r in table.rows if r.code_scheme == "economic" and r.level == "款" and "total" in r.cells]
    codes = [r.code for r in rows]
    blocks = len(codes) != len(set(codes))
    for r in table.rows:
        if r.kind == "unit" and r.label and (r.code or not _economic_class_name(r.label)):
            unit = r.label
            seen = set()
            continue
        if r.code_scheme != "economic" or r.level != "款" or "total" not in r.cells:
            continue
        if blocks and r.code in seen:
            block += 1  # the codes start again: the next unit's or pay type's block (行政 | 事业)
            seen = set()
        seen.add(r.code)
        d = {"code": r.code, "name": r.label}
        if r.attrs.get("gov_code"):
            d["gov_code"] = r.attrs["gov_code"]
            if r.attrs.get("gov_name"):
                d["gov_name"] = r.attrs["gov_name"]
        d["total"] = r.cells["total"].amount.wan_text()
        for role in ("personnel", "public"):
            v = _text(r, role)
            if v is not None:
                d[role] = v
        if unit:
            d["unit"] = unit
        elif blocks:
            d["block"] = block
        out.append(d)
    return out


def _economic_class_name(label: str) -> bool:
    """'工资福利支出' printed without its code is a 类 row, not a unit opening a block."""
    cat = catalogue()
    key = name_key(label)
    return any(name_key(n) == key for book in (cat.economic, cat.gov_economic) for names in book.values() for n in names)


def projects(table: Table | None, carryover: bool = False) -> list[dict]:
    if table is None:
        return []
    out = []
    for r in table.rows:
        if r.kind != "item" or "total" not in r.cells:
            continue
        d = {"name": r.label, "amount": r.cells["total"].amount.wan_text()}
        if r.attrs.get("type"):
            d["type"] = r.attrs["type"]
        if r.attrs.get("unit"):
            d["unit"] = r.attrs["unit"]
        if carryover:
            d["carryover"] = True
        out.append(d)
    return out


def dept_targets(table: Table) -> list[dict]:
    """部门整体 indicators, as canonical-json.md gives them: project '部门整体', with level1/level2."""
    out = []
    for r in table.rows:
        for level1, level2, indicator, value in r.attrs.get("dept_targets", []) or []:
            d = {"project": "部门整体", "indicator": indicator, "value": value}
            if level1:
                d["level1"] = level1
            if level2:
                d["level2"] = level2
            out.append(d)
    return out


def performance_targets(table: Table | None) -> list[dict]:
    if table is None:
        return []
    out = []
    for r in table.rows:
        levels = r.attrs.get("target_levels") or []
        levels2 = r.attrs.get("target_levels2") or []
        for k, (indicator, value) in enumerate(r.attrs.get("targets", []) or []):
            level1 = levels[k] if k < len(levels) else ""
            level2 = levels2[k] if k < len(levels2) else ""
            out.append({"project": r.label, **({"level1": level1} if level1 else {}),
                        **({"level2": level2} if level2 else {}), "indicator": indicator, "value": value})
    return out
