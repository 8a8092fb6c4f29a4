"""The samples' genuine defects, each verified by reading the document, pinned with its place;
and nothing on what is only rounding."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yusuan.audit.engine import audit
from yusuan.cli import app
from yusuan.parse import parse_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

EXPECTED = {
    "ecommerce-center-2023": [
        # '政府性基金收支预算增加0万元，增长0%' and three '比上年…减少0万元，下降0%': a zero change is 持平
        ("YS404", 58), ("YS404", 109), ("YS404", 113), ("YS404", 117),
        ("YS610", 146),  # '2023年2022年焦作市电子商务发展服务中心按要求编制了绩效目标'
        ("YS505", 265),  # 207 is '文化旅游体育与传媒' in 01表, '文化体育旅游与传媒支出' in 04表
        ("YS506", 714),  # 04表 still lists '医疗卫生与计划生育支出' beside '卫生健康支出'
        ("YS603", 1213), ("YS603", 1262),  # 10表 and 11表 empty, no 无数据 note
        ("YS705", 1528),  # '拓展跨境电商发展服务平台 ≤1个'
    ],
    "bigdata-bureau-2024": [
        ("YS505", 395), ("YS608", 604), ("YS506", 766),
        ("YS705", 2539),  # '政务服务事项流程再造数量 ≤2308项'
        ("YS607", 2671),  # 15表 lists 信息采集加工费 (…35869) twice
        ("YS708", 2671), ("YS708", 2671), ("YS701", 2706), ("YS708", 2706), ("YS708", 2706),
        ("YS704", 2751),  # '网络、网站正常运转率 ≥350天'
    ],
    "egov-center-2023": [
        ("YS602", None),  # one finding naming the five tables the 目录 promises
        ("YS404", 75), ("YS404", 95), ("YS404", 99), ("YS404", 101), ("YS404", 101), ("YS404", 103),
        ("YS410", 123),  # '专用设备1197.88万元，专用设备1.68万元'
        ("YS612", 220),  # rows of the lost 财政拨款收支表 page at the end of the 支出表, from "区事务支出" (220) on
        ("YS706", 360),  # 网络及网站建设维护 has no targets (the 绩效目标表 stops after two projects)
        ("YS412", 119),  # '对…政府网站纠错检测系统项目开展重点项目…评价': no such project in the 项目支出表
        ("YS701", 385),  # '信息公开合格率 ≤100%'
    ],
}


@pytest.fixture(scope="module")
def findings():
    return {name: audit(parse_file(EXAMPLES / f"jiaozuo-{name}.txt")) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_findings_pinned(findings, name):
    got = sorted((f.code, f.locations[0].line if f.locations else None) for f in findings[name])
    assert got == sorted(EXPECTED[name], key=lambda x: (x[0], x[1] or 0))


def test_no_rounding_noise(findings):
    """The samples note 四舍五入尾数误差: shares such as egov's 住房保障 4.29% (7.46/174.15 = 4.2836%, but
    7.465/174.15 rounds to 4.29) and every total are consistent within rounding: no arithmetic,
    cross-table or text-vs-table error is raised on any of them."""
    for fs in findings.values():
        assert not [f for f in fs if f.category in ("arithmetic", "balance", "cross_table", "text_vs_table", "yoy")
                    and f.severity == "error"]


def test_finding_carries_figures_and_places(findings):
    f = next(f for f in findings["egov-center-2023"] if f.code == "YS410")
    assert f.values == ["1197.88", "1.68"] and f.category == "text_vs_table" and f.severity == "warning"
    assert [p.to_dict() for p in f.locations] == [
        {"table": "情况说明", "row": "（四）国有资产占用情况", "column": "专用设备", "page": 1, "line": 123},
        {"table": "情况说明", "row": "（四）国有资产占用情况", "column": "专用设备", "page": 1, "line": 123}]
    f = next(f for f in findings["egov-center-2023"] if f.code == "YS602")  # one defect, one finding, five places
    assert [p.row for p in f.locations] == ["单位收入预算表", "财政拨款收支预算表", "支出经济分类汇总表",
                                            "政府性基金支出预算表", "国有资本经营支出预算表"]
    assert "共 5 张表不在文件中" in f.message
    f = next(f for f in findings["ecommerce-center-2023"] if f.code == "YS603")
    assert f.message == "2023年政府性基金支出预算表没有数据，也没有注明原因"


def test_check_json_contract():
    r = CliRunner().invoke(app, ["check", str(EXAMPLES / "jiaozuo-egov-center-2023.txt"), "-f", "json"])
    assert r.exit_code == 1  # one error: five tables the 目录 promises are missing
    data = json.loads(r.stdout)
    assert data["summary"] == {"documents": 1, "error": 1, "warning": 11, "info": 0}
    doc = data["documents"][0]
    assert doc["unit_name"] == "焦作市人民政府电子政务管理中心（焦作市云计算服务中心）" and doc["year"] == 2023
    for f in doc["findings"]:
        assert set(f) >= {"code", "rule", "severity", "category", "message", "values", "locations"}
        assert f["locations"] and all("table" in p for p in f["locations"])
