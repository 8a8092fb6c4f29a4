"""The three real samples, written out as XLSX, DOCX, HTML and PDF from what yusuan read, give
the same facts as their text versions (a workbook holds the tables only, not the narrative)."""

from pathlib import Path

import pytest

from yusuan.facts import build_facts
from yusuan.parse import parse_file
from yusuan.render import files
from yusuan.render.grid import disclosure_grids

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

SAVERS = {"xlsx": files.save_xlsx, "docx": files.save_docx, "html": files.save_html, "pdf": files.save_pdf}
TABLE_FACTS = ("function_classes", "function_class_totals", "economic_classes", "projects", "units",
               "performance_targets")


@pytest.mark.parametrize("fmt", sorted(SAVERS))
@pytest.mark.parametrize("name", ["ecommerce-center-2023", "bigdata-bureau-2024", "egov-center-2023"])
def test_sample_in_other_formats(tmp_path, name, fmt):
    disc = parse_file(EXAMPLES / f"jiaozuo-{name}.txt")
    ref = build_facts(disc)
    path = tmp_path / f"sample.{fmt}"
    SAVERS[fmt](*disclosure_grids(disc), path)
    got_disc = parse_file(path)
    got = build_facts(got_disc)
    assert got_disc.format == fmt
    assert [t.kind for t in got_disc.tables] == [t.kind for t in disc.tables]
    for key in TABLE_FACTS:
        assert got[key] == ref[key], key
    if fmt == "xlsx":
        assert all(ref["totals"].get(k) == v for k, v in got["totals"].items())
    else:
        assert got["totals"] == ref["totals"]
