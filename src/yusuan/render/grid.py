"""A recognised disclosure laid out as grid tables again: every table by its column roles, so
that any document yusuan has read can be written as XLSX, DOCX, HTML or PDF."""

from __future__ import annotations

from yusuan.model.disclosure import Disclosure, Row, Table, TableKind as K
from yusuan.recognise.columns import label as role_label
from yusuan.render.files import GridTable
from yusuan.render.layout import grouped_pairs

_FUNCTION = (K.EXPENDITURE, K.GENERAL_BUDGET, K.GOV_FUND, K.STATE_CAPITAL)
_ECONOMIC = (K.GENERAL_BASIC, K.ECONOMIC_SUMMARY, K.OPERATING)
_LISTS = (K.PROJECT, K.PROJECT_CARRYOVER, K.BASIC_DETAIL)


def _code(row: Row) -> str:
    c = row.code or ""
    if row.code_scheme == "function" and len(c) == 7:
        return f"{c[:3]} {c[3:5]} {c[5:]}"
    return c


def _figures(row: Row, roles: list[str]) -> list[str]:
    return [row.cells[r].amount.printed if r in row.cells else "" for r in roles]


def _two_sided(t: Table) -> list[list[str]]:
    roles = [c.role for c in t.columns if c.role != "total"] if t.kind == K.FISCAL_SUMMARY else []
    income = [r for r in t.rows if r.attrs.get("side") == "income"]
    spend = [r for r in t.rows if r.attrs.get("side") == "expenditure"]
    rows = [["项目", "金额", "项目", "合计"] + [role_label(r) for r in roles]]
    for i in range(max(len(income), len(spend))):
        left = income[i] if i < len(income) else None
        right = spend[i] if i < len(spend) else None
        rows.append([left.label if left else "", _figures(left, ["total"])[0] if left else "",
                     right.label if right else "", *(_figures(right, ["total"] + roles) if right else [""] * (1 + len(roles)))])
    return rows


_FUNDS = ("total", "gpb", "special_account", "unit_funds")


def _performance(t: Table) -> list[list[str]]:
    """Projects with their funds, then their (三级指标, 指标值) pairs: one pair of columns per 一级指标
    where the source printed them so (成本/产出/效益/满意度指标 side by side), else one pair, one line each."""
    levels: list[str] = []
    for r in t.rows:
        levels += [x for x in r.attrs.get("target_levels", []) or [] if x and x not in levels]
    head = ["项目编码", "项目名称", "资金总额", "政府预算资金", "财政专户管理资金", "单位资金"]
    rows = [head + [x for lv in levels for x in (lv, "")], [""] * len(head) + ["三级指标", "指标值"] * len(levels)] \
        if levels else [head + ["三级指标", "指标值"]]
    for r in t.rows:
        targets = list(r.attrs.get("targets", []) or [])
        own = list(r.attrs.get("target_levels", []) or [])
        groups: list[list[tuple[str, str]]] = [[] for _ in levels] or [[]]
        for k, pair in enumerate(targets):
            level = own[k] if k < len(own) else ""
            groups[levels.index(level) if level in levels else 0].append(pair)
        for i, cells in enumerate(grouped_pairs(groups)):
            rows.append(([r.code or "", r.label] + _figures(r, list(_FUNDS)) if i == 0 else [""] * len(head)) + cells)
    return rows


def _dept_grid(t: Table) -> list[list[str]]:
    """部门整体绩效目标表: its 预算情况 amounts, then one row per indicator under the printed header."""
    rows = [[r.label, r.cells["total"].amount.printed] for r in t.rows if "total" in r.cells]
    targets = [x for r in t.rows for x in r.attrs.get("dept_targets", []) or []]
    if targets:
        rows.append(["一级指标", "二级指标", "三级指标", "指标值"])
        rows += [list(x) for x in targets]
    return rows


def table_grid(t: Table) -> list[list[str]]:
    roles = [c.role for c in t.columns]
    labels = [c.label for c in t.columns]
    if t.kind == K.DEPT_PERFORMANCE:
        return _dept_grid(t)
    if t.kind in (K.SUMMARY, K.FISCAL_SUMMARY):
        return _two_sided(t)
    if t.kind in _FUNCTION:
        head = [["科目编码", "科目名称"] + labels]
        return head + [[_code(r), r.label if r.kind != "total" else "合计"] + _figures(r, roles) for r in t.rows]
    if t.kind in _ECONOMIC:
        head = [["科目编码", "科目名称", "政府经济分类编码", "政府经济分类名称"] + labels]
        return head + [[r.code or "", r.label if r.kind != "total" else "合计", r.attrs.get("gov_code", ""),
                        r.attrs.get("gov_name", "")] + _figures(r, roles) for r in t.rows]
    if t.kind == K.INCOME:
        head = [["单位代码", "单位名称"] + labels]
        return head + [[r.code or "", r.label if r.kind != "total" else "合计"] + _figures(r, roles) for r in t.rows]
    if t.kind in _LISTS:
        head = [["类型", "项目名称", "项目单位"] + labels]
        return head + [[r.code or "" if r.kind == "unit" else r.attrs.get("type", ""),
                         r.label if r.kind != "total" else "合计", r.attrs.get("unit", "")] + _figures(r, roles) for r in t.rows]
    if t.kind == K.PROJECT_PERFORMANCE:
        return _performance(t)
    if t.kind == K.THREE_PUBLIC:
        return [labels] + [_figures(r, roles) for r in t.rows]
    return [[r.label] + [c.amount.printed for c in r.cells.values()] for r in t.rows]


def disclosure_grids(disc: Disclosure) -> tuple[list[str], list[GridTable]]:
    """The narrative as printed and every table as a grid, ready for render.files."""
    narrative = [text for _, text in disc.narrative.lines]
    tables = []
    for t in disc.tables:
        if t.kind == K.OTHER:
            continue  # nothing of these reaches the facts
        unit = f"单位：{t.unit}"
        name = f"单位名称：{disc.unit_name} {unit}" if disc.unit_name else unit
        tables.append(GridTable(label=t.label, title=t.title, before=[name], rows=table_grid(t), after=list(t.notes)))
    return narrative, tables
