"""科目分类: codes well formed, names matching the catalogue and each other, economic classes consistent."""

from __future__ import annotations

import re

from yusuan.audit.context import Ctx
from yusuan.audit.finding import Place
from yusuan.audit.registry import rule
from yusuan.model.disclosure import Row, Table, TableKind as K
from yusuan.reference.catalogue import catalogue, name_key, strip_ordinal


def _place(t: Table, r: Row) -> Place:
    return Place(t.title, f"{r.code} {r.label}" if r.code else r.label, "科目名称", r.location.page, r.location.line)


@rule("YS501", "function-code-format", "classification", "error",
      "支出功能分类科目编码为 3/5/7 位（类/款/项），类编码在 201–234 之间",
      "编码格式错误的科目无法与政府收支分类科目对应。", "21 11 02 事业单位医疗", "210 11 02 事业单位医疗")
def function_code_format(ctx: Ctx):
    for t in ctx.disc.tables:
        for r in t.rows:
            if r.code_scheme != "function" or not r.code:
                continue
            if len(r.code) not in (3, 5, 7) or not 201 <= int(r.code[:3]) <= 234:
                yield ctx.finding("YS501", f"{t.title}中科目编码“{r.code}”不是有效的支出功能分类编码", places=[_place(t, r)])


def _known_names(codes: dict[str, list[str]], code: str) -> list[str]:
    return codes.get(code, [])


@rule("YS502", "function-code-name", "classification", "warning",
      "支出功能分类科目的名称与政府收支分类科目一致（已收录的编码）",
      "编码与名称不符，说明编码或名称之一写错，或使用了过时的科目名称。",
      "2101102 行政单位医疗（应为“事业单位医疗”）", "2101102 事业单位医疗")
def function_code_name(ctx: Ctx):
    cat = catalogue()
    for t in ctx.disc.tables:
        for r in t.rows:
            if r.code_scheme != "function" or not r.code or not r.label:
                continue
            names = _known_names(cat.function, r.code)
            if names and name_key(r.label) not in {name_key(n) for n in names}:
                yield ctx.finding("YS502", f"{t.title}中科目“{r.code} {r.label}”的名称与分类科目“{names[0]}”不一致",
                                  places=[_place(t, r)])


@rule("YS503", "economic-code-name", "classification", "warning",
      "部门预算支出经济分类、政府预算支出经济分类科目的名称与分类科目一致（已收录的编码）",
      "经济分类编码与名称不符，说明编码或名称写错。", "30211 办公费（应为“差旅费”）", "30211 差旅费")
def economic_code_name(ctx: Ctx):
    cat = catalogue()
    for t in ctx.disc.tables:
        for r in t.rows:
            if r.code_scheme != "economic" or not r.code:
                continue
            for code, name, book in ((r.code, r.label, cat.economic), (r.attrs.get("gov_code"), r.attrs.get("gov_name"), cat.gov_economic)):
                names = _known_names(book, code) if code else []
                if names and name and name_key(name) not in {name_key(n) for n in names}:
                    yield ctx.finding("YS503", f"{t.title}中经济分类“{code} {name}”的名称与分类科目“{names[0]}”不一致",
                                      places=[_place(t, r)])


# 部门预算支出经济分类 类 -> the 政府预算支出经济分类 类 it may be booked as: 机关 (行政, 参公) units
# 501/502/503/504, 事业 units 505/506; 303 对个人和家庭的补助 is 509 and 312 对企业补助 507 for both
# (财预〔2017〕98号; the 款 pairs are in yusuan/reference/data/economic_mapping.csv)
_GOV_OF_DEPT = {"301": ("501", "505"), "302": ("502", "505"), "303": ("509",), "310": ("503", "504", "506"),
                "312": ("507",)}


# 事业单位: 工资福利 -> 50501, 商品和服务 -> 50502
_FUNDED_AS = {"301": "50501", "302": "50502"}


@rule("YS504", "economic-correspondence", "classification", "error",
      "部门预算经济分类与政府预算经济分类的类对应正确（301 对应 501 或 50501，302 对应 502 或 50502，303 对应 509，"
      "310 对应 503/504 或 506）",
      "两套经济分类的对应关系由财政部规定（财预〔2017〕98号），对错了说明科目套用错误。", "30101 基本工资 → 50201 办公经费",
      "30101 基本工资 → 50101 工资奖金津补贴（行政单位）或 50501 工资福利支出（事业单位）")
def economic_correspondence(ctx: Ctx):
    for t in ctx.disc.tables:
        for r in t.rows:
            gov = r.attrs.get("gov_code")
            if r.code_scheme != "economic" or not r.code or not gov:
                continue
            allowed = _GOV_OF_DEPT.get(r.code[:3])
            if allowed and gov[:3] not in allowed:
                yield ctx.finding("YS504", f"{t.title}中“{r.code} {r.label}”对应政府经济分类“{gov} {r.attrs.get('gov_name', '')}”，"
                                           f"应对应 {'/'.join(allowed)} 类", places=[_place(t, r)])
            elif gov[:3] == "505" and r.code[:3] in _FUNDED_AS:
                if gov != _FUNDED_AS[r.code[:3]]:
                    yield ctx.finding("YS504", f"{t.title}中“{r.code} {r.label}”对应“{gov}”，应为 {_FUNDED_AS[r.code[:3]]}",
                                      places=[_place(t, r)])


@rule("YS509", "economic-correspondence-item", "classification", "warning",
      "部门预算经济分类的款对应财政部对应表所列的政府预算经济分类款（如 30216 培训费 → 50203 培训费，30302 退休费 → 50905 离退休费）",
      "类对了而款对错，多为套用了同类的另一个科目；对应表见 reference/data/economic_mapping.csv（财预〔2017〕98号）。",
      "30216 培训费 → 50201 办公经费", "30216 培训费 → 50203 培训费")
def economic_correspondence_item(ctx: Ctx):
    from yusuan.reference.economic_mapping import any_gov_codes, gov_codes

    for t in ctx.disc.tables:
        for r in t.rows:
            gov = r.attrs.get("gov_code")
            if r.code_scheme != "economic" or not r.code or not gov or len(r.code) != 5 or len(gov) != 5:
                continue
            allowed = any_gov_codes(r.code)
            if not allowed or gov in allowed or gov[:3] not in _GOV_OF_DEPT.get(r.code[:3], ()):
                continue  # a pair not listed, or a wrong 类 (YS504)
            if gov[:3] == "505" and r.code[:3] in _FUNDED_AS:
                continue  # YS504 says which 505 款
            usual = "；".join(f"{'行政（参公）单位' if kind == '机关' else '事业单位'} {'/'.join(codes)}"
                             for kind in ("机关", "事业") if (codes := gov_codes(r.code, kind)))
            yield ctx.finding("YS509", f"{t.title}中“{r.code} {r.label}”对应政府经济分类“{gov} {r.attrs.get('gov_name', '')}”，"
                                       f"按财政部对应表应为：{usual}", places=[_place(t, r)])


@rule("YS505", "same-code-same-name", "classification", "warning",
      "同一科目编码在文件的各张表中名称相同", "同一编码两个名称，说明其中一处写错。",
      "支出表“2101101 行政单位医疗”，一般公共预算支出表“2101101 事业单位医疗”", "两处名称相同")
def same_code_same_name(ctx: Ctx):
    seen: dict[tuple[str, str], tuple[Table, Row]] = {}
    for t in ctx.disc.tables:
        for r in t.rows:
            if r.code_scheme not in ("function", "economic") or not r.code or not r.label:
                continue
            key = (r.code_scheme, r.code)
            if key not in seen:
                seen[key] = (t, r)
                continue
            t0, r0 = seen[key]
            if name_key(r0.label) != name_key(r.label) and t0 is not t:  # within one table: a duplicate (YS607)
                yield ctx.finding("YS505", f"科目“{r.code}”在{t0.title}中叫“{r0.label}”，在{t.title}中叫“{r.label}”",
                                  places=[_place(t0, r0), _place(t, r)])


# 类 names the catalogue has replaced, with the year the new name took effect (2019政府收支分类科目)
_OUTDATED = {"医疗卫生与计划生育": ("卫生健康", 2019), "文化体育与传媒": ("文化旅游体育与传媒", 2019)}


@rule("YS506", "outdated-class-name", "classification", "warning",
      "不使用已停用的功能分类名称（如 2019 年起“医疗卫生与计划生育支出”改为“卫生健康支出”）",
      "模板沿用旧科目名称，读者会以为存在两个不同的类。", "2023年财政拨款收支表列有“（九）医疗卫生与计划生育支出”",
      "只列“卫生健康支出”")
def outdated_class_name(ctx: Ctx):
    year = ctx.disc.year or 0
    for t in ctx.disc.tables:
        for r in t.rows:
            name = re.sub(r"支出$", "", strip_ordinal(r.label or ""))
            if name in _OUTDATED and year >= _OUTDATED[name][1]:
                yield ctx.finding("YS506", f"{t.title}列有已停用的科目名称“{strip_ordinal(r.label)}”（{_OUTDATED[name][1]}年起为"
                                           f"“{_OUTDATED[name][0]}支出”）", places=[_place(t, r)])


@rule("YS507", "economic-class-in-wrong-column", "classification", "error",
      "基本支出表中 301（工资福利支出）、303（对个人和家庭的补助）列入人员经费，302、310 列入公用经费",
      "人员经费与公用经费按经济分类划分，列错会使两者都失真。", "30201 办公费 0.20 列在人员经费", "列在公用经费")
def economic_class_in_wrong_column(ctx: Ctx):
    for t in ctx.tables(K.GENERAL_BASIC):
        for r in t.rows:
            if r.code_scheme != "economic" or not r.code:
                continue
            wrong = "public" if r.code[:3] in ("301", "303") else "personnel" if r.code[:3] in ("302", "310") else None
            f = ctx.cell(t, r, wrong) if wrong else None
            if f is not None and f.value != 0:
                yield ctx.finding("YS507", f"{t.title}中“{r.code} {r.label}”{f.printed}万元列在{f.place.column}", [f])


_ECONOMIC_CLASSES = {"301", "302", "303", "307", "309", "310", "311", "312", "313", "399"}


@rule("YS508", "code-not-in-catalogue", "classification", "warning",
      "科目编码有效：款、项编码不为 00，经济分类的类在 301–399 之内；用 --catalogue 载入官方目录后，还须在目录中",
      "不存在的编码多为录入错误（如“30100”）。随附目录不完整，故未载入官方目录时只检查编码格式。",
      "30100 绩效工资", "30107 绩效工资")
def code_not_in_catalogue(ctx: Ctx):
    cat = catalogue()
    for t in ctx.disc.tables:
        for r in t.rows:
            if not r.code or r.code_scheme not in ("function", "economic"):
                continue
            book = cat.function if r.code_scheme == "function" else cat.economic
            malformed = (len(r.code) > 3 and r.code[-2:] == "00") or (
                r.code_scheme == "economic" and r.code[:3] not in _ECONOMIC_CLASSES)
            if malformed or (cat.complete and r.code not in book):
                yield ctx.finding("YS508", f"{t.title}中的科目编码“{r.code} {r.label}”"
                                           f"{'不是有效编码（款、项编码不为 00）' if malformed else '不在已收录的分类科目中'}",
                                  places=[_place(t, r)])
