"""XLSX, DOCX and HTML disclosures give the same facts as their text versions, with locations."""

import zipfile
from decimal import Decimal

import pytest

from yusuan.errors import InputError
from yusuan.facts import build_facts
from yusuan.model.disclosure import TableKind as K
from yusuan.parse import parse_file
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.synth import TEMPLATES, final_of, generate
from yusuan.synth.office import write_docx, write_html, write_xlsx

WRITERS = {"xlsx": write_xlsx, "docx": write_docx, "html": write_html}
TABLE_FACTS = ("function_classes", "function_class_totals", "economic_classes", "projects", "units")


def reference(b, template):
    return build_facts(recognise(read_text(TEMPLATES[template](b, "tabs").encode("utf-8"), "ref")))


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("template", sorted(TEMPLATES))
@pytest.mark.parametrize("seed,units", [(5, 2), (11, 1), (23, 3)])
def test_same_facts_as_text(tmp_path, fmt, template, seed, units):
    b = generate(seed, units=units)
    path = tmp_path / f"doc.{fmt}"
    WRITERS[fmt](b, path, template=TEMPLATES[template])
    disc = parse_file(path)
    got, ref = build_facts(disc), reference(b, template)
    assert disc.format == fmt
    for key in TABLE_FACTS:
        assert got[key] == ref[key], key
    if fmt == "xlsx":  # a budget system's workbook has the tables only
        assert all(ref["totals"].get(k) == v for k, v in got["totals"].items())
        if template == "final":  # the 决算 of budget b: its 总计 and 基本支出 as spent
            fa = final_of(b)
            assert got["totals"]["income_total"] == str(fa.grand_total) and got["totals"]["basic"] == str(fa.sum("basic"))
        else:
            assert got["totals"]["income_total"] == str(b.total) and got["totals"]["basic"] == str(b.sum("basic"))
    else:
        assert got["totals"] == ref["totals"] and got["performance_targets"] == ref["performance_targets"]


def test_workbook_cells_are_located(tmp_path):
    b = generate(5, units=2)
    path = tmp_path / "budget.xlsx"
    write_xlsx(b, path)
    disc = parse_file(path)
    exp = disc.table(K.EXPENDITURE)
    assert exp.label == "预算03表"
    total = exp.total_row().cells["total"]
    assert total.location.sheet == "预算03表" and total.location.cell and total.location.cell[0] == "E"
    assert str(total.amount.value) == str(b.total) and not total.inferred
    assert total.location.to_dict()["sheet"] == "预算03表"


def test_format_detected_from_content(tmp_path):
    b = generate(3)
    path = tmp_path / "looks-like-text.txt"
    write_docx(b, path)
    assert parse_file(path).format == "docx"


@pytest.mark.parametrize("name,member,expected", [
    ("broken.xlsx", "xl/workbook.xml", "无法打开 Excel 文件"),
    ("broken.docx", "word/document.xml", "无法打开 Word 文件"),
])
def test_damaged_office_files(tmp_path, name, member, expected):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(member, "<not really xml")
    with pytest.raises(InputError) as e:
        parse_file(path)
    assert expected in e.value.message


def test_old_xls_workbook(tmp_path):
    """An .xls (BIFF) workbook as older budget systems export: one table per sheet."""
    import xlwt

    b = generate(5, units=2)
    from yusuan.synth.office import _split
    from yusuan.synth.writer import write_text

    _, tables = _split(b, write_text)
    book = xlwt.Workbook(encoding="utf-8")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    for t in tables:
        ws = book.add_sheet(t.label)
        ws.write(0, 0, t.title)
        for r, row in enumerate(t.rows, start=1):
            for c, v in enumerate(row):
                if v.replace(".", "", 1).isdigit() and "." in v:
                    ws.write(r, c, float(v), money)
                elif v:
                    ws.write(r, c, v)
    path = tmp_path / "budget.xls"
    book.save(str(path))
    disc = parse_file(path)
    got, ref = build_facts(disc), reference(b, "henan")
    assert disc.format == "xls"
    for key in TABLE_FACTS:
        assert got[key] == ref[key], key
    cell = disc.table(K.EXPENDITURE).total_row().cells["total"]
    assert cell.location.sheet == "预算03表" and cell.location.cell


def test_old_word_file_is_refused_clearly(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError) as e:
        parse_file(path)
    assert ".doc" in e.value.message and ".docx" in e.value.message


def test_sheet_named_like_its_table_is_one_table(tmp_path):
    """A sheet named 项目支出表 whose first row is the title 2024年部门项目支出预算表: the sheet's name
    stood as a title of its own, an empty 项目支出表 before the real one, and the projects were lost."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "项目支出表"
    for row in (["2024年部门项目支出预算表"], [], ["部门名称：某县农业农村局"], ["单位：万元"], [],
                ["项目名称", "项目类型", "合计", "一般公共预算", "单位资金"], ["合计", "", 163.5, 158, 5.5],
                ["高标准农田建设项目", "特定目标类", 120, 120, None], ["动物疫病防控经费", "其他运转类", 35.5, 30, 5.5],
                ["农业技术推广培训", "其他运转类", 8, 8, None]):
        ws.append(row)
    path = tmp_path / "projects.xlsx"
    wb.save(path)
    disc = parse_file(path)
    assert [(t.kind, t.title) for t in disc.tables] == [(K.PROJECT, "2024年部门项目支出预算表")]
    assert [(p["name"], Decimal(p["amount"])) for p in build_facts(disc)["projects"]] == [
        ("高标准农田建设项目", Decimal("120")), ("动物疫病防控经费", Decimal("35.5")), ("农业技术推广培训", Decimal("8"))]
