"""The Henan template's tables (预算01表…预算15表), as the samples publish them, written from a
Budget onto a Page (text styles) or a TableRecorder (grids for the renderer)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.budget import DEPARTMENT_TARGETS, FISCAL_FUNDS, FUNDS, PERFORMANCE_LEVEL1, UNIT_INCOME, ZERO, Budget, \
    function_name
from yusuan.model.disclosure import UNIT_CODE
from yusuan.reference.economic_mapping import default_gov
from yusuan.render.layout import Page, cn_ordinal, code_cells, grouped_pairs, side_by_side


def fiscal_table(out: Page, b: Budget, label: str, title: str, meta: str | None = None) -> None:
    """财政拨款收支表: this year's 一般公共预算, 政府性基金 and 国有资本经营 money and what is carried over
    of them; the spending side by 类, in 合计 and one column per fund."""
    cur = {k: b.current(k) or None for k in FISCAL_FUNDS}
    carry = sum((b.carry(k) for k in FISCAL_FUNDS), ZERO)
    left = [("收入合计", b.fiscal_total), ("一、本年收入", b.fiscal_total - carry), ("（一）一般公共预算拨款", cur["general"]),
            ("（二）政府性基金预算拨款", cur["gov_fund"]), ("（三）国有资本经营预算拨款", cur["state_capital"]),
            ("二、上年结转", carry or None)]
    left += [(f"（{cn_ordinal(i)}）{lab}结转", b.carry(k) or None) for i, (k, lab) in
             enumerate((("general", "一般公共预算拨款"), ("gov_fund", "政府性基金预算拨款"),
                        ("state_capital", "国有资本经营预算拨款")), 1) if carry]
    by_class: dict[str, dict[str, Decimal]] = {}
    for k in FISCAL_FUNDS:
        for c, _, v in b.class_totals(k):
            by_class.setdefault(c, {})[k] = v
    per_fund = lambda vals: (sum(vals.values(), ZERO),) + tuple(vals.get(k) for k in FISCAL_FUNDS)  # noqa: E731
    right = [("支出合计", per_fund({k: b.unit_spending(k) for k in FISCAL_FUNDS})),
             ("一、本年支出", per_fund({k: b.unit_spending(k) for k in FISCAL_FUNDS}))]
    right += [(f"（{cn_ordinal(int(c) - 200)}）{_spending(function_name(c))}", per_fund(v)) for c, v in sorted(by_class.items())]
    right.append(("二、年终结转结余", None))
    rows = side_by_side(out, left, right, width=4)
    rows[1][1] = out.money(b.fiscal_total - carry, blank_zero=False)  # 0.00 when all of it is carried over
    if not b.fiscal_total:
        rows = []
    out.table(label, title, b.unit_name, [["收入", "", "支出", "", "", "", ""],
                                          ["项目", "金额", "项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]],
              rows, two_sided=True, meta=meta,
              note=None if rows else f"注：本{b.who}{b.year}年度没有财政拨款收支，故本表无数据。")


def _spending(name: str) -> str:
    return name if name.endswith("支出") else name + "支出"


def basic_by_class(b: Budget, fund: str | None = "general") -> dict[tuple[str, str, str, str, str], Decimal]:
    """基本支出 by (部门经济分类 code, name, 政府经济分类 code, name, group), in code order: a 部门's rows
    of several units of one kind are one row, as the template prints them; the 政府经济分类 follows
    each row's unit type (yusuan.reference.economic_mapping). The rows of one fund (None: all money)."""
    out: dict[tuple[str, str, str, str, str], Decimal] = {}
    for i, (code, ename, group, amt) in enumerate(b.economic):
        if fund is not None and b.economic_fund(i) != fund:
            continue
        key = (code, ename) + b.gov_class(i) + (group,)
        out[key] = out.get(key, Decimal("0.00")) + amt
    return dict(sorted(out.items()))


def economic_name(code: str) -> str:
    from yusuan.reference.catalogue import catalogue

    return (catalogue().economic.get(code) or [""])[0]


HENAN_CONTENTS = ("收支预算表", "收入预算表", "财政拨款收支预算表", "支出预算表", "一般公共预算支出预算表",
                  "一般公共预算基本支出预算表", "一般公共预算“三公”经费预算表", "政府性基金支出预算表", "项目支出预算表",
                  "机关（机构）运行经费")


def contents(b: Budget, names) -> list[str]:
    """The 目录 that lists the tables, as the front of a real disclosure does."""
    return ["目 录"] + [f"{cn_ordinal(i)}、{b.who if n.startswith(('收支', '收入', '支出')) else ''}{n}"
                        for i, n in enumerate(names, 1)] + [""]


def henan_tables(b: Budget, out: Page, complete: bool = False) -> None:
    """The Henan table set (预算01表…): with `complete`, also 07 基本支出明细, 08 经济分类汇总, 11 国有资本经营,
    14 项目绩效目标 and, for a 部门, 15 整体绩效目标, as a published document has them."""
    who = b.who
    total = b.total
    tp = b.three_public
    vtotal, tp_total, op_total = b.vehicle_total, b.three_public_total, b.operating_total
    m = out.money
    name = b.unit_name
    # 01 收支总表: this year's income by source, 上年结转结余; spending by 类 (all money)
    general = b.current("general") or None
    left = [("一、一般公共预算", general), ("其中：财政拨款", general),
            ("二、政府性基金预算拨款收入", b.current("gov_fund") or None),
            ("三、国有资本经营预算拨款收入", b.current("state_capital") or None),
            ("四、财政专户管理资金收入", b.current("special") or None)]
    left += [(f"{cn_ordinal(i)}、{label}", b.source(k) or None) for i, (k, label) in enumerate(UNIT_INCOME, 5)]
    right = [(f"{cn_ordinal(int(c) - 200)}、{n}", v) for c, n, v in b.class_totals()]
    rows = side_by_side(out, left, right)
    rows += [["本年收入合计", m(b.current_total, blank_zero=False), "本年支出合计", m(total)], ["上年结转结余", m(b.carry()), "年终结转结余", ""],
             ["收入总计", m(total), "支出总计", m(total)]]
    out.table("预算01表", f"{b.year}年{who}收支预算表", name, [["收入", "", "支出", ""], ["项目", "金额", "项目", "金额"]],
              rows, two_sided=True)
    # 02 收入表: each unit's income by source
    head = [["单位代码", "单位名称", "合计", "本年收入合计", "一般公共预算", "其中：财政拨款", "政府性基金", "国有资本经营预算",
             "财政专户管理资金"] + [label for _, label in UNIT_INCOME] + ["上年结转结余"]]

    def income_cells(unit: str | None) -> list[str]:
        spent = sum((b.unit_spending(k, unit) for k, _ in FUNDS), ZERO)
        cur = [b.current(k, unit) for k in ("general", "gov_fund", "state_capital", "special")]
        vals = [spent, spent - b.carry(None, unit), cur[0], cur[0], *cur[1:]]
        vals += [b.source(k, unit) for k, _ in UNIT_INCOME] + [b.carry(None, unit)]
        return [m(v) for v in vals]

    unit_rows = [["", "合计"] + income_cells(None)]
    for code, uname, amt in b.units:
        if b.unit_functions or len(b.units) == 1:
            unit_rows.append([code, uname] + income_cells(code if b.unit_functions else None))
        else:  # units known by their totals only (所有资金为一般公共预算)
            unit_rows.append([code, uname] + [m(amt)] * 4 + [""] * (len(head[0]) - 6))
    out.table("预算02表", f"{b.year}年{who}收入预算表", name, head, unit_rows)
    fiscal_table(out, b, "预算04表", f"{b.year}年财政拨款收支预算表")
    # 03 支出表 (all money), 05 一般公共预算支出表
    expenditure_table(out, b, "预算03表", f"{b.year}年{who}支出预算表", None)
    expenditure_table(out, b, "预算05表", f"{b.year}年一般公共预算支出预算表", "general",
                      f"注：本{who}{b.year}年度没有一般公共预算支出，故本表无数据。")
    # 06 基本支出表
    basic, personnel, public = b.general("basic"), b.general("personnel"), b.general("public")
    head = [["部门预算支出经济分类科目", "", "政府预算支出经济分类科目", "", "本年一般公共预算基本支出", "", ""],
            ["科目编码", "科目名称", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
    rows = [["合计", "", "", "", m(basic), m(personnel), m(public)]]
    for (code, ename, gc, gn, group), amt in basic_by_class(b).items():
        rows.append([code, ename, gc, gn, m(amt), m(amt) if group == "personnel" else "",
                     m(amt) if group == "public" else ""])
    out.table("预算06表", f"{b.year}年一般公共预算基本支出预算表", name, head, rows if basic else [],
              note=None if basic else f"注：本{who}{b.year}年度没有一般公共预算基本支出，故本表无数据。")
    # 09 三公
    head = [["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "小计", "公务用车购置费", "公务用车运行费", ""]]
    out.table("预算09表", f"{b.year}年一般公共预算“三公”经费预算表", name, head,
              [[m(tp_total), m(tp["abroad"]), m(vtotal), m(tp["vehicle_purchase"]), m(tp["vehicle_operation"]),
                m(tp["reception"])]] if tp_total else [],
              note=None if tp_total else "注：本单位无“三公”经费预算，故本表无数据。")
    # 10 政府性基金
    expenditure_table(out, b, "预算10表", f"{b.year}年政府性基金支出预算表", "gov_fund",
                      f"注：本{who}{b.year}年度没有政府性基金预算支出，故本表无数据。")
    # 12 项目支出表, by the fund of each project
    project = b.sum("project")
    head = [["类型", "项目名称", "项目单位", "合计"] + [label for _, label in FUNDS]]
    rows = [["", "合计", "", m(project)] + [m(sum((a for _, n, a in b.projects if b.project_fund(n) == k), ZERO))
                                           for k, _ in FUNDS]] if b.projects else []
    for typ, pname, amt in b.projects:
        rows.append([typ, pname, b.project_unit(pname), m(amt)] + [m(amt) if b.project_fund(pname) == k else ""
                                                                    for k, _ in FUNDS])
    out.table("预算12表", f"{b.year}年项目支出预算表", name, head, rows,
              note=None if b.projects else "注：本单位没有项目支出，故本表无数据。")
    # 13 机关运行经费
    rows = [["合计", "", m(op_total, blank_zero=False)]] + [[c, n, m(a)] for c, n, a in b.operating] if op_total else []
    out.table("预算13表", f"{b.year}年机关（机构）运行经费", name,
              [["部门预算支出经济分类科目", "", "机构运行经费支出"], ["科目编码", "科目名称", "合计"]], rows,
              note=None if op_total else f"注：本{who}{b.year}年度没有机关（机构）运行经费预算，故本表无数据。")

    if complete:
        _complete_tables(b, out)


def expenditure_table(out: Page, b: Budget, label: str, title: str, fund: str | None, empty: str | None = None) -> None:
    """A 支出表 by 支出功能分类 项 (03 all money, 05 一般公共预算, 10 政府性基金, 11 国有资本经营): as the
    Henan template, the 合计, the 部门 (or 单位) row, then the 项 rows summed over its units (the units
    themselves are rows of the 收入表); `empty` is the note of a fund the budget does not have."""
    style = out.style
    m = out.money
    functions = b.fund_rows(fund)
    if not functions and empty:
        out.table(label, title, b.unit_name, [["科目编码", "单位（科目名称）", "合计"]], [], note=empty)
        return
    # a published document always prints the 人员经费/公用经费 subtotals; the synthetic texts vary them
    subtotals = not out.vary or (len(b.functions) + b.year) % 2 == 0
    if subtotals:
        head = [["科目编码", "", "", "单位（科目名称）", "合计", "基本支出", "", "", "", "", "", "", "项目支出", "", ""],
                ["类", "款", "项", "", "", "小计", "人员经费", "工资福利支出", "对个人和家庭的补助", "公用经费", "商品和服务支出",
                 "资本性支出", "小计", "其他运转类", "特定目标类"]]
    else:
        head = [["科目编码", "", "", "单位（科目名称）", "合计", "基本支出", "", "", "", "", "项目支出", "", ""],
                ["类", "款", "项", "", "", "小计", "工资福利支出", "对个人和家庭的补助", "商品和服务支出", "资本性支出", "小计",
                 "其他运转类", "特定目标类"]]

    def cells(get) -> list[str]:
        vals = [get("total"), get("basic")]
        if subtotals:
            vals += [get("personnel"), get("salaries"), get("family"), get("public"), get("goods"), get("capital")]
        else:
            vals += [get("salaries"), get("family"), get("goods"), get("capital")]
        vals += [get("project"), get("project_operating"), get("project_specific")]
        return [m(v) for v in vals]

    summed = lambda a: sum((getattr(f, a) for f in functions), ZERO)  # noqa: E731
    blank = ["", "", ""] if style in ("tabs", "markdown") else []
    code = b.units[0][0][:3] if b.scope == "department" else b.units[0][0]
    rows = [blank + ["合计"] + cells(summed),
            ([code, "", "", b.unit_name] if style in ("tabs", "markdown") else [code, b.unit_name]) + cells(summed)]
    rows += [code_cells(out, f.code) + [f.name] + cells(lambda a, f=f: getattr(f, a)) for f in functions]
    out.table(label, title, b.unit_name, head, rows)


PROJECT_PERFORMANCE_HEAD = [  # the 一级指标 side by side, as the template prints them
    ["单位编码", "项目单位", "项目金额（万元）", "", "", "", "绩效目标"] + [""] * 7,
    ["", "", "", "", "", ""] + [x for g in PERFORMANCE_LEVEL1 for x in (g, "")],
    ["（项目编码）", "（项目名称）", "资金总额", "政府预算资金", "财政专户管理资金", "单位资金"] + ["三级指标", "指标值"] * 4]


def project_performance_rows(b: Budget, m) -> list[list[str]]:
    """Each 项目单位 (code, name, its projects' sum), then its projects: 项目编码 as given (blank when
    not given: never invented), funds, and the 三级指标/指标值 of each 一级指标 in its own pair of
    columns, as many lines as the longest group needs."""
    codes = {n: c for c, n, _ in b.units}
    by_unit: dict[str, list[tuple[str, Decimal]]] = {}
    for _, pname, amt in b.projects:
        by_unit.setdefault(b.project_unit(pname), []).append((pname, amt))
    rows = []
    for uname, projects in by_unit.items():
        subtotal = sum((a for _, a in projects), Decimal("0.00"))
        code = codes.get(uname, "")
        if UNIT_CODE.match(code):  # a unit row is known by its code: without one, the projects stand alone
            rows.append([code, uname, m(subtotal)] + _funds(b, projects, m) + [""] * 8)
        for pname, amt in projects:
            groups: dict[str, list[tuple[str, str]]] = {g: [] for g in PERFORMANCE_LEVEL1}
            for p, (level1, _, indicator, value) in b.targets:
                if p == pname:
                    groups[level1 if level1 in groups else "产出指标"].append((indicator, value))
            for i, pairs in enumerate(grouped_pairs(list(groups.values()))):
                head = [b.project_codes.get(pname, ""), pname, m(amt)] + _funds(b, [(pname, amt)], m) if i == 0 else [""] * 6
                rows.append(head + pairs)
    return rows


def _funds(b: Budget, projects: list[tuple[str, Decimal]], m) -> list[str]:
    """政府预算资金 (财政拨款), 财政专户管理资金, 单位资金 of some projects."""
    def part(keys) -> str:
        return m(sum((a for n, a in projects if b.project_fund(n) in keys), ZERO))
    return [part(FISCAL_FUNDS), part(("special",)), part(("unit",))]


def dept_performance_rows(b: Budget, m) -> list[list[str]]:
    """部门整体绩效目标表: 名称, 年度履职目标, 年度主要任务, 预算情况 (总额, 资金来源, 资金结构) and the
    部门整体 indicators (一级/二级/三级指标, 指标值) given under the 项目名称 “部门整体”."""
    goal = b.profile.overall_goal or "保障部门正常运转，完成年度重点工作任务。"
    tasks = list(b.profile.tasks) or [("机构日常运转", "保障人员经费和日常公用经费支出，保障机构正常运转")] + [
        (pname, f"安排项目资金{m(amt)}万元") for typ, pname, amt in b.projects if typ == "特定目标类"]
    rows = [["部门（单位）名称", b.unit_name, "", ""], ["年度履职目标", goal, "", ""], ["年度主要任务", "任务名称", "主要内容", ""]]
    rows += [["", task, content, ""] for task, content in tasks]
    rows += [["预算情况", "部门预算总额（万元）", m(b.total), ""],
             ["", "1、资金来源：（1）政府预算资金", m(b.fiscal_total), ""],
             ["", "（2）财政专户管理资金", m(b.unit_spending("special")), ""], ["", "（3）单位资金", m(b.unit_spending("unit")), ""],
             ["", "2、资金结构：（1）基本支出", m(b.sum("basic")), ""], ["", "（2）项目支出", m(b.sum("project")), ""]]
    targets = [ind for p, ind in b.targets if p == DEPARTMENT_TARGETS]
    if targets:
        rows.append(["一级指标", "二级指标", "三级指标", "指标值"])
        rows += [list(ind) for ind in targets]
    return rows


def basic_detail_rows(b: Budget, m) -> list[list[str]]:
    """基本支出明细表: each 项目单位's 一般公共预算 基本支出, 人员类 then 公用经费 items by 部门经济分类 款 (as the
    template lists them); where the input does not say which unit an item is of (a 部门 typed in one
    workbook), each unit's 人员经费 and 公用经费 as one line each."""
    general = [(i, e) for i, e in enumerate(b.economic) if b.economic_fund(i) == "general"]
    names = {c: n for c, n, _ in b.units}
    single = not b.unit_functions and len(b.units) <= 1
    rows = []
    if single or all(i < len(b.economic_units) and b.economic_units[i] in names for i, _ in general):
        for code, uname, _ in b.units or [("", b.unit_name, ZERO)]:
            mine = [e for i, e in general if single or b.economic_units[i] == code]
            for kind, group in (("人员类", "personnel"), ("公用经费", "public")):
                rows += [[kind, ename, uname, m(a), m(a), "", ""] for _, ename, g, a in mine if g == group]
        return rows
    units = [(uname, b.unit_rows(code)) for code, uname, _ in b.units] if b.unit_functions else [(b.unit_name, b.functions)]
    for uname, unit_rows in units:  # each unit's 人员经费 and 公用经费 from its 支出功能分类 rows
        own = [f for f in unit_rows if f.fund == "general"]
        for kind, label, attr in (("人员类", "人员经费", "personnel"), ("公用经费", "公用经费", "public")):
            amount = sum((getattr(f, attr) for f in own), ZERO)
            rows += [[kind, label, uname, m(amount), m(amount), "", ""]] if amount else []
    return rows


def _complete_tables(b: Budget, out: Page) -> None:
    m, name, who, y = out.money, b.unit_name, b.who, b.year
    # 07 基本支出明细表: 人员类 and 公用经费类
    head = [["类型", "项目名称", "项目单位", "合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"]]
    rows = [["", "合计", "", m(b.general("basic")), m(b.general("basic")), "", ""]] + basic_detail_rows(b, m)
    out.table("预算07表", f"{y}年一般公共预算基本支出明细表", name, head, rows if b.general("basic") else [],
              note=None if b.general("basic") else f"注：本{who}{y}年度没有一般公共预算基本支出，故本表无数据。")
    # 08 支出经济分类汇总表: 基本支出's 款 and the projects' 经济分类, by (部门, 政府) code pair and fund
    summary: dict[tuple[str, str, str, str], dict[str, Decimal]] = {}
    for i, (code, ename, _, amt) in enumerate(b.economic):
        key = (code, ename) + b.gov_class(i)
        into = summary.setdefault(key, {})
        into[b.economic_fund(i)] = into.get(b.economic_fund(i), ZERO) + amt
    for _, pname, amt in b.projects:
        code = b.project_class(pname)
        key = (code, economic_name(code)) + default_gov(code, b.project_type(pname))
        into = summary.setdefault(key, {})
        into[b.project_fund(pname)] = into.get(b.project_fund(pname), ZERO) + amt
    head = [["部门预算经济分类", "", "政府预算经济分类", "", "总计", "一般公共预算", "政府性基金", "国有资本经营预算",
             "财政专户管理资金", "单位资金"],
            ["科目编码", "科目名称", "科目编码", "科目名称", "", "", "", "", "", ""]]
    funds = [k for k, _ in FUNDS]
    column = lambda k: sum((v.get(k, ZERO) for v in summary.values()), ZERO)  # noqa: E731
    rows = [["合计", "", "", "", m(b.total)] + [m(column(k)) for k in funds]]
    rows += [[c, n, gc, gn, m(sum(v.values(), ZERO))] + [m(v.get(k)) for k in funds]
             for (c, n, gc, gn), v in sorted(summary.items())]
    out.table("预算08表", f"{y}年支出经济分类汇总表", name, head, rows)
    # 11 国有资本经营
    expenditure_table(out, b, "预算11表", f"{y}年国有资本经营支出预算表", "state_capital",
                      f"注：本{who}{y}年度没有国有资本经营预算支出，故本表无数据。")
    # 项目绩效目标表 (a 单位's 14; a 部门's 15, after its 整体绩效目标表 14), as the template prints them
    if b.scope == "department":
        out.table("预算14表", f"{y}年部门整体绩效目标表", name, [], dept_performance_rows(b, m))
    rows = project_performance_rows(b, m)
    out.table("预算15表" if b.scope == "department" else "预算14表", f"{y}年{who}预算项目绩效目标表", name,
              PROJECT_PERFORMANCE_HEAD, rows, note=None if rows else f"注：本{who}没有项目支出，故本表无数据。")
