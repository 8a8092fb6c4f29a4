"""决算 narrative against itself and its tables: 年初预算 / 全年预算 / 决算 of each item, the
completion rate and the direction word (决算数大于/小于/等于预算数) the text gives for them, the
items it names against the 一般公共预算财政拨款支出决算表, and the 三公 overruns it must explain.

A rule speaks only where every reading of the text contradicts the figures: '决算数小于预算数'
after both 年初预算 and 全年预算 are stated is right when either is larger."""

from __future__ import annotations

import re
from decimal import Decimal

from yusuan.audit.context import Ctx, Figure
from yusuan.audit.registry import rule
from yusuan.audit.rules.text_vs_table import _last_year, one_unit_apart, table_figure
from yusuan.model.disclosure import Row, Statement, Table, TableKind as K
from yusuan.model.rounding import agrees, fmt, half_unit, printed_half, ratio_range, same_tolerance

BASE_WORDS = {"budget": "年初预算", "adjusted": "全年预算"}
THREE_PUBLIC = ("three_public_total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
THREE_PUBLIC_LABELS = {"three_public_total": "“三公”经费合计", "abroad": "因公出国（境）费",
                       "vehicle_total": "公务用车购置及运行维护费", "vehicle_purchase": "公务用车购置费",
                       "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费"}


def _same_subject(a: Statement, b: Statement) -> bool:
    if a.item or b.item:
        return a.item is not None and a.item == b.item
    return a.key is not None and a.key == b.key


def bases(ctx: Ctx, sts: list[Statement], i: int) -> dict[str, Figure]:
    """The 年初预算 and 全年预算 a 决算 statement is set against: stated before it in the same
    section for the same item, else (for the 三公 items) the 预算数 column of the 三公 table."""
    st = sts[i]
    out: dict[str, Figure] = {}
    for prev in reversed(sts[:i]):
        if prev.section != st.section:
            break
        if not _same_subject(prev, st):
            continue
        if prev.measure == "final":
            break
        if prev.measure in BASE_WORDS and prev.measure not in out and prev.amount is not None:
            out[prev.measure] = ctx.stated(prev)
    if "budget" not in out and st.key in THREE_PUBLIC:
        f = table_figure(ctx, st.key, "budget")
        if f is not None and f.printed:
            out["budget"] = f
    return out


def _finals(ctx: Ctx):
    sts = ctx.disc.narrative.statements
    for i, st in enumerate(sts):
        if st.measure == "final" and st.amount is not None:
            yield st, bases(ctx, sts, i)


_MEASURE_TAIL = re.compile(r"(?:的)?(?:年初|全年|调整)?(?:预算|决算)数?(?:为|是)?$")


def _subject(st: Statement) -> str:
    """What a statement speaks of, without its measure: '一般公共预算财政拨款支出年初预算为（支出决算为）'
    → 一般公共预算财政拨款支出."""
    if st.item:
        return st.item.split("/")[-1]
    head = st.subject.split("（")[0] or st.subject
    return _MEASURE_TAIL.sub("", head) or head


def _rate_agrees(final: Figure, base: Figure, pct: Decimal, printed: str) -> bool:
    if base.value == 0:
        return final.value == 0 and pct == 0  # 0 of 0 printed as 0.00%: nothing to complete, nothing wrong
    rng = ratio_range(final.value, half_unit(final.amount), base.value, half_unit(base.amount))
    return agrees(pct, printed_half(printed), rng)


@rule("YS413", "completion-rate", "text_vs_table", "error",
      "决算说明中的完成率 = 决算数 ÷ 所称的预算数（年初预算或全年预算），按印刷精度四舍五入，考虑两数自身的舍入",
      "完成率是读者判断预算执行情况的依据。按全年预算算出的比例写成“完成年初预算的…”，或年初预算为 0 却写完成率，都会误导读者。",
      "年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%",
      "完成全年预算的 95.89%")
def completion_rate(ctx: Ctx):
    for st, base in _finals(ctx):
        if st.completion_pct is None or not base:
            continue
        pct, printed = st.completion_pct, st.completion_printed
        final = ctx.stated(st)
        named = st.completion_base
        fitting = [m for m, b in base.items() if _rate_agrees(final, b, pct, printed)]
        if (named is None and fitting) or named in fitting:
            continue
        said = f"完成{BASE_WORDS.get(named, '')}预算的{printed}%".replace("预算预算", "预算")
        if fitting:  # the rate is right, the base it names is not the one it was computed on
            other = base[fitting[0]]
            note = f"{BASE_WORDS[named]}为 {fmt(base[named].value)} 万元；" if named in base else ""
            yield ctx.finding("YS413", f"“{_subject(st)}”写“{said}”：{note}{printed}% 是决算 {fmt(final.value)} 万元"
                                       f"占{BASE_WORDS[fitting[0]]} {fmt(other.value)} 万元的比例，应写“完成"
                                       f"{BASE_WORDS[fitting[0]]}的{printed}%”", [final, other] + (
                                  [base[named]] if named in base else []), severity="warning")
            continue
        which = named if named in base else next(iter(base))
        b = base[which]
        if b.value == 0:
            yield ctx.finding("YS413", f"“{_subject(st)}”{BASE_WORDS[which]}为 0 万元，写“{said}”无从计算",
                              [final, b], severity="warning")
            continue
        q = Decimal(1).scaleb(Decimal(printed).as_tuple().exponent)
        expected = (final.value / b.value * 100).quantize(q)
        tail = one_unit_apart(expected, pct, printed)
        yield ctx.finding("YS413", f"“{_subject(st)}”写“{said}”：决算 {fmt(final.value)} 万元 ÷ {BASE_WORDS[which]} "
                                   f"{fmt(b.value)} 万元应为 {expected}%"
                                   + ("（仅差一个尾数单位，可能是截断而非四舍五入）" if tail else ""),
                          [final, b], expected=expected, actual=pct, severity="warning" if tail else None)


def _relation(final: Figure, base: Figure) -> str:
    if abs(final.value - base.value) <= same_tolerance(final.amount, base.amount):
        return "持平"
    return "大于" if final.value > base.value else "小于"


@rule("YS414", "versus-budget-word", "text_vs_table", "error",
      "“决算数大于/小于/等于（持平）预算数”与所说明的决算数、预算数相符（同时列出年初预算和全年预算时，与其中任一相符即可）",
      "方向词说反了，后面的原因说明也就成了错的解释。",
      "年初预算为 42.73 万元，支出决算为 40.35 万元……决算数大于预算数的主要原因", "决算数小于预算数的主要原因")
def versus_budget_word(ctx: Ctx):
    for st, base in _finals(ctx):
        if not st.versus_budget or not base:
            continue
        named = st.versus_base
        pool = {named: base[named]} if named in base else base
        relations = {m: _relation(ctx.stated(st), b) for m, b in pool.items()}
        if st.versus_budget in relations.values():
            continue
        m, b = next(iter(pool.items()))
        final = ctx.stated(st)
        yield ctx.finding("YS414", f"“{_subject(st)}”写“决算数{st.versus_budget}{BASE_WORDS[m] if named else ''}预算数”，"
                                   f"但决算 {fmt(final.value)} 万元{relations[m]}{BASE_WORDS[m]} {fmt(b.value)} 万元",
                          [final, b], expected=b.value, actual=final.value)


def _explained(ctx: Ctx) -> bool:
    """The narrative gives a reason for the 三公 决算 against the 预算 (决算数大于预算数的主要原因…)."""
    for st in ctx.disc.narrative.statements:
        if st.key in THREE_PUBLIC and st.reason and (st.versus_budget or st.measure):
            return True
    for _, text in ctx.disc.narrative.lines:
        t = text.replace(" ", "")
        if "三公" in t and "原因" in t and ("预算" in t or "超" in t):
            return True
    return False


@rule("YS415", "three-public-overrun-unexplained", "text_vs_table", "warning",
      "“三公”经费某项决算数超过预算数时，情况说明说明了原因",
      "“三公”经费超预算是人大和审计重点关注的事项，公开时须说明原因。",
      "公务接待费预算 2.00 万元、决算 2.85 万元，说明中没有原因", "写明“决算数大于预算数的主要原因：……”")
def three_public_overrun_unexplained(ctx: Ctx):
    t = ctx.table(K.THREE_PUBLIC)
    if t is None or ctx.disc.doc_type != "final" or _explained(ctx):
        return
    for key in THREE_PUBLIC:
        final, budget = table_figure(ctx, key), table_figure(ctx, key, "budget")
        if final is None or budget is None or not final.printed or not budget.printed:
            continue
        if final.value - budget.value > same_tolerance(final.amount, budget.amount):
            yield ctx.finding("YS415", f"{THREE_PUBLIC_LABELS[key]}决算 {fmt(final.value)} 万元超过预算 {fmt(budget.value)} 万元"
                                       f"（超出 {fmt(final.value - budget.value)} 万元），情况说明没有说明原因",
                              [final, budget])
            return  # one overrun, one finding: the narrative's reason covers the item and the total


@rule("YS416", "growth-from-zero", "yoy", "info",
      "上年数为 0 时不写增长百分比（宜写“上年无此项收支”或“新增”）",
      "从 0 起算的增长率没有意义，“增长100%”会被误读为翻了一番。",
      "收入支出总计增加 307.82 万元，增长 100.00%（上年为 0）", "比上年增加 307.82 万元（上年无此项收支，单位于 2024 年成立）")
def growth_from_zero(ctx: Ctx):
    hits = []
    for st in ctx.disc.narrative.statements:
        last = _last_year(st)
        if last is None or st.change_pct is None or st.direction != "增加" or st.amount.wan <= 0 or st.change_pct == 0:
            continue
        if abs(last) <= half_unit(st.amount) + half_unit(st.change_amount):
            hits.append(st)
    if hits:  # one habit of the drafter, one finding with every place
        unit = (ctx.disc.unit_name or "").replace(" ", "")
        names = "、".join(dict.fromkeys(_subject(st).replace(" ", "").replace(unit, "") or _subject(st) for st in hits))
        pcts = "、".join(dict.fromkeys(f"{st.change_pct_printed}%" for st in hits))
        yield ctx.finding("YS416", f"上年数为 0 的{names}写了“增长{pcts}”：从 0 起算的增长率没有意义，宜写“上年无此项收支”",
                          [ctx.stated(st) for st in hits])


# --- the items a 决算 narrative explains, against the 一般公共预算财政拨款支出决算表 -------------------

def _norm(name: str) -> str:
    return name.replace(" ", "").replace("(", "（").replace(")", "）").strip("（）")


def _item_row(t: Table, names: list[str]) -> tuple[Row | None, Row | None, Row | None]:
    """(类 row, 款 row, 项 row) of an item named 类/款/项, found by the 类 and 项 names."""
    rows = [r for r in t.rows if r.code and r.code_scheme == "function"]
    cls = next((r for r in rows if len(r.code) == 3 and _norm(r.label) == _norm(names[0])), None)
    if cls is None:
        return None, None, None
    under = [r for r in rows if r.code.startswith(cls.code)]
    kuans = {r.code: r for r in under if len(r.code) == 5}
    leaves = [r for r in under if len(r.code) == 7 and _norm(r.label) == _norm(names[-1])]
    # 事业运行 stands under several 款 of one 类: the one under the 款 the text names
    named = [r for r in leaves if len(names) == 3 and r.code[:5] in kuans and _norm(kuans[r.code[:5]].label) == _norm(names[1])]
    leaf = (named or leaves or [None])[0]
    return cls, kuans.get(leaf.code[:5]) if leaf is not None else None, leaf


def _items(ctx: Ctx):
    t = ctx.table(K.GENERAL_BUDGET)
    if t is None or ctx.disc.doc_type != "final":
        return
    for st in ctx.disc.narrative.statements:
        if st.item and st.amount is not None and st.measure in ("final", "budget", "adjusted"):
            names = st.item.split("/")
            if len(names) >= 2:
                yield t, st, names, _item_row(t, names)


@rule("YS417", "item-amount-vs-table", "text_vs_table", "error",
      "决算说明逐项列出的各项（类/款/项）决算数 = 一般公共预算财政拨款支出决算表中该项的合计（表中列有年初预算数、调整预算数时也与之比较）",
      "逐项说明是对表格的解释，数字不一致时读者无法判断哪个是真的。",
      "“城乡社区支出（类）城乡社区管理事务（款）行政运行（项）……支出决算为 1092.80 万元”，表中该项 1029.80",
      "两处均为 1092.80")
def item_amount_vs_table(ctx: Ctx):
    for t, st, names, (_, _, leaf) in _items(ctx):
        if leaf is None:
            continue
        role = "total" if st.measure == "final" else f"{st.measure}.total"
        if role not in leaf.cells:
            continue
        table, stated = ctx.cell(t, leaf, role), ctx.stated(st)
        if abs(stated.value - table.value) <= same_tolerance(stated.amount, table.amount):
            continue
        tail = one_unit_apart(stated.value, table.value, st.amount.printed)
        what = {"final": "决算", "budget": "年初预算", "adjusted": "全年预算"}[st.measure]
        yield ctx.finding("YS417", f"情况说明“{names[-1]}（项）”{what} {st.amount.printed} 万元与{t.title}"
                                   f"“{leaf.code} {leaf.label}”{table.place.column} {fmt(table.value)} 万元不一致，"
                                   f"相差 {fmt(stated.value - table.value)} 万元"
                                   + ("（仅差一个尾数单位，可能是四舍五入尾差）" if tail else ""),
                          [stated, table], expected=table.value, actual=stated.value, severity="warning" if tail else None)


@rule("YS418", "item-name-vs-table", "text_vs_table", "warning",
      "决算说明逐项列出的类、款、项名称与一般公共预算财政拨款支出决算表中的科目名称一致",
      "说明中的科目名称与表中不同（沿用旧科目名称、款名写错），读者无法对应到表中的数字，也可能说明引用了另一科目的数字。",
      "“住房保障支出（类）住房保障支出（款）住房公积金（项）”，表中为 22102 住房改革支出 / 2210201 住房公积金",
      "“住房保障支出（类）住房改革支出（款）住房公积金（项）”")
def item_name_vs_table(ctx: Ctx):
    chosen: dict[str, tuple] = {}  # each item once, by its 决算 statement where there is one
    for t, st, names, found in _items(ctx):
        if st.item not in chosen or (st.measure == "final" and chosen[st.item][1].measure != "final"):
            chosen[st.item] = (t, st, names, found)
    wrong_kuan: dict[tuple, list] = {}  # (table, 类, 款 as written, 款 of the table) -> the items
    for t, st, names, (cls, kuan, leaf) in chosen.values():
        if cls is None:
            continue
        stated = ctx.stated(st)
        if leaf is None:
            # the same amount under the same 类: the row the text means, under another name
            same = [r for r in t.rows if r.code and len(r.code) == 7 and r.code.startswith(cls.code)
                    and "total" in r.cells and st.measure == "final"
                    and abs(r.cells["total"].amount.wan - stated.value) <= same_tolerance(st.amount, r.cells["total"].amount)]
            hint = f"；表中该类下金额相同（{st.amount.printed} 万元）的是“{same[0].code} {same[0].label}”" if len(same) == 1 else ""
            yield ctx.finding("YS418", f"情况说明列出的“{names[-1]}（项）”不是{t.title}“{cls.code} {cls.label}”下的科目"
                                       f"{hint}", [stated] + ([ctx.cell(t, same[0], 'total')] if len(same) == 1 else []))
        elif len(names) == 3 and kuan is not None and _norm(kuan.label) != _norm(names[1]):
            wrong_kuan.setdefault((t.title, names[0], names[1], kuan.code, kuan.label), []).append(
                (names[2], stated, ctx.cell(t, leaf, "total")))
    for (title, cls_name, written, code, label), items in wrong_kuan.items():
        leaves = "、".join(f"“{n}（项）”" for n, _, _ in items)
        yield ctx.finding("YS418", f"情况说明把{leaves}写在“{cls_name}（类）{written}（款）”下，{title}中属于"
                                   f"“{code} {label}”款", [f for _, a, b in items for f in (a, b)])


@rule("YS621", "final-narrative-totals", "completeness", "warning",
      "决算情况说明说明了收入支出总计和一般公共预算财政拨款支出（表中有数时）",
      "这两个数字是决算说明的主干，缺少或写成 0 时，读者无从了解总体情况。",
      "情况说明没有“收入支出总计……万元”一句", "“2024 年度收入支出总计 9859.38 万元”")
def final_narrative_totals(ctx: Ctx):
    if ctx.disc.doc_type != "final" or not ctx.disc.narrative.statements:
        return
    stated = {st.key for st in ctx.disc.narrative.statements if st.amount is not None}
    for keys, table_key, what in ((("income_total", "expenditure_total"), "income_total", "收入支出总计"),
                                  (("general_budget_expenditure",), "general_budget_expenditure",
                                   "一般公共预算财政拨款支出")):
        if stated & set(keys):
            continue
        f = table_figure(ctx, table_key)
        if f is not None and f.value != 0:
            yield ctx.finding("YS621", f"情况说明没有说明{what}（表中为 {fmt(f.value)} 万元）", [f])
