"""完整性: required tables and explanations are there, empty tables say why, nothing twice."""

from __future__ import annotations

import re

from yusuan.audit.context import Ctx
from yusuan.audit.finding import Place
from yusuan.audit.registry import rule
from yusuan.model.disclosure import Table, TableKind as K
from yusuan.recognise.kinds import classify_title

# 《地方预决算公开操作规程》(财预〔2016〕143号): the national minimum of a 部门预算
NATIONAL_MINIMUM = (K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET, K.GENERAL_BASIC,
                    K.THREE_PUBLIC, K.GOV_FUND)
WHOLE = "全文"


def _table_place(t: Table) -> Place:
    return Place(t.title, None, None, t.location.page, t.location.line)


@rule("YS601", "national-minimum-tables", "completeness", "error",
      "公开的表格包括全国统一要求的八张：收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、"
      "一般公共预算基本支出表、“三公”经费支出表、政府性基金预算支出表",
      "《地方预决算公开操作规程》（财预〔2016〕143号）要求的公开内容，缺表即公开不完整。",
      "文件中没有政府性基金预算支出表", "该表照常公开；没有数据时注明“本表无数据”")
def national_minimum_tables(ctx: Ctx):
    if not ctx.disc.tables:
        return
    present = {t.kind for t in ctx.disc.tables}
    promised = {classify_title(name) for name in ctx.disc.contents}  # reported by YS602 with the 目录's words
    for kind in NATIONAL_MINIMUM:
        if kind not in present and kind not in promised:
            yield ctx.finding("YS601", f"缺少{kind.label}（全国统一要求公开的表格）", places=[Place(WHOLE)])


@rule("YS602", "contents-promise-kept", "completeness", "error",
      "目录中列出的每张表都在文件中", "目录承诺的表格不在文件中，说明漏发或提取时缺页。",
      "目录列有“四、财政拨款收支预算表”，正文没有这张表", "目录与正文一致")
def contents_promise_kept(ctx: Ctx):
    """One finding for every table the 目录 promises and the text lacks: a source missing pages
    lacks several at once, and that is one defect."""
    present = {t.kind for t in ctx.disc.tables}
    missing = [name for name in ctx.disc.contents if classify_title(name) not in present and classify_title(name) != K.OTHER]
    if not missing:
        return
    pages = sorted({t.location.page for t in ctx.disc.tables if t.location.page})
    gap = f"；文件中的表格在第 {pages[0]}–{pages[-1]} 页，可能缺页" if len(pages) > 1 else "，可能缺页"
    what = "、".join(f"“{m}”" for m in missing)
    count = f"共 {len(missing)} 张表" if len(missing) > 1 else ""
    yield ctx.finding("YS602", f"文件不完整：目录列出的{what}{count}不在文件中{gap}",
                      places=[Place("目录", m) for m in missing])


@rule("YS603", "empty-table-needs-note", "completeness", "warning",
      "没有数据的表格须注明原因（如“本表无数据”“我单位没有使用政府性基金预算拨款安排的支出”）",
      "空表不加说明，读者无法判断是确实没有还是漏填。", "政府性基金支出预算表只有表头和空的合计行",
      "表下注明“本单位2023年度没有政府性基金预算支出，故本表无数据”")
def empty_table_needs_note(ctx: Ctx):
    for t in ctx.disc.tables:
        if t.empty and not t.no_data_note and t.kind != K.OTHER:
            yield ctx.finding("YS603", f"{t.title}没有数据，也没有注明原因", places=[_table_place(t)])


@rule("YS604", "no-data-note-on-data", "completeness", "warning",
      "注明“本表无数据”的表格不应有数据", "说明与表格内容矛盾，其中之一有误。",
      "表下注“本表无数据”，表中合计 10.00", "删去说明或删去数据")
def no_data_note_on_data(ctx: Ctx):
    for t in ctx.disc.tables:
        if not t.empty and any("本表无数据" in n or "故本表无数据" in n for n in t.notes):
            yield ctx.finding("YS604", f"{t.title}注明无数据，但表中有数字", places=[_table_place(t)])


_EXPLANATIONS = (
    (("three_public_total", "abroad", "vehicle_total", "reception"), "“三公”经费", ("三公",)),
    (("operating_expenses",), "机关（机构）运行经费", ("运行经费",)),
    (("procurement_total",), "政府采购", ("政府采购",)),
    (("fixed_assets_total", "count:vehicles"), "国有资产占用", ("国有资产",)),
    (("performance_total", "key_project"), "预算绩效", ("绩效",)),
)


@rule("YS605", "required-explanations", "completeness", "warning",
      "情况说明包括“三公”经费、机关运行经费、政府采购、国有资产占用、预算绩效等事项的说明，以及名词解释",
      "这些是预算公开要求说明的事项（预算法第十四条要求说明机关运行经费）。",
      "情况说明没有政府采购一节", "写明“2023年政府采购预算安排0万元”")
def required_explanations(ctx: Ctx):
    nar = ctx.disc.narrative
    if not nar.statements:
        return
    keys = {s.key for s in nar.statements}
    for need, what, heading in _EXPLANATIONS:
        # a statement of the fact, or a section of the narrative given to it ('（三）国有资产占有使用情况说明')
        if not keys & set(need) and not any(all(w in h for w in heading) for h in nar.sections):
            yield ctx.finding("YS605", f"情况说明中没有{what}的说明", places=[Place("情况说明")])
    if not any("名词解释" in text for _, text in nar.lines):
        yield ctx.finding("YS605", "情况说明中没有名词解释", places=[Place("情况说明")])


@rule("YS606", "three-public-items-explained", "completeness", "warning",
      "“三公”经费按因公出国（境）费、公务用车购置及运行费（购置费、运行维护费）、公务接待费逐项说明，有增减的说明原因",
      "“三公”经费是公开的重点，逐项说明并解释增减是公开要求。",
      "“三公”经费支出12万元，比上年减少1.10万元（没有分项和原因）", "逐项列出金额、增减及主要原因")
def three_public_items_explained(ctx: Ctx):
    sts = [s for s in ctx.disc.narrative.statements if s.key in ("three_public_total", "abroad", "vehicle_total",
                                                                  "vehicle_purchase", "vehicle_operation", "reception")]
    if not sts or all(s.amount is not None and s.amount.wan == 0 for s in sts):
        return  # '本单位无“三公”经费支出': no item to explain
    keys = {s.key for s in sts}
    for key, what in (("abroad", "因公出国（境）费"), ("vehicle_total", "公务用车购置及运行费"), ("reception", "公务接待费")):
        if key not in keys:
            yield ctx.finding("YS606", f"“三公”经费说明中没有{what}一项", places=[Place("情况说明", sts[0].section)])
    for s in sts:  # an unexplained increase is YS803's
        if s.direction == "减少" and s.change_amount is not None and s.change_amount.wan != 0 and not s.reason \
                and not _explained_by_items(s, sts):
            yield ctx.finding("YS606", f"“{s.subject}”比上年减少{s.change_amount.printed}万元，没有说明原因",
                              [ctx.stated(s)])


def _explained_by_items(s, sts) -> bool:
    """A change of the 三公 total is explained where the items that changed say why."""
    return s.key == "three_public_total" and any(x.reason for x in sts if x.key != "three_public_total"
                                                  and x.change_amount is not None and x.change_amount.wan != 0)


@rule("YS607", "duplicate-rows", "completeness", "warning",
      "同一张表中同一科目、同一项目只列一次", "重复的行会使合计虚增或让读者误以为有两个项目。",
      "项目绩效目标表两次列出“信息采集加工费”（同一项目编码）", "只列一次")
def duplicate_rows(ctx: Ctx):
    for t in ctx.disc.tables:
        seen: dict[tuple, list] = {}
        block = ""  # the unit whose block the row stands in (a table printed a block per unit)
        for r in t.rows:
            if r.kind == "unit":
                block = r.code or r.label
            if r.kind != "item" or not (r.code or r.label) or not r.cells:
                continue
            # the same label in two sections of a two-sided table (本年收入 / 上年结转), or the same code in
            # two units' blocks or panels, is not one row listed twice
            key = (r.code or "", r.label if r.code_scheme in ("project", None) else "", r.attrs.get("gov_code", ""),
                   r.attrs.get("unit", "") or block, r.attrs.get("key", ""), r.attrs.get("side", ""),
                   r.attrs.get("block", ""))
            seen.setdefault(key, []).append(r)
        for rows in seen.values():  # one finding for a code listed many times, every line named
            if len(rows) < 2:
                continue
            first, *more = rows
            label = first.label if len({r.label for r in rows}) == 1 else "、".join(dict.fromkeys(r.label for r in rows))
            lines = [str(r.location.line or 0) for r in rows]
            at = f"第{lines[0]}行与第{lines[1]}行" if len(rows) == 2 else f"第{'、'.join(lines)}行"
            yield ctx.finding("YS607", f"{t.title}重复列出“{(first.code + ' ') if first.code else ''}{label}”（{at}）",
                              places=[Place(t.title, r.label, None, r.location.page, r.location.line) for r in rows[:2]],
                              related=[Place(t.title, r.label, None, r.location.page, r.location.line) for r in rows[2:]])


@rule("YS608", "unit-without-code", "completeness", "warning",
      "收入表、支出表中列出的每个预算单位都有单位代码", "缺少代码的单位无法与预算系统和其他年度对应。",
      "焦作市人民政府电子政务管理中心 24.40（无代码）", "122301 焦作市人民政府电子政务管理中心 24.40")
def unit_without_code(ctx: Ctx):
    for t in ctx.tables(K.INCOME):
        coded = any(r.code for r in t.rows if r.kind == "unit")
        for r in t.rows:
            if r.kind == "unit" and not r.code and coded:
                yield ctx.finding("YS608", f"{t.title}中“{r.label}”没有单位代码",
                                  places=[Place(t.title, r.label, None, r.location.page, r.location.line)])


@rule("YS609", "scope-wording", "completeness", "warning",
      "单位预算的表名、说明用“单位”，部门预算用“部门”，不混用",
      "单位预算中出现“部门收支总表”等字样，多为套用模板未改。", "单位预算中的表名为“2023年部门收支预算表”",
      "“2023年单位收支预算表”")
def scope_wording(ctx: Ctx):
    if ctx.disc.scope != "unit":
        return
    for t in ctx.disc.tables:
        if "部门" in t.title and "单位" not in t.title:
            yield ctx.finding("YS609", f"单位预算中的表名“{t.title}”使用了“部门”", places=[_table_place(t)])


_PLACEHOLDER = re.compile(r"X{2,}|×{2,}|＊{2,}|\*{3,}|待填写|待补充|（略）|此处填写|(20\d{2})年(?!度)\s*(20\d{2})年")


@rule("YS610", "placeholder-text", "completeness", "warning",
      "没有遗留的模板占位符（XX、××、待填写）或连写的两个年份（“2023年2022年”）",
      "占位符和重复年份说明文字套用模板后未改完。", "2023年2022年焦作市…按要求编制了绩效目标", "2023年焦作市…")
def placeholder_text(ctx: Ctx):
    # statements join wrapped lines (a placeholder may straddle a break); lines cover the sentences
    # that state no amount
    nar = ctx.disc.narrative
    texts = [(Place("情况说明", st.section, None, st.location.page, st.location.line), st.text) for st in nar.statements]
    texts += [(Place("情况说明", None, None, None, line), text) for line, text in nar.lines]
    seen = set()
    by_token: dict[str, list[Place]] = {}
    found: dict[str, re.Match | None] = {}  # statements of one sentence share its text: searched once
    for place, text in texts:
        if text not in found:
            found[text] = _PLACEHOLDER.search(text)
        m = found[text]
        if m and (place.line, m.group(0)) not in seen:
            seen.add((place.line, m.group(0)))
            by_token.setdefault(m.group(0), []).append(place)
    for token, places in by_token.items():  # one finding per placeholder, with every place it stands
        yield ctx.finding("YS610", f"情况说明中有“{token}”，疑为模板占位符或年份未改"
                          + (f"（共 {len(places)} 处）" if len(places) > 1 else ""), places=places[:1], related=places[1:])


@rule("YS611", "table-year", "completeness", "error",
      "每张表标题中的年度与文件的预算年度一致", "年度写错多为套用上年模板未改，读者会误读为另一年度的预算。",
      "2024年部门预算中的“2023年一般公共预算支出预算表”", "“2024年一般公共预算支出预算表”")
def table_year(ctx: Ctx):
    for t in ctx.disc.tables:
        if t.year and ctx.disc.year and t.year != ctx.disc.year:
            yield ctx.finding("YS611", f"{t.title}的年度（{t.year}年）与文件的预算年度（{ctx.disc.year}年）不一致",
                              places=[_table_place(t)])


@rule("YS612", "stray-rows", "completeness", "warning",
      "表格中没有不属于它的行（常见于缺页：上一张表的行混入下一张表）",
      "混入的行说明文件缺页或表格错位，相关表格可能不完整。", "支出表末尾出现“（十三）农林水事务支出”等财政拨款收支表的行",
      "各表完整、互不混杂")
def stray_rows(ctx: Ctx):
    for t in ctx.disc.tables:
        stray = [w for w in t.warnings if "缺页" in w or "无法与表头列对应" in w]
        if not stray:
            continue
        lines = [int(m.group(1)) for w in stray for m in [re.search(r"第(\d+)行", w)] if m]
        what = "、".join(re.sub(r"^第\d+行", "", w).split("”")[0].lstrip("“") for w in stray[:3])
        yield ctx.finding("YS612", f"{t.title}中有 {len(stray)} 行不属于本表（{what}…），可能缺页或错位",
                          places=[Place(t.title, None, None, None, n) for n in lines])


_TOTALLED = (K.INCOME, K.EXPENDITURE, K.GENERAL_BUDGET, K.GENERAL_BASIC, K.ECONOMIC_SUMMARY, K.OPERATING,
             K.PROJECT, K.PROJECT_CARRYOVER, K.BASIC_DETAIL, K.GOV_FUND, K.STATE_CAPITAL)
_SUMMARY_TOTALS = (("income_total", "收入总计"), ("expenditure_total", "支出总计"),
                   ("current_income", "本年收入合计"), ("current_expenditure", "本年支出合计"))


@rule("YS613", "total-row-present", "completeness", "warning",
      "有明细的表格列出合计行；收支总表、财政拨款收支表列出本年收入、本年支出、收入总计和支出总计",
      "没有合计就无法核对明细是否完整。", "支出表只有各科目行，没有“合计”行", "首行为“合计”")
def total_row_present(ctx: Ctx):
    for t in ctx.tables(*_TOTALLED):
        if any(r.kind in ("item", "unit") and r.cells for r in t.rows) and t.total_row() is None:
            yield ctx.finding("YS613", f"{t.title}没有合计行", places=[_table_place(t)])
    for t in ctx.tables(K.SUMMARY, K.FISCAL_SUMMARY):
        if t.empty:
            continue
        carried = any(r.attrs.get("key") in ("carryover", "year_end_carryover") for r in t.rows)
        for key, what in _SUMMARY_TOTALS:
            if key in ("current_income", "current_expenditure") and not carried:
                continue  # a table without carry-over lines ('财务收支预算总表'): its 总计 is this year's
            if not any(r.attrs.get("key") == key and r.cells for r in t.rows):
                yield ctx.finding("YS613", f"{t.title}没有{what}", places=[_table_place(t)])


@rule("YS614", "income-table-lists-units", "completeness", "warning",
      "收入表按预算单位列出：单位预算至少列出本单位，部门预算列出本级和各所属单位",
      "收入表是唯一列出预算单位构成的表；没有单位行就无法核对部门由哪些单位组成。",
      "收入表只有“合计”行", "合计行下列出“402303 焦作市电子商务发展服务中心 87.02”")
def income_table_lists_units(ctx: Ctx):
    for t in ctx.tables(K.INCOME):
        if any(r.code_scheme == "function" for r in t.rows):
            continue  # a 收入表 by 支出功能分类 (决算): units are listed elsewhere
        units = [r for r in t.rows if r.kind == "unit" and r.cells]
        codes = [r.code for r in units if r.code]
        leaves = [r for r in units if not (r.code and any(c != r.code and c.startswith(r.code) for c in codes))]
        if not t.empty and (not units or (ctx.disc.scope == "department" and len(leaves) < 2)):
            what = "没有列出任何预算单位" if not units else "只列出一个预算单位"
            yield ctx.finding("YS614", f"{t.title}{what}", places=[_table_place(t)])


@rule("YS615", "table-not-read-reliably", "completeness", "warning",
      "每张表都能可靠读取；读不准的表明确说明原因和位置，不据此核查",
      "表格版式特殊（列顺序、合并单元格、两栏并列、缺页）时，读出的数字可能不在它原来的行列；据此报告“错误”只会误导，"
      "因此这些表不参加任何计算核查，请对照原件人工核对。",
      "支出表多数行的合计 ≠ 基本支出 + 项目支出，金额列中出现 302、30224 等编码",
      "各列由表头确定，勾稽关系成立")
def table_not_read_reliably(ctx: Ctx):
    for t in ctx.disc.tables:
        r = t.reading
        if r is None or r.status not in ("unverified", "unreadable"):
            continue
        why = "；".join(e for e in r.evidence if not e.startswith(("勾稽关系成立", "表中没有")) and "列由表头确定" not in e)
        pages = sorted({x.location.page for x in t.rows if x.location.page} | ({t.location.page} if t.location.page else set()))
        where = f"第{pages[0]}页" if len(pages) == 1 else f"第{pages[0]}–{pages[-1]}页" if pages else f"第{t.location.line}行起"
        yield ctx.finding("YS615", f"{t.title}未能可靠读取：{why or '原因不明'}；未据此核查，请对照原件{where}",
                          places=[Place(t.title, None, None, t.location.page, t.location.line)])
