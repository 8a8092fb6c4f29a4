"""绩效目标申报表 forms: 基本支出 forms (人员类 / 公用经费) printed next to the project forms are told
from project forms, kept out of the project checks and checked against the 基本支出表 (YS316); a
form's money beside its 财政拨款 (其他资金, or a field the reader does not know) raises no false error."""

import re
from decimal import Decimal

import pytest

from yusuan.audit.engine import audit, selected
from yusuan.model.disclosure import TableKind as K
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.recognise.performance import basic_form_kind
from yusuan.synth import TEMPLATES, generate


def county(seed: int, units: int = 1) -> str:
    return TEMPLATES["county"](generate(seed, units=units), "spaces")


def read(text: str):
    return recognise(read_text(text.encode("utf-8"), "forms"))


@pytest.mark.parametrize("label, title, unit, form_type, kind", [
    ("人员类项目", "项目支出绩效目标申报表", "", "", "personnel"),
    ("某县教育局人员类项目", "", "某县教育局", "", "personnel"),  # after the name of its own 实施单位
    ("某县第一中学公用经费", "", "某县第一中学", "", "public"),
    ("某县教育局2024年人员经费", "", "某县教育局", "", "personnel"),
    ("某县教育局人员类项目支出", "", "某县教育局", "", "personnel"),
    ("日常公用经费", "", "", "", "public"),
    ("一般性公用经费", "", "", "", "public"),
    ("人员经费（基本支出）", "", "", "", "personnel"),
    ("公用经费项目（基本支出）", "", "", "", "public"),
    ("在职人员", "2024年基本支出绩效目标表", "", "", "personnel"),  # the title says 基本支出
    ("工资福利", "", "", "基本支出（人员类）", "personnel"),  # the form's 项目类型 says so
    ("某县教育局工资福利", "", "", "人员类项目", "personnel"),  # the 一体化 type wording
    ("公用经费", "", "", "运转类项目", "public"),
    ("公用经费", "", "", "特定目标类", None),  # a project type wins over the name
    ("退休人员经费补助", "", "", "", None),  # a project about 人员经费 is a project
    ("乡村公用经费补助资金", "", "", "", None),
    ("义务教育学校公用经费", "", "某县教育局", "", None),  # money for other units: a transfer project
    ("村干部人员经费", "", "某县民政局", "", None),
    ("某县教育局人员类项目", "", "", "", None),  # a unit's name the form does not give as its own
    ("退休人员慰问", "基本支出及项目支出绩效目标表", "", "", None),
    ("培训宣传经费", "项目支出绩效目标申报表", "", "", None),
])
def test_basic_forms_are_told_from_project_forms(label, title, unit, form_type, kind):
    assert basic_form_kind(label, title, unit, form_type) == kind


def test_basic_forms_are_read_and_agree_with_the_basic_table():
    """seed 4: 5 project forms, then 人员类 1,974.06 and 公用经费 27.39 万元 (printed in 元), as the
    基本支出表's 人员经费 and 公用经费 合计."""
    disc = read(county(4))
    rows = [t.rows[0] for t in disc.tables_of(K.PROJECT_PERFORMANCE)]
    basic = [(r.label, r.attrs["basic"], r.cells["gpb"].amount.printed, r.value("gpb")) for r in rows if r.attrs.get("basic")]
    assert basic == [("焦作市数据管理中心人员类项目", "personnel", "19,740,600.00", Decimal("1974.06")),
                     ("焦作市数据管理中心公用经费项目", "public", "273,900.00", Decimal("27.39"))]
    assert len(rows) == 7 and all(r.attrs["unit"] == "焦作市数据管理中心" for r in rows)
    general_basic = disc.table(K.GENERAL_BASIC).rows[0]
    assert (general_basic.value("personnel"), general_basic.value("public")) == (Decimal("1974.06"), Decimal("27.39"))
    # not projects: no "不在项目支出表中" for them, and nothing else either
    assert [f.code for f in audit(disc)] == []


def test_a_basic_form_that_disagrees_is_one_warning_with_both_figures():
    text = re.sub(r"(公用经费项目\n(?:.*\n){2}项目资金 年度资金总额 )[\d,.]+(\n其中：财政拨款 )[\d,.]+",
                  r"\g<1>373,900.00\g<2>373,900.00", county(4), count=1)
    found = [f for f in audit(read(text), selected(["YS316"]))]
    assert len(found) == 1
    f = found[0]
    assert f.severity == "warning"
    assert "373,900.00 元" in f.message and "37.39 万元" in f.message and "公用经费 27.39 万元" in f.message
    assert "相差 10.00 万元" in f.message
    assert [loc.table for loc in f.locations] == ["基本支出绩效目标申报表", "2023年一般公共预算基本支出表"]


def test_a_missing_basic_form_of_one_kind_is_said():
    """The 公用经费 form deleted, the 人员类 one kept: the basic table's 公用经费 27.39 has no form."""
    text = county(4)
    start = text.index("基本支出绩效目标申报表", text.index("公用经费项目") - 80)
    start = text.rindex("附表", 0, start)
    disc = read(text[:start])
    assert [r.attrs.get("basic") for t in disc.tables_of(K.PROJECT_PERFORMANCE) for r in t.rows][-1] == "personnel"
    found = audit(disc, selected(["YS316"]))
    assert [f.message for f in found] == ["有人员类的基本支出绩效目标表（“焦作市数据管理中心人员类项目”），没有公用经费的，"
                                          "而基本支出表公用经费 27.39 万元"]


def basic_form(n: int, unit: str, word: str, yuan: str) -> str:
    """A 基本支出 form written here by hand, as a county prints one."""
    return (f"附表{n}\n基本支出绩效目标申报表\n编制单位：焦作市信息安全管理局    金额单位：元\n项目名称 {unit}{word}\n"
            f"实施单位 {unit}\n项目资金 年度资金总额 {yuan}\n其中：财政拨款 {yuan}\n年度绩效目标 保障运转\n"
            "一级指标 二级指标 三级指标 指标值\n产出指标 时效指标 完成时限 ≤12月\n")


def test_forms_of_a_department_are_compared_only_when_every_unit_has_its_own():
    """seed 5, two units (信息安全中心, 数据管理中心), 人员经费 1,270.60 and 公用经费 27.69 万元 in the
    basic table. Forms under the 部门's own name: of the whole 部门; for one unit only: not compared;
    forms of both units: their sum is, apart from the 部门's own (not counted twice)."""
    text = county(5, units=2)
    disc = read(text)
    assert [u["name"] for u in disc.units] == ["焦作市信息安全中心", "焦作市数据管理中心"]
    wrong = re.sub(r"(人员类项目\n(?:.*\n){2}项目资金 年度资金总额 )[\d,.]+(\n其中：财政拨款 )[\d,.]+",
                   r"\g<1>1,000.00\g<2>1,000.00", text, count=1)
    # under the 部门's own name (no unit bears it: no 本级): forms of the whole 部门, compared
    assert [f.message for f in audit(read(wrong), selected(["YS316"]))] == [
        "基本支出绩效目标表“焦作市信息安全管理局人员类项目”的财政拨款（原表 1,000.00 元） 0.10 万元与基本支出表人员经费 "
        "1,270.60 万元不一致，相差 -1,270.50 万元"]
    head = text[:text.index("附表11\n基本支出绩效目标申报表")]
    one = head + basic_form(11, "焦作市信息安全中心", "人员类项目", "1,000.00")
    assert audit(read(one), selected(["YS316"])) == []
    both = (head + basic_form(11, "焦作市信息安全中心", "人员类项目", "3,000,000.00")
            + basic_form(12, "焦作市数据管理中心", "人员类项目", "9,706,000.00")
            + basic_form(13, "焦作市信息安全中心", "公用经费", "276,900.00"))
    assert audit(read(both), selected(["YS316"])) == []  # 300.00 + 970.60 = 1,270.60; 27.69
    with_own = (both + basic_form(14, "焦作市信息安全管理局", "人员类项目", "12,706,000.00")
                + basic_form(15, "焦作市信息安全管理局", "公用经费", "276,900.00"))
    assert audit(read(with_own), selected(["YS316"])) == []  # the 部门's own form beside its units': not added to them
    both = both.replace("9,706,000.00", "9,806,000.00")
    found = audit(read(both), selected(["YS316"]))
    assert [f.message for f in found] == ["2张人员类基本支出绩效目标表的资金之和 1,280.60 万元与基本支出表人员经费 1,270.60 万元不一致，"
                                          "相差 10.00 万元"]


def test_a_form_named_as_a_listed_project_is_a_project():
    """义务教育学校公用经费 is money for schools: a project the project table lists, whatever its name."""
    text = county(4)
    disc = read(text.replace("平台建设维护费", "日常公用经费"))
    row = next(t.rows[0] for t in disc.tables_of(K.PROJECT_PERFORMANCE) if t.rows[0].label == "日常公用经费")
    assert row.attrs["basic"] == "public"  # the reader alone cannot tell
    assert [f.code for f in audit(disc, selected(["YS316", "YS706"]))] == []  # the project table can


def _form_money(text: str, project: str, total: str, extra: str) -> str:
    return re.sub(rf"({project}\n(?:.*\n)项目资金 年度资金总额 )[\d,.]+(\n其中：财政拨款 [\d,.]+)",
                  rf"\g<1>{total}\g<2>\n{extra}", text, count=1)


def test_other_money_in_a_form_is_one_of_its_sources():
    """平台建设维护费 (seed 4): 财政拨款 14,700.00 元 and 其他资金 100,000.00 元 make 年度资金总额 114,700.00."""
    disc = read(_form_money(county(4), "平台建设维护费", "114,700.00", "其他资金 100,000.00"))
    form = next(t for t in disc.tables_of(K.PROJECT_PERFORMANCE) if t.rows[0].label == "平台建设维护费")
    cells = {k: c.amount.wan for k, c in form.rows[0].cells.items()}
    assert cells == {"total": Decimal("11.47"), "gpb": Decimal("1.47"), "unit_funds": Decimal("10")}
    assert [c.role for c in form.columns] == ["total", "gpb", "unit_funds"]
    assert [f.code for f in audit(disc) if f.severity == "error"] == []
    # the same form with 其他资金 that does not add up is an error
    wrong = read(_form_money(county(4), "平台建设维护费", "114,700.00", "其他资金 90,000.00"))
    assert [f.code for f in audit(wrong) if f.severity == "error"] == ["YS123"]


def test_money_under_a_field_the_reader_does_not_know_is_said_and_not_checked():
    disc = read(_form_money(county(4), "平台建设维护费", "114,700.00", "上级专项 100,000.00"))
    form = next(t for t in disc.tables_of(K.PROJECT_PERFORMANCE) if t.rows[0].label == "平台建设维护费")
    assert [c.role for c in form.columns] == ["total"]
    assert form.warnings == ["申报表“平台建设维护费”中有未能归入资金来源的金额（上级专项 100,000.00，"
                             f"第{form.rows[0].cells['total'].location.line + 2}行），未核对年度资金总额与其组成"]
    assert [f.code for f in audit(disc) if f.severity == "error"] == []


def test_forms_in_a_pdf_without_word_spaces(tmp_path):
    """A text-only PDF loses the spaces between a field and its value ('项目名称平台建设维护费',
    '项目资金年度资金总额 14,700.00'): the forms read as from the text, project and basic alike."""
    from test_pdf import text_only_pdf

    from yusuan.facts import build_facts
    from yusuan.parse import parse_document

    text = county(4)
    path = text_only_pdf(text, tmp_path / "forms.pdf")
    doc, disc = parse_document(path)
    assert any(ln.text == "项目名称平台建设维护费" for ln in doc.lines)  # the words are glued
    rows = [t.rows[0] for t in disc.tables_of(K.PROJECT_PERFORMANCE)]
    assert [(r.label, r.attrs.get("basic"), r.value("total")) for r in rows][-3:] == [
        ("执法装备购置", None, Decimal("0.41")),
        ("焦作市数据管理中心人员类项目", "personnel", Decimal("1974.06")),
        ("焦作市数据管理中心公用经费项目", "public", Decimal("27.39"))]
    assert build_facts(disc)["performance_targets"] == build_facts(read(text))["performance_targets"]
    assert [f.code for f in audit(disc, selected(["YS316", "YS706", "YS312", "YS123"]))] == []


GOAL_AND_INDICATORS = "一级指标 二级指标 三级指标 指标值\n产出指标 质量指标 验收合格率 ≥95%\n"


@pytest.mark.parametrize("body, label, cells, goal", [
    # money written in the goal is words, not a field
    ("项目名称 平台建设维护费\n项目资金 年度资金总额 14,700.00\n其中：财政拨款 14,700.00\n年度绩效目标 其他资金 10,000.00 元用于运维\n",
     "平台建设维护费", {"total": "14,700.00", "gpb": "14,700.00"}, "其他资金10,000.00元用于运维"),
    # a money field on the name's line, and one whose amount stands alone below it
    ("项目名称 平台建设维护费 年度资金总额 14,700.00\n其中：财政拨款\n14,700.00\n年度绩效目标 完成运维\n",
     "平台建设维护费", {"total": "14,700.00", "gpb": "14,700.00"}, "完成运维"),
    # a name wrapped at a field word stays one name
    ("项目名称 平台建设\n项目期中评估\n项目资金 年度资金总额 14,700.00\n其中：财政拨款 14,700.00\n年度绩效目标 完成运维\n",
     "平台建设项目期中评估", {"total": "14,700.00", "gpb": "14,700.00"}, "完成运维"),
    ("项目名称 平台建设维护费\n年度资金总额（元） 14,700.00\n其中：财政拨款（元） 14,700.00\n年度绩效目标 完成运维\n",
     "平台建设维护费", {"total": "14,700.00", "gpb": "14,700.00"}, "完成运维"),
    # a blank 其他资金, then money under a field the reader does not know: said, not checked
    ("项目名称 平台建设维护费\n项目资金 年度资金总额 14,700.00\n其中：财政拨款 14,700.00\n其他资金\n中期资金总额 44,100.00\n"
     "年度绩效目标 完成运维\n", "平台建设维护费", {"total": "14,700.00", "gpb": "14,700.00"}, "完成运维"),
    # 年度 and 中期 side by side: which 财政拨款 is whose is not known, neither is kept
    ("项目名称 平台建设维护费\n项目资金 年度资金总额 14,700.00 中期资金总额 44,100.00\n其中：财政拨款 4,700.00 其中：财政拨款 34,100.00\n"
     "其他资金 10,000.00 其他资金 10,000.00\n年度绩效目标 完成运维\n", "平台建设维护费", {"total": "14,700.00"}, "完成运维"),
])
def test_form_layouts_read_without_a_false_error(body, label, cells, goal):
    text = re.sub(r"项目名称 平台建设维护费\n(?:.*\n)*?(?=附表12)", lambda _: body + GOAL_AND_INDICATORS, county(4), count=1)
    disc = read(text)
    row = disc.tables_of(K.PROJECT_PERFORMANCE)[0].rows[0]
    assert (row.label, {k: c.amount.printed for k, c in row.cells.items()}, row.attrs["goal"]) == (label, cells, goal)
    assert row.attrs["targets"] == [("验收合格率", "≥95%")]
    errors = [f for f in audit(disc) if f.severity == "error"]
    assert errors == []
