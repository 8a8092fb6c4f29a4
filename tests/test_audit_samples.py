"""The samples' genuine defects, each verified by reading the document, pinned with its place;
and nothing on what is only rounding."""

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from yusuan.audit.engine import audit
from yusuan.cli import app
from yusuan.parse import parse_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"



DEFECTS = yaml.safe_load((Path(__file__).parent / "fixtures" / "sample_defects.yaml").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def findings():
    return {name: audit(parse_file(EXAMPLES / f"jiaozuo-{name}.txt"))
            for name in ("ecommerce-center-2023", "bigdata-bureau-2024", "egov-center-2023")}


@pytest.mark.parametrize("path", sorted(DEFECTS["documents"]))
def test_sample_findings_are_the_defects_listed_by_hand(path):
    """Every finding on a real sample is one of its genuine defects (tests/fixtures/sample_defects.yaml),
    with its severity, and every listed defect is found: no false error, nothing missed."""
    def order(x):
        return x[0], x[1] or 0, x[2]

    got = [(f.code, f.locations[0].line if f.locations else None, f.severity) for f in audit(parse_file(ROOT / path))]
    assert sorted(got, key=order) == sorted((tuple(x) for x in DEFECTS["documents"][path]), key=order)


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
    assert data["summary"] == {"documents": 1, "error": 1, "warning": 12, "info": 0}
    doc = data["documents"][0]
    assert doc["unit_name"] == "焦作市人民政府电子政务管理中心（焦作市云计算服务中心）" and doc["year"] == 2023
    for f in doc["findings"]:
        assert set(f) >= {"code", "rule", "severity", "category", "message", "values", "locations"}
        assert f["locations"] and all("table" in p for p in f["locations"])
