"""A 决算 against the 预算 it accounts for (audit/across.py): the real Shanghai 决算 with a 预算 of the
same unit and year, generated pairs consistent by construction and with planted differences, the
command line with both files, and stored models read back into disclosures."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from typer.testing import CliRunner

from yusuan.audit.across import compare, matches
from yusuan.cli import app
from yusuan.model.from_dict import disclosure_from_dict
from yusuan.output.json_out import disclosure_dict
from yusuan.parse import parse_bytes, parse_file
from yusuan.synth import final_of, generate, write_county, write_final, write_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
PLANNING = SAMPLES / "shanghai-putuo-planning-2024-final.pdf"
BUDGET = ROOT / "tests" / "fixtures" / "shanghai-budget-2024.txt"
BUDGET_WRITERS = {"henan": write_text, "county": write_county}
ACROSS_PLANTED = {"YS331", "YS332", "YS333"}  # each fires in a test below


@pytest.fixture(scope="module")
def planning():
    return parse_file(PLANNING)


@pytest.fixture(scope="module")
def budget():
    return parse_file(BUDGET)


def test_real_final_against_its_budget(planning, budget):
    """The 决算 (pp. 21–24) gives 13 items a 年初预算; the 预算 fixture's 一般公共预算支出功能分类预算表
    (lines 83–105) lists 7 of them with the same figures and lacks the other six, whose sum is the
    gap between the two totals (10210.34 against 9713.92). One finding says all of it."""
    assert matches(planning, budget) and not matches(budget, planning)
    [f] = compare(planning, budget, "shanghai-budget-2024.txt")
    assert (f.code, f.severity) == ("YS332", "warning")
    for name, amount in (("行政单位离退休", "54.53"), ("事业单位离退休", "28.11"), ("机关事业单位退休人员活动费支出", "0.88"),
                         ("事业单位医疗", "196.40"), ("其他国土资源事务支出", "45.00"), ("购房补贴", "171.49")):
        assert f"{name}（项）”{amount} 万元" in f.message
    assert "6 个科目" in f.message and "合计 496.41 万元" in f.message
    assert "年初预算 10,210.34 万元比预算合计 9,713.92 万元多 496.42 万元" in f.message
    assert f.values == ["54.53", "28.11", "0.88", "196.40", "45.00", "171.49", "10210.34", "97139200.00"]
    assert [(p.page, p.line, p.document) for p in f.locations][:2] == [(21, 356, None), (22, 360, None)]
    assert f.locations[-1].to_dict() == {"table": "2024年一般公共预算支出功能分类预算表", "row": "合计", "column": "合计",
                                         "page": 1, "line": 87, "document": "shanghai-budget-2024.txt"}


def test_a_changed_budget_figure_is_named(planning, budget):
    """行政运行 budgeted at 1100.00 instead of 1115.48 (and the 类 and 合计 moved with it, so the 预算
    stays consistent): the item is named with both figures; the total's gap is still explained."""
    text = BUDGET.read_text(encoding="utf-8")
    for old, new in (("11,154,800.00\t11,154,800.00", "11,000,000.00\t11,000,000.00"),
                     ("11,154,800.00\t11,067,100.00", "11,000,000.00\t10,912,300.00")):
        text = text.replace(old, new)
    text = text.replace("42,256,200.00", "42,101,400.00").replace("97,139,200.00", "96,984,400.00")
    text = text.replace("49,616,000.00", "49,461,200.00")
    _, changed = parse_bytes(text.encode("utf-8"), "changed.txt")
    found = compare(planning, changed, "changed.txt")
    items = [f for f in found if "不一致" in f.message]
    assert len(items) == 1, [f.message for f in found]
    assert "城乡社区管理事务（款）行政运行（项）”年初预算 1115.48 万元" in items[0].message
    assert "“行政运行” 1,100.00 万元不一致，相差 15.48 万元" in items[0].message
    assert (items[0].expected, items[0].actual) == (Decimal("1100"), Decimal("1115.48"))


def test_total_alone_when_no_items_are_stated(planning, budget):
    """A 决算 that states only its total 年初预算 (the item paragraphs left out): the total's gap is
    the finding, with both figures."""
    from copy import deepcopy

    short = deepcopy(planning)
    short.narrative.statements = [s for s in short.narrative.statements if not s.item]
    [f] = compare(short, budget, "b.txt")
    assert f.code == "YS331" and (f.expected, f.actual) == (Decimal("9713.92"), Decimal("10210.34"))
    assert f.message == ("决算中一般公共预算财政拨款支出年初预算 10,210.34 万元，与2024 年预算（b.txt）一般公共预算支出合计 "
                         "9,713.92 万元不一致，相差 496.42 万元")
    assert [(p.page, p.line, p.document) for p in f.locations] == [(21, 351, None), (1, 87, "b.txt")]


def test_three_public_budget_against_the_budget(planning, budget):
    """The 决算's 三公 预算数 (2.85 公务接待费, p. 17) against a 预算 that says 3.00."""
    text = BUDGET.read_text(encoding="utf-8").replace("2.85\t0.00\t0.00\t0.00\t0.00\t2.85", "3.00\t0.00\t0.00\t0.00\t0.00\t3.00")
    _, changed = parse_bytes(text.encode("utf-8"), "changed.txt")
    [tp] = [f for f in compare(planning, changed, "changed.txt") if f.code == "YS333"]
    assert "“三公”经费合计决算中预算数 2.85 万元、预算 3.00 万元" in tp.message
    assert "公务接待费决算中预算数 2.85 万元、预算 3.00 万元" in tp.message
    assert [p.document for p in tp.locations] == [None, "changed.txt", None, "changed.txt"]


def test_no_comparison_between_other_units_or_years(planning, budget):
    other_year = replace(budget, year=2023)
    other_unit = replace(budget, unit_name="上海市普陀区民政局")
    assert not matches(planning, other_year) and not matches(planning, other_unit)
    assert not matches(planning, replace(budget, scope="unit"))


def test_unverified_budget_table_is_not_compared(planning, budget):
    """A 预算 table the reader could not verify takes part in no comparison."""
    from yusuan.model.disclosure import TableKind
    from yusuan.model.reading import Reading

    doubtful = parse_file(BUDGET)
    for t in doubtful.tables_of(TableKind.GENERAL_BUDGET):
        t.reading = Reading(status="unverified")
    assert [f.code for f in compare(planning, doubtful, "b.txt")] == []


def _pair(seed: int, template: str):
    b = generate(seed)
    fa = final_of(b, seed)
    return b, fa, BUDGET_WRITERS[template]


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), template=st.sampled_from(sorted(BUDGET_WRITERS)))
def test_generated_pairs_agree(seed, template):
    """A 决算 generated from its 预算 agrees with it, in either 预算 template."""
    b, fa, write = _pair(seed, template)
    _, budget = parse_bytes(write(b, "tabs").encode("utf-8"), "b.txt")
    _, final = parse_bytes(write_final(fa).encode("utf-8"), "f.txt")
    assert matches(final, budget)
    assert [f.message for f in compare(final, budget, "b.txt")] == []


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(0, 10_000), template=st.sampled_from(sorted(BUDGET_WRITERS)), data=st.data())
def test_planted_item_difference_is_found(seed, template, data):
    """One item's 年初预算 in the 决算 moved by ≥ 0.02 万元: named, with the 预算's figure."""
    b, fa, write = _pair(seed, template)
    i = data.draw(st.integers(0, len(fa.items) - 1), label="item")
    delta = Decimal(data.draw(st.integers(2, 5000), label="cents")) / 100
    item = fa.items[i]
    item.budget += delta
    item.adjusted = max(item.adjusted + delta, item.final)
    _, budget = parse_bytes(write(b, "tabs").encode("utf-8"), "b.txt")
    _, final = parse_bytes(write_final(fa).encode("utf-8"), "f.txt")
    found = compare(final, budget, "b.txt")
    named = [f for f in found if f.code == "YS332" and f"{item.name}（项）”年初预算 {item.budget}" in f.message]
    assert named, [f.message for f in found]
    assert named[0].expected == item.budget - delta and named[0].locations[-1].document == "b.txt"


def test_check_command_compares_the_pair(tmp_path):
    """`yusuan check 决算 预算`: the comparison stands with the 决算; one file alone has none."""
    r = CliRunner().invoke(app, ["check", str(PLANNING), str(BUDGET), "--format", "json"])
    assert r.exit_code == 1, r.output  # the 决算's own genuine errors (YS401, YS105); the comparison warns
    docs = json.loads(r.stdout)["documents"]
    codes = [[f["code"] for f in d["findings"]] for d in docs]
    assert codes[0].count("YS332") == 1 and "YS332" not in codes[1]
    alone = CliRunner().invoke(app, ["check", str(PLANNING), "--format", "json"])
    assert "YS332" not in alone.stdout


def test_stored_model_reads_back(planning):
    """The JSON the database keeps, read back: the same facts, tables and statements."""
    model = json.loads(json.dumps(disclosure_dict(planning), ensure_ascii=False))
    back = disclosure_from_dict(model)
    again = json.loads(json.dumps(disclosure_dict(back), ensure_ascii=False))
    assert again["facts"] == model["facts"]
    assert again["tables"] == model["tables"]
    assert again["narrative"]["statements"] == model["narrative"]["statements"]
    # malformed entries are skipped, never trusted
    broken = {**model, "tables": [{"kind": "nonsense"}, {"kind": "summary", "rows": [{"cells": [{"column": "total",
                                                                                                   "printed": "1e999999"}]}]}],
              "year": "2024", "narrative": {"statements": [{"amount": ["x"]}]}}
    d = disclosure_from_dict(broken)
    assert d.year is None and len(d.tables) == 1 and d.tables[0].rows[0].cells == {}
