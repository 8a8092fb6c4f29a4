"""绩效指标: targets quantified, compared in the sensible direction, one set per project."""

from __future__ import annotations

import re

from yusuan.audit.context import Ctx
from yusuan.audit.finding import Place
from yusuan.audit.registry import rule
from yusuan.audit.rules.cross_table import basic_forms
from yusuan.model.disclosure import Row, Table, TableKind as K
from yusuan.read.clean import name_key

_HIGHER_BETTER = ("满意度", "满意率", "合格率", "完成率", "达标率", "覆盖率", "知晓率", "使用率", "运转率", "运行率", "及时率",
                  "执行率", "准确率", "规范率", "细化率", "完好率", "处理率", "办结率", "通过率", "参与率", "到位率")
_TIME = ("时限", "时间", "时长", "周期", "响应", "办结时间")
_QUANTITY_UNITS = ("个", "次", "项", "件", "场", "人", "条", "台", "套", "篇", "份", "家", "户")


def _targets(ctx: Ctx):
    for t in ctx.tables(K.PROJECT_PERFORMANCE):
        for r in t.rows:
            for indicator, value in r.attrs.get("targets", []) or []:
                yield t, r, indicator, value


def _place(t: Table, r: Row, indicator: str) -> Place:
    return Place(t.title, r.label, indicator, r.location.page, r.location.line)


def _number(value: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", value)
    return float(m.group(0)) if m else None


@rule("YS701", "rate-compared-downwards", "indicator", "warning",
      "满意度、合格率、完成率等越高越好的指标，指标值用“≥”而不是“≤”",
      "“合格率≤100%”对任何结果都成立，等于没有设定目标。", "宣传文案合格率 ≤100%", "宣传文案合格率 ≥95%")
def rate_compared_downwards(ctx: Ctx):
    for t, r, ind, val in _targets(ctx):
        if any(w in ind for w in _HIGHER_BETTER) and val.startswith(("≤", "<", "＜")) and "%" in val:
            yield ctx.finding("YS701", f"{t.title}“{r.label}”的指标“{ind}”越高越好，指标值却是“{val}”",
                              places=[_place(t, r, ind)])


@rule("YS702", "rate-over-100", "indicator", "error",
      "百分比指标值不超过 100%（≥101% 无法达到）", "超过 100% 的比率目标不可能实现，多为笔误。",
      "服务对象满意度 ≥110%", "服务对象满意度 ≥90%")
def rate_over_100(ctx: Ctx):
    for t, r, ind, val in _targets(ctx):
        n = _number(val)
        if "%" in val and n is not None and n > 100 and not val.startswith(("≤", "<")):
            yield ctx.finding("YS702", f"{t.title}“{r.label}”的指标“{ind}”指标值“{val}”超过 100%", places=[_place(t, r, ind)])


@rule("YS703", "time-limit-compared-upwards", "indicator", "warning",
      "时限类指标（时限、时间、响应、周期）用“≤”而不是“≥”", "“办理时限≥20天”鼓励拖延，方向错了。",
      "按法定时间办理 ≥20天", "按法定时间办理 ≤20天")
def time_limit_compared_upwards(ctx: Ctx):
    for t, r, ind, val in _targets(ctx):
        if any(w in ind for w in _TIME) and val.startswith(("≥", ">", "＞")) and re.search(r"(天|日|小时|月|分钟)", val):
            yield ctx.finding("YS703", f"{t.title}“{r.label}”的时限指标“{ind}”指标值“{val}”方向相反",
                              places=[_place(t, r, ind)])


@rule("YS704", "rate-with-count-unit", "indicator", "warning",
      "比率类指标（…率）的指标值是百分比，而不是天数、个数", "名称是比率、指标值却是天数，无法衡量。",
      "网络、网站正常运转率 ≥350天", "网络、网站正常运转率 ≥95%")
def rate_with_count_unit(ctx: Ctx):
    for t, r, ind, val in _targets(ctx):
        if ind.endswith("率") and "%" not in val and re.search(r"\d", val):
            yield ctx.finding("YS704", f"{t.title}“{r.label}”的指标“{ind}”是比率，指标值却是“{val}”",
                              places=[_place(t, r, ind)])


@rule("YS705", "quantity-compared-downwards", "indicator", "warning",
      "产出数量类指标（个、次、项、件、场、人…）用“≥”而不是“≤”（成本、费用类除外）",
      "“服务平台≤1个”对零产出也成立，等于没有设定目标。", "拓展跨境电商发展服务平台 ≤1个", "拓展跨境电商发展服务平台 ≥1个")
def quantity_compared_downwards(ctx: Ctx):
    for t, r, ind, val in _targets(ctx):
        if any(w in ind for w in ("成本", "费用", "经费", "时限", "时间", "环节")):
            continue
        if val.startswith(("≤", "<", "＜")) and val.rstrip().endswith(_QUANTITY_UNITS):
            yield ctx.finding("YS705", f"{t.title}“{r.label}”的数量指标“{ind}”指标值“{val}”设定为上限",
                              places=[_place(t, r, ind)])


@rule("YS706", "project-has-targets", "indicator", "warning",
      "项目支出表中的每个项目在项目绩效目标表中都有绩效目标，反之亦然",
      "纳入预算的项目须设定绩效目标；只在一张表出现的项目说明漏报或名称不一致。",
      "项目支出表有“网络及网站建设维护”，绩效目标表没有", "两表列出相同的项目")
def project_has_targets(ctx: Ctx):
    proj, perf = ctx.table(K.PROJECT), ctx.tables(K.PROJECT_PERFORMANCE)
    if proj is None or not perf:
        return
    with_targets = {r.label for t in perf for r in t.rows if r.kind == "item" and r.attrs.get("targets")}
    listed = {r.label for t in perf for r in t.rows if r.kind == "item"}
    for r in proj.rows:
        if r.kind == "item" and r.label not in with_targets:
            yield ctx.finding("YS706", f"项目“{r.label}”在{proj.title}中列出，但没有绩效目标",
                              places=[Place(proj.title, r.label, None, r.location.page, r.location.line)])
    names = {r.label for r in proj.rows if r.kind == "item"}
    basic = {id(r) for _, r in basic_forms(ctx)}  # 人员类 / 公用经费 forms are not projects
    for t in perf:
        for r in t.rows:
            if r.kind == "item" and r.label and r.label not in names and r.label in listed and id(r) not in basic:
                yield ctx.finding("YS706", f"{t.title}中的项目“{r.label}”不在{proj.title}中",
                                  places=[Place(t.title, r.label, None, r.location.page, r.location.line)])


@rule("YS707", "vague-target", "indicator", "info",
      "指标值尽量量化；“明显”“提高”等定性描述只宜用于效益类指标", "定性指标难以评价完成情况。",
      "服务平台建设 明显", "服务平台建设 ≥1个")
def vague_target(ctx: Ctx):
    for t, r, ind, val in _targets(ctx):
        if not re.search(r"\d", val) and any(w in ind for w in ("数量", "次数", "个数", "场次")):
            yield ctx.finding("YS707", f"{t.title}“{r.label}”的数量指标“{ind}”指标值“{val}”未量化",
                              places=[_place(t, r, ind)])


_CAP_WORDS = ("控制", "成本", "调整", "结余", "费用", "经费", "偏差", "投诉", "差错", "事故", "误差")


@rule("YS708", "vacuous-target", "indicator", "warning",
      "指标值有实际约束：“≤100%”（非控制率、成本类指标）对任何结果都成立",
      "没有约束力的目标无法用于绩效评价。", "促进社会经济发展 ≤100%", "促进社会经济发展 明显（或量化的提升幅度）")
def vacuous_target(ctx: Ctx):
    for t, r, ind, val in _targets(ctx):
        if val.replace(" ", "") in ("≤100%", "<=100%", "≥0%") and not any(w in ind for w in _CAP_WORDS + _HIGHER_BETTER):
            yield ctx.finding("YS708", f"{t.title}“{r.label}”的指标“{ind}”指标值“{val}”没有约束力",
                              places=[_place(t, r, ind)])


@rule("YS709", "same-indicator-differs", "indicator", "warning",
      "同一项目的同一三级指标只有一个指标值（在项目绩效目标表和各申报表中一致）",
      "同一指标写了两个不同的目标值，评价时无法确定以哪个为准，往往是一处沿用了旧稿。",
      "“信息化运维经费”的“完成时限”一处 ≤12月，一处 ≤6月", "两处都是 ≤12月")
def same_indicator_differs(ctx: Ctx):
    seen: dict[tuple[str, str], list[tuple[str, Place]]] = {}
    for t, r, ind, val in _targets(ctx):
        if r.label and ind:
            seen.setdefault((name_key(r.label), name_key(ind)), []).append((val, _place(t, r, ind)))
    for (project, ind), stated in seen.items():
        values = list(dict.fromkeys(name_key(v) for v, _ in stated))
        if len(values) > 1:
            label = next(p.row for _, p in stated)
            yield ctx.finding("YS709", f"项目“{label}”的指标“{ind}”写了 {len(values)} 个不同的指标值："
                                       + "、".join(f"“{v}”" for v in values),
                              places=[p for _, p in stated])
