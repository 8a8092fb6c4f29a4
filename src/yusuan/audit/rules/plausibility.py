"""合理性: figures that are possible but unlikely, and worth a second look."""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit.context import Ctx
from yusuan.audit.finding import Place
from yusuan.audit.registry import rule
from yusuan.audit.rules.completeness import _explained_by_items
from yusuan.model.amount import WAN
from yusuan.model.disclosure import TableKind as K


@rule("YS801", "negative-amount", "plausibility", "warning",
      "预算表和情况说明中的金额不为负数", "预算数为负通常是录入错误（调减应在说明中表述）。",
      "培训支出 -0.33", "培训支出 0.33")
def negative_amount(ctx: Ctx):
    for t in ctx.disc.tables:
        for r in t.rows:
            for role, c in r.cells.items():
                if c.amount.value >= 0:  # the common case, without building the fact
                    continue
                f = ctx.cell(t, r, role)
                if f is not None and f.value < 0:
                    yield ctx.finding("YS801", f"{t.title}“{r.label}”{f.place.column}为负数 {f.printed} 万元", [f])
    for st in ctx.disc.narrative.statements:
        if st.amount is not None and st.amount.wan < 0:
            yield ctx.finding("YS801", f"情况说明“{st.subject}”为负数 {st.amount.printed} 万元", [ctx.stated(st)])


@rule("YS802", "share-over-100", "plausibility", "error",
      "占比不超过 100%", "部分不可能大于整体。", "基本支出占102.5%", "基本支出占92.88%")
def share_over_100(ctx: Ctx):
    for st in ctx.disc.narrative.statements:
        if st.share is not None and st.share > 100:
            yield ctx.finding("YS802", f"情况说明“{st.subject}”占比 {st.share_printed}% 超过 100%", [ctx.stated(st)])


@rule("YS803", "three-public-increase-reason", "plausibility", "warning",
      "“三公”经费比上年增加时说明原因", "在厉行节约的要求下，“三公”经费增加须有充分理由。",
      "公务接待费0.4万元，比上年增加0.1万元", "…增加0.1万元，主要原因是…")
def three_public_increase_reason(ctx: Ctx):
    sts = [s for s in ctx.disc.narrative.statements if s.key in ("three_public_total", "abroad", "vehicle_total",
                                                                  "vehicle_purchase", "vehicle_operation", "reception")]
    for st in sts:
        if st.direction == "增加" and st.change_amount is not None and st.change_amount.wan > 0 and not st.reason \
                and not _explained_by_items(st, sts):
            yield ctx.finding("YS803", f"“{st.subject}”比上年增加{st.change_amount.printed}万元，没有说明原因", [ctx.stated(st)])


@rule("YS804", "precision-in-wan", "plausibility", "warning",
      "以万元为单位的表格金额最多保留两位小数", "超过两位小数多为元、万元换算时未取整。", "基本工资 21.7735", "基本工资 21.77")
def precision_in_wan(ctx: Ctx):
    for t in ctx.disc.tables:
        if t.unit != WAN:
            continue
        for r in t.rows:
            for role, c in r.cells.items():
                if c.amount.exponent >= -2:  # the common case, without building the fact
                    continue
                f = ctx.cell(t, r, role)
                if f is not None and f.amount.exponent < -2:
                    yield ctx.finding("YS804", f"{t.title}“{r.label}”{f.place.column} {f.printed} 超过两位小数（单位：万元）", [f])


@rule("YS805", "operating-within-public", "plausibility", "warning",
      "机关（机构）运行经费不超过基本支出中的公用经费",
      "机关运行经费是公用经费的一部分；超过时多为把项目经费计入，需核对口径（各地定义不同，故为警告）。",
      "机关运行经费 10.00，公用经费 2.77", "机关运行经费 1.37，公用经费 2.77")
def operating_within_public(ctx: Ctx):
    op, public = ctx.total(K.OPERATING), ctx.total(K.GENERAL_BASIC, "public")
    if op is not None and public is not None and op.value > public.value:
        yield ctx.finding("YS805", f"机关（机构）运行经费 {op.printed} 万元超过公用经费 {public.printed} 万元", [op, public],
                          expected=public.value, actual=op.value)


@rule("YS806", "shares-add-up", "plausibility", "warning",
      "同一段中列举的各项占比之和约为 100%（不超过，且列全时接近）",
      "各部分占比之和超过 100% 说明至少一个占比算错。", "基本支出占92.88%；项目支出占8.12%", "项目支出占7.12%")
def shares_add_up(ctx: Ctx):
    groups: dict[str, list] = {}
    for st in ctx.disc.narrative.statements:
        if st.share is not None and st.section:
            # a share of a named whole ('占本年支出合计的80.00%') is not one of the items' shares beside it
            groups.setdefault((st.section, st.share_of or ""), []).append(st)
    for (section, _), sts in groups.items():
        if len(sts) < 2:
            continue
        total = sum((s.share for s in sts), Decimal(0))
        slack = sum((Decimal(5).scaleb(Decimal(s.share_printed).as_tuple().exponent - 1) for s in sts), Decimal(0))
        if total > 100 + slack:
            yield ctx.finding("YS806", f"“{section}”中各项占比之和为 {total}%，超过 100%", [ctx.stated(s) for s in sts],
                              expected=Decimal(100), actual=total)


@rule("YS807", "staff-within-quota", "plausibility", "warning",
      "实有人数不超过编制数", "超编需要说明；多数情况下是数字写错。", "编制8人，实有人员10人", "编制8人，实有人员6人")
def staff_within_quota(ctx: Ctx):
    sts = ctx.disc.narrative.statements
    for i, st in enumerate(sts):
        if st.key != "count:staff_quota":
            continue
        actual = next((s for s in sts[i + 1:i + 3] if s.key == "count:staff_actual"), None)
        if actual is not None and actual.count > st.count:
            yield ctx.finding("YS807", f"实有人数 {actual.count} 超过编制数 {st.count}",
                              places=[Place("情况说明", s.section, s.subject, s.location.page, s.location.line)
                                      for s in (st, actual)], expected=Decimal(st.count), actual=Decimal(actual.count))
