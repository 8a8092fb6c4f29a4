"""Templates as data: every publisher's table set is a file in reference/data/templates, every title
it prints is recognised as its kind, and each template has a fixture document that reads with it.
The Shanghai 预算 九张表 template was added by following CONTRIBUTING.md."""

from decimal import Decimal
from pathlib import Path

import pytest

from yusuan.model.disclosure import TableKind as K
from yusuan.parse import parse_file
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.recognise.kinds import classify_title
from yusuan.reference.tables import declarations
from yusuan.reference.templates import missing_tables, templates
from yusuan.synth import TEMPLATES as SYNTH, generate

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = {
    "henan-budget": ROOT / "examples" / "jiaozuo-bigdata-bureau-2024.txt",
    "national-final": ROOT / "examples" / "shanghai-putuo-planning-2024-final.pdf",
    "shanghai-budget": ROOT / "tests" / "fixtures" / "shanghai-budget-2024.txt",
}


def test_templates_load_and_name_declared_kinds():
    tpls = templates()
    assert set(tpls) == {"henan-budget", "county-budget", "shanghai-budget", "national-final"}
    for tpl in tpls.values():
        for t in tpl.tables:
            assert t.kind in declarations().schemas


@pytest.mark.parametrize("name", sorted(["henan-budget", "county-budget", "shanghai-budget", "national-final"]))
def test_every_title_of_a_template_is_recognised_as_its_kind(name):
    for t in templates()[name].tables:
        assert classify_title(f"2024年{t.title}") == t.kind, t.title


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_document_follows_its_template(name):
    disc = parse_file(FIXTURES[name])
    assert disc.template_name == name
    assert not missing_tables(disc, templates()[name]) or name == "henan-budget"
    assert all(t.reading.status == "verified" for t in disc.tables if t.reading and t.reading.method == "header")


def test_county_synthetic_documents_follow_the_county_template():
    disc = recognise(read_text(SYNTH["county"](generate(5, units=2), "tabs").encode("utf-8"), "county"))
    assert disc.template_name == "county-budget"


def test_shanghai_budget_fixture_in_yuan():
    """九张表 in 元 (the 三公 and 机关运行经费 table in 万元), 财政拨款收入 as a group over its three
    funds in the 收入预算总表, 机关运行经费 as a column of the 三公 table."""
    disc = parse_file(FIXTURES["shanghai-budget"])
    assert [t.kind for t in disc.tables] == [K.SUMMARY, K.INCOME, K.EXPENDITURE, K.FISCAL_SUMMARY, K.GENERAL_BUDGET,
                                             K.GOV_FUND, K.STATE_CAPITAL, K.GENERAL_BASIC, K.THREE_PUBLIC]
    assert [t.unit for t in disc.tables] == ["元"] * 8 + ["万元"]
    income = disc.table(K.INCOME)
    assert [c.role for c in income.columns][:2] == ["total", "current_gpb"]
    total = income.rows[0]
    assert total.cells["total"].amount.printed == "97,139,200.00" and total.cells["total"].amount.wan == Decimal("9713.92")
    exp = disc.table(K.EXPENDITURE)
    row = next(r for r in exp.rows if r.code == "2120201")
    assert (row.value("basic"), row.value("project")) == (Decimal("488.68"), Decimal("2621.46"))  # 万元, from 元
    assert row.cells["basic"].amount.printed == "4,886,800.00" and row.cells["basic"].amount.unit == "元"
    assert disc.table(K.THREE_PUBLIC).rows[0].cells["operating_expenses"].amount.printed == "263.69"
    from yusuan.facts import build_facts
    f = build_facts(disc)
    assert f["totals"]["operating_expenses"] == "263.69" and f["totals"]["personnel"] == "4521.490000"
    from yusuan.audit.engine import audit
    assert not [x for x in audit(disc) if x.category in ("arithmetic", "balance", "cross_table")]
