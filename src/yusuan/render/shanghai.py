"""The Shanghai template's nine tables (reference/data/templates/shanghai-budget.yaml), written from
a Budget onto a Page as the city's 部门预算 publish them: no numbering, amounts in 元 except the
“三公”经费和机关运行经费预算表 in 万元, 支出功能分类 as 类/款/项 rows with their subtotals, and the
基本支出 by 部门预算经济分类 类 and 款. Titles and units come from the template declaration."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.budget import ZERO, Budget, function_name
from yusuan.model.disclosure import TableKind as K
from yusuan.reference.templates import templates
from yusuan.render.henan import economic_name
from yusuan.render.layout import Page, side_by_side

TEMPLATE = "shanghai-budget"
YUAN = Decimal(10000)
PERSONNEL_CLASSES = ("301", "303")  # 人员经费; the other 类 are 公用经费


def yuan(v: Decimal | None) -> str:
    """万元 as the template prints 元: exact (万元 have at most 6 decimals here, 元 2), blank for none."""
    return "" if v is None or v == 0 else f"{v * YUAN:,.2f}"


def shanghai_tables(b: Budget, out: Page) -> None:
    tpl = {t.kind: t for t in templates()[TEMPLATE].tables}
    y, who, name = b.year, b.who, b.unit_name

    def put(kind: K, header, rows, note: str | None = None) -> None:
        t = tpl[kind]
        unit = t.unit or templates()[TEMPLATE].unit
        out.table("", f"{y}年{t.title}", name, header, rows, note=note, two_sided=kind in (K.SUMMARY, K.FISCAL_SUMMARY),
                  meta=f"单位名称：{name}    单位：{unit}")

    total, basic, project = b.total, b.sum("basic"), b.sum("project")
    classes = b.class_totals()
    # 财务收支预算总表: all money of a yusuan budget is 一般公共预算 (财政拨款)
    left = [("一、财政拨款", total), ("一般公共预算资金", total), ("政府性基金", None), ("国有资本经营预算", None),
            ("二、事业收入", None), ("三、事业单位经营收入", None), ("四、其他收入", None)]
    right = [(n, v) for _, n, v in classes]
    put(K.SUMMARY, [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"]],
        side_by_side(out, left, right, money=yuan) + [["收入总计", yuan(total), "支出总计", yuan(total)]])
    # 收入预算总表 by 支出功能分类
    tree = function_tree(b)
    put(K.INCOME, [["项目", "", "合计", "财政拨款收入", "", "", "事业收入", "事业单位经营收入", "其他收入"],
                   ["功能分类科目编码", "功能分类科目名称", "", "一般公共预算资金", "政府性基金", "国有资本经营预算", "", "", ""]],
        [["", "合计", yuan(total), yuan(total), "", "", "", "", ""]]
        + [[code, n, yuan(t), yuan(t), "", "", "", "", ""] for code, n, t, _, _ in tree])
    head = [["项目", "", "合计", "基本支出", "项目支出"], ["功能分类科目编码", "功能分类科目名称", "", "", ""]]
    rows = [["", "合计", yuan(total), yuan(basic), yuan(project)]]
    rows += [[code, n, yuan(t), yuan(bs), yuan(p)] for code, n, t, bs, p in tree]
    put(K.EXPENDITURE, head, rows)
    # 财政拨款收支预算总表
    left = [("一、本年收入", total), ("一般公共预算资金", total), ("政府性基金", None), ("国有资本经营预算", None)]
    right = [("一、本年支出", total)] + [(n, v) for _, n, v in classes]
    put(K.FISCAL_SUMMARY, [["收入", "", "支出", "", "", "", ""],
                           ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金", "国有资本经营预算"]],
        side_by_side(out, left, right, width=4, money=yuan) + [["收入总计", yuan(total), "支出总计", yuan(total), yuan(total), "", ""]])
    put(K.GENERAL_BUDGET, head, rows)
    for kind, money in ((K.GOV_FUND, "政府性基金"), (K.STATE_CAPITAL, "国有资本经营")):
        put(kind, head, [], note=f"说明：本{who}{y}年度没有使用{money}预算拨款安排的支出，故本表无数据。")
    # 一般公共预算基本支出部门预算经济分类预算表: 类, then its 款, 人员经费 classes first
    by_code: dict[str, Decimal] = {}
    for code, _, _, amt in b.economic:
        by_code[code] = by_code.get(code, ZERO) + amt
    order = sorted({c[:3] for c in by_code}, key=lambda c: (c not in PERSONNEL_CLASSES, c))
    personnel, public = b.sum("personnel"), b.sum("public")
    rows = [["", "合计", yuan(basic), yuan(personnel), yuan(public)]]
    for cls in order:
        own = cls in PERSONNEL_CLASSES
        amount = sum((a for c, a in by_code.items() if c.startswith(cls)), ZERO)
        rows.append([cls, economic_name(cls), yuan(amount), yuan(amount) if own else "", "" if own else yuan(amount)])
        for code in sorted(c for c in by_code if c.startswith(cls)):
            a = by_code[code]
            rows.append([code, economic_name(code), yuan(a), yuan(a) if own else "", "" if own else yuan(a)])
    put(K.GENERAL_BASIC, [["经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"]], rows)
    # “三公”经费和机关运行经费预算表, in 万元
    m = out.money
    put(K.THREE_PUBLIC, [["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费", "机关运行经费"],
                         ["", "", "小计", "购置费", "运行费", "", ""]],
        [[m(b.three_public_total, False), m(b.tp("abroad"), False), m(b.vehicle_total, False),
          m(b.tp("vehicle_purchase"), False), m(b.tp("vehicle_operation"), False), m(b.tp("reception"), False),
          m(b.operating_total, False)]])


def function_tree(b: Budget) -> list[tuple[str, str, Decimal, Decimal, Decimal]]:
    """(code, name, total, 基本支出, 项目支出) of every 类, 款 and 项, each subtotal before its parts."""
    sums: dict[str, list] = {}
    for f in sorted(b.functions, key=lambda f: f.code):
        for code, fname in ((f.code[:3], None), (f.code[:5], None), (f.code, f.name)):
            row = sums.setdefault(code, [fname or function_name(code), ZERO, ZERO, ZERO])
            row[1] += f.total
            row[2] += f.basic
            row[3] += f.project
    return [(code, n, t, bs, p) for code, (n, t, bs, p) in sorted(sums.items())]
