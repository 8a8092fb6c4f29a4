"""文表一致 and 同比变动: the narrative's figures against the tables, and against themselves."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from yusuan.audit.context import Ctx, Figure
from yusuan.audit.finding import Place
from yusuan.audit.registry import rule
from yusuan.model.amount import Amount, parse_amount
from yusuan.model.rounding import agrees, fmt, printed_half, ratio_range, same_tolerance
from yusuan.model.disclosure import Statement, TableKind as K
from yusuan.read.clean import name_key
from yusuan.recognise.narrative import cn_int, subject_key
from yusuan.recognise.verify import grand_total

# narrative fact key -> where the tables state it
_SUMMARY_KEYS = {"income_total": "income_total", "expenditure_total": "expenditure_total",
                 "current_income": "current_income", "current_expenditure": "current_expenditure",
                 "general_public_budget": "gpb", "gov_fund": "gov_fund", "state_capital": "state_capital",
                 "special_account": "special_account", "business_income": "business", "carryover": "carryover"}
# key -> (tables to look in, first that has figures; the column; a group total row instead of the 合计 row)
_TOTAL_ROW = {"basic": ((K.EXPENDITURE, K.GENERAL_BUDGET), "basic", None),
              "project": ((K.EXPENDITURE, K.GENERAL_BUDGET), "project", None),
              "gpb_basic": ((K.GENERAL_BUDGET, K.GENERAL_BASIC, K.EXPENDITURE), "basic", None),
              "gpb_project": ((K.GENERAL_BUDGET, K.EXPENDITURE), "project", None),
              "personnel": ((K.GENERAL_BASIC,), "personnel", "personnel"),
              "public": ((K.GENERAL_BASIC,), "public", "public"),
              "operating_expenses": ((K.OPERATING,), "total", None),
              "general_budget_expenditure": ((K.GENERAL_BUDGET,), "total", None),
              "gov_fund_expenditure": ((K.GOV_FUND,), "total", None),
              "state_capital_expenditure": ((K.STATE_CAPITAL,), "total", None),
              "three_public_total": ((K.THREE_PUBLIC,), "total", None), "abroad": ((K.THREE_PUBLIC,), "abroad", None),
              "vehicle_total": ((K.THREE_PUBLIC,), "vehicle_total", None),
              "vehicle_purchase": ((K.THREE_PUBLIC,), "vehicle_purchase", None),
              "vehicle_operation": ((K.THREE_PUBLIC,), "vehicle_operation", None),
              "reception": ((K.THREE_PUBLIC,), "reception", None)}


def _measure_role(ctx: Ctx, role: str, measure: str | None) -> str | None:
    """The column of a measure the narrative names ('年初预算为' in a 决算: the 预算数 column)."""
    main = "final" if ctx.disc.doc_type == "final" else "budget"
    if measure in (None, main):
        return role
    return f"{measure}.{role}"


def table_figure(ctx: Ctx, key: str, measure: str | None = None) -> Figure | None:
    """The figure the tables give for a narrative fact key; a blank cell of a printed row is 0."""
    main = "final" if ctx.disc.doc_type == "final" else "budget"
    if key in _SUMMARY_KEYS or key == "fiscal_total":
        if measure not in (None, main):
            return None
        t = ctx.table(K.FISCAL_SUMMARY if key == "fiscal_total" else K.SUMMARY)
        want = "income_total" if key == "fiscal_total" else _SUMMARY_KEYS[key]
        rows = [r for r in t.rows if r.attrs.get("key") == want] if t else []
        if rows:
            return ctx.cell_or_zero(t, next((r for r in rows if "total" in r.cells), rows[0]), "total")
        return None
    if key in _TOTAL_ROW:
        kinds, role, group = _TOTAL_ROW[key]
        role = _measure_role(ctx, role, measure)
        for kind in kinds:
            t = ctx.table(kind)
            if t is None or kind == K.EXPENDITURE and key.startswith("gpb_") and _other_money(ctx):
                continue  # the 支出表 holds all money: the 一般公共预算 figure only when there is no other
            if not any(c.role == role for c in t.columns) and group is None and kind != K.GENERAL_BASIC:
                continue
            if group is not None and not any(c.role == role for c in t.columns):
                f = ctx.group_total(kind, group, _measure_role(ctx, "total", measure))
                if f is not None:
                    return f
                continue
            if kind == K.GENERAL_BASIC and role == "basic":
                return ctx.total(kind, _measure_role(ctx, "total", measure))
            r = grand_total(t)
            if r is None and t.kind == K.THREE_PUBLIC and len(t.rows) == 1:
                r = t.rows[0]  # one row of figures without a label; a row per unit is no one's total
            if r is not None and r.cells and any(c.role == role for c in t.columns):
                return ctx.cell_or_zero(t, r, role)
        return None
    if key.startswith("fiscal_function:"):
        # a 类 of the 财政拨款 section: the 财政拨款收支总表's, or the 收支总表's where all money is 财政拨款
        code = key.split(":")[1]
        t = ctx.table(K.FISCAL_SUMMARY)
        rows = [r for r in t.rows if r.code == code and "total" in r.cells] if t else []
        if rows and measure in (None, main):
            return ctx.cell(t, rows[0], "total")
        if not _only_general_money(ctx):
            return None
        key = "function:" + code
    if key.startswith(("function:", "gpb_function:", "gf_function:", "sc_function:")):
        if measure not in (None, main):
            return None
        code = key.split(":")[1]
        fund = {"gpb": K.GENERAL_BUDGET, "gf": K.GOV_FUND, "sc": K.STATE_CAPITAL}.get(key.split("_")[0])
        if fund is not None:
            t = ctx.table(fund)
            rows = [r for r in t.rows if r.code == code and "total" in r.cells] if t else []
            if rows:
                return ctx.cell(t, rows[0], "total")
            leaves = [r for r in t.rows if r.code_scheme == "function" and len(r.code) == 7 and r.code.startswith(code)
                      and "total" in r.cells] if t else []
            if leaves and (fund != K.GENERAL_BUDGET or not _only_general_money(ctx)):  # the 类 as the sum of its 项
                parts = [ctx.cell(t, r, "total") for r in leaves]
                return Figure(Amount(sum((f.value for f in parts), Decimal(0)), "万元", ""),
                              Place(t.title, f"{code} 类各项之和", parts[0].place.column, parts[0].place.page,
                                    parts[0].place.line), trusted=all(f.trusted for f in parts), table=t, parts=parts)
            if fund != K.GENERAL_BUDGET or not _only_general_money(ctx):
                return None  # the 收支总表's 类 are of all money: not the figure of one fund's section
        t = ctx.table(K.SUMMARY)
        rows = [r for r in t.rows if r.code == code] if t else []
        return ctx.cell_or_zero(t, rows[0], "total") if rows else None
    return None


_OTHER_MONEY = ("gov_fund", "state_capital", "special_account", "business", "operating", "superior", "affiliated",
                "other", "unit_funds", "carryover")


def _other_money(ctx: Ctx) -> bool:
    """The 收支总表 shows income other than 一般公共预算."""
    return ctx.table(K.SUMMARY) is not None and not _only_general_money(ctx)


def _only_general_money(ctx: Ctx) -> bool:
    """The 收支总表 shows no income but 一般公共预算 (so its 类 are 一般公共预算 figures too)."""
    t = ctx.table(K.SUMMARY)
    if t is None:
        return False
    return not any(r.attrs.get("key") in _OTHER_MONEY and r.cells.get("total") is not None
                   and r.cells["total"].amount.wan for r in t.rows)


def one_unit_apart(a: Decimal, b: Decimal, printed: str) -> bool:
    """Off by one unit of the last printed digit: a rounding artefact of the preparation (尾差),
    not a contradiction a reviewer should treat as an error."""
    unit = Decimal(1).scaleb(Decimal(printed.replace(",", "")).as_tuple().exponent)
    return abs(a - b) == unit


@rule("YS401", "narrative-amount-vs-table", "text_vs_table", "error",
      "情况说明中的金额 = 表格中的同一数字（收支总计、各项收入、基本/项目支出、人员/公用经费、“三公”各项、机关运行经费、各功能分类；"
      "“一般公共预算支出”一节的类与一般公共预算支出表比较，有其他资金时不与收支总表比较；"
      "决算的年初预算数与决算数各与表中相应列比较）",
      "情况说明是对表格的解释，数字不一致会让公众无从判断哪个是真的。相差仅一个尾数单位时为警告（可能是四舍五入尾差）。",
      "情况说明“基本支出80.82万元”，支出表基本支出 80.72", "两处均为 80.82（“6.2万元”与“6.20”视为一致）")
def narrative_amount_vs_table(ctx: Ctx):
    for st in ctx.disc.narrative.statements:
        if st.amount is None or not st.key:
            continue
        table = table_figure(ctx, st.key, st.measure)
        stated = ctx.stated(st)
        if table is None or stated is None:
            continue
        if abs(stated.value - table.value) <= same_tolerance(stated.amount, table.amount):
            continue
        tail = one_unit_apart(stated.value, table.value, st.amount.printed) and table.printed
        yield ctx.finding("YS401", f"情况说明“{st.subject}{st.amount.printed}万元”与{table.place.table}"
                                   f"“{table.place.row}”{table.place.column} {fmt(table.value)} 万元不一致，"
                                   f"相差 {fmt(stated.value - table.value)} 万元" + ("（仅差一个尾数单位，可能是四舍五入尾差）" if tail else ""),
                          [stated, table], expected=table.value, actual=stated.value,
                          severity="warning" if tail else None)


_WHOLE_KEYS = ("current_expenditure", "expenditure_total", "general_budget_expenditure", "current_income",
               "income_total", "general_public_budget")


def _whole_of(statements: list[Statement], i: int) -> Statement | None:
    """The figure a share is of: the whole the share names ('占本年支出合计的99.86%'), else the
    first total the section states ('支出合计…其中：基本支出…占…；项目支出…占…' — both shares are
    of 支出合计, not of each other)."""
    st = statements[i]
    if st.share_of:
        key = subject_key(st.share_of)
        if key:
            named = next((s for s in reversed(statements) if s.key == key and s.amount is not None and s is not st), None)
            if named is not None:
                return named
    start = _section_start(statements, i)
    # a figure with a share of its own is a part beside this one ('其中一般公共预算拨款收入612.45万元，
    # 占94.59%；事业收入30.00万元，占4.63%'), not the whole both are shares of
    return next((s for s in statements[start:i] if s.amount is not None and s.key in _WHOLE_KEYS
                 and s.share is None and s.amount.wan >= st.amount.wan), None)


def _section_start(statements: list[Statement], i: int) -> int:
    """The first statement of statement i's section."""
    start = i
    while start > 0 and statements[start - 1].section == statements[i].section:
        start -= 1
    return start


def _share_fits(st: Statement, whole: Statement) -> bool:
    p, w = st.amount, whole.amount
    if p is None or w is None or not w.wan:
        return False
    rng = ratio_range(p.wan, Decimal(5).scaleb(p.exponent - 1), w.wan, Decimal(5).scaleb(w.exponent - 1))
    return agrees(st.share, printed_half(st.share_printed), rng)


def _explained(statements: list[Statement], i: int) -> bool:
    """Another figure the section states before the share is a whole it holds for (the sentence's
    own total without a known subject, '本年收入预算647.45万元，其中…'): the share is not shown wrong."""
    st = statements[i]
    return any(s.amount is not None and s.share is None and s.amount.wan >= st.amount.wan and _share_fits(st, s)
               for s in statements[_section_start(statements, i):i])


@rule("YS402", "narrative-share", "text_vs_table", "error",
      "情况说明中的占比 = 该项金额 ÷ 所属总额（按印刷精度四舍五入，考虑两数自身的舍入）",
      "占比是读者理解支出结构的依据，算错会误导判断。",
      "支出合计87.02万元，其中基本支出80.82万元，占92.00%", "占92.88%")
def narrative_share(ctx: Ctx):
    sts = ctx.disc.narrative.statements
    for i, st in enumerate(sts):
        if st.share is None or st.amount is None:
            continue
        whole = _whole_of(sts, i)
        if whole is None:
            continue
        p, w = st.amount, whole.amount
        if _share_fits(st, whole) or _explained(sts, i):
            continue
        exact = p.wan / w.wan * 100
        q = Decimal(1).scaleb(Decimal(st.share_printed).as_tuple().exponent)
        expected = exact.quantize(q)
        tail = one_unit_apart(expected, st.share, st.share_printed)
        yield ctx.finding("YS402", f"情况说明“{st.subject}{p.printed}万元，占{st.share_printed}%”：按{whole.subject}"
                                   f"{w.printed}万元计算应占 {expected}%"
                                   + ("（仅差一个尾数单位，可能是截断或为凑足100%所作的调整）" if tail else ""),
                          [ctx.stated(st), ctx.stated(whole)], expected=expected, actual=st.share,
                          severity="warning" if tail else None)


def _last_year(st: Statement) -> Decimal | None:
    if st.amount is None or st.change_amount is None or st.direction not in ("增加", "减少"):
        return None
    c = st.change_amount.wan
    return st.amount.wan - c if st.direction == "增加" else st.amount.wan + c


@rule("YS403", "yoy-percentage", "yoy", "error",
      "同比变动：增减幅度 = 增减额 ÷ 上年数（上年数 = 本年数 ∓ 增减额），按印刷精度四舍五入",
      "增减额、增减幅度和本年数三者互相决定，任何一个抄错都会使它们对不上。",
      "2023年收入总计87.02万元，增加5.41万元，增长7.00%", "增长6.63%（5.41 ÷ 81.61）")
def yoy_percentage(ctx: Ctx):
    for st in ctx.disc.narrative.statements:
        last = _last_year(st)
        if last is None or st.change_pct is None or st.change_amount.wan == 0:
            continue
        c, a = st.change_amount, st.amount
        hc, ha = Decimal(5).scaleb(c.exponent - 1), Decimal(5).scaleb(a.exponent - 1)
        rng = ratio_range(c.wan, hc, last, hc + ha)
        if agrees(st.change_pct, printed_half(st.change_pct_printed), rng):
            continue
        q = Decimal(1).scaleb(Decimal(st.change_pct_printed).as_tuple().exponent)
        expected = (c.wan / last * 100).quantize(q) if last > 0 else None
        what = f"应为 {expected}%" if expected is not None else "上年数不为正，无法计算幅度"
        yield ctx.finding("YS403", f"情况说明“{st.subject}{a.printed}万元，{st.direction}{c.printed}万元、"
                                   f"{'增长' if st.direction == '增加' else '下降'}{st.change_pct_printed}%”："
                                   f"上年数为 {fmt(last)} 万元，幅度{what}", [ctx.stated(st)],
                          expected=expected, actual=st.change_pct)


@rule("YS404", "yoy-direction-word", "yoy", "warning",
      "同比变动的方向词与数值相符：变动为 0 时应写“持平”，写“持平”时变动应为 0",
      "“增加0万元，增长0%”或“持平”却列出增减额，都会让读者误解变动情况。",
      "因公出国（境）费0万元，比上年减少0万元，下降0%", "因公出国（境）费0万元，与上年持平")
def yoy_direction_word(ctx: Ctx):
    for st in ctx.disc.narrative.statements:
        if st.direction in ("增加", "减少") and st.change_amount is not None and st.change_amount.wan == 0 \
                and (st.change_pct is None or st.change_pct == 0):
            yield ctx.finding("YS404", f"情况说明“{st.subject}”变动为 0，却写作“{st.direction}”，应写“持平”",
                              [ctx.stated(st)] if st.amount is not None else [],
                              places=[] if st.amount is not None else [_narrative_place(st)])
        elif st.direction == "持平" and st.change_amount is not None and st.change_amount.wan != 0:
            yield ctx.finding("YS404", f"情况说明“{st.subject}”写作“持平”，却有变动额 {st.change_amount.printed} 万元",
                              [ctx.stated(st)])


def _narrative_place(st: Statement) -> Place:
    return Place("情况说明", st.section, st.subject or None, st.location.page, st.location.line)


def _count(ctx: Ctx, key: str) -> list[Statement]:
    return [s for s in ctx.disc.narrative.statements if s.key == key and s.count is not None]


@rule("YS405", "narrative-project-count", "text_vs_table", "error",
      "情况说明中的项目个数 = 项目支出表列出的项目数",
      "项目个数与项目表不符，说明项目表漏列或说明过时。",
      "项目支出6.2万元，涉及项目3个（项目表只有 2 个项目）", "涉及项目2个")
def narrative_project_count(ctx: Ctx):
    t = ctx.table(K.PROJECT)
    if t is None:
        return
    names = {r.label for r in t.rows if r.kind == "item" and r.cells}
    # a project funded by the carry-over alone may be left out of the year's count
    current = {r.label for r in t.rows if r.kind == "item" and any(
        c.amount.wan for role, c in r.cells.items() if role != "total" and not role.startswith("carry"))}
    perfs = [x for x in ctx.disc.tables if x.kind == K.PROJECT_PERFORMANCE]  # a form per project: many tables
    perf = perfs[0] if perfs else None
    managed = {r.label for x in perfs for r in x.rows if r.kind == "item" and not r.attrs.get("basic")}
    total = ctx.total(K.PROJECT)
    table_place = total.place if total else Place(t.title, None, None, t.location.page, t.location.line)
    for st in _count(ctx, "count:projects"):
        # the year's projects, those funded this year, or (in a 绩效 context) those with targets: a count
        # that is any of them is not shown wrong
        performance = "绩效" in st.subject or "绩效" in (st.text or "") or "绩效" in (st.section or "")
        if st.count in {len(names), len(current) if current else -1, len(managed) if performance else -1}:
            continue
        if performance and perf is not None and managed and "绩效目标管理" in (st.subject + (st.text or "")):
            # '实行绩效目标管理的项目2个': the projects with targets
            yield ctx.finding("YS405", f"情况说明称实行绩效目标管理的项目{st.count}个，{perf.title}列出 "
                                       f"{len(managed)} 个项目",
                              places=[_narrative_place(st), Place(perf.title, None, None, perf.location.page,
                                                                  perf.location.line)],
                              expected=Decimal(len(managed)), actual=Decimal(st.count))
            continue
        yield ctx.finding("YS405", f"情况说明称涉及项目{st.count}个，{t.title}列出 {len(names)} 个项目",
                          places=[_narrative_place(st), table_place],
                          expected=Decimal(len(names)), actual=Decimal(st.count))


def _sum_statement(ctx: Ctx, code: str, total_key: str, part_keys: tuple[str, ...], what: str, parts_what: str):
    sts = ctx.disc.narrative.statements
    for i, st in enumerate(sts):
        if st.key != total_key or st.amount is None:
            continue
        parts = []
        for nxt in sts[i + 1:]:
            if nxt.section != st.section or nxt.key == total_key:
                break
            if nxt.key in part_keys and nxt.amount is not None:
                parts.append(ctx.stated(nxt))
        f = ctx.sum_check(code, ctx.stated(st), parts, f"情况说明{what}", parts_what)
        if f:
            yield f


@rule("YS406", "narrative-assets-breakdown", "text_vs_table", "error",
      "国有资产占用：固定资产总额 = 房屋建筑物、车辆、办公设备、专用设备、其他资产之和",
      "总额与构成不符说明漏列或抄错。", "固定资产总额10.26万元，其中办公设备10.00万元", "其中办公设备10.26万元")
def narrative_assets_breakdown(ctx: Ctx):
    yield from _sum_statement(ctx, "YS406", "fixed_assets_total",
                              ("assets_buildings", "assets_vehicles", "assets_office", "assets_general_equipment",
                               "assets_special_equipment", "assets_other"), "固定资产总额", "所列各类资产")


@rule("YS407", "narrative-procurement-breakdown", "text_vs_table", "error",
      "政府采购：采购预算总额 = 货物 + 工程 + 服务", "总额与分类不符说明漏列或抄错。",
      "政府采购预算10万元，其中货物5万元、工程0万元、服务3万元", "服务5万元")
def narrative_procurement(ctx: Ctx):
    yield from _sum_statement(ctx, "YS407", "procurement_total",
                              ("procurement_goods", "procurement_works", "procurement_services"), "政府采购预算", "货物、工程、服务")


@rule("YS408", "narrative-vehicle-count", "text_vs_table", "error",
      "车辆总数 = 一般公务用车 + 执法执勤用车 + 其他用车", "车辆数与分类不符说明漏列或抄错。",
      "车辆共有3辆，其中一般公务用车2辆，执法执勤用车0辆", "一般公务用车3辆")
def narrative_vehicle_count(ctx: Ctx):
    total = _count(ctx, "count:vehicles")
    parts = [s for k in ("count:general_vehicles", "count:enforcement_vehicles", "count:other_vehicles")
             for s in _count(ctx, k)]
    if len(total) != 1 or not parts:
        return
    s = sum(p.count for p in parts)
    if s != total[0].count:
        yield ctx.finding("YS408", f"情况说明称车辆共有{total[0].count}辆，各类车辆合计 {s} 辆",
                          places=[_narrative_place(total[0])] + [_narrative_place(p) for p in parts],
                          expected=Decimal(s), actual=Decimal(total[0].count))


@rule("YS409", "narrative-performance-total", "text_vs_table", "warning",
      "纳入预算绩效管理的支出总额 = 其后列出的人员经费、公用经费（或基本支出）与项目支出之和",
      "绩效管理覆盖的金额应与其构成一致。", "支出总额87.02万元，其中人员经费78.05万元，公用经费2.77万元，项目支出5.2万元",
      "项目支出6.2万元")
def narrative_performance_total(ctx: Ctx):
    yield from _sum_statement(ctx, "YS409", "performance_total", ("personnel", "public", "basic", "project"),
                              "纳入预算绩效管理的支出总额", "所列各部分")


@rule("YS410", "narrative-duplicate-breakdown", "text_vs_table", "warning",
      "同一句构成说明中不应两次列出同一类别（如“专用设备”出现两次）",
      "重复的类别说明其中一处名称写错（常见为“办公设备”误写为“专用设备”）。",
      "其中，车辆16.26万元，专用设备1197.88万元，专用设备1.68万元", "办公设备1197.88万元，专用设备1.68万元")
def narrative_duplicate_breakdown(ctx: Ctx):
    seen: dict[tuple, Statement] = {}
    for st in ctx.disc.narrative.statements:
        if not st.key or not st.key.startswith(("assets_", "procurement_")) or st.amount is None:
            continue
        k = (st.location.line, st.key)
        if k in seen:
            yield ctx.finding("YS410", f"情况说明同一处两次列出“{st.subject}”（{seen[k].amount.printed}万元和"
                                       f"{st.amount.printed}万元），其中一处类别名称可能有误",
                              [ctx.stated(seen[k]), ctx.stated(st)])
        seen[k] = st


@rule("YS411", "yoy-words-agree", "yoy", "error",
      "同一变动的增减额与增减幅度方向一致（“增加…增长…”或“减少…下降…”）",
      "增减额说增加、幅度说下降，读者无法知道实际变动方向。", "比上年增加5.41万元，下降6.63%", "比上年增加5.41万元，增长6.63%")
def yoy_words_agree(ctx: Ctx):
    for st in ctx.disc.narrative.statements:
        if st.pct_direction and st.direction in ("增加", "减少") and st.pct_direction != st.direction \
                and st.change_amount is not None and st.change_amount.wan != 0:
            yield ctx.finding("YS411", f"情况说明“{st.subject}”的增减额写作“{st.direction}”，增减幅度却写作"
                                       f"“{'增长' if st.pct_direction == '增加' else '下降'}”", [ctx.stated(st)],
                              places=None if st.amount is not None else [ctx.said(st)])


_KEY_LIST = re.compile(r"对([^。；，]{2,120}?)(?:等)?(?:项目)?开展重点项目")
_KEY_ONE = re.compile(r"重点项目[一二三四五六七八九十\d]+[：:]\s*([^，,。；]{2,60})")


def joined(lines: list[tuple[int, str]], squeeze: bool = True):
    """The narrative as one text (without spaces when `squeeze`: a PDF's line breaks and spacing
    fall anywhere in a sentence), and a function giving the line an offset of that text stands on."""
    text, starts = "", []
    for no, line in lines:
        starts.append((len(text), no))
        text += line.replace(" ", "").replace("\u3000", "") if squeeze else line

    def line_of(offset: int) -> int:
        return starts[bisect.bisect_right([at for at, _ in starts], offset) - 1][1]

    return text, line_of


def _key_projects(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Projects the narrative names as 重点项目 ('对A、B、C项目开展重点项目…', '重点项目一：A项目，')."""
    text, line_of = joined(lines, squeeze=False)
    found = []
    for m in _KEY_LIST.finditer(text):
        for name in re.split(r"[、，,和及]", m.group(1)):
            found.append((line_of(m.start(1)), name))
    for m in _KEY_ONE.finditer(text):
        found.append((line_of(m.start(1)), m.group(1)))
    return [(no, re.sub(r"项目$", "", n.strip())) for no, n in found if n.strip()]


@rule("YS412", "key-projects-listed", "text_vs_table", "warning",
      "情况说明中列为重点项目的项目都在项目支出表中（名称可简写）",
      "说明中提到的重点项目如果不在项目表中，要么项目漏列，要么说明沿用了旧年度的内容。",
      "对政府信息公开经费、政府网站纠错检测系统项目开展重点项目评价（项目表中没有后者）", "所列项目都在项目支出表中")
def key_projects_listed(ctx: Ctx):
    t = ctx.table(K.PROJECT)
    if t is None:
        return
    names = [r.label for r in t.rows if r.kind == "item" and r.label]
    for line, name in _key_projects(ctx.disc.narrative.lines):
        if not any(name in n or n in name for n in names):
            yield ctx.finding("YS412", f"情况说明列为重点项目的“{name}”不在{t.title}中",
                              places=[Place("情况说明", None, name, None, line)])


@rule("YS419", "key-project-amounts", "text_vs_table", "error",
      "情况说明中重点项目的“年初预算安排”金额与项目支出表中该项目的金额一致",
      "重点项目是说明中唯一逐项列出金额的项目，金额与项目表不符，说明或表必有一处写错。",
      "重点项目一：政务服务大厅运行费，年初预算安排10.50万元（项目表 10.00）",
      "重点项目一：政务服务大厅运行费，年初预算安排10.00万元")
def key_project_amounts(ctx: Ctx):
    t = ctx.table(K.PROJECT)
    if t is None:
        return
    items = [r for r in t.rows if r.kind == "item" and r.label and "total" in r.cells]
    text, line_of = joined(ctx.disc.narrative.lines)
    for m in _KEY_AMOUNT.finditer(text):
        name = re.sub(r"项目$", "", m.group(1))
        amount = parse_amount(m.group(2), "万元")
        if amount is None:
            continue
        exact = [r for r in items if r.label.replace(" ", "") == name]
        rows = exact or [r for r in items if name in r.label.replace(" ", "") or r.label.replace(" ", "") in name]
        if len(rows) != 1:  # not named, or named ambiguously: YS412 says what is missing
            continue
        stated = Figure(amount, Place("情况说明", None, name, None, line_of(m.start(2))))
        f = ctx.same_check("YS419", stated, ctx.cell(t, rows[0], "total"),
                           f"情况说明重点项目“{name}”年初预算安排", f"{t.title}中该项目")
        if f is not None:
            yield f


# '重点项目一：A项目，年初预算安排17.87万元' (the amount in the same sentence as its name)
_KEY_AMOUNT = re.compile(r"重点项目[一二三四五六七八九十\d]+[：:]([^，,。；：:]{2,60})[，,][^。；]{0,30}?年初预算安排"
                         r"(\d[\d,]*(?:\.\d+)?)万元")


_UNIT_LIST = re.compile(r"(?:预算单位构成|预算单位包括|预算单位有)[：:]([^。]{2,600})。")
_UNIT_COUNT = re.compile(r"包括本级(?:预算)?和所属的?(\d{1,3}|[一二三四五六七八九十两]{1,3})(?:家|个)[^。，；]{0,8}?单位")
_ENUM = re.compile(r"^(?:\d{1,2}[.、．]|[（(]\d{1,2}[）)])")


def _same_unit(a: str, b: str) -> bool:
    a, b = name_key(a).removesuffix("本级"), name_key(b).removesuffix("本级")
    return a == b or min(len(a), len(b)) >= 4 and (a in b or b in a)


@rule("YS420", "unit-list-vs-tables", "text_vs_table", "warning",
      "概况中的预算单位构成（逐个列出的单位或“所属N家单位”）与收入表列出的预算单位一致",
      "预算单位构成告诉读者这份部门预算包括哪些单位；少列或多列一个单位，读者就会把它的钱算错地方。",
      "预算单位构成：1.某局本级；2.某中心（收入表另列某管理中心 24.40 万元）", "收入表所列单位都在预算单位构成中")
def unit_list_vs_tables(ctx: Ctx):
    t = ctx.table(K.INCOME)
    units = [u for u in ctx.disc.units if u.get("name") and u.get("total") is not None]
    if ctx.disc.scope != "department" or t is None or len(units) < 2:
        return
    if t.reading is not None and t.reading.status in ("unverified", "unreadable"):
        return  # units read from a table not read reliably: YS615 says so (inferred columns leave the rows)
    text, line_at = joined(ctx.disc.narrative.lines)
    where = t.title
    m = _UNIT_LIST.search(text)
    if m:
        listed = [_ENUM.sub("", x).strip() for x in re.split(r"[；;、，,]", m.group(1))]
        listed = [x for x in listed if len(x) >= 2]
        missing = [u["name"] for u in units if not any(_same_unit(x, u["name"]) for x in listed)]
        extra = [x for x in listed if not any(_same_unit(x, u["name"]) for u in units)]
        if missing or extra:
            parts = ([f"{where}列出而预算单位构成未列的：{'、'.join(missing)}"] if missing else []) + \
                    ([f"预算单位构成列出而{where}没有的：{'、'.join(extra)}"] if extra else [])
            yield ctx.finding("YS420", f"预算单位构成列出 {len(listed)} 个单位，{where}列出 {len(units)} 个；" + "；".join(parts),
                              places=[Place("情况说明", "预算单位构成", None, None, line_at(m.start(1)))])
        return
    m = _UNIT_COUNT.search(text)
    n = cn_int(m.group(1)) if m else None
    if n is not None and n != len(units) - 1:
        yield ctx.finding("YS420", f"情况说明写本级和所属 {n} 家单位，{where}列出本级和 {len(units) - 1} 个所属单位："
                                   + "、".join(u["name"] for u in units),
                          places=[Place("情况说明", "预算单位构成", None, None, line_at(m.start(1)))])


_GOAL_MONEY = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(万元|元)(?!以上|以下|以内|左右)")


@rule("YS421", "form-text-money", "text_vs_table", "warning",
      "绩效目标申报表“年度绩效目标”文字中的金额不超过本表的年度资金总额",
      "目标文字写的资金超过表中的资金总额，要么目标沿用了别的项目或旧年度的文字，要么资金总额填错。",
      "年度资金总额 50.00 万元，年度绩效目标写“安排资金80万元用于…”", "年度绩效目标写“安排资金50万元用于…”")
def form_text_money(ctx: Ctx):
    for t in ctx.tables(K.PROJECT_PERFORMANCE):
        for r in t.rows:
            text, total = r.attrs.get("goal"), r.cells.get("total")
            if not text or total is None:
                continue
            for m in _GOAL_MONEY.finditer(text):
                amount = parse_amount(m.group(1), m.group(2))
                if amount is None or amount.wan <= total.amount.wan + same_tolerance(amount, total.amount):
                    continue
                yield ctx.finding("YS421", f"{t.title}“{r.label}”的年度绩效目标写“{m.group(0)}”，超过本表年度资金总额 "
                                           f"{fmt(total.amount.wan)} 万元",
                                  [ctx.cell(t, r, "total")],
                                  places=[Place(t.title, r.label, "年度绩效目标", None, r.attrs.get("goal_line"))])
                break
