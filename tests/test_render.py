"""yusuan template / render: from the officer's workbook (or YAML/JSON) to a complete disclosure in
four formats that `check` passes and `parse` reads back to the input figures."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from typer.testing import CliRunner

from yusuan.audit.engine import audit, selected
from yusuan.cli import app
from yusuan.compose.consolidate import consolidate
from yusuan.compose.input import budget_from_dict, budget_to_dict
from yusuan.compose.problems import Problems
from yusuan.compose.workbook import write_filled
from yusuan.facts import build_facts
from yusuan.model.budget import Budget, FunctionRow
from yusuan.model.disclosure import TableKind as K
from yusuan.parse import parse_file
from yusuan.errors import InputError
from yusuan.render import docx_doc, html_doc, xlsx_doc
from yusuan.render.document import build_document
from yusuan.render.narrative import narrative_blocks, narrative_lines
from yusuan.synth import generate

SAVERS = {"html": html_doc.save_html, "docx": docx_doc.save_docx, "xlsx": xlsx_doc.save_xlsx, "pdf": html_doc.save_pdf}
runner = CliRunner()


def unit_budget(seed: int, k: int = 1, year: int = 2025) -> Budget:
    b = generate(seed, units=1, year=year)
    b.unit_name = f"焦作市测试{k}中心"
    b.units = [(f"12210{k}", b.unit_name, b.total)]
    return b


def department(seeds) -> Budget:
    units = [unit_budget(s, k) for k, s in enumerate(seeds, 1)]
    for k, u in enumerate(units, 1):  # project names are unique within a 部门
        u.projects = [(t, f"{n}（{k}）", a) for t, n, a in u.projects]
        u.targets = [(f"{p}（{k}）", ind) for p, ind in u.targets]
    problems = Problems()
    d = consolidate(units, "焦作市测试管理局", problems, [str(s) for s in seeds])
    assert not problems.items and d is not None
    return d


def assert_figures(b: Budget, path: Path) -> None:
    """The rendered file parses back to the budget's figures, and the audit finds no error."""
    disc = parse_file(path)
    f = build_facts(disc)
    t = f["totals"]
    assert t["expenditure_total"] == str(b.total) and t["income_total"] == str(b.total)
    assert t["basic"] == str(b.sum("basic")) and t["personnel"] == str(b.sum("personnel"))
    assert Decimal(t.get("project", "0")) == b.sum("project")
    assert Decimal(t["three_public_total"]) == b.three_public_total
    got = {x["code"]: x for x in f["function_classes"]}
    assert set(got) == {fr.code for fr in b.functions}
    for fr in b.functions:
        assert got[fr.code]["total"] == str(fr.total) and got[fr.code]["name"] == fr.name
    assert [(p["name"], p["amount"]) for p in f["projects"]] == [(n, str(a)) for _, n, a in b.projects]
    assert [(u.get("code"), u["total"]) for u in f["units"]] == [(c, str(a)) for c, _, a in b.units]
    errors = [x for x in audit(disc, selected([], [])) if x.severity == "error"]
    assert errors == []
    return f


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), fmt=st.sampled_from(["html", "docx", "xlsx"]), dept=st.booleans())
def test_rendered_documents_read_back(tmp_path_factory, seed, fmt, dept):
    b = department((seed, seed + 1, seed + 2)) if dept else unit_budget(seed)
    path = tmp_path_factory.mktemp("render") / f"doc.{fmt}"
    SAVERS[fmt](build_document(b), path)
    assert_figures(b, path)


@pytest.mark.parametrize("seed,dept", [(3, False), (8, True)])
def test_rendered_pdf_reads_back(tmp_path, seed, dept):
    b = department((seed, seed + 1)) if dept else unit_budget(seed)
    path = tmp_path / "doc.pdf"
    html_doc.save_pdf(build_document(b), path)
    f = assert_figures(b, path)
    assert f["scope"] == b.scope and f["year"] == b.year


def test_blank_template_to_pdf_in_two_commands(tmp_path):
    """An officer's path: the blank template, filled in, then one render command to a PDF."""
    blank = tmp_path / "input.xlsx"
    r = runner.invoke(app, ["template", "--year", "2025", "-o", str(blank)])
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook

    wb = load_workbook(blank)
    assert wb.sheetnames == ["填表说明", "基本情况", "预算单位", "支出功能分类", "基本支出经济分类", "项目支出", "绩效目标", "收入来源",
                             "三公经费及其他", "上年对比"]
    assert [c.value for c in wb["支出功能分类"][2]][:4] == ["所属单位编码", "科目编码", "科目名称", "工资福利支出"]
    b = unit_budget(11)
    write_filled(blank, b)  # what the officer types
    pdf = tmp_path / "预算公开.pdf"
    r = runner.invoke(app, ["render", str(blank), "-o", str(pdf)])
    assert r.exit_code == 0, r.output
    assert_figures(b, pdf)
    r = runner.invoke(app, ["check", str(pdf), "--format", "json"])
    assert r.exit_code == 0, r.output  # no error findings


def test_workbook_and_yaml_round_trip_exactly(tmp_path):
    d = department((25, 22, 6))  # units 1 and 3 have projects, unit 3 特定目标类 ones
    d.project_codes[d.projects[0][1]] = "410800220000000053201"
    d.project_economic = {n: "30227" for _, n, _ in d.projects}
    d.profile.tasks = [("政务服务", "推进一网通办"), ("机构运转", "")]
    d.targets.append(("部门整体", ("产出指标", "数量指标", "政务服务事项办理数量", "≥2000件")))
    d.counts = {"vehicles_official": 3, "vehicles_enforcement": 0, "equipment_general": 2, "transfer_projects": 0}
    d.month = 2
    path = tmp_path / "dept.xlsx"
    write_filled(path, d)
    yaml_path = tmp_path / "dept.yaml"
    r = runner.invoke(app, ["render", str(path), "-o", str(yaml_path)])
    assert r.exit_code == 0, r.output
    import yaml

    problems = Problems()
    back = budget_from_dict(yaml.safe_load(yaml_path.read_text(encoding="utf-8")), problems)
    assert not problems.items
    assert budget_to_dict(back) == budget_to_dict(d)
    assert back.project_codes == {d.projects[0][1]: "410800220000000053201"}
    assert back.profile.tasks == [("政务服务", "推进一网通办"), ("机构运转", "")]
    assert back.targets[-1] == ("部门整体", ("产出指标", "数量指标", "政务服务事项办理数量", "≥2000件"))
    assert back.counts == {"vehicles_official": 3, "vehicles_enforcement": 0, "equipment_general": 2, "transfer_projects": 0}
    assert back.month == 2 and build_document(back).date == "二〇二五年二月"  # the cover's date
    text = "\n".join(narrative_lines(back))
    assert "车辆共有3辆，其中：一般公务用车3辆，执法执勤用车0辆；单位价值50万元以上通用设备2台（套）。" in text
    assert "（五）专项转移支付项目情况\n本部门负责管理的专项转移支付项目共有0项。" in text
    specific = sorted(((a, n) for t, n, a in back.projects if t == "特定目标类"), reverse=True)
    assert f"重点项目一：{specific[0][1]}，年初预算安排{specific[0][0]:.2f}万元。" in text


def test_department_consolidation_sums_exactly(tmp_path):
    units = [unit_budget(s, k) for k, s in enumerate((31, 32, 33), 1)]
    files = []
    for k, u in enumerate(units, 1):
        u.projects = [(t, f"{n}（{k}）", a) for t, n, a in u.projects]
        u.targets = [(f"{p}（{k}）", ind) for p, ind in u.targets]
        if k == 1:  # the 本级's file carries the 部门's 年度主要任务 and 部门整体 indicators
            u.profile.tasks = [("数据共享", "汇聚共享政务数据")]
            u.targets.append(("部门整体", ("产出指标", "数量指标", "办件量", "≥2000件")))
        files.append(tmp_path / f"unit{k}.xlsx")
        write_filled(files[-1], u)
    out = tmp_path / "dept.html"
    r = runner.invoke(app, ["render", *map(str, files), "--department", "焦作市测试管理局", "-o", str(out)])
    assert r.exit_code == 0, r.output
    f = build_facts(parse_file(out))
    assert f["scope"] == "department" and f["unit_name"] == "焦作市测试管理局"
    assert Decimal(f["totals"]["expenditure_total"]) == sum(u.total for u in units)
    assert [(u["code"], Decimal(u["total"])) for u in f["units"]] == [(u.units[0][0], u.total) for u in units]
    assert Decimal(f["totals"]["three_public_total"]) == sum(u.three_public_total for u in units)
    econ = {}
    for u in units:
        for code, _, _, a in u.economic:
            econ[code] = econ.get(code, Decimal(0)) + a
    printed: dict[str, Decimal] = {}
    for e in f["economic_classes"]:  # a code twice where 行政 and 事业 units book it under other 政府经济分类
        printed[e["code"]] = printed.get(e["code"], Decimal(0)) + Decimal(e["total"])
    assert printed == econ
    assert {u.unit_type for u in units} == {"参公", "事业"}  # the two kinds of unit
    dept = [(t.get("level1"), t["indicator"], t["value"]) for t in f["performance_targets"] if t["project"] == "部门整体"]
    assert dept == [("产出指标", "办件量", "≥2000件")] and "汇聚共享政务数据" in out.read_text(encoding="utf-8")
    r = runner.invoke(app, ["render", str(files[0]), "-o", str(tmp_path / "unit.html")])  # alone, it is a 单位
    assert r.exit_code == 1 and "“部门整体”绩效指标只用于部门预算" in r.output


def _small() -> Budget:
    b = Budget("焦作市样例中心", 2025, "unit", [("122201", "焦作市样例中心", Decimal("0"))],
               [FunctionRow("2010301", "行政运行", salaries=Decimal("60.00"), goods=Decimal("10.00")),
                FunctionRow("2080505", "机关事业单位基本养老保险缴费支出", salaries=Decimal("20.00")),
                FunctionRow("2010302", "一般行政管理事务", project_operating=Decimal("10.00"))],
               [("30101", "基本工资", "personnel", Decimal("80.00")), ("30201", "办公费", "public", Decimal("10.00"))],
               [("其他运转类", "信息化运维经费", Decimal("10.00"))],
               targets=[("信息化运维经费", ("产出指标", "数量指标", "运维系统数量", "≥9个"))],
               three_public={"abroad": Decimal("0.00"), "vehicle_purchase": Decimal("0.00"),
                             "vehicle_operation": Decimal("1.20"), "reception": Decimal("0.30")},
               operating=[("30201", "办公费", Decimal("8.00"))],
               last_year={"total": Decimal("96.00"), "vehicle_operation": Decimal("1.50"), "reception": Decimal("0.30")},
               reasons={"total": "人员调资", "vehicle_operation": "压减车辆运行支出"})
    return b


def test_narrative_figures_and_wording():
    text = "\n".join(narrative_lines(_small()))
    # 100.00 this year against 96.00: +4.00, 4/96 = 4.1666…% -> 4.17%
    assert "2025年收入总计100.00万元，支出总计100.00万元，与2024年相比，收、支总计各增加4.00万元，增长4.17%，主要原因是人员调资。" in text
    assert "基本支出90.00万元，占90.00%；项目支出10.00万元，占10.00%。" in text
    assert "一般公共服务支出80.00万元，占80.00%；社会保障和就业支出20.00万元，占20.00%。" in text
    # 1.20 against 1.50: −0.30, 20.00%, with the officer's reason; 公务接待费 unchanged
    assert "公务用车运行维护费1.20万元，比2024年预算数减少0.30万元，下降20.00%，主要原因是压减车辆运行支出。" in text
    assert "（三）公务接待费0.30万元，与2024年预算数持平。" in text
    assert "涉及项目1个" in text and "机关（机构）运行经费支出预算8.00万元" in text
    # what the 机关运行经费 pays for is its own line, not a fixed list; zeros written as every figure is
    assert "主要保障机构正常运转及正常履职需要的办公费支出。" in text and "水电费、物业费" not in text.split("名词解释")[0]
    assert "政府性基金预算收入0.00万元；" in text and not re.search(r"(?<![\d.])0万元", text)


def _render(tmp_path, data) -> tuple[object, Path]:
    import json

    src = tmp_path / "in.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.pdf"
    return runner.invoke(app, ["render", str(src), "-o", str(out)]), out


def test_invalid_input_is_listed_and_nothing_rendered(tmp_path):
    data = budget_to_dict(_small())
    data["functions"][0]["salaries"] = "六十"
    data["functions"][1]["code"] = "20805"
    data["economic"][1]["amount"] = "11.00"
    data["projects"][0]["amount"] = "9.00"
    data["targets"] = [{"project": "部门整体", "level1": "产出指标", "level2": "数量指标", "indicator": "办件量",
                        "value": "≥10件"}]
    data["projects"][0]["code"] = "4108-00 项目#1"
    data["counts"] = {"vehicles_official": "三辆", "equipment_general": "2.5"}
    data["unit"]["month"] = "13"
    data["reasons"].pop("vehicle_operation")
    r, out = _render(tmp_path, data)
    assert r.exit_code == 1 and not out.exists() and not list(tmp_path.glob("*.tmp*"))
    for expected in ("functions[0].salaries：工资福利支出应为数字（万元），填写的是“六十”",
                     "functions[1].code：功能分类科目编码应为 7 位数字",
                     "项目支出表中其他运转类项目合计 9.00 万元，支出功能分类“其他运转类”列合计 10.00 万元",
                     "项目“信息化运维经费”没有绩效目标",
                     "targets[0].project：“部门整体”绩效指标只用于部门预算",
                     "projects[0].code：项目编码应为预算系统中 9 位以上的数字编码",
                     "counts.vehicles_official：一般公务用车（辆）应为整数（数量），填写的是“三辆”",
                     "unit.month：公开月份应为 1–12 的整数，填写的是“13”",
                     "counts.equipment_general：单位价值50万元以上通用设备（台（套））应为整数（数量），填写的是“2.5”",
                     "公务用车运行维护费比上年减少 0.30 万元，须说明增减原因", "未生成文件"):
        assert expected in r.output, expected


def test_workbook_problems_name_sheet_and_cell(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "input.xlsx"
    write_filled(path, _small())
    wb = load_workbook(path)
    ws = wb["支出功能分类"]
    ws["D3"] = "abc"
    ws2 = wb["基本支出经济分类"]
    ws2["A4"] = "3020"
    wb.save(path)
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "out.docx")])
    assert r.exit_code == 1
    assert "支出功能分类!D3：工资福利支出应为数字（万元），填写的是“abc”" in r.output
    assert "基本支出经济分类!A4：部门预算支出经济分类科目编码应为 5 位数字" in r.output
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("content,message", [
    (None, "找不到文件"), (b"", "文件是空的"), (b"\xff\xfe\x00garbage\x9c", "无法识别的文件"),
    (b"unit: [unclosed", "YAML 格式错误"), (b'{"unit": ', "JSON 格式错误"), (b"- 1\n- 2\n", "输入内容应为键值对"),
])
def test_bad_input_files(tmp_path, content, message):
    src = tmp_path / "in.yaml"
    if content is not None:
        src.write_bytes(content)
    r = runner.invoke(app, ["render", str(src), "-o", str(tmp_path / "out.html")])
    assert r.exit_code != 0 and message in r.output and "Traceback" not in r.output
    assert not (tmp_path / "out.html").exists()


def test_not_a_template_workbook(tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "other.xlsx"
    wb = Workbook()
    wb.active.append(["随便什么表"])
    wb.save(path)
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "o.pdf")])
    assert r.exit_code == 1 and "不是 yusuan 预算编制模板" in r.output


def test_cli_argument_errors(tmp_path):
    r = runner.invoke(app, ["render", "a.xlsx", "-o", str(tmp_path / "o.txt")])
    assert r.exit_code == 2 and "不支持的输出格式" in r.output
    r = runner.invoke(app, ["template", "--year", "2025", "-o", str(tmp_path / "o.csv")])
    assert r.exit_code == 2 and "不支持的模板格式" in r.output
    r = runner.invoke(app, ["template", "--year", "2025", "-o", str(tmp_path / "t.yaml")])
    assert r.exit_code == 0 and "year: 2025" in (tmp_path / "t.yaml").read_text(encoding="utf-8")


def test_html_reader_expands_rowspan(tmp_path):
    from yusuan.read.html import read_html

    html = ("<table><tr><td rowspan=2>科目编码</td><td colspan=2>基本支出</td><td rowspan=2>项目支出</td></tr>"
            "<tr><td>人员经费</td><td>公用经费</td></tr><tr><td>2010301</td><td>1.00</td><td>2.00</td><td>3.00</td></tr></table>")
    lines = read_html(html.encode("utf-8"), "x").lines
    assert [ln.cells for ln in lines] == [["科目编码", "基本支出", "", "项目支出"], ["", "人员经费", "公用经费", ""],
                                          ["2010301", "1.00", "2.00", "3.00"]]


def _classified(unit_type: str) -> dict:
    """A unit with 退休费, 培训费, 办公设备 and a project booked as 委托业务费, of the given type."""
    data = budget_to_dict(_small())
    data["unit"]["type"] = unit_type
    data["functions"][0]["family"] = "5.00"
    data["functions"][0]["capital"] = "3.00"
    data["functions"][0]["goods"] = "7.00"
    data["economic"] = [{"code": "30101", "name": "基本工资", "amount": "80.00"},
                        {"code": "30302", "name": "退休费", "amount": "5.00"},
                        {"code": "30216", "name": "培训费", "amount": "7.00"},
                        {"code": "31002", "name": "办公设备购置", "amount": "3.00"}]
    data["projects"][0]["economic"] = "30227"
    data["operating"] = [{"code": "30216", "name": "培训费", "amount": "7.00"}]
    return data


@pytest.mark.parametrize("unit_type,expected", [
    ("行政", {"30101": "50101", "30302": "50905", "30216": "50203", "31002": "50306", "30227": "50205"}),
    ("参公", {"30101": "50101", "30302": "50905", "30216": "50203", "31002": "50306", "30227": "50205"}),
    ("事业", {"30101": "50501", "30302": "50905", "30216": "50502", "31002": "50601", "30227": "50502"}),
])
def test_government_economic_class_follows_the_unit_type(tmp_path, unit_type, expected):
    """预算06表 and 预算08表 book each 部门经济分类 款 under the 政府经济分类 the Ministry's table of
    correspondence gives for the unit's type; the project under its own economic class (not 30299);
    `check` passes and the document reads back with the same pairs."""
    problems = Problems()
    b = budget_from_dict(_classified(unit_type), problems)
    assert not problems.items, problems.items
    out = tmp_path / "out.html"
    html_doc.save_html(build_document(b), out)
    disc = parse_file(out)
    basic = next(t for t in disc.tables if "基本支出预算表" in t.title)
    summary = next(t for t in disc.tables if "经济分类汇总表" in t.title)
    pairs = {r.code: r.attrs.get("gov_code") for r in basic.rows if r.code_scheme == "economic" and len(r.code) == 5}
    assert pairs == {k: v for k, v in expected.items() if k != "30227"}
    in_summary = {r.code: r.attrs.get("gov_code") for r in summary.rows if r.code_scheme == "economic"}
    assert in_summary["30227"] == expected["30227"] and "30299" not in in_summary
    assert [f.code for f in audit(disc) if f.severity == "error"] == []


def test_unit_type_missing_wrong_or_mixed_is_said(tmp_path):
    data = budget_to_dict(_small())
    problems = Problems()
    budget_from_dict(data, problems)
    assert [str(p) for p in problems.warnings] == [
        "projects：1 个项目未填写经济分类，按 30299 其他商品和服务支出列示（可在项目的“经济分类”中改为实际科目，"
        "如 30227 委托业务费、31002 办公设备购置）",
        "unit.type：未填写单位类型（行政、参公或事业），政府预算支出经济分类按事业单位列示（301 → 50501，302 → 50502）"]
    data["unit"]["type"] = "国企"
    problems = Problems()
    budget_from_dict(data, problems)
    assert "unit.type：单位类型应为“行政”“参公”或“事业”，填写的是“国企”" in [str(p) for p in problems.errors]
    # a 部门 of a 行政 and a 事业 unit whose 基本支出 rows do not say whose they are
    data = budget_to_dict(department((21, 22)))
    data["units"][0]["type"], data["units"][1]["type"] = "行政", "事业"
    for e in data["economic"]:
        e.pop("unit", None)
    problems = Problems()
    budget_from_dict(data, problems)
    assert any("基本支出经济分类须按单位填写（unit）" in str(p) for p in problems.errors)
    # a project's economic class that is no code
    data = _classified("行政")
    data["projects"][0]["economic"] = "委托业务费"
    problems = Problems()
    budget_from_dict(data, problems)
    assert [str(p) for p in problems.errors] == [
        "projects[0].economic：项目的部门预算支出经济分类应为 5 位数字（如 30227），填写的是“委托业务费”"]


def test_a_deleted_sheet_is_an_error_naming_it(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "input.xlsx"
    write_filled(path, _small())
    wb = load_workbook(path)
    del wb["三公经费及其他"]
    wb.save(path)
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "out.html")])
    assert r.exit_code == 1 and "缺少工作表“三公经费及其他”" in r.output
    assert not (tmp_path / "out.html").exists()


def _other_rows(ws) -> dict[str, int]:
    return {str(ws.cell(r, 1).value or ""): r for r in range(3, ws.max_row + 1)}


def test_no_filled_cell_is_silently_lost(tmp_path):
    """Every cell the officer fills is used or reported, naming the cell: a 三公 amount in the wrong
    column, a 机关运行经费 line typed below 【政府采购】, a hand-typed 合计 that does not add up."""
    from openpyxl import load_workbook

    path = tmp_path / "input.xlsx"
    write_filled(path, _small())
    wb = load_workbook(path)
    ws = wb["三公经费及其他"]
    rows = _other_rows(ws)
    ws.cell(rows["公务接待费"], 4).value = None
    ws.cell(rows["公务接待费"], 3).value = 0.3  # typed one column to the left
    goods = rows["货物"]
    ws.insert_rows(goods)  # a 机关运行经费 line below 【政府采购】's title
    ws.cell(goods, 1).value, ws.cell(goods, 2).value, ws.cell(goods, 3).value = "机关运行经费", "30211", "差旅费"
    ws.cell(goods, 4).value = 18.9
    fn = wb["支出功能分类"]
    fn.append([None, None, "合计", 81, None, 10, None, 10, None])  # 工资福利 80.00 in the rows
    wb.save(path)
    out = tmp_path / "out.html"
    r = runner.invoke(app, ["render", str(path), "-o", str(out)])
    assert r.exit_code == 1 and not out.exists()
    assert f"三公经费及其他!C{rows['公务接待费']}：“公务接待费”的金额应填在 D 列（金额），填在了 C 列：“0.3”，未使用" in r.output
    assert (f"三公经费及其他!A{goods}：这一行在【政府采购】中不是可识别的项目：“机关运行经费、30211、差旅费、18.9”，未使用"
            "（机关运行经费的科目须填在【机关运行经费】之下）") in r.output
    total_row = fn.max_row
    assert f"支出功能分类!D{total_row}：手填的合计 81.00 与各行之和 80.00 不符（相差 1.00）" in r.output


def test_output_equal_to_an_input_is_refused(tmp_path):
    path = tmp_path / "input.xlsx"
    write_filled(path, _small())
    before = path.read_bytes()
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "." / "input.xlsx")])
    assert r.exit_code == 2 and "输出文件与输入文件相同" in r.output
    assert path.read_bytes() == before


def test_plausibility_and_kept_reasons():
    """A budget typed in 元, a basic 公务接待费 above its 三公 figure: warnings with the figures; a
    reason given for an unchanged item is published."""
    from yusuan.compose.validate import check_budget

    b = _small()
    b.reasons["reception"] = "严格控制接待标准"
    assert "（三）公务接待费0.30万元，与2024年预算数持平，主要原因是严格控制接待标准。" in "\n".join(narrative_lines(b))
    b.economic.append(("30217", "公务接待费", "public", Decimal("0.50")))
    problems = Problems()
    check_budget(b, problems)
    assert "three_public.reception：基本支出经济分类 30217 0.50 万元，大于“三公”经费中的公务接待费 0.30 万元：" \
           "“三公”经费应包含基本支出中的这一项" in [str(p) for p in problems.warnings]
    data = budget_to_dict(_small())
    for f in data["functions"]:
        for k in ("salaries", "goods", "project_operating"):
            f[k] = str(Decimal(f[k]) * 10000)
    problems = Problems()
    check_budget(budget_from_dict(data, problems), problems)
    assert any("金额似乎按元填写" in str(p) and "1,000,000.00 万元" in str(p) for p in problems.warnings)


def test_docx_is_a4_with_page_numbers_a_toc_field_and_clean_merged_cells(tmp_path):
    import docx
    from docx.oxml.ns import qn

    path = tmp_path / "out.docx"
    docx_doc.save_docx(build_document(department((21, 22))), path)
    d = docx.Document(str(path))
    first, table_section = d.sections[0], d.sections[1]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert (round(table_section.page_width.mm), round(table_section.page_height.mm)) == (297, 210)
    footer = first.footer.paragraphs[0]._p
    assert [t.text.strip() for t in footer.iter(qn("w:instrText"))] == ["PAGE"]
    body = d.element.body
    assert any(t.text.strip().startswith("TOC") for t in body.iter(qn("w:instrText")))
    marks = [fc.get(qn("w:fldCharType")) for fc in body.iter(qn("w:fldChar"))]
    assert marks == ["begin", "separate", "end"]  # one field around all 目录 entries
    assert d.settings.element.find(qn("w:updateFields")) is not None
    assert d.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0, 0, 0)
    basic = next(t for t in d.tables if t.rows[1].cells[0].text == "科目编码" and t.rows[0].cells[0].text.startswith("部门"))
    head = basic.rows[0].cells
    assert head[0].text == head[1].text == "部门预算支出经济分类科目" and head[0]._tc is head[1]._tc  # merged
    assert all(len(c.paragraphs) == 1 for row in basic.rows for c in row.cells)  # no leftover empty paragraphs


def test_department_reasons_once_and_assets_in_template_order():
    from yusuan.compose.consolidate import merge_reasons

    assert merge_reasons(["落实过紧日子要求", "落实过紧日子要求，压减一般性支出", "压减一般性支出"]) == "落实过紧日子要求，压减一般性支出"
    assert merge_reasons(["人员调资。", "新增信息化项目；人员调资"]) == "人员调资，新增信息化项目"
    units = [unit_budget(s, k) for k, s in enumerate((41, 42), 1)]
    units[0].asset_items = [("车辆", Decimal("5.00")), ("房屋建筑物", Decimal("10.00"))]
    units[1].asset_items = [("办公设备", Decimal("2.00")), ("车辆", Decimal("1.00")), ("其他资产", Decimal("0.50"))]
    for k, u in enumerate(units, 1):
        u.projects = [(t, f"{n}（{k}）", a) for t, n, a in u.projects]
        u.targets = [(f"{p}（{k}）", ind) for p, ind in u.targets]
        u.reasons["total"] = ["落实过紧日子要求", "落实过紧日子要求，压减一般性支出"][k - 1]
    problems = Problems()
    d = consolidate(units, "焦作市测试管理局", problems, ["a", "b"])
    assert d.assets == [("房屋建筑物", Decimal("10.00")), ("车辆", Decimal("6.00")), ("办公设备", Decimal("2.00")),
                        ("其他资产", Decimal("0.50"))]
    assert d.reasons["total"] == "落实过紧日子要求，压减一般性支出"


def test_rendered_workbook_prints_on_a4_and_takes_any_table_name(tmp_path):
    """Every sheet of a rendered workbook is set up for A4, fitted to the page width, with page
    numbers; a table name with characters Excel refuses, or one that repeats, still gets a sheet."""
    from openpyxl import Workbook, load_workbook

    from yusuan.render.files import GridTable
    from yusuan.render.xlsx_doc import sheet_name, write_sheet

    path = tmp_path / "doc.xlsx"
    xlsx_doc.save_xlsx(build_document(unit_budget(5)), path)
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "预算说明" and len(wb.sheetnames) > 9
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == 9 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
        assert ws.page_setup.orientation == ("portrait" if ws.title == "预算说明" else "landscape")
    wb = Workbook()
    for title in ["收入/支出:总表[1]*?", "收入/支出:总表[1]*?", "x" * 40, "x" * 40, "\x07'"]:
        write_sheet(wb, GridTable(label="", title=title, rows=[["项目", "金额"], ["合计", "1.00"]], head=1))
    assert wb.sheetnames[1:] == ["收入_支出_总表_1___", "收入_支出_总表_1___(2)", "x" * 31, "x" * 28 + "(2)", "表"]
    assert sheet_name("预算01表", ["预算01表", "预算01表(2)"]) == "预算01表(3)"
    wb.save(tmp_path / "names.xlsx")
    assert load_workbook(tmp_path / "names.xlsx").sheetnames == wb.sheetnames


def test_a_pdf_without_chinese_glyphs_is_refused_not_published(tmp_path):
    """Without a CJK font Pango draws a box for every Chinese character (the text layer still holds
    them): `render` to PDF says which font to install, exits 2 and writes nothing. Run with a
    fontconfig that knows only a Latin font directory."""
    import os
    import subprocess
    import sys

    assert html_doc.cjk_fonts()  # this machine has one (fonts-wqy-microhei, as .ci/run installs)
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    f"<dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
                    encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    assert subprocess.run(["fc-list", ":lang=zh"], env=env, capture_output=True, text=True).stdout.strip() == ""
    write_filled(tmp_path / "in.xlsx", unit_budget(2))
    out = tmp_path / "out.pdf"
    r = subprocess.run([sys.executable, "-m", "yusuan.cli", "render", str(tmp_path / "in.xlsx"), "-o", str(out)],
                       env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 2 and "系统缺少中文字体" in r.stderr and "fonts-wqy-microhei" in r.stderr, r.stderr
    assert not out.exists() and not list(tmp_path.glob("*.pdf*"))  # nor a half-written temporary file


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx", "pdf"])
def test_performance_tables_as_the_template_prints_them(tmp_path, fmt):
    """A 部门's 预算14表 is its 整体绩效目标表 (名称, 年度履职目标, 年度主要任务, 预算情况, the 部门整体
    indicators), 预算15表 its 项目绩效目标表: each 项目单位 with its code and sum, then its projects with
    the 项目编码 given (blank, never invented, when not) and each 一级指标's 三级指标/指标值 in its own
    columns. Everything reads back: projects, indicators, 部门整体 indicators with their levels."""
    b = department((4, 5, 6))  # units 1 and 3 have projects, unit 2 none
    coded = b.projects[0][1]
    b.project_codes[coded] = "410800220000000053201"
    b.profile.tasks = [("政务服务", "推进一网通办"), ("数据共享", "汇聚共享政务数据")]
    b.targets += [("部门整体", ("产出指标", "数量指标", "政务服务事项办理数量", "≥2000件")),
                  ("部门整体", ("效益指标", "社会效益指标", "群众办事便利度", "明显提升")),
                  ("部门整体", ("效益指标", "社会效益指标", "农业综合生产能力", "稳步提升"))]  # any wording of a value
    path = tmp_path / f"doc.{fmt}"
    SAVERS[fmt](build_document(b), path)
    assert_figures(b, path)
    disc = parse_file(path)
    kinds = {t.label: (t.kind.name, t.title) for t in disc.tables}
    assert kinds["预算14表"] == ("DEPT_PERFORMANCE", "2025年部门整体绩效目标表")
    assert kinds["预算15表"] == ("PROJECT_PERFORMANCE", "2025年部门预算项目绩效目标表")
    form = disc.table(K.PROJECT_PERFORMANCE)
    units = [(r.code, r.label) for r in form.rows if r.kind == "unit"]
    assert units == [(c, n) for k, (c, n, _) in enumerate(b.units) if k != 1]  # a unit without projects has no row
    items = [r for r in form.rows if r.kind == "item"]
    assert [r.label for r in items] == [n for _, n, _ in b.projects]
    assert [r.code for r in items] == ["410800220000000053201"] + [None] * (len(items) - 1)
    assert all(r.cells["total"].amount.wan == a for r, (_, _, a) in zip(items, b.projects))
    f = build_facts(disc)
    got = sorted((t["project"], t.get("level1"), t["indicator"], t["value"]) for t in f["performance_targets"])
    assert got == sorted((p, ind[0], ind[2], ind[3]) for p, ind in b.targets)  # each under its 一级指标
    dept = [(t.get("level1"), t.get("level2"), t["indicator"], t["value"]) for t in f["performance_targets"]
            if t["project"] == "部门整体"]
    assert dept == [("产出指标", "数量指标", "政务服务事项办理数量", "≥2000件"),
                    ("效益指标", "社会效益指标", "群众办事便利度", "明显提升"),
                    ("效益指标", "社会效益指标", "农业综合生产能力", "稳步提升")]
    text = path.read_bytes() if fmt == "html" else b""
    if fmt == "html":
        page = text.decode("utf-8")
        assert all(g in page for g in ("成本指标", "产出指标", "效益指标", "满意度指标", "推进一网通办", "年度履职目标"))
        assert f"{b.units[0][0]}{b.year}0001" not in page  # no 项目编码 made up from the unit code and year


def test_salaries_per_person_far_from_any_unit_are_a_warning_naming_both_figures():
    from yusuan.compose.validate import check_budget

    def warnings(staff: str) -> list[str]:
        b = _small()
        b.profile.staff = staff
        problems = Problems()
        check_budget(b, problems)
        return [p.message for p in problems.items if p.where == "profile.staff"]

    assert warnings("人员编制15名，实有人员9名") == []  # 80.00 / 9 = 8.89 万元 a person
    assert warnings("编制10名") == []  # no count of people to divide by
    assert warnings("人员编制15名，实有人员1名") == [
        "工资福利支出 80.00 万元，人员情况写实有人员 1 名，人均 80.00 万元，不在常见范围（2–60 万元/人）内："
        "请核对人数与金额（金额单位为万元）"]
    assert len(warnings("在职人员 90 人")) == 1  # 0.89 万元 a person: too little


def assert_shanghai_figures(b: Budget, path: Path) -> None:
    """A document rendered with the Shanghai template reads back as that template (nine tables,
    amounts in 元 but the 三公 table in 万元), with the budget's figures exactly and no finding."""
    from yusuan.reference.templates import identify

    disc = parse_file(path)
    assert identify(disc).name == "shanghai-budget"
    assert [(t.kind, t.unit) for t in disc.tables] == [
        (K.SUMMARY, "元"), (K.INCOME, "元"), (K.EXPENDITURE, "元"), (K.FISCAL_SUMMARY, "元"), (K.GENERAL_BUDGET, "元"),
        (K.GOV_FUND, "元"), (K.STATE_CAPITAL, "元"), (K.GENERAL_BASIC, "元"), (K.THREE_PUBLIC, "万元")]
    assert all(t.reading.status == "verified" for t in disc.tables if t.rows)
    f = build_facts(disc)
    t = {k: Decimal(v) for k, v in f["totals"].items() if isinstance(v, str)}
    assert (t["expenditure_total"], t["income_total"], t["basic"], t["personnel"]) == (
        b.total, b.total, b.sum("basic"), b.sum("personnel"))
    assert t["three_public_total"] == b.three_public_total
    items = {x["code"]: x for x in f["function_classes"]}
    assert set(items) == {fr.code for fr in b.functions}
    for fr in b.functions:
        x = items[fr.code]
        assert (Decimal(x["total"]), Decimal(x.get("basic", "0")), Decimal(x.get("project", "0")), x["name"]) == (
            fr.total, fr.basic, fr.project, fr.name)
    economic: dict[str, Decimal] = {}
    for code, _, _, amount in b.economic:
        economic[code] = economic.get(code, Decimal(0)) + amount
    assert {x["code"]: Decimal(x["total"]) for x in f["economic_classes"]} == economic
    assert [x for x in audit(disc, selected([], []))] == []


@settings(max_examples=8, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), fmt=st.sampled_from(["html", "docx", "xlsx"]), dept=st.booleans())
def test_shanghai_template_renders_and_reads_back(tmp_path_factory, seed, fmt, dept):
    b = department((seed, seed + 1, seed + 2)) if dept else unit_budget(seed)
    path = tmp_path_factory.mktemp("shanghai") / f"doc.{fmt}"
    SAVERS[fmt](build_document(b, "shanghai"), path)
    assert_shanghai_figures(b, path)


def test_shanghai_template_from_the_command_line(tmp_path):
    """`yusuan render --template shanghai` to a PDF: checked before it is written, then read back."""
    path = tmp_path / "input.xlsx"
    b = unit_budget(9)
    write_filled(path, b)
    pdf = tmp_path / "上海式.pdf"
    r = runner.invoke(app, ["render", str(path), "-o", str(pdf), "--template", "shanghai"])
    assert r.exit_code == 0, r.output
    back = budget_from_dict(budget_to_dict(b), Problems())
    assert_shanghai_figures(back, pdf)
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "x.pdf"), "--template", "beijing"])
    assert r.exit_code == 2 and "没有这个模板：beijing（可选：henan、shanghai）" in r.output


def test_project_units_codes_and_levels_are_checked_where_typed(tmp_path):
    """The mistakes an officer makes in 项目支出 and 绩效目标, each an error naming the cell: a
    项目单位 that is no unit of the budget (a unit code is taken for its name), a unit's projects
    that do not add up to its project money, a 21-digit 项目编码 Excel stored as a number, the same
    项目编码 twice, a 二级指标 typed as the 一级指标."""
    from openpyxl import load_workbook

    d = department((25, 22, 26))  # units 1 and 3 have projects
    path = tmp_path / "dept.xlsx"
    write_filled(path, d)
    wb = load_workbook(path)
    ws = wb["项目支出"]
    assert ws.column_dimensions["E"].number_format == "@"  # 项目编码 typed as text
    heads = [c.value for c in ws[2]]
    unit_col, code_col = heads.index("项目单位") + 1, heads.index("项目编码") + 1
    first_unit = ws.cell(3, unit_col).value
    code_of = {n: c for c, n, _ in d.units}
    ws.cell(3, unit_col).value = code_of[first_unit]  # a unit code: accepted as that unit
    ws.cell(3, code_col).value = "410800220000000053201"
    ws.cell(4, code_col).value = "410800220000000053201"  # the same code again
    ws.cell(5, code_col).value = 410800220000000053201  # a number: its last digits are gone
    wb["绩效目标"].cell(3, 2).value = "社会效益指标"
    wb.save(path)
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "o.pdf")])
    assert r.exit_code == 1
    out = "".join(r.output.split())
    for expected in ("项目支出!E4：项目编码410800220000000053201已用于项目",
                     "项目支出!E5：项目编码“410800220000000100000”被Excel存成了数字，超过15位的数字会丢失末尾的位数",
                     "绩效目标!B3：项目的一级指标应为成本指标、产出指标、效益指标、满意度指标之一，填写的是“社会效益指标”"):
        assert expected in out, expected
    assert "项目支出!D3" not in out  # the unit code was understood
    wb = load_workbook(path)
    ws = wb["项目支出"]
    for row in range(3, 6):
        ws.cell(row, code_col).value = None
    ws.cell(3, unit_col).value = "农技推广中心"  # no such unit
    wb["绩效目标"].cell(3, 2).value = "产出指标"
    wb.save(path)
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "o.pdf")])
    out = "".join(r.output.split())
    assert r.exit_code == 1 and "项目支出!D3：项目“" in out and "的项目单位“农技推广中心”不是本预算的单位" in out
    wb = load_workbook(path)
    ws = wb["项目支出"]
    ws.cell(3, unit_col).value = d.units[2][1] if first_unit == d.units[0][1] else d.units[0][1]  # the other unit's
    wb.save(path)
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "o.pdf")])
    out = "".join(r.output.split())
    assert r.exit_code == 1 and "的项目合计" in out and "支出功能分类中该单位的项目支出" in out


def test_review_findings_on_hostile_or_unusual_input(tmp_path):
    """What a review of the performance tables and the input found, each fixed: a unit without a
    code keeps its 项目绩效目标表; codes the reader cannot tell from a unit's are refused; NaN, ∞ and
    Rich markup in typed values are messages, not crashes; text with characters XML cannot hold
    still makes a DOCX; a 部门 made of unit files keeps the units' 项目编码."""
    import json

    b = unit_budget(4)
    b.units = [("", b.unit_name, b.total)]  # no unit code given
    path = tmp_path / "doc.xlsx"
    SAVERS["xlsx"](build_document(b), path)
    form = parse_file(path).table(K.PROJECT_PERFORMANCE)
    assert [r.label for r in form.rows if r.kind == "item"] == [n for _, n, _ in b.projects]
    assert not [r for r in form.rows if r.kind == "unit"]

    data = budget_to_dict(_small())
    data["projects"][0]["code"] = "P-2025-001"
    data["counts"] = {"vehicles_official": float("inf"), "vehicles_other": float("nan")}
    data["unit"]["month"] = "[/b]"
    data["unit"]["name"] = "焦作市[bold]样例[/b]中心"
    src = tmp_path / "in.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["render", str(src), "-o", str(tmp_path / "o.pdf")])
    out = "".join(r.output.split())
    assert r.exit_code == 1, r.output
    assert "projects[0].code：项目编码应为预算系统中9位以上的数字编码" in out and "填写的是“P-2025-001”" in out
    assert "counts.vehicles_official：一般公务用车（辆）应为整数（数量），填写的是“inf”" in out
    assert "counts.vehicles_other：其他用车（辆）应为整数（数量），填写的是“nan”" in out
    assert "unit.month：公开月份应为1–12的整数，填写的是“[/b]”" in out

    b = unit_budget(4)
    b.projects = [(t, n + "\x0b\ufffe", a) if i == 0 else (t, n, a) for i, (t, n, a) in enumerate(b.projects)]
    b.targets = [(p + "\x0b\ufffe" if p == b.projects[0][1][:-2] else p, ind) for p, ind in b.targets]
    SAVERS["docx"](build_document(b), tmp_path / "ctrl.docx")
    assert b.projects[0][1][:-2] in [p["name"] for p in build_facts(parse_file(tmp_path / "ctrl.docx"))["projects"]]

    units = [unit_budget(s, k) for k, s in enumerate((4, 6), 1)]
    for k, u in enumerate(units, 1):
        u.projects = [(t, f"{n}（{k}）", a) for t, n, a in u.projects]
        u.targets = [(f"{p}（{k}）", ind) for p, ind in u.targets]
    units[0].project_codes = {units[0].projects[0][1]: "410800220000000053201"}
    dept = consolidate(units, "焦作市测试管理局", Problems(), ["a", "b"])
    assert dept.project_codes == {units[0].projects[0][1]: "410800220000000053201"}


def test_a_header_repeated_on_a_new_page_is_no_indicator():
    from yusuan.read.lines import SourceLine
    from yusuan.recognise.performance import dept_targets

    def line(no: int, *cells: str) -> SourceLine:
        return SourceLine(no, 1, " ".join(cells), list(cells))

    rows = [line(1, "一级指标", "二级指标", "三级指标", "指标值"), line(2, "产出指标", "数量指标", "办件量", "≥2000件"),
            line(3, "一级指标", "二级指标", "三级指标", "指标值"),  # the next page's header
            line(4, "", "", "群众满意度", "较上年稳步提升，达到全省前列水平")]
    assert dept_targets(rows) == [("产出指标", "数量指标", "办件量", "≥2000件"),
                                  ("产出指标", "数量指标", "群众满意度", "较上年稳步提升，达到全省前列水平")]


def test_the_officer_adds_a_paragraph_to_any_section_and_it_is_checked(tmp_path):
    """情况说明补充: the officer's own words at the end of a section (workbook rows, YAML `texts`),
    published after the generated text; a figure in them is checked like any other before rendering."""
    from openpyxl import load_workbook

    path = tmp_path / "input.xlsx"
    write_filled(path, _small())
    wb = load_workbook(path)
    ws = wb["基本情况"]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "情况说明补充·政府性基金")
    row[1].value = "本单位不涉及政府性基金预算，政府性基金支出预算表为空表。"
    wb.save(path)
    out = tmp_path / "out.html"
    r = runner.invoke(app, ["render", str(path), "-o", str(out)])
    assert r.exit_code == 0, r.output
    lines = [x.text for x in narrative_blocks(budget_from_dict(budget_to_dict(_with_text()), Problems()))]
    at = lines.index("七、政府性基金预算支出预算情况说明")
    assert lines[at + 1:at + 3] == ["本单位2025年没有使用政府性基金预算拨款安排的支出。", "本单位不涉及政府性基金预算，政府性基金支出预算表为空表。"]
    assert "政府性基金支出预算表为空表" in out.read_text(encoding="utf-8")
    wb = load_workbook(path)
    ws = wb["基本情况"]
    row = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "情况说明补充·“三公”经费")
    row[1].value = "2025年“三公”经费支出预算为9.99万元。"  # the table says 1.50
    wb.save(path)
    r = runner.invoke(app, ["render", str(path), "-o", str(tmp_path / "bad.html")])
    assert r.exit_code == 1 and "9.99" in r.output and not (tmp_path / "bad.html").exists()


def _with_text() -> Budget:
    b = _small()
    b.texts = {"gov_fund": "本单位不涉及政府性基金预算，政府性基金支出预算表为空表。"}
    return b
