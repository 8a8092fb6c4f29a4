"""表间一致: the same figure is the same wherever it appears."""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit.context import Ctx, Figure
from yusuan.audit.finding import Place
from yusuan.audit.registry import rule
from yusuan.model.rounding import fmt, sum_tolerance
from yusuan.model.disclosure import TableKind as K
from yusuan.read.clean import name_key
from yusuan.reference.catalogue import strip_ordinal

SAME = "同一数字在不同表格中必须一致；不一致说明至少一处抄错或口径不同。"


def same_rule(code: str, name: str, title: str, a, b, what_a: str, what_b: str, bad: str, good: str):
    """Register a rule comparing figure a(ctx) with figure b(ctx)."""
    def check(ctx: Ctx):
        f = ctx.same_check(code, a(ctx), b(ctx), what_a, what_b)
        if f:
            yield f
    rule(code, name, "cross_table", "error", title, SAME, bad, good)(check)


def _income_pair(ctx: Ctx) -> tuple[Figure | None, Figure | None, str, str]:
    """收支总表 and 收入表 in the same scope: 收入总计 against the 收入表's 总计, or, where the 收入表
    prints no 总计 column (决算: 本年收入合计 only), 本年收入合计 against 本年收入合计."""
    total = ctx.total(K.INCOME)
    if total is not None:
        return ctx.keyed(K.SUMMARY, "income_total"), total, "收支总表收入总计", "收入表合计"
    return (ctx.keyed(K.SUMMARY, "current_income"), ctx.total(K.INCOME, "current_total"),
            "收支总表本年收入合计", "收入表本年收入合计")


@rule("YS301", "summary-vs-income-table", "cross_table", "error",
      "收支总表的收入总计 = 收入表的合计（收入表只列本年收入时：两表的本年收入合计相等）", SAME,
      "收支总表收入总计 87.02，收入表合计 86.02", "两处均为 87.02")
def summary_vs_income_table(ctx: Ctx):
    a, b, what_a, what_b = _income_pair(ctx)
    f = ctx.same_check("YS301", a, b, what_a, what_b)
    if f:
        yield f


def all_general_budget(ctx: Ctx) -> bool:
    """All of this year's money is 一般公共预算 and nothing is carried over: the 支出表 and the
    一般公共预算支出表 then hold the same figures (otherwise the first includes more)."""
    total, gpb_income = ctx.keyed(K.SUMMARY, "current_income"), ctx.keyed(K.SUMMARY, "gpb")
    if total is None or gpb_income is None or total.value != gpb_income.value:
        return False
    for key in ("carryover", "use_non_fiscal_balance"):
        f = ctx.keyed(K.SUMMARY, key)
        if f is not None and f.value != 0:
            return False
    return True
same_rule("YS302", "summary-vs-expenditure-table", "收支总表的本年支出合计 = 支出表的合计",
          lambda c: c.keyed(K.SUMMARY, "current_expenditure"), lambda c: c.total(K.EXPENDITURE),
          "收支总表本年支出合计", "支出表合计", "收支总表本年支出合计 87.02，支出表合计 87.12", "两处均为 87.02")
same_rule("YS303", "general-budget-basic-vs-basic-table", "一般公共预算支出表的基本支出 = 一般公共预算基本支出表的合计",
          lambda c: c.total(K.GENERAL_BUDGET, "basic"), lambda c: c.total(K.GENERAL_BASIC),
          "一般公共预算支出表基本支出", "基本支出表合计", "基本支出 80.82 与基本支出表合计 80.72", "两处均为 80.82")
same_rule("YS304", "basic-detail-vs-basic-table", "基本支出明细表的合计 = 一般公共预算基本支出表的合计",
          lambda c: c.total(K.BASIC_DETAIL), lambda c: c.total(K.GENERAL_BASIC),
          "基本支出明细表合计", "基本支出表合计", "明细表合计 80.82，基本支出表合计 80.72", "两处均为 80.82")
@rule("YS305", "project-table-vs-expenditure", "cross_table", "error",
      "项目支出表的合计 = 支出表的项目支出（另有上年结转项目支出表时，两表合计之和也可）", SAME,
      "项目支出表合计 92.27，支出表项目支出 91.27", "两处均为 92.27")
def project_table_vs_expenditure(ctx: Ctx):
    projects, expenditure = ctx.total(K.PROJECT), ctx.total(K.EXPENDITURE, "project")
    carried = ctx.total(K.PROJECT_CARRYOVER)
    if projects is not None and carried is not None and expenditure is not None:
        # 本年 projects in one table, 上年结转 projects in another: the 支出表 spends both
        if ctx.agree(_derived_sum(projects.table, [projects, carried], "合计（含上年结转项目支出表）"), expenditure):
            return
    f = ctx.same_check("YS305", projects, expenditure, "项目支出表合计", "支出表项目支出")
    if f:
        yield f
same_rule("YS306", "economic-summary-vs-expenditure", "支出经济分类汇总表的合计 = 支出表的合计",
          lambda c: c.total(K.ECONOMIC_SUMMARY), lambda c: c.total(K.EXPENDITURE),
          "支出经济分类汇总表合计", "支出表合计", "汇总表合计 1,235.32，支出表合计 1,234.32", "两处均为 1,235.32")
same_rule("YS307", "fiscal-vs-summary-income", "财政拨款收支表的本年收入合计（无此行时为收入合计）= 收支总表中财政拨款（一般公共预算、政府性基金、国有资本经营）本年收入之和",
          lambda c: _fiscal_summary_income(c), lambda c: _fiscal_income(c),
          "财政拨款收支表收入合计", "收支总表财政拨款收入", "财政拨款收支表收入合计 87.02，收支总表一般公共预算 86.02",
          "两处均为 87.02")
same_rule("YS308", "general-budget-vs-fiscal", "一般公共预算支出表的合计 = 财政拨款收支表中一般公共预算本年支出",
          lambda c: c.total(K.GENERAL_BUDGET), lambda c: _fiscal_gpb_expenditure(c),
          "一般公共预算支出表合计", "财政拨款收支表一般公共预算本年支出",
          "一般公共预算支出表合计 87.02，财政拨款收支表一般公共预算 86.02", "两处均为 87.02")


def _fiscal_summary_income(ctx: Ctx) -> Figure | None:
    """The 财政拨款收支表's income of the year: its 收入合计, or where a carry-over (年初财政拨款结转和结余)
    makes the totals differ, its 本年收入合计."""
    total, current = ctx.keyed(K.FISCAL_SUMMARY, "income_total"), ctx.keyed(K.FISCAL_SUMMARY, "current_income")
    t = ctx.table(K.FISCAL_SUMMARY)
    carried = t is not None and any((r.attrs.get("key") or "").startswith("carry") and r.value("total")
                                    for r in t.rows)
    if carried and current is not None:
        return current
    return total or current


def _fiscal_income(ctx: Ctx) -> Figure | None:
    t = ctx.table(K.SUMMARY)
    if t is None:
        return None
    parts = [ctx.cell(t, r, "total") for r in t.rows if r.attrs.get("key") in ("gpb", "gov_fund", "state_capital")]
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    s = sum((p.value for p in parts), Decimal(0))
    first = parts[0]
    return Figure(type(first.amount)(s, "万元", ""), first.place)


def _fiscal_gpb_expenditure(ctx: Ctx) -> Figure | None:
    t = ctx.table(K.FISCAL_SUMMARY)
    if t is None:
        return None
    gb = ctx.table(K.GENERAL_BUDGET)
    if (gb is not None and gb.scope == "current"
            and any((r.attrs.get("key") or "").startswith("carry") and r.value("total") for r in t.rows)):
        # '本表不含上年结转资金安排的支出' beside a carry-over: the year's spending includes money the
        # table leaves out, so the two are not the same figure
        return None
    rows = [r for r in t.rows if r.attrs.get("key") == "current_expenditure" and "gpb" in r.cells]
    return ctx.cell(t, rows[0], "gpb") if rows else None


@rule("YS309", "summary-class-vs-expenditure", "cross_table", "error",
      "收支总表中每一功能分类（类）的金额 = 支出表中该类各科目之和",
      SAME, "收支总表“一般公共服务”71.86，支出表 201 类各项之和 71.96", "两处均为 71.86")
def summary_class_vs_expenditure(ctx: Ctx):
    summ, exp = ctx.table(K.SUMMARY), ctx.table(K.EXPENDITURE) or ctx.table(K.GENERAL_BUDGET)
    if summ is None or exp is None:
        return
    coded = [r for r in exp.rows if r.code_scheme == "function" and r.code]
    if not coded:
        return
    depth = max(len(r.code) for r in coded)
    for r in summ.rows:
        if r.code_scheme != "function" or not r.code:
            continue
        a = ctx.cell(summ, r, "total")
        parts = [ctx.cell(exp, x, "total") for x in coded if len(x.code) == depth and x.code.startswith(r.code)]
        parts = [p for p in parts if p is not None]
        if a is None and not parts:
            continue
        s = sum((p.value for p in parts), Decimal(0))
        value = a.value if a else Decimal(0)
        if abs(value - s) <= sum_tolerance([p.amount for p in parts]):
            continue
        yield ctx.finding("YS309", f"{summ.title}“{strip_ordinal(r.label)}”{fmt(value)} 万元，与{exp.title}中 {r.code} 类各科目之和 "
                                   f"{fmt(s)} 万元不一致，相差 {fmt(value - s)} 万元",
                          ([a] if a else []) + parts, expected=s, actual=value)


@rule("YS310", "function-rows-across-tables", "cross_table", "error",
      "支出表与一般公共预算支出表中同一科目的金额一致（全部收入均为一般公共预算时）",
      SAME, "支出表 2011350 事业运行 71.86，一般公共预算支出表 71.96", "两处均为 71.86")
def function_rows_across_tables(ctx: Ctx):
    exp, gpb = ctx.table(K.EXPENDITURE), ctx.table(K.GENERAL_BUDGET)
    if exp is None or gpb is None:
        return
    all_gpb = all_general_budget(ctx)
    mine: dict[str, list] = {}
    other: dict[str, list] = {}
    for t, into in ((exp, mine), (gpb, other)):
        for r in t.rows:
            if r.code_scheme == "function" and r.code:
                into.setdefault(r.code, []).append(r)
    for code, rows in mine.items():
        if code not in other:
            continue
        r = rows[0]
        for col in ("total", "basic", "project"):
            # a table printed in a block per unit lists a code once per unit: the department's figure of
            # that code is the sum of its blocks (derived), on either side
            a, b = (_code_figure(ctx, t, rs, col) for t, rs in ((exp, rows), (gpb, other[code])))
            if a is None or b is None:
                continue
            if all_gpb:
                f = ctx.same_check("YS310", a, b, f"{exp.title}“{r.code} {r.label}”{a.place.column}",
                                   f"{gpb.title}中的同一数字")
                if f:
                    yield f
            elif b.value > a.value:
                yield ctx.finding("YS310", f"{gpb.title}“{r.code} {r.label}”{b.place.column} {fmt(b.value)} 万元，"
                                           f"大于{exp.title}中的全部资金 {fmt(a.value)} 万元", [b, a],
                                  expected=a.value, actual=b.value)


def _code_figure(ctx: Ctx, t, rows: list, col: str) -> Figure | None:
    figures = [ctx.cell(t, r, col) for r in rows]
    if any(f is None for f in figures):
        return None
    return _derived_sum(t, figures, f"{rows[0].code} 各单位之和") if len(figures) > 1 else figures[0]


@rule("YS311", "department-total-vs-units", "cross_table", "error",
      "部门收入表：合计 = 各预算单位之和",
      "部门预算由本级和所属单位汇总而成，合计与各单位之和不符说明有单位漏列或数字抄错。",
      "合计 1,235.32；各单位 723.30 + 487.62 + 14.40", "各单位 723.30 + 487.62 + 24.40")
def department_total_vs_units(ctx: Ctx):
    t = ctx.table(K.INCOME)
    if t is None or t.total_row() is None:
        return
    units = [r for r in t.rows if r.kind == "unit"]
    codes = [r.code for r in units if r.code]
    leaves = [r for r in units if not (r.code and any(c != r.code and c.startswith(r.code) for c in codes))]
    if len(leaves) < 2:
        return
    f = ctx.sum_check("YS311", ctx.cell(t, t.total_row(), "total"), [ctx.cell(t, r, "total") for r in leaves],
                      f"{t.title}合计", "各预算单位")
    if f:
        yield f


@rule("YS312", "performance-vs-project-table", "cross_table", "error",
      "项目绩效目标表中每个项目的金额 = 项目支出表中同名项目的金额",
      "绩效目标表与项目支出表描述的是同一批项目，金额不同说明其中一处抄错。",
      "项目支出表“跨境电商”3.20，绩效目标表 3.00", "两处均为 3.20")
def performance_vs_project_table(ctx: Ctx):
    proj = ctx.table(K.PROJECT)
    if proj is None:
        return
    amounts = {r.label: r for r in proj.rows if r.kind == "item" and "total" in r.cells}
    for t in ctx.tables(K.PROJECT_PERFORMANCE):
        for r in t.rows:
            if r.kind != "item" or r.label not in amounts:
                continue
            f = ctx.same_check("YS312", ctx.cell(t, r, "total"), ctx.cell(proj, amounts[r.label], "total"),
                               f"{t.title}“{r.label}”", "项目支出表中的金额")
            if f:
                yield f


def _recoded_pairs(t1, t2) -> list[tuple]:
    """Rows of t1 whose code t2 does not have, paired with the row of t2 of the same name and
    figures whose code t1 does not have: one row printed with two codes."""
    codes1 = {r.code for r in t1.rows if r.code_scheme == "function"}
    codes2 = {r.code for r in t2.rows if r.code_scheme == "function"}
    left = [r for r in t2.rows if r.code_scheme == "function" and r.cells and r.code not in codes1]
    out = []
    for r in t1.rows:
        if r.code_scheme != "function" or not r.cells or r.code in codes2:
            continue
        total = r.cells.get("total")
        match = next((o for o in left if name_key(o.label) == name_key(r.label)
                      and (total is None or "total" not in o.cells or o.cells["total"].amount.wan == total.amount.wan)), None)
        if match is not None:
            left.remove(match)
            out.append((r, match))
    return out


def _recoded_rows(t1, t2) -> set[int]:
    return {id(x) for pair in _recoded_pairs(t1, t2) for x in pair}


def _recoded(ctx: Ctx, t1, t2):
    """One finding per wrong code of t1 (several rows given the same wrong code are one mistake)."""
    by_code: dict[str, list[tuple]] = {}
    for r, o in _recoded_pairs(t1, t2):
        by_code.setdefault(r.code, []).append((r, o))
    for code, pairs in by_code.items():
        places = [Place(t1.title, f"{r.code} {r.label}", None, r.location.page, r.location.line) for r, _ in pairs]
        names = "、".join(f"“{r.label}”（{t2.title}中为 {o.code}）" for r, o in pairs[:4]) + ("等" if len(pairs) > 4 else "")
        yield ctx.finding("YS313", f"{t1.title}把 {len(pairs)} 行的科目编码写作“{code}”：{names}"
                          if len(pairs) > 1 else f"{t1.title}中“{pairs[0][0].label}”的科目编码为 {code}，"
                          f"{t2.title}中同一科目为 {pairs[0][1].code}",
                          places=places[:1] + [Place(t2.title, f"{o.code} {o.label}", None, o.location.page, o.location.line)
                                               for _, o in pairs[:1]], related=places[1:])


@rule("YS313", "same-rows-across-tables", "cross_table", "error",
      "一般公共预算支出表的科目都在支出表中（全部收入为一般公共预算时两表科目相同）；基本支出表的经济分类科目都在支出经济分类汇总表中",
      "同一批支出在两张表中科目不同，说明有科目漏列或编码写错。",
      "支出表有 2010301，一般公共预算支出表写成 2010304", "两表都是 2010301")
def same_rows_across_tables(ctx: Ctx):
    exp, gpb = ctx.table(K.EXPENDITURE), ctx.table(K.GENERAL_BUDGET)
    if exp is not None and gpb is not None:
        all_gpb = all_general_budget(ctx)
        a = {r.code: r for r in exp.rows if r.code_scheme == "function" and r.cells}
        b = {r.code: r for r in gpb.rows if r.code_scheme == "function" and r.cells}
        yield from _recoded(ctx, gpb, exp) if all_gpb else ()
        recoded = _recoded_rows(gpb, exp) if all_gpb else set()
        pairs = [(gpb, b, exp, a)] + ([(exp, a, gpb, b)] if all_gpb else [])
        for t1, rows1, t2, rows2 in pairs:
            for code, r in rows1.items():
                if code not in rows2 and id(r) not in recoded:
                    yield ctx.finding("YS313", f"{t1.title}有科目“{code} {r.label}”，{t2.title}中没有",
                                      places=[Place(t1.title, f"{code} {r.label}", None, r.location.page, r.location.line)])
    basic, summ = ctx.table(K.GENERAL_BASIC), ctx.table(K.ECONOMIC_SUMMARY)
    if basic is not None and summ is not None:
        codes = {r.code for r in summ.rows if r.code_scheme == "economic"}
        for r in basic.rows:
            if r.code_scheme == "economic" and r.code and len(r.code) == 5 and r.code not in codes and r.cells:
                yield ctx.finding("YS313", f"{basic.title}有经济分类“{r.code} {r.label}”，{summ.title}中没有",
                                  places=[Place(basic.title, f"{r.code} {r.label}", None, r.location.page, r.location.line)])


@rule("YS314", "basic-within-economic-summary", "cross_table", "error",
      "基本支出表中每个经济分类科目（部门与政府经济分类的组合）的金额不大于支出经济分类汇总表中同一组合的金额",
      "汇总表包括基本支出和项目支出，同一科目组合的基本支出不可能超过汇总数；超过说明抄错或行错位。",
      "基本支出表 30101/50501 125.91，汇总表 301 01/505 01 6.12", "基本支出表 6.12，汇总表 6.12")
def basic_within_economic_summary(ctx: Ctx):
    basic, summ = ctx.table(K.GENERAL_BASIC), ctx.table(K.ECONOMIC_SUMMARY)
    if basic is None or summ is None:
        return
    totals: dict[tuple, list] = {}
    for r in summ.rows:
        if r.code_scheme == "economic" and r.code and "total" in r.cells:
            totals.setdefault((r.code, r.attrs.get("gov_code")), []).append(ctx.cell(summ, r, "total"))
    for r in basic.rows:
        key = (r.code, r.attrs.get("gov_code"))
        a = ctx.cell(basic, r, "total")
        if r.code_scheme != "economic" or a is None or key not in totals:
            continue
        cap = sum((f.value for f in totals[key]), Decimal(0))
        if a.value > cap + sum_tolerance([f.amount for f in totals[key]]):
            yield ctx.finding("YS314", f"{basic.title}“{r.code} {r.label}”{a.printed} 万元，大于{summ.title}中同一科目的 "
                                       f"{fmt(cap)} 万元", [a] + totals[key], expected=cap, actual=a.value)


_DETAIL_GROUPS = (("人员", "personnel", "人员类", "人员经费"), ("公用", "public", "公用经费类", "公用经费"))


def _detail_group(ctx: Ctx, word: str) -> Figure | None:
    """The sum of a 基本支出明细表's items of one 类型 (人员类 / 公用经费), marked as derived."""
    t = ctx.table(K.BASIC_DETAIL)
    rows = [r for r in t.rows if r.kind == "item" and word in (r.attrs.get("type") or "") and "total" in r.cells] if t else []
    if not rows or any("type" not in r.attrs for r in t.rows if r.kind == "item"):
        return None  # an item of no 类型: the groups are not known
    return _derived_sum(t, [ctx.cell(t, r, "total") for r in rows], f"{rows[0].attrs['type']}各项之和")


def _derived_sum(t, parts: list[Figure], label: str) -> Figure:
    """The sum of several printed figures, marked as derived (it carries their rounding)."""
    if len(parts) == 1:
        return parts[0]
    from yusuan.model.amount import Amount

    first = parts[0]
    return Figure(Amount(sum((p.value for p in parts), Decimal(0)), "万元", ""),
                  Place(t.title, label, first.place.column, first.place.page, first.place.line),
                  trusted=all(p.trusted for p in parts), table=t, parts=parts)


@rule("YS315", "basic-detail-groups-vs-basic-table", "cross_table", "warning",
      "基本支出明细表中人员类、公用经费类各项之和 = 一般公共预算基本支出表的人员经费、公用经费",
      "明细表按类型（人员类、公用经费）列示基本支出，基本支出表按经济分类列示；两处分组不同，说明某项按一类列示、"
      "按另一类的经济科目记账（如公务通讯补贴列为人员类、记入 302），或有一处抄错。口径可能确有不同，所以是警告。",
      "明细表人员类各项之和 148.08，基本支出表人员经费 146.74", "两处均为 146.74")
def basic_detail_groups(ctx: Ctx):
    found = []
    for word, key, label, group in _DETAIL_GROUPS:
        detail = _detail_group(ctx, word)
        basic = ctx.group_total(K.GENERAL_BASIC, key) or ctx.total(K.GENERAL_BASIC, key)
        f = ctx.same_check("YS315", detail, basic, f"基本支出明细表{label}各项之和", f"基本支出表{group}")
        if f:
            found.append((f, detail, basic))
    if len(found) == 2 and found[0][0].difference == -found[1][0].difference:
        # one amount in the other group: one finding, not two
        (_, d1, b1), (_, d2, b2) = found
        moved = abs(d1.value - b1.value)
        yield ctx.finding("YS315", f"基本支出明细表人员类各项之和 {fmt(d1.value)} 万元、公用经费类 {fmt(d2.value)} 万元，"
                                   f"基本支出表人员经费 {fmt(b1.value)} 万元、公用经费 {fmt(b2.value)} 万元：合计相同，"
                                   f"有 {fmt(moved)} 万元在两表中分在不同的类（请核对该项按人员经费还是公用经费列示）",
                          [d1, b1, d2, b2], expected=b1.value, actual=d1.value)
        return
    yield from (f for f, _, _ in found)


_BASIC_FORMS = (("personnel", "人员类", "人员经费"), ("public", "公用经费", "公用经费"))


def basic_forms(ctx: Ctx) -> list[tuple]:
    """(table, row) of the 基本支出 performance forms: read as such and not a project the project
    tables list (a 公用经费 transfer such as 义务教育学校公用经费 is a project)."""
    projects = {name_key(r.label) for t in ctx.tables(K.PROJECT, K.PROJECT_CARRYOVER) for r in t.rows if r.kind == "item"}
    return [(t, r) for t in ctx.tables(K.PROJECT_PERFORMANCE) for r in t.rows
            if r.kind == "item" and r.attrs.get("basic") and name_key(r.label) not in projects]


def _form_groups(ctx: Ctx, forms: list[tuple]) -> list[list[tuple]]:
    """The sets of forms that each cover what the basic table covers: in a 单位, its own forms; in a
    部门, the forms of all its listed units (if every unit has its own), and apart from them the forms
    the 部门 gives in its own name (unless a unit bears that name: its 本级). Forms of only some units
    cover nothing whole."""
    def unit_of(r) -> str:
        return name_key(r.attrs.get("unit") or "")

    if not forms:
        return []
    listed = {name_key(u["name"]) for u in ctx.disc.units or [] if u.get("name")}
    own = name_key(ctx.disc.unit_name or "")
    if len(listed) <= 1:
        mine = next(iter(listed), own)
        return [forms] if all(not unit_of(r) or unit_of(r) == mine or mine and mine in unit_of(r)
                              for _, r in forms) else []
    groups = []
    of_units = [(t, r) for t, r in forms if unit_of(r) in listed]
    if of_units and {unit_of(r) for _, r in of_units} == listed:
        groups.append(of_units)
    if own and not any(k.startswith(own) for k in listed):
        of_own = [(t, r) for t, r in forms if unit_of(r) == own]
        if of_own:
            groups.append(of_own)
    return groups


@rule("YS316", "basic-forms-vs-basic-table", "cross_table", "warning",
      "基本支出绩效目标表（人员类、公用经费）的资金 = 一般公共预算基本支出表的人员经费、公用经费",
      "有的地方为基本支出也填报绩效目标表，按人员类、公用经费各一张；表中的资金（财政拨款）应与基本支出表的"
      "人员经费、公用经费一致；有人员类的表而没有公用经费的（或反之），说明漏报一张。部门文件可能只列部分单位的"
      "基本支出绩效目标（此时不比较），口径也可能不同，所以是警告。",
      "人员类项目绩效目标表财政拨款 1,391,200.00 元，基本支出表人员经费 149.12 万元", "两处均为 139.12 万元")
def basic_forms_vs_basic_table(ctx: Ctx):
    for forms in _form_groups(ctx, basic_forms(ctx)):
        yield from _basic_group(ctx, forms)


def _basic_group(ctx: Ctx, forms: list[tuple]):
    for key, label, group in _BASIC_FORMS:
        mine = [(t, r) for t, r in forms if r.attrs["basic"] == key]
        basic = ctx.group_total(K.GENERAL_BASIC, key) or ctx.total(K.GENERAL_BASIC, key)
        if not mine:
            other = next(lab for k, lab, _ in _BASIC_FORMS if k != key)
            if basic is not None and basic.value > 0:
                t, r = forms[0]
                yield ctx.finding("YS316", f"有{other}的基本支出绩效目标表（“{r.label}”），没有{label}的，"
                                           f"而基本支出表{group} {fmt(basic.value)} 万元", [basic],
                                  places=[Place(t.title, r.label, None, r.location.page, r.location.line)])
            continue
        if any(r.attrs.get("funds_unsure") or "gpb" not in r.cells and ({"unit_funds", "special_account"} & set(r.cells)
                                                                      or "total" not in r.cells) for _, r in mine):
            continue  # a form whose 财政拨款 is not known: the basic table is 一般公共预算 money only
        parts = [ctx.cell(t, r, "gpb" if "gpb" in r.cells else "total") for t, r in mine]
        form = _derived_sum(mine[0][0], parts, f"{label}绩效目标表资金之和" if len(parts) > 1 else mine[0][1].label)
        first = parts[0]
        printed = f"（原表 {first.amount.printed} {first.amount.unit}）" if first.amount.unit != "万元" else ""
        column = (first.place.column or "资金").removeprefix("其中：")
        what = (f"基本支出绩效目标表“{mine[0][1].label}”的{column}{printed}" if len(parts) == 1
                else f"{len(parts)}张{label}基本支出绩效目标表的资金之和")
        f = ctx.same_check("YS316", form, basic, what, f"基本支出表{group}")
        if f:
            yield f
