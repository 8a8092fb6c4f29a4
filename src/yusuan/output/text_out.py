"""`yusuan parse --format text`: a readable summary with Rich tables."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table as RichTable

from yusuan.facts import build_facts
from yusuan.model.disclosure import Disclosure
from yusuan.model.reading import STATUS_LABELS

FACT_LABELS = {
    "income_total": "收入总计", "expenditure_total": "支出总计", "current_income": "本年收入合计",
    "carryover": "上年结转结余", "general_public_budget": "一般公共预算", "fiscal_appropriation": "其中：财政拨款",
    "gov_fund": "政府性基金预算", "state_capital": "国有资本经营预算", "basic": "基本支出", "project": "项目支出",
    "personnel": "人员经费", "public": "公用经费", "three_public_total": "“三公”经费合计", "abroad": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行费", "vehicle_purchase": "其中：购置费", "vehicle_operation": "其中：运行维护费",
    "reception": "公务接待费", "operating_expenses": "机关（机构）运行经费", "procurement_total": "政府采购预算",
    "fixed_assets_total": "固定资产总额",
}


def print_summary(disc: Disclosure, console: Console) -> None:
    facts = build_facts(disc)
    kind = "决算" if disc.doc_type == "final" else "调整预算" if disc.doc_type == "adjusted" else "预算"
    scope = {"unit": f"单位{kind}", "department": f"部门{kind}"}.get(disc.scope or "", "未知")
    console.print(f"[bold]{escape(disc.unit_name or '（未识别单位名称）')}[/bold]  {disc.year or '?'}年  {scope}  "
                  f"表式：{disc.template_name or disc.template or '未知'}  —  {escape(disc.source)}")
    if disc.blank_template:
        console.print("这是一份空白模板（表中没有数字，文字是待填的占位符），只核查模板文字，不核查数字。")
    t = RichTable(title="已识别的表格 Tables", show_lines=False)
    for col in ("编号", "表名", "种类", "单位", "行数", "起始行", "读取"):
        t.add_column(col)
    for tb in disc.tables:
        reading = STATUS_LABELS.get(tb.reading.status, "") if tb.reading else "表单"
        t.add_row(escape(tb.label or ""), escape(tb.title), tb.kind.label, tb.unit, str(len(tb.rows)),
                  str(tb.location.line or ""), reading)
    if disc.tables:
        console.print(t)
    else:
        console.print("已识别的表格 Tables：无")
    unsure = [tb for tb in disc.tables if tb.reading and tb.reading.status in ("unverified", "unreadable")]
    for tb in unsure:
        console.print(f"[red]未能可靠读取[/red] {escape(tb.title)}：{escape('；'.join(tb.reading.evidence))}"
                      "（用 --explain 查看各列与勾稽关系）")
    ft = RichTable(title="主要数字 Facts（万元）")
    ft.add_column("项目")
    ft.add_column("金额", justify="right")
    for key, value in facts["totals"].items():
        ft.add_row(FACT_LABELS.get(key, key), escape(str(value)))
    if facts["totals"]:
        console.print(ft)
    else:
        console.print("主要数字 Facts（万元）：无")
    if facts["function_classes"]:
        fc = RichTable(title="支出功能分类（项）")
        for col in ("科目编码", "科目名称", "合计", "基本支出", "项目支出"):
            fc.add_column(col, justify="right" if col in ("合计", "基本支出", "项目支出") else "left")
        for row in facts["function_classes"]:
            fc.add_row(escape(row["code"] or ""), escape(row["name"] or ""), row.get("total", ""), row.get("basic", ""),
                       row.get("project", ""))
        console.print(fc)
    n_st = sum(1 for s in disc.narrative.statements if s.amount is not None or s.count is not None)
    console.print(f"情况说明：识别出 {n_st} 条数字陈述，{len(disc.narrative.sections)} 个小节")
    warnings = list(disc.warnings) + [f"{tb.title}：{w}" for tb in disc.tables for w in tb.warnings]
    for w in warnings:
        console.print(f"[yellow]警告[/yellow] {w}")
