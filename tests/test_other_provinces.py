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


def test_unit_column_beside_the_project_name():
    """单位名称 | 项目名称: the project's name is its own (it came out as 沛县环境卫生管理处城区生活垃圾清运及处置)."""
    disc = parsed("沛县环境卫生管理处2024年项目支出预算表\n单位：万元\n"
                  "单位名称\t项目名称\t合计\t一般公共预算拨款\t政府性基金预算拨款\t单位资金\n"
                  "合计\t\t1,170.00\t850.00\t300.00\t20.00\n"
                  "沛县环境卫生管理处\t城区生活垃圾清运及处置\t850.00\t850.00\t\t\n"
                  "沛县环境卫生管理处\t城区道路清扫保洁服务外包\t300.00\t\t300.00\t\n"
                  "沛县环境卫生管理处\t环卫作业车辆更新\t20.00\t\t\t20.00\n")
    assert build_facts(disc)["projects"] == [
        {"name": "城区生活垃圾清运及处置", "amount": "850.00", "unit": "沛县环境卫生管理处"},
        {"name": "城区道路清扫保洁服务外包", "amount": "300.00", "unit": "沛县环境卫生管理处"},
        {"name": "环卫作业车辆更新", "amount": "20.00", "unit": "沛县环境卫生管理处"}]
    assert disc.table(K.PROJECT).reading.status == "verified"


def codes(disc, severity="error"):
    return sorted({f.code for f in audit(disc) if f.severity == severity} - {"YS601", "YS602"})


def test_carryover_project_table_of_one_column():
    """'项目名称 | 上年结转数': one amount column, its total; no fund columns to sum (false YS110: 8.56 ≠ 0.00)."""
    disc = parsed("苍溪县人力资源和社会保障局2024年上年结转项目支出表\n单位：元\n项目名称\t上年结转数\n"
                  "合计\t85,600.00\n农民工工资保证金专户管理经费\t85,600.00\n")
    t = disc.table(K.PROJECT_CARRYOVER)
    assert [c.role for c in t.columns] == ["total"] and t.reading.status == "verified"
    assert [(p["name"], p["amount"], p.get("carryover")) for p in build_facts(disc)["projects"]] == [
        ("农民工工资保证金专户管理经费", "8.560000", True)]
    assert codes(disc) == []


def test_project_and_carryover_tables_together_make_the_expenditure_s_projects():
    """支出表项目支出 28.56 = 本年项目 20.00 + 上年结转项目 8.56 (false YS305: 20.00 ≠ 28.56)."""
    head = ("苍溪县人力资源和社会保障局2024年部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
            "\t合计\t108.56\t80.00\t28.56\n2080101\t行政运行\t80.00\t80.00\t\n2080106\t就业管理事务\t20.00\t\t20.00\n"
            "2080199\t其他人力资源和社会保障管理事务支出\t8.56\t\t8.56\n"
            "苍溪县人力资源和社会保障局2024年一般公共预算项目支出预算表\n单位：万元\n项目名称\t年初预算数\n合计\t20.00\n"
            "就业创业服务工作经费\t20.00\n")
    carried = ("苍溪县人力资源和社会保障局2024年上年结转项目支出表\n单位：万元\n项目名称\t上年结转数\n合计\t8.56\n"
               "农民工工资保证金专户管理经费\t8.56\n")
    assert codes(parsed(head + carried)) == []
    # without the carry-over table the two figures do differ
    found = [f.message for f in audit(parsed(head)) if f.code == "YS305"]
    assert found == ["项目支出表合计 20.00 万元与支出表项目支出 28.56 万元不一致，相差 -8.56 万元"]


FISCAL = ("攸县农业技术推广中心2024年财政拨款收支总表\n单位：万元\n收入\t\t支出\t\t\n项目\t预算数\t项目\t合计\t一般公共预算\n"
          "一、本年收入\t612.45\t一、本年支出\t652.45\t652.45\n（一）一般公共预算拨款\t612.45\t（一）农林水支出\t652.45\t652.45\n"
          "二、上年结转\t40.00\t二、年终结转结余\t\t\n收入总计\t652.45\t支出总计\t652.45\t652.45\n"
          "攸县农业技术推广中心2024年一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
          "\t合计\t612.45\t454.94\t157.51\n2130104\t事业运行\t454.94\t454.94\t\n2130106\t科技转化与推广服务\t157.51\t\t157.51\n")


def test_general_budget_table_without_carryover_by_its_note():
    """'注：本表不含上年结转资金安排的支出': 612.45 of this year's money beside 652.45 spent with the
    carry-over of 40.00 (false YS308)."""
    disc = parsed(FISCAL + "注：本表不含上年结转资金安排的支出。\n")
    assert disc.table(K.GENERAL_BUDGET).scope == "current"
    assert codes(disc) == []
    assert "YS308" in codes(parsed(FISCAL))  # without the note, the same figures are a contradiction


def test_class_of_the_fiscal_section_is_the_fiscal_table_s():
    """'四、财政拨款收支预算情况 … 支出包括：农林水支出652.45万元' is the 财政拨款 figure, not the
    收支总表's 687.45 of all money (false YS401)."""
    disc = parsed("四、财政拨款收支预算情况\n2024年财政拨款收支总预算652.45万元。收入包括：一般公共预算当年拨款收入612.45万元，"
                  "上年结转40.00万元；支出包括：农林水支出652.45万元。\n\n"
                  "攸县农业技术推广中心2024年收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
                  "一、一般公共预算拨款收入\t612.45\t一、农林水支出\t687.45\n二、事业收入\t35.00\t\t\n"
                  "本年收入合计\t647.45\t本年支出合计\t687.45\n上年结转\t40.00\t年终结转结余\t\n"
                  "收入总计\t687.45\t支出总计\t687.45\n")
    st = next(s for s in disc.narrative.statements if s.subject.endswith("农林水支出"))
    assert st.key == "fiscal_function:213"
    assert not [f for f in audit(disc) if f.code == "YS401"]


PROJECTS_WITH_CARRYOVER = (
    "攸县农业技术推广中心2024年项目支出表\n单位：万元\n项目名称\t合计\t一般公共预算拨款\t上年结转\n"
    "合计\t170.00\t130.00\t40.00\n水稻绿色高质高效技术推广\t85.00\t85.00\t\n农作物病虫害监测防控\t45.00\t45.00\t\n"
    "基层农技推广体系改革与建设补助项目\t40.00\t\t40.00\n"
    "攸县农业技术推广中心2024年项目支出绩效目标表\n单位：万元\n项目名称\t资金总额\t一级指标\t二级指标\t三级指标\t指标值\n"
    "水稻绿色高质高效技术推广\t85.00\t产出指标\t数量指标\t建设示范片面积\t≥1.2万亩\n"
    "农作物病虫害监测防控\t45.00\t产出指标\t数量指标\t病虫害监测点\t≥12个\n")


def test_projects_under_performance_management_are_those_with_targets():
    """'实行绩效目标管理的项目2个': the two projects of the 绩效目标表, not the project table's three
    (false YS405); a count that is neither is still reported, against the 绩效目标表."""
    ok = parsed("（四）预算绩效情况。2024年本单位实行绩效目标管理的项目2个，涉及金额130.00万元。\n\n"
                + PROJECTS_WITH_CARRYOVER)
    assert not [f for f in audit(ok) if f.code == "YS405"]
    # 3 is the project table's count: perhaps the projects of the year, not shown wrong; 4 is none of them
    wrong = parsed("（四）预算绩效情况。2024年本单位实行绩效目标管理的项目4个，涉及金额130.00万元。\n\n"
                   + PROJECTS_WITH_CARRYOVER)
    assert [f.message for f in audit(wrong) if f.code == "YS405"] == [
        "情况说明称实行绩效目标管理的项目4个，攸县农业技术推广中心2024年项目支出绩效目标表列出 2 个项目"]


def test_unnamed_column_with_figures_leaves_the_table_unproven():
    """A 上年结转 column the project table's declaration does not name: its 40.00 is left out of the
    row sums, which then fail — the reading is not proven, so no YS110 error, and a YS615 says where
    to look."""
    disc = parsed(PROJECTS_WITH_CARRYOVER)
    t = disc.table(K.PROJECT)
    assert t.reading.status == "unverified"
    assert any("上年结转" in e and "有数字" in e for e in t.reading.evidence)
    assert "YS110" not in codes(disc) and "YS615" in {f.code for f in audit(disc)}


def test_money_of_the_performance_managed_projects():
    """'实行绩效目标管理的项目4个，涉及一般公共预算当年拨款91.00万元' is the money of those projects, not
    the 一般公共预算拨款收入 of the 收支总表 (false YS401: 91.00 ≠ 782.03)."""
    disc = parsed("（四）绩效目标设置情况。2024年本单位实行绩效目标管理的项目4个，涉及一般公共预算当年拨款91.00万元。\n\n"
                  "苍溪县人力资源和社会保障局2024年部门收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
                  "一、一般公共预算拨款收入\t782.03\t一、社会保障和就业支出\t782.03\n本年收入合计\t782.03\t本年支出合计\t782.03\n"
                  "收入总计\t782.03\t支出总计\t782.03\n")
    assert statements(disc) == [("performance_total", "91.00")]
    assert not [f for f in audit(disc) if f.code == "YS401"]


def test_note_saying_the_table_is_empty():
    disc = parsed("攸县农业技术推广中心2024年政府性基金预算支出表\n单位：万元\n科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出\n"
                  "类\t款\t项\t\t\t\t\n\t\t\t合计\t\t\t\n注：本单位2024年无政府性基金预算拨款安排的支出，此表为空表。\n")
    t = disc.table(K.GOV_FUND)
    assert t.empty and t.no_data_note
    assert not [f for f in audit(disc) if f.code == "YS603"]


def test_three_public_table_with_last_and_this_year():
    """上年预算数 | 本年预算数, each over 合计 … 公务接待费: 本年预算数 is the document's own measure (its
    合计 was left without a role, and the 三公 total was missing)."""
    disc = parsed("沛县环境卫生管理处2024年一般公共预算“三公”经费支出预算表\n单位：万元\n"
                  "上年预算数\t\t\t\t\t\t本年预算数\t\t\t\t\t\n"
                  "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\t合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
                  "\t\t小计\t公务用车购置费\t公务用车运行费\t\t\t\t小计\t公务用车购置费\t公务用车运行费\t\n"
                  "25.20\t0.00\t24.20\t18.00\t6.20\t1.00\t7.30\t0.00\t6.50\t0.00\t6.50\t0.80\n")
    t = disc.table(K.THREE_PUBLIC)
    assert t.reading.status == "verified"
    row = t.rows[0]
    assert (row.value("total"), row.value("last.total"), row.value("vehicle_total"), row.value("last.vehicle_total")) == (
        Decimal("7.30"), Decimal("25.20"), Decimal("6.50"), Decimal("24.20"))
    assert build_facts(disc)["totals"]["three_public_total"] == "7.30"


def test_heading_and_sentence_on_one_line_wrapping_before_the_figure():
    """'（三）国有资产占用情况。截至…，本单位固定资产总额' / '268.34万元；…': the line was taken whole as a
    heading, and the figure on the next line lost its subject."""
    disc = parsed("攸县农业技术推广中心2024年单位预算\n十、其他重要事项的情况说明\n"
                  "（三）国有资产占用情况。截至2023年12月31日，本单位固定资产总额\n268.34万元；共有车辆1辆。\n")
    st = next(s for s in disc.narrative.statements if s.amount is not None)
    assert (st.key, st.amount.printed, st.section) == ("fixed_assets_total", "268.34", "（三）国有资产占用情况")


def test_projects_counted_over_a_form_per_project():
    """Each project's 绩效目标表 is a table of its own: '共2个项目实行绩效目标管理' counts them all (the
    first form alone gave 1: false YS405)."""
    def form(name, amount):
        return (f"苍溪县人力资源和社会保障局2024年项目支出绩效目标表\n项目名称\t{name}\t\t\n"
                f"项目资金（万元）\t年度资金总额\t{amount}\t\n\t其中：财政拨款\t{amount}\t\n"
                "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t日常巡查用人单位\t≥300户次\n")
    text = ("十三、预算绩效目标设置情况说明\n2024年本单位共2个项目实行绩效目标管理，涉及一般公共预算当年拨款\n28.00万元。\n\n"
            + form("劳动保障监察执法专项经费", "18.00") + form("就业创业服务工作经费", "10.00"))
    disc = parsed(text)
    assert len([t for t in disc.tables if t.kind == K.PROJECT_PERFORMANCE]) == 2
    assert ("count:projects", 2) in [(s.key, s.count) for s in disc.narrative.statements]
    assert not [f for f in audit(disc) if f.code == "YS405"]


def test_fiscal_totals_of_a_final_account_sentence():
    """'2024年度财政拨款收入总计1,000.00万元，支出总计1,000.00万元' (a 浙江 部门决算): both are the
    财政拨款收入支出决算总表's 总计, not the 收入支出决算总表's 1,050.00 of all money (two false YS401)."""
    disc = parsed("某县农业农村局2024年度部门决算\n收入支出决算总表\n项目\t决算数\t项目\t决算数\n"
                  "一、一般公共预算财政拨款收入\t900.00\t一、农林水支出\t950.00\n本年收入合计\t900.00\t本年支出合计\t950.00\n"
                  "年初结转和结余\t150.00\t年末结转和结余\t100.00\n总计\t1,050.00\t总计\t1,050.00\n"
                  "财政拨款收入支出决算总表\n项目\t决算数\t项目\t合计\t一般公共预算财政拨款\n"
                  "一、一般公共预算财政拨款\t900.00\t一、农林水支出\t900.00\t900.00\n本年收入合计\t900.00\t本年支出合计\t900.00\t900.00\n"
                  "年初财政拨款结转和结余\t100.00\t年末财政拨款结转和结余\t100.00\t100.00\n总计\t1,000.00\t总计\t1,000.00\t1,000.00\n"
                  "四、财政拨款收入支出决算总体情况说明\n2024年度财政拨款收入总计1,000.00万元，支出总计1,000.00万元。\n")
    assert statements(disc) == [("fiscal_total", "1,000.00"), ("fiscal_total", "1,000.00")]
    assert not [f for f in audit(disc) if f.code == "YS401"]
    # a sentence of all money keeps its keys
    plain = parsed("2024年度收入总计1,050.00万元，支出总计1,050.00万元。\n")
    assert statements(plain) == [("income_total", "1,050.00"), ("expenditure_total", "1,050.00")]


def test_unit_name_before_a_wide_gap():
    """'编制单位：韶关市林业科学研究所　　　　2024年度　　　　单位：万元': the name is 韶关市林业科学研究所
    (it came out as 韶关市林业科学研究所2024年度, in the facts and the store's units)."""
    disc = parsed("韶关市林业科学研究所2024年度部门决算\n公开07表\n一般公共预算财政拨款“三公”经费支出决算表\n"
                  "编制单位：韶关市林业科学研究所\u3000\u3000\u3000\u30002024年度\u3000\u3000\u3000\u3000单位：万元\n"
                  "项目\t预算数\t决算数\n合计\t12.50\t7.12\n")
    assert disc.unit_name == "韶关市林业科学研究所"


VERTICAL_THREE_PUBLIC = ("某市林业科学研究所2024年度部门决算\n一般公共预算财政拨款“三公”经费支出决算表\n单位：万元\n"
                         "项目\t预算数\t决算数\n栏次\t1\t2\n合计\t12.50\t7.12\n1.因公出国（境）费\t0.00\t0.00\n"
                         "2.公务用车购置及运行维护费\t9.00\t5.86\n（1）公务用车购置费\t0.00\t0.00\n"
                         "（2）公务用车运行维护费\t9.00\t5.86\n3.公务接待费\t3.50\t1.26\n")


def test_three_public_table_printed_down_the_page():
    """项目 | 预算数 | 决算数 with a row per item (a 广东 事业单位): each item is read with both measures
    (only the 合计 row was), and the table's identities hold over them."""
    disc = parsed(VERTICAL_THREE_PUBLIC)
    t = disc.table(K.THREE_PUBLIC)
    assert t.reading.status == "verified" and t.reading.held() == 4 and t.reading.failed() == 0
    f = build_facts(disc)
    assert f["totals"] == {"three_public_total": "7.12", "abroad": "0.00", "vehicle_total": "5.86",
                           "vehicle_purchase": "0.00", "vehicle_operation": "5.86", "reception": "1.26"}
    assert f["budget"]["vehicle_operation"] == "9.00" and f["budget"]["reception"] == "3.50"
    cell = t.total_row().cells["reception"]
    assert cell.amount.printed == "1.26" and cell.location.line == 11  # where it is printed


def test_wrong_item_of_a_vertical_three_public_table_is_found():
    """公务接待费 printed 2.26 where 合计 7.12 = 0.00 + 5.86 + 1.26: YS108 (it went unseen)."""
    disc = parsed(VERTICAL_THREE_PUBLIC.replace("3.公务接待费\t3.50\t1.26", "3.公务接待费\t3.50\t2.26"))
    assert [f.code for f in audit(disc) if f.severity == "error" and f.code.startswith("YS1")] == ["YS108"]


def test_inline_sub_heading_names_its_section():
    """'（四）预算绩效管理情况。本部门对…开展绩效自评…': the sub-heading is the section (false YS605
    '没有预算绩效的说明')."""
    disc = parsed("某县农业农村局2024年度部门决算\n十、其他重要事项的情况说明\n"
                  "（四）预算绩效管理情况。本部门对2024年度一般公共预算项目支出全面开展绩效自评，共涉及项目7个，"
                  "资金600.00万元，占一般公共预算项目支出总额的100%。\n")
    assert "（四）预算绩效管理情况" in disc.narrative.sections
    assert not [f for f in audit(disc) if f.code == "YS605" and "绩效" in f.message]


def test_shares_of_a_named_whole_are_not_added_to_the_items():
    """'支出1000.00万元，占本年支出合计的80.00%' beside the 类 shares 80.00% + 20.00% (false YS806 180%)."""
    disc = parsed("五、一般公共预算财政拨款支出决算情况说明\n2024年度一般公共预算财政拨款支出1000.00万元，占本年支出合计的80.00%。"
                  "主要用于：科学技术支出（类）800.00万元，占80.00%；农林水支出（类）200.00万元，占20.00%。\n")
    assert not [f for f in audit(disc) if f.code == "YS806"]
    over = parsed("五、一般公共预算财政拨款支出决算情况说明\n主要用于：科学技术支出（类）800.00万元，占85.00%；"
                  "农林水支出（类）200.00万元，占20.00%。\n")
    assert [f.code for f in audit(over) if f.code == "YS806"] == ["YS806"]


def test_final_account_fund_incomes_and_the_units_it_covers():
    disc = parsed("二、收入决算情况说明\n本年收入合计1,000.00万元，其中：一般公共预算财政拨款收入900.00万元，占90.00%；"
                  "政府性基金预算财政拨款收入100.00万元，占10.00%。\n纳入本部门2024年度部门决算编制范围的单位共3家。\n")
    assert statements(disc) == [("current_income", "1,000.00"), ("general_public_budget", "900.00"), ("gov_fund", "100.00")]
    assert [(s.key, s.count) for s in disc.narrative.statements if s.count is not None] == [("count:units", 3)]


def test_national_final_basic_table_in_three_panels():
    """The national 一般公共预算财政拨款基本支出决算表: 人员经费 | 公用经费 (two panels), each 科目编码 |
    科目名称 | 决算数, the 公用经费合计 label in one panel and its figure in the next. The amount columns
    took the role 人员经费/公用经费 instead of the panel's amount (economic_classes came out empty), and
    the 35.00 stood on a row without a label."""
    disc = parsed("某县农业农村局2024年度部门决算\n一般公共预算财政拨款基本支出决算表\n单位：万元\n"
                  "人员经费\t\t\t公用经费\t\t\t\t\t\n"
                  "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\n"
                  "301\t工资福利支出\t100.00\t302\t商品和服务支出\t30.00\t310\t资本性支出\t5.00\n"
                  "30101\t基本工资\t60.00\t30201\t办公费\t10.00\t31002\t办公设备购置\t5.00\n"
                  "30102\t津贴补贴\t40.00\t30211\t差旅费\t20.00\t\t\t\n303\t对个人和家庭的补助\t8.00\t\t\t\t\t\t\n"
                  "30302\t退休费\t8.00\t\t\t\t\t\t\n人员经费合计\t\t108.00\t公用经费合计\t\t\t\t\t35.00\n")
    t = disc.table(K.GENERAL_BASIC)
    assert t.reading.status == "verified" and t.reading.failed() == 0
    f = build_facts(disc)
    assert [(e["code"], e["total"]) for e in f["economic_classes"]] == [
        ("30101", "60.00"), ("30102", "40.00"), ("30302", "8.00"), ("30201", "10.00"), ("30211", "20.00"), ("31002", "5.00")]
    assert (f["totals"]["personnel"], f["totals"]["public"]) == ("108.00", "35.00")
    assert all(r.label for r in t.rows)


def test_changes_go_to_the_totals_they_name():
    """'收、支总计各减少125.36万元' is of 收入总计 and 支出总计; '财政拨款收、支总计各增加116.53万元' of the
    财政拨款 totals (it went to 收入总计 and 支出总计: false YS403 and YS411 ×2). A numbered sub-heading
    on a long line keeps the figures in the fund's section above (科学技术支出 of the 一般公共预算
    section is that fund's, not the 收入支出决算表's: false YS401)."""
    disc = parsed(
        "一、收入支出决算总体情况说明\n2024年度收入总计2595.81万元，支出总计2595.81万元。与2023年度相比，收、支总计各减少125.36万元，"
        "下降4.61%。主要原因是上年结转的科研项目资金减少。\n四、财政拨款收入支出决算总体情况说明\n"
        "2024年度财政拨款收入总计2006.88万元，支出总计2006.88万元。与2023年度相比，财政拨款收、支总计各增加116.53万元，增长6.16%。"
        "主要原因是森林资源培育项目资金增加。\n五、一般公共预算财政拨款支出决算情况说明\n"
        "（二）结构情况。2024年度一般公共预算财政拨款支出主要用于以下方面：科学技术支出（类）1221.70万元，占63.91%；"
        "社会保障和就业支出（类）207.05万元，占10.83%。\n")
    got = [(s.key, s.amount.printed, s.direction, s.change_amount.wan_text() if s.change_amount else None)
           for s in disc.narrative.statements if s.amount is not None][:4]
    assert got == [("income_total", "2595.81", "减少", "125.36"), ("expenditure_total", "2595.81", "减少", "125.36"),
                   ("fiscal_total", "2006.88", "增加", "116.53"), ("fiscal_total", "2006.88", "增加", "116.53")]
    science = next(s for s in disc.narrative.statements if "科学技术" in s.subject)
    assert science.key == "gpb_function:206" and science.section == "五、一般公共预算财政拨款支出决算情况说明"
    assert "（二）结构情况" in disc.narrative.sections
    assert not [f for f in audit(disc) if f.code in ("YS403", "YS411")]


def test_expenditure_table_in_a_block_per_unit():
    """A 湖北 部门支出总表 printing a block per unit (unit row, then its codes): the 一般公共预算支出表's
    department line of a code is compared with the sum of the blocks (74 false YS310 in one document:
    92.74 against each unit's 52.18, 23.66, 16.90)."""
    text = ("某市林业局2024年部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t30.00\t30.00\t\n"
            "001\t某市林业局本级\t20.00\t20.00\t\n2080505\t机关事业单位基本养老保险缴费支出\t20.00\t20.00\t\n"
            "002\t某市林业科学研究所\t10.00\t10.00\t\n2080505\t机关事业单位基本养老保险缴费支出\t10.00\t10.00\t\n"
            "某市林业局2024年一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t30.00\t30.00\t\n"
            "2080505\t机关事业单位基本养老保险缴费支出\t30.00\t30.00\t\n")
    assert not [f for f in audit(parsed(text)) if f.code == "YS310"]
    over = text.replace("2080505\t机关事业单位基本养老保险缴费支出\t30.00\t30.00\t\n",
                        "2080505\t机关事业单位基本养老保险缴费支出\t31.00\t31.00\t\n")
    assert {f.code for f in audit(parsed(over))} >= {"YS310"}  # more than all the blocks together


def test_change_of_a_named_total_is_not_the_last_figure_s():
    """'…项目支出265.00万元，占27.02%。收支预算总额比上年减少31.44万元，下降3.11%': the change is of the
    totals, not of 项目支出 (false YS403)."""
    disc = parsed("二、收支预算总体情况\n2024年部门收入预算980.91万元。部门支出预算980.91万元，其中：基本支出715.91万元，"
                  "占72.98%；项目支出265.00万元，占27.02%。收支预算总额比上年减少31.44万元，下降3.11%，主要原因是项目资金减少。\n")
    project = next(s for s in disc.narrative.statements if s.key == "project")
    assert project.change_amount is None and project.direction is None


def test_project_table_with_unit_codes_and_unit_subtotals():
    """单位编码 | 单位名称 | 项目名称: the code is the unit's (every project had become a unit row:
    facts.projects empty, false YS405); a unit's subtotal row above its projects is that unit (it was a
    project without a name: false YS115 ×3)."""
    coded = parsed("某县农业农村局2024年项目支出预算表\n单位：万元\n单位编码\t单位名称\t项目名称\t项目类型\t合计\t一般公共预算\n"
                   "\t合计\t\t\t180.00\t180.00\n401001\t某县农业农村局（本级）\t粮食生产扶持资金\t特定目标类\t150.00\t150.00\n"
                   "401002\t某县农业综合执法大队\t农业综合执法专项经费\t其他运转类\t30.00\t30.00\n")
    assert [(p["name"], p["unit"]) for p in build_facts(coded)["projects"]] == [
        ("粮食生产扶持资金", "某县农业农村局（本级）"), ("农业综合执法专项经费", "某县农业综合执法大队")]
    grouped = parsed("某市林业局2024年项目支出表\n单位：万元\n单位名称\t项目名称\t项目类型\t合计\t一般公共预算\t单位资金\n"
                     "合计\t\t\t200.00\t170.00\t30.00\n某市林业局本级\t\t\t140.00\t140.00\t\n"
                     "\t森林防火专项经费\t特定目标类\t100.00\t100.00\t\n\t林长制工作经费\t其他运转类\t40.00\t40.00\t\n"
                     "某市林业科学研究所\t\t\t60.00\t30.00\t30.00\n\t林木良种选育及推广项目\t特定目标类\t60.00\t30.00\t30.00\n")
    t = grouped.table(K.PROJECT)
    assert [(r.kind, r.label) for r in t.rows] == [
        ("total", "合计"), ("unit", "某市林业局本级"), ("item", "森林防火专项经费"), ("item", "林长制工作经费"),
        ("unit", "某市林业科学研究所"), ("item", "林木良种选育及推广项目")]
    assert t.reading.status == "verified" and t.reading.failed() == 0
    assert not [f for f in audit(grouped) if f.code in ("YS115", "YS110")]


def test_three_public_table_of_units_without_a_total_row():
    """A row per unit and no 合计: the first unit's row is not the department's total (3 false YS401)."""
    disc = parsed("七、“三公”经费预算情况：2024年“三公”经费预算数为14.50万元，其中：因公出国（境）费0万元，"
                  "公务用车购置及运行费10.50万元，公务接待费4.00万元。\n某市林业局2024年一般公共预算“三公”经费支出表\n单位：万元\n"
                  "单位编码\t单位名称\t合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\n"
                  "102001\t某市林业局本级\t11.00\t0.00\t8.00\t3.00\n102002\t某市林业科学研究所\t3.50\t0.00\t2.50\t1.00\n")
    assert [r.kind for r in disc.table(K.THREE_PUBLIC).rows] == ["unit", "unit"]
    assert not [f for f in audit(disc) if f.code == "YS401"]


def test_same_row_in_two_sections_or_two_unit_blocks_is_no_duplicate():
    """YS607 (duplicate rows) spoke of '（一）一般公共预算拨款' printed under both 本年收入 and 上年结转,
    and of every code repeated in a table printed a block per unit; a code listed twice in one block
    still is a duplicate."""
    blocks = ("某市林业局2024年部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t30.00\t30.00\t\n"
              "001\t某市林业局本级\t20.00\t20.00\t\n2080505\t机关事业单位基本养老保险缴费支出\t20.00\t20.00\t\n"
              "002\t某市林业科学研究所\t10.00\t10.00\t\n2080505\t机关事业单位基本养老保险缴费支出\t10.00\t10.00\t\n")
    assert not [f for f in audit(parsed(blocks)) if f.code == "YS607"]
    twice = blocks.replace("002\t某市林业科学研究所\t10.00\t10.00\t\n", "")
    assert [f.code for f in audit(parsed(twice)) if f.code == "YS607"] == ["YS607"]
    fiscal = parsed(FISCAL.replace("二、上年结转\t40.00\t二、年终结转结余\t\t\n",
                                   "二、上年结转\t40.00\t二、年终结转结余\t\t\n（一）一般公共预算拨款\t40.00\t\t\t\n"))
    assert not [f for f in audit(fiscal) if f.code == "YS607"]


def test_label_like_table_1_3_belongs_to_the_next_table():
    """'表1-3' above the next title (A1 of the next sheet in a 福建 workbook) is that table's label, not a
    stray row of the table before it (false YS612)."""
    disc = parsed("永泰县农业农村局2024年部门收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n"
                  "一、一般公共预算拨款收入\t30.00\t一、农林水支出\t30.00\n收入总计\t30.00\t支出总计\t30.00\n"
                  "表1-3\n永泰县农业农村局2024年部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
                  "\t合计\t30.00\t30.00\t\n2130101\t行政运行\t30.00\t30.00\t\n")
    assert [t.label for t in disc.tables] == [None, "表1-3"]
    assert not [f for f in audit(disc) if f.code == "YS612"]
