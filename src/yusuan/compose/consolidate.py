"""A 部门 budget from its units' budgets (本级 and subordinate units): every figure summed exactly,
each unit kept as a row of the 收入表 and with its own 项 rows."""

from __future__ import annotations

from decimal import Decimal

from yusuan.compose.problems import Problems
from yusuan.model.budget import AMOUNT_FIELDS, DEPARTMENT_TARGETS, FUNDS, UNIT_INCOME, ZERO, Budget, FunctionRow, Profile


def merge_functions(rows: list[FunctionRow]) -> list[FunctionRow]:
    """项 rows of several units summed by code and fund (资金来源), in code order."""
    out: dict[tuple[str, int], FunctionRow] = {}
    order = {k: i for i, (k, _) in enumerate(FUNDS)}
    for r in rows:
        m = out.setdefault((r.code, order.get(r.fund, len(order))), FunctionRow(r.code, r.name, fund=r.fund))
        for f in AMOUNT_FIELDS:
            setattr(m, f, getattr(m, f) + getattr(r, f))
    return [out[c] for c in sorted(out)]


def _sum_by_code(items: list[tuple], amount_at: int) -> list[tuple]:
    out: dict[str, list] = {}
    for item in items:
        key = item[0]
        if key in out:
            out[key][amount_at] += item[amount_at]
        else:
            out[key] = list(item)
    return [tuple(out[k]) for k in sorted(out)]


def _department_targets(units: list[Budget]) -> list:
    """The “部门整体” indicators of a 部门 made of unit files: those of the first file that gives them
    (each unit's file may repeat them; they are the 部门's, not a sum)."""
    return next(([t for t in u.targets if t[0] == DEPARTMENT_TARGETS] for u in units
                 if any(t[0] == DEPARTMENT_TARGETS for t in u.targets)), [])


def _staff(units: list[Budget]) -> str:
    """人员情况 of a 部门: 本级's, then each other unit's under its name."""
    first, *rest = units
    parts = [first.profile.staff] + [f"{u.unit_name}：{u.profile.staff}" for u in rest if u.profile.staff]
    return "；".join(p.rstrip("。；") for p in parts if p) + ("。" if any(parts) else "")


def _partly_given(units: list[Budget], problems: Problems, where: list[str]) -> None:
    """上年预算数 and counts a 部门 knows only when every unit gave them: one given by some units only
    is left out of the 部门's text, and that is said (a blank is unknown, not 0)."""
    from yusuan.compose.workbook import LAST_YEAR_FIELDS
    from yusuan.model.budget import COUNT_ITEMS

    labels = dict(LAST_YEAR_FIELDS) | {k: label for k, label, _ in COUNT_ITEMS}
    for attr, what in (("last_year", "上年预算数"), ("counts", "数量")):
        for k in sorted(set().union(*(getattr(u, attr) for u in units))):
            missing = [w for w, u in zip(where, units) if k not in getattr(u, attr)]
            if missing:
                problems.warn("、".join(missing), f"没有填写{labels.get(k, k)}的{what}（其他单位填了）：部门的这一项无法合计，"
                                                  "情况说明不列出；该单位确实没有时请填 0")


def _section_texts(units: list[Budget], attr: str, problems: Problems, where: list[str]) -> dict[str, str]:
    """The officer's narrative texts of a 部门: each section's from the first unit file that gives
    it (the 部门's narrative is one text); another file's different text is said, not silently lost."""
    from yusuan.model.budget import NARRATIVE_SECTIONS

    labels = {k: label for k, _, label in NARRATIVE_SECTIONS}
    out: dict[str, str] = {}
    first: dict[str, str] = {}
    what = "情况说明补充" if attr == "texts" else "情况说明改写"
    for w, u in zip(where, units):
        for k, text in getattr(u, attr).items():
            if k not in out:
                out[k], first[k] = text, w
            elif text != out[k]:
                problems.warn(w, f"{what}·{labels.get(k, k)}与 {first[k]} 的不同，部门预算用 {first[k]} 的，这一份未使用")
    return out


def _sum_maps(maps: list[dict[str, Decimal]], only_complete: bool = False) -> dict[str, Decimal]:
    keys = set().union(*maps) if maps else set()
    if only_complete:  # 上年预算数 is known for the 部门 only where every unit gave it
        keys = {k for k in keys if all(k in m for m in maps)}
    return {k: sum((m.get(k, ZERO) for m in maps), ZERO) for k in sorted(keys)}


def merge_reasons(reasons: list[str]) -> str:
    """The units' reasons for one change as one sentence: clauses (split at ；，。) in the order they
    first appear, each once, and none that another clause contains ('落实过紧日子要求' and '落实过紧日子
    要求，压减一般性支出' give '落实过紧日子要求，压减一般性支出')."""
    import re

    clauses: list[str] = []
    for r in reasons:
        for c in re.split(r"[；;，,。]", r):
            c = c.strip()
            if c and c not in clauses:
                clauses.append(c)
    kept = [c for c in clauses if not any(c != o and c in o for o in clauses)]
    return "，".join(kept)


def _assets_in_order(items: list[tuple[str, Decimal]]) -> list[tuple[str, Decimal]]:
    """国有资产 by kind summed over the units, in the template's order of kinds (then any other kind
    in the order met), not in code-point order."""
    from yusuan.compose.workbook import ASSET_KINDS

    sums: dict[str, Decimal] = {}
    for k, v in items:
        sums[k] = sums.get(k, ZERO) + v
    order = {k: i for i, k in enumerate(ASSET_KINDS)}
    return sorted(sums.items(), key=lambda kv: order.get(kv[0], len(order)))


def _economic_by_unit(units: list[Budget]) -> tuple[list[tuple], list[str], list[str]]:
    """基本支出 economic rows of every unit, each with its unit's code and its fund, in code order
    (then the units' order): a unit's own rows stay its own (the 基本支出明细表 lists them by 项目单位);
    the tables that print one row per code sum them (render.henan.basic_by_class), a 行政 and a
    事业 unit's rows under their own 政府经济分类."""
    rows = [(code, k, i, (code, name, group, amt), u.units[0][0], u.economic_fund(i))
            for k, u in enumerate(units) for i, (code, name, group, amt) in enumerate(u.economic)]
    rows.sort(key=lambda r: r[:3])
    return [r[3] for r in rows], [r[4] for r in rows], [r[5] for r in rows]


def _by_unit(units: list[Budget], attr: str, keys) -> dict[str, dict[str, Decimal]]:
    """Each unit's 上年结转结余 (or 单位资金 sources) under its unit code, as a 部门 keeps them."""
    out = {}
    for u in units:
        got = {k: sum((m.get(k, ZERO) for m in getattr(u, attr).values()), ZERO) for k, _ in keys}
        if any(got.values()):
            out[u.units[0][0]] = {k: v for k, v in got.items() if v}
    return out


def consolidate(units: list[Budget], name: str, problems: Problems, where: list[str]) -> Budget | None:
    """The 部门 budget of `units` (the first being 本级 by convention). `where` names each input for messages."""
    years = {u.year for u in units}
    if len(years) > 1:
        problems.error("", "各单位的预算年度不一致：" + "、".join(f"{w} {u.year}年" for w, u in zip(where, units)))
        return None
    seen: dict[str, str] = {}
    for w, u in zip(where, units):
        ucode = u.units[0][0] if u.units else ""
        if not ucode:
            problems.error(w, f"单位“{u.unit_name}”没有填写单位编码，汇总为部门预算时每个单位都需要编码")
        elif ucode in seen:
            problems.error(w, f"单位编码 {ucode} 与 {seen[ucode]} 重复")
        seen[ucode] = w
        if u.scope != "unit":
            problems.error(w, f"“{u.unit_name}”已是部门预算，汇总的输入应为单位预算")
    if problems.errors:
        return None
    project_names: dict[str, str] = {}
    for u in units:
        for _, pname, _ in u.projects:
            if pname in project_names:
                problems.error("", f"项目“{pname}”同时出现在“{project_names[pname]}”和“{u.unit_name}”，请在项目名称中区分")
            project_names[pname] = u.unit_name
    if problems.errors:
        return None
    texts, rewrites = (_section_texts(units, attr, problems, where) for attr in ("texts", "rewrites"))
    _partly_given(units, problems, where)
    tp_keys = set().union(*(u.three_public for u in units))
    economic, economic_units, economic_funds = _economic_by_unit(units)
    dept = Budget(
        unit_name=name, year=units[0].year, scope="department",
        units=[(u.units[0][0], u.unit_name, u.total) for u in units],
        functions=merge_functions([f for u in units for f in u.functions]),
        economic=economic, economic_units=economic_units, economic_funds=economic_funds,
        project_funds={p: f for u in units for p, f in u.project_funds.items()},
        carryover=_by_unit(units, "carryover", FUNDS), unit_income=_by_unit(units, "unit_income", UNIT_INCOME),
        unit_types={u.units[0][0]: u.unit_type for u in units if u.unit_type},
        unit_type=units[0].unit_type if len({u.unit_type for u in units}) == 1 else "",
        project_economic={p: c for u in units for p, c in u.project_economic.items()},
        projects=[p for u in units for p in u.projects],
        targets=[t for u in units for t in u.targets if t[0] != DEPARTMENT_TARGETS] + _department_targets(units),
        three_public={k: sum((u.tp(k) for u in units), ZERO) for k in sorted(tp_keys)},
        operating=_sum_by_code([o for u in units for o in u.operating], 2),
        profile=Profile(duties=units[0].profile.duties, institutions=units[0].profile.institutions,
                        staff=_staff(units), overall_goal=units[0].profile.overall_goal,
                        tasks=next((u.profile.tasks for u in units if u.profile.tasks), [])),
        last_year=_sum_maps([u.last_year for u in units], only_complete=True),
        reasons={k: merge_reasons([u.reasons[k] for u in units if u.reasons.get(k)])
                 for k in set().union(*(u.reasons for u in units))},
        procurement=_sum_maps([u.procurement for u in units]),
        month=max((u.month for u in units), default=0),  # the latest month a unit gives
        texts=texts, rewrites=rewrites,
        counts={k: sum(u.counts[k] for u in units) for k in set().union(*(u.counts for u in units))
                if all(k in u.counts for u in units)},  # a count the 部门 knows only when every unit gave it
        asset_items=_assets_in_order([(k, v) for u in units for k, v in u.assets]),
        unit_functions={u.units[0][0]: u.functions for u in units},
        project_units={p: u.unit_name for u in units for _, p, _ in u.projects},
        project_codes={p: c for u in units for p, c in u.project_codes.items()},
    )
    return dept
