"""Wordings and layouts of county units outside Henan and Shanghai (湖南、四川、江苏 单位预算, written
after their published templates by an independent reviewer, figures consistent): each misread before,
and every misreading had become a false error."""

from __future__ import annotations

from decimal import Decimal

from yusuan.audit.engine import audit
from yusuan.facts import build_facts
from yusuan.model.disclosure import TableKind as K
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise


def parsed(text: str):
    return recognise(read_text(text.encode("utf-8"), "fixture"))


def statements(disc):
    return [(s.key, s.amount.printed) for s in disc.narrative.statements if s.amount is not None]


def test_meta_line_split_into_cells_is_not_header():
    """'部门：… ⟨TAB⟩ 单位：元' above the header: it made every column '单位：元 / 合计', and the 合计
    column lost its role (the function classes had no totals, the 支出总表 summed to 0: false YS309)."""
    disc = parsed("苍溪县人力资源和社会保障局2024年部门支出总表\n部门：苍溪县人力资源和社会保障局\t单位：元\n"
                  "科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t1,000,000.00\t800,000.00\t200,000.00\n"
                  "208\t社会保障和就业支出\t1,000,000.00\t800,000.00\t200,000.00\n"
                  "20801\t人力资源和社会保障管理事务\t1,000,000.00\t800,000.00\t200,000.00\n"
                  "2080101\t行政运行\t800,000.00\t800,000.00\t\n2080106\t就业管理事务\t200,000.00\t\t200,000.00\n")
    t = disc.table(K.EXPENDITURE)
    assert t.unit == "元" and [c.role for c in t.columns] == ["total", "basic", "project"]
    assert t.reading.status == "verified"
    assert [(f["code"], f["total"]) for f in build_facts(disc)["function_classes"]] == [
        ("2080101", "80.000000"), ("2080106", "20.000000")]


def test_thousands_in_the_narrative():
    """'收支总预算2,500.14万元' was read as 500.14 (the clause split at the thousands comma), and four
    false YS403 errors followed."""
    disc = parsed("沛县环境卫生管理处2024年单位预算\n一、收支预算总体情况\n"
                  "沛县环境卫生管理处2024年收支总预算2,500.14万元，比上年增加201.38万元，增长8.76%。\n"
                  "十一、政府采购支出预算情况说明\n"
                  "2024年度本单位政府采购总额1,506.80万元，其中：政府采购货物预算20.00万元、政府采购工程预算0万元、"
                  "政府采购服务预算1,486.80万元。\n")
    assert statements(disc) == [("income_total", "2,500.14"), ("procurement_total", "1,506.80"),
                                ("procurement_goods", "20.00"), ("procurement_works", "0"),
                                ("procurement_services", "1,486.80")]
    first = disc.narrative.statements[0]
    assert first.amount.wan == Decimal("2500.14")
    assert not [f for f in audit(disc) if f.code == "YS403"]


def test_share_of_the_sentence_s_own_total():
    """'本年收入预算647.45万元，其中一般公共预算拨款收入612.45万元，占94.59%；事业收入30.00万元，占4.63%':
    the shares are of 647.45; 612.45 is a part with a share of its own, not their whole (false YS402 ×2)."""
    disc = parsed("攸县农业技术推广中心2024年单位预算\n一、收支预算总体情况\n"
                  "2024年收入预算总额为687.45万元，比上年增加52.37万元，增长8.25%。\n二、收入预算情况\n"
                  "2024年本年收入预算647.45万元，其中一般公共预算拨款收入612.45万元，占94.59%；事业收入30.00万元，"
                  "占4.63%；其他收入5.00万元，占0.77%。另有上年结转40.00万元。\n")
    assert statements(disc) == [("income_total", "687.45"), ("current_income", "647.45"),
                                ("general_public_budget", "612.45"), ("business_income", "30.00"),
                                ("other_income", "5.00"), ("carryover", "40.00")]
    assert not [f for f in audit(disc) if f.code == "YS402"]


def test_a_wrong_share_is_still_an_error():
    """The same sentence with 事业收入 占5.63%: no figure before it gives 5.63%, YS402 stands."""
    disc = parsed("攸县农业技术推广中心2024年单位预算\n二、收入预算情况\n"
                  "2024年本年收入预算647.45万元，其中一般公共预算拨款收入612.45万元，占94.59%；事业收入30.00万元，"
                  "占5.63%；其他收入5.00万元，占0.77%。\n")
    found = [f for f in audit(disc) if f.code == "YS402"]
    assert [f.message for f in found] == [
        "情况说明“事业收入30.00万元，占5.63%”：按本年收入预算647.45万元计算应占 4.63%"]
