"""JSON output against the shipped JSON Schema; the text summary; the facts contract."""

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from yusuan.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCHEMA = json.loads((resources.files("yusuan") / "schema" / "disclosure.schema.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")) + sorted(EXAMPLES.glob("*.pdf")), ids=lambda p: p.stem)
def test_json_matches_schema(path):
    r = runner.invoke(app, ["parse", str(path), "--format", "json"])
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["facts"]["totals"]["income_total"] in {"87.02", "174.15", "1235.32", "9859.38", "307.82"}
    assert all(t["reading"]["status"] in ("verified", "inferred") for t in data["tables"] if "reading" in t)
    # every cell keeps what was printed next to what was parsed, and where it stands
    cells = [c for t in data["tables"] for row in t["rows"] for c in row["cells"]]
    assert cells and all("printed" in c and "line" in c for c in cells)
    assert any(c["printed"] == "1,235.32" and c["value"] == "1235.32" for c in cells) or "1235.32" not in r.stdout


def test_schema_rejects_float_amounts():
    bad = {"source": "x", "format": "text", "tables": [], "narrative": {"sections": [], "statements": []},
           "warnings": [], "facts": {"totals": {"basic": 80.82}, "function_classes": [], "function_class_totals": [],
                                     "economic_classes": [], "projects": [], "performance_targets": []}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_text_summary():
    r = runner.invoke(app, ["parse", str(EXAMPLES / "jiaozuo-bigdata-bureau-2024.txt")])
    assert r.exit_code == 0
    assert "焦作市政务服务和大数据管理局" in r.stdout and "部门预算" in r.stdout
    assert "预算15表" in r.stdout and "1143.05" in r.stdout


def test_several_files_json_is_a_list():
    files = [str(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    r = runner.invoke(app, ["parse", *files, "-f", "json"])
    assert r.exit_code == 0
    assert [d["facts"]["year"] for d in json.loads(r.stdout)] == [2024, 2023, 2023]
