"""One contradiction, one finding (议题 14): a table that gives three rows the same wrong code is one
YS313 error with the other rows `related`, and one YS607 warning naming every line, not four
“missing row” errors, two name variances and two duplicates as before."""

import json
from pathlib import Path

from typer.testing import CliRunner

from yusuan.audit.engine import audit
from yusuan.cli import app
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "jiaozuo-ecommerce-center-2023.txt"


def recoded() -> str:
    """预算05表 with 2101102 事业单位医疗, 2101103 公务员医疗补助 and 2210201 住房公积金 (lines 857–861)
    all coded 2109997; the 支出表 (lines 629–633) keeps the right codes."""
    text = SAMPLE.read_text(encoding="utf-8")
    i = text.index("预算05表")
    tail = text[i:]
    for old in ("210 11 02 事业单位医疗", "210 11 03 公务员医疗补助", "221 02 01 住房公积金"):
        assert old in tail
        tail = tail.replace(old, "210 99 97 " + old.split(" ")[-1], 1)
    return text[:i] + tail


def findings(text: str):
    return audit(recognise(read_text(text.encode("utf-8"), "x.txt")))


def test_one_wrong_code_in_three_rows_is_one_finding():
    before = {(f.code, f.message) for f in findings(SAMPLE.read_text(encoding="utf-8"))}
    new = [f for f in findings(recoded()) if (f.code, f.message) not in before]
    assert [(f.code, f.severity) for f in new] == [("YS313", "error"), ("YS607", "warning")]
    error, duplicate = new
    assert error.message == ("2023年一般公共预算支出预算表把 3 行的科目编码写作“2109997”：“事业单位医疗”（2023年单位支出预算表中为 "
                             "2101102）、“公务员医疗补助”（2023年单位支出预算表中为 2101103）、“住房公积金”（2023年单位支出预算表中为 2210201）")
    assert [p.line for p in error.locations] == [857, 629] and [p.line for p in error.related] == [859, 861]
    assert duplicate.message == "2023年一般公共预算支出预算表重复列出“2109997 事业单位医疗、公务员医疗补助、住房公积金”（第857、859、861行）"
    assert [p.line for p in duplicate.locations + duplicate.related] == [857, 859, 861]


def test_related_places_in_the_json_and_the_text_report(tmp_path):
    path = tmp_path / "recoded.txt"
    path.write_text(recoded(), encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(path), "-f", "json"])
    found = json.loads(r.output)["documents"][0]["findings"]
    ys313 = next(f for f in found if f["code"] == "YS313")
    assert [p["line"] for p in ys313["locations"]] == [857, 629]
    assert [p["line"] for p in ys313["related"]] == [859, 861]
    assert all("related" not in f for f in found if f["code"] not in ("YS313", "YS607", "YS617"))  # only where there are more places
    r = CliRunner().invoke(app, ["check", str(path)])
    assert "同样见于：第14页第859行、第14页第861行" in r.output


def test_the_same_message_twice_is_one_finding_with_a_count():
    from yusuan.audit.engine import restated_once
    from yusuan.audit.finding import Finding, Place

    def f(line: int) -> Finding:
        return Finding("YS501", "invalid-function-code", "error", "classification", "表中科目编码“201”不是有效的支出功能分类编码",
                       locations=[Place("支出表", "201", None, 1, line)])

    out = restated_once([f(10), f(11), f(12)])
    assert len(out) == 1 and out[0].message.endswith("（共 3 处）")
    assert [p.line for p in out[0].locations] == [10] and [p.line for p in out[0].related] == [11, 12]
