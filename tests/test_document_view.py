"""The document page's layout of tables as printed (serve/document_view.py), on real samples.

Figures are as printed on the pages named (checked by reading the samples): the Henan 大数据局
预算01表 (page 10, line 383: "一、一般公共预算 1,235.32 一、一般公共服务 1,038.03", no codes
printed) and 预算15表 (page 45: 网络及网站建设维护, 网络、网站正常运转率 ≥350天); the Shanghai
普陀 规划资源局 决算 page 12 (财政拨款收入支出决算总表: 收入 决算数 | 支出 合计 / 一般公共预算财政拨款 /
政府性基金预算财政拨款 / 国有资本经营预算财政拨款; 八、社会保障和就业支出 754.75 754.75).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.serve.document_view import DocumentView, _header
from yusuan.store.ingest import analyse_here

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def bigdata() -> DocumentView:
    path = EXAMPLES / "jiaozuo-bigdata-bureau-2024.txt"
    a = analyse_here(path.read_bytes(), path.name, serialise=False)
    return DocumentView(a.model, a.findings)


@pytest.fixture(scope="module")
def putuo() -> DocumentView:
    path = EXAMPLES / "shanghai-putuo-planning-2024-final.pdf"
    a = analyse_here(path.read_bytes(), path.name, serialise=False)
    return DocumentView(a.model, a.findings)


def _table(view: DocumentView, title: str) -> dict:
    return next(t for t in view.tables if t["title"] == title)


def test_two_sided_summary_keeps_its_sides_on_their_printed_lines(bigdata):
    t = _table(bigdata, "2024年部门收支预算表")
    assert [p["name"] for p in t["panels"]] == ["income", "expenditure"]
    first = t["lines"][0]
    assert (first[0]["label"], first[0]["cells"]) == ("一、一般公共预算", ["1,235.32"])
    assert (first[1]["label"], first[1]["cells"]) == ("一、一般公共服务", ["1,038.03"])
    assert first[1]["code"] == ""  # the code 201 is known from the name, but not printed: not shown
    assert first[1]["src"]["code"] == "201"
    last = t["lines"][-1]
    assert [r["label"] for r in last] == ["收入总计", "支出总计"]
    # each side is headed by its own name above its own columns
    assert [[h["text"] for h in row] for row in t["panels"][0]["header"]] == [["收入"], ["金额"]]


def test_two_sided_fiscal_table_prints_each_side_with_its_header(putuo):
    t = _table(putuo, "财政拨款收入支出决算总表")
    income, expenditure = t["panels"]
    assert income["roles"] == ["total"]
    assert expenditure["roles"] == ["total", "gpb", "gov_fund", "state_capital"]  # empty columns still printed
    top, below = expenditure["header"]
    assert top == [{"text": "支出", "colspan": 4, "rowspan": 1}]  # a merged header cell, as printed
    assert [h["text"] for h in below] == ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
    social = next(line for line in t["lines"] if line[1] and line[1]["label"] == "八、社会保障和就业支出")
    assert social[1]["cells"] == ["754.75", "754.75", "", ""]
    assert social[0] is None  # nothing on the income side of that line
    assert not expenditure["has_codes"]  # Shanghai prints no 功能分类 codes on this table


def test_basic_expenditure_halves_side_by_side(putuo):
    t = _table(putuo, "一般公共预算财政拨款基本支出决算表")
    assert len(t["panels"]) == 2  # 人员经费 | 公用经费, each with its 科目编码/科目名称/决算数
    first = t["lines"][0]
    assert (first[0]["code"], first[0]["label"], first[0]["cells"]) == ("301", "工资福利支出", ["4816.14"])
    assert first[1]["code"].startswith("302")


def test_header_paths_merge_only_groups():
    paths = [["总计"], ["总计", "一般公共预算"], ["总计", "政府性基金"], ["本年收入合计"]]
    rows = _header(paths, 2)
    assert rows[0] == [{"text": "总计", "colspan": 1, "rowspan": 2}, {"text": "总计", "colspan": 2, "rowspan": 1},
                       {"text": "本年收入合计", "colspan": 1, "rowspan": 2}]
    assert [h["text"] for h in rows[1]] == ["一般公共预算", "政府性基金"]
    # a deeper neighbour table: leaves reach down to the last header row
    assert _header([["合计"]], 3) == [[{"text": "合计", "colspan": 1, "rowspan": 3}], [], []]


def test_indicators_shown_and_findings_attached_to_them(bigdata):
    t = _table(bigdata, "2024年部门预算项目绩效目标表")
    row = next(r for r in t["rows"] if r["label"] == "网络及网站建设维护")
    indicator = next(x for x in row["targets"] if x["indicator"] == "网络、网站正常运转率")
    assert indicator["value"] == "≥350天"
    severity, messages = bigdata.cells[indicator["id"]]
    assert severity == "warning" and any(m.startswith("YS704") for m in messages)
    dept = _table(bigdata, "本级部门(单位)整体绩效目标表（2024年度）")
    grid = [x for r in dept["rows"] for x in r["targets"]]
    assert (grid[0]["level1"], grid[0]["level2"], grid[0]["indicator"], grid[0]["value"]) == \
        ("投入管理指标", "工作目标管理", "年度履职目标相关性", "相关")
    assert dept["panels"][0]["columns"][0]["label"] == "金额"  # a role without a printed header: its Chinese name


def test_every_finding_about_a_table_is_visible_there(bigdata, putuo):
    for view in (bigdata, putuo):
        for fi, places in enumerate(view.places):
            for p in places:
                if p.anchor is None:
                    continue
                assert p.anchor in view.cells
                table = next(t for t in view.tables if p.anchor == t["id"] or p.anchor.startswith(t["id"] + "r"))
                if p.anchor == table["id"] or p.anchor.endswith("l"):
                    assert fi in table["findings"]  # listed under its table: no cell shows it
    # YS505 (科目 207 named two ways) names rows, not cells: listed under both tables
    ys505 = next(fi for fi, f in enumerate(bigdata.findings) if f["code"] == "YS505")
    titles = [t["title"] for t in bigdata.tables if ys505 in t["findings"]]
    assert titles == ["2024年部门收支预算表", "2024年财政拨款收支预算表"]


def test_source_pane_outlines_the_figures_of_a_finding(putuo):
    from yusuan.serve.source_view import marks, page_boxes

    # YS401: 情况说明 (page 24) says 基本支出 differently from the 一般公共预算财政拨款支出决算表, whose
    # 合计 row prints 基本支出 5364.75 on page 15
    fi = next(i for i, f in enumerate(putuo.findings) if f["code"] == "YS401"
              and any(loc.get("page") == 15 for loc in f["locations"]))
    boxes = page_boxes(putuo, fi, 15, None)
    assert len(boxes) == 1 and boxes[0].severity == putuo.findings[fi]["severity"]
    cell = next(c for t in putuo.tables if t["title"] == "一般公共预算财政拨款支出决算表" for r in t["rows"]
                if r["label"] == "合计" for c in r["src"]["cells"] if c["column"] == "basic")
    assert cell["printed"] == "5364.75" and (boxes[0].x0, boxes[0].top) == tuple(cell["bbox"][:2])
    at = boxes[0].percent(595.0, 842.0)
    assert at["left"].endswith("%") and 0 < float(at["left"][:-1]) < 100
    assert page_boxes(putuo, fi, 14, None) == []  # nothing of it on another page
    assert marks(putuo, fi, None)[cell["line"]] >= {"5364.75"}


def test_source_lines_mark_figures_and_wrapped_names(bigdata):
    from yusuan.serve.source_view import marks, segments

    fi = next(i for i, f in enumerate(bigdata.findings) if f["code"] == "YS704")
    marked = marks(bigdata, fi, None)
    # the form prints 序号 1 on line 2751, the project on 2752, the indicator wrapped on 2754-2755
    assert segments("网络及网站建设维护 12.30 12.30", marked[2752]) == [("网络及网站建设维护", True), (" 12.30 12.30", False)]
    assert segments("正常运转率", marked[2755]) == [("正常运转率", True)]
    assert segments("1", marked[2751]) == [("1", False)]
    assert segments("a 1,235.32 b 1,235.32", {"1,235.32", "235"}) == \
        [("a ", False), ("1,235.32", True), (" b ", False), ("1,235.32", True)]
