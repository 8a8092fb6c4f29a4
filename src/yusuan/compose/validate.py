"""Checks before rendering: the identities between the input's sheets (the columns of the
支出功能分类 are defined by the 经济分类, the projects make up the 项目支出, …), the codes, the
reasons inspections require, and finally the audit itself run on the document that would be
rendered. Nothing is rendered while an error stands."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Callable

from yusuan.compose.problems import Problems
from yusuan.model.budget import DEPARTMENT_TARGETS, FUNDS, PROJECT_TYPES, UNIT_INCOME, ZERO, Budget

# 部门预算支出经济分类 类 -> the 支出功能分类 column it makes up
ECONOMIC_COLUMNS = {"301": ("salaries", "工资福利支出"), "303": ("family", "对个人和家庭的补助"),
                    "302": ("goods", "商品和服务支出")}
CAPITAL = ("capital", "资本性支出")


def _fmt(v: Decimal) -> str:
    return f"{v:,.2f}"


def check_budget(b: Budget, problems: Problems, where: Callable[[str], str] = lambda p: p,
                 in_department: bool = False) -> None:
    """Every rule the input must keep; `in_department`: a unit's file summed into a 部门 (its
    “部门整体” indicators and 年度主要任务 are the 部门's)."""
    from yusuan.reference.catalogue import catalogue

    cat = catalogue()
    for i, f in enumerate(b.functions):
        names = cat.function.get(f.code)
        if f.code[:3] not in cat.function:
            problems.error(where(f"functions[{i}].code"), f"功能分类科目 {f.code} 的类 {f.code[:3]} 不是政府收支分类科目中的类")
        elif names and f.name not in names:
            problems.warn(where(f"functions[{i}].name"), f"科目 {f.code} 的名称通常为“{names[0]}”，填写的是“{f.name}”")
        elif cat.complete and not names:
            problems.error(where(f"functions[{i}].code"), f"功能分类科目 {f.code} 不在载入的分类科目目录中")
    if b.profile.tasks and b.scope != "department" and not in_department:
        problems.warn(where("profile.tasks"), "年度主要任务只印在部门预算的部门整体绩效目标表中，单位预算不使用（未列入）")
    if any("资金来源应为" in p.message for p in problems.errors):
        funds = []  # a 资金来源 not understood: its row's sums would only restate that one mistake
    else:
        funds = [k for k, _ in FUNDS if k in b.funds_used or k in {b.economic_fund(i) for i in range(len(b.economic))}
                 or k in {b.project_fund(n) for _, n, _ in b.projects}]
    sums = []  # (where, what, of, listed, column label, column sum) of every fund
    for fund in funds:
        of = f"（{dict(FUNDS)[fund]}）" if funds != ["general"] else ""
        by_class: dict[str, Decimal] = {}
        for i, (code, _, _, amt) in enumerate(b.economic):
            if b.economic_fund(i) == fund:
                by_class[code[:3]] = by_class.get(code[:3], ZERO) + amt
        capital_total = sum((a for c, a in by_class.items() if c not in ECONOMIC_COLUMNS), ZERO)
        for cls, (attr, label) in ECONOMIC_COLUMNS.items():
            sums.append(("economic", f"基本支出经济分类 {cls} 类合计", fund, by_class.get(cls, ZERO), label, b.sum(attr, fund)))
        sums.append(("economic", "基本支出经济分类其余各类（310 等）合计", fund, capital_total, CAPITAL[1], b.sum(CAPITAL[0], fund)))
        for typ, attr in zip(PROJECT_TYPES, ("project_operating", "project_specific")):
            listed = sum((a for t, n, a in b.projects if t == typ and b.project_fund(n) == fund), ZERO)
            sums.append(("projects", f"项目支出表中{typ}项目合计", fund, listed, typ, b.sum(attr, fund)))
    _fund_sums(b, sums, len(funds) > 1, problems, where)
    if funds:
        _income_sources(b, problems, where)
    names = {n for _, n, _ in b.projects}
    for i, (p, _) in enumerate(b.targets):
        if p == DEPARTMENT_TARGETS and b.scope != "department" and not in_department:
            problems.error(where(f"targets[{i}].project"), f"“{DEPARTMENT_TARGETS}”绩效指标只用于部门预算（编制范围为部门）")
        elif p not in names and p != DEPARTMENT_TARGETS:
            problems.error(where(f"targets[{i}].project"), f"绩效目标的项目“{p}”不在项目支出表中")
    with_targets = {p for p, _ in b.targets}
    for i, (_, n, _) in enumerate(b.projects):
        if n not in with_targets:
            problems.error(where(f"projects[{i}].name"), f"项目“{n}”没有绩效目标：每个项目至少填写一条三级指标")
    for i, (_, n, a) in enumerate(b.projects):
        if a == 0:
            problems.error(where(f"projects[{i}].amount"), f"项目“{n}”没有金额")
    public = b.general("public")  # 机关运行经费 is paid from 一般公共预算 公用经费
    if b.operating_total > public:
        problems.error(where("operating"), f"机关运行经费 {_fmt(b.operating_total)} 万元大于公用经费 {_fmt(public)} 万元")
    for key, label in (("abroad", "因公出国（境）费"), ("vehicle_purchase", "公务用车购置费"),
                       ("vehicle_operation", "公务用车运行维护费"), ("reception", "公务接待费")):
        last = b.last_year.get(key)
        if last is not None and last != b.tp(key) and not b.reasons.get(key):
            problems.error(where(f"reasons.{key}"), f"{label}比上年{'增加' if b.tp(key) > last else '减少'} {_fmt(abs(b.tp(key) - last))} 万元，须说明增减原因")
    for key, code, label in (("abroad", "30212", "因公出国（境）费"), ("reception", "30217", "公务接待费"),
                             ("vehicle_operation", "30231", "公务用车运行维护费"), ("vehicle_purchase", "31013", "公务用车购置费")):
        item = sum((a for c, _, _, a in b.economic if c == code), ZERO)
        if item > b.tp(key):  # the 三公 figure covers basic and project money: it is never below the basic item
            problems.warn(where(f"three_public.{key}"), f"基本支出经济分类 {code} {item:,.2f} 万元，大于“三公”经费中的{label} "
                                                        f"{b.tp(key):,.2f} 万元：“三公”经费应包含基本支出中的这一项")
    amounts = [a for f in b.functions for a in (f.salaries, f.family, f.goods, f.capital, f.project_operating,
                                               f.project_specific) if a]
    if b.total >= Decimal(1_000_000) and amounts and all(a == a.to_integral_value() for a in amounts):
        problems.warn(where("functions"), f"支出合计 {b.total:,.2f} 万元（{b.total / 10000:,.2f} 亿元），且每个金额都是整数："
                                          "金额似乎按元填写，模板的金额单位是万元（元 ÷ 10,000）")
    if b.three_public_total > b.sum("basic") + b.sum("project"):
        problems.error(where("three_public"), "“三公”经费大于支出合计")
    _per_person(problems, where, b)


def _fund_sums(b: Budget, sums: list, by_fund: bool, problems: Problems, where: Callable[[str], str]) -> None:
    """Each fund's economic rows and projects against its 支出功能分类 columns. Where one amount is
    too much under one fund and missing under another, that is one 资金来源 typed wrong: one error
    saying so (and naming the row when one row has that amount), not two sums that disagree."""
    labels = dict(FUNDS)
    off = [x for x in sums if x[3] != x[5]]
    paired = set()
    for i, (sheet, what, fund, listed, label, column) in enumerate(off):
        if i in paired:
            continue
        other = next((j for j, y in enumerate(off) if j not in paired and j != i and y[1] == what and y[4] == label
                      and y[3] - y[5] == column - listed), None)
        if other is None:
            continue
        paired |= {i, other}
        d = listed - column
        more, less = (fund, off[other][2]) if d > 0 else (off[other][2], fund)
        rows = [k for k, (code, _, _, amt) in enumerate(b.economic) if b.economic_fund(k) == more and amt == abs(d)] \
            if sheet == "economic" else [k for k, (_, n, a) in enumerate(b.projects) if b.project_fund(n) == more and a == abs(d)]
        at = where(f"{sheet}[{rows[0]}].fund") if len(rows) == 1 else where(sheet)
        problems.error(at, f"{what}：{labels[more]}多 {_fmt(abs(d))} 万元、{labels[less]}少 {_fmt(abs(d))} 万元（与支出功能分类"
                           f"“{label}”列相比）——很可能有一行的资金来源填错，应为“{labels[less]}”")
    for i, (sheet, what, fund, listed, label, column) in enumerate(off):
        if i not in paired:
            of = f"（{labels[fund]}）" if by_fund else ""
            _same(problems, where(sheet), what.replace("合计", f"{of}合计", 1) if of else what, listed,
                  f"支出功能分类{of}“{label}”列合计", column)


def _income_sources(b: Budget, problems: Problems, where: Callable[[str], str]) -> None:
    """Each unit's 上年结转结余 of a fund is at most what that fund pays for; its 单位资金 sources add
    up to the 单位资金 spending less what is carried over of it (the income side then balances)."""
    for code, uname, _ in b.units:
        unit = code if b.unit_functions else None
        who = f"“{uname}”" if b.scope == "department" else ""
        for k, label in FUNDS:
            carry, spent = b.carry(k, unit), b.unit_spending(k, unit)
            if carry > spent:
                problems.error(where("income"), f"{who}上年结转结余（{label}）{_fmt(carry)} 万元，大于支出功能分类中{label}"
                                                f"的支出 {_fmt(spent)} 万元：结转资金须在支出中安排")
        sources = sum((b.source(k, unit) for k, _ in UNIT_INCOME), ZERO)
        own = b.current("unit", unit)
        if sources != own and own >= 0:
            problems.error(where("income"), f"{who}单位资金收入（事业收入、事业单位经营收入、上级补助收入、附属单位上缴收入、"
                                            f"其他收入）合计 {_fmt(sources)} 万元，单位资金支出减去其上年结转结余为 {_fmt(own)} 万元，"
                                            f"两者应相等（相差 {_fmt(sources - own)} 万元）")


# 工资福利支出 (301) per 实有人员 and year outside this range (万元) is most likely a typing error:
# 元 typed as 万元, a staff count of another unit, a missing digit
PER_PERSON_SALARY = (Decimal("2"), Decimal("60"))
_STAFF = re.compile(r"(?:实有|在职|现有|在编)(?:人员|职工|在职人员)?(?:共)?\s*(\d{1,6})\s*[名人]")


def _per_person(problems: Problems, where: Callable[[str], str], b: Budget) -> None:
    """A plausibility warning when 工资福利支出 per person stated in 人员情况 is far outside what any
    unit pays (both figures named, so the officer sees which is wrong)."""
    found = list(_STAFF.finditer(b.profile.staff or "")) if b.scope == "unit" else []  # a 部门's 人员情况 is its 本级's
    m = next((x for x in found if x.group(0).startswith("实有")), found[0] if found else None)  # 实有 before 在编
    salaries = b.sum("salaries")
    if not m or not int(m.group(1)) or not salaries:
        return
    staff = int(m.group(1))
    each = salaries / staff
    low, high = PER_PERSON_SALARY
    if not low <= each <= high:
        problems.warn(where("profile.staff"), f"工资福利支出 {salaries:,.2f} 万元，人员情况写实有人员 {staff} 名，"
                                              f"人均 {each:,.2f} 万元，不在常见范围（{low}–{high} 万元/人）内："
                                              "请核对人数与金额（金额单位为万元）")


def _same(problems: Problems, where: str, a_label: str, a: Decimal, b_label: str, b: Decimal) -> None:
    if a != b:
        problems.error(where, f"{a_label} {_fmt(a)} 万元，{b_label} {_fmt(b)} 万元，两者应相等（相差 {_fmt(a - b)} 万元）")


def audit_rendered(b: Budget, problems: Problems, template: str = "henan") -> None:
    """The audit on the document as it would be rendered (its web page, read back as `check` reads
    it): whatever `yusuan check` would report as an error stops the rendering here."""
    from yusuan.audit.engine import audit, selected
    from yusuan.read.html import read_html
    from yusuan.recognise.document import recognise
    from yusuan.render.document import build_document
    from yusuan.render.html_doc import render_html

    other = [label for k, label in FUNDS if k != "general" and b.unit_spending(k)]
    if template == "shanghai" and (other or b.carry()):
        problems.error("--template shanghai", "上海模板目前只生成一般公共预算资金的预算，本预算还有"
                       + "、".join(other + (["上年结转结余"] if b.carry() else [])) + "：请用河南模板（--template henan）")
        return
    page = render_html(build_document(b, template)).encode("utf-8", "replace")
    for f in audit(recognise(read_html(page, "生成结果")), selected([], [])):
        if f.severity == "error":
            problems.error("生成结果", f"{f.code} {f.message}")
        elif f.severity == "warning":
            problems.warn("生成结果", f"{f.code} {f.message}")
