"""PDFs with a text layer: the same facts as the text version, figures with page and bounding
box, whole lines where digits sit off the baseline, and clear errors for what cannot be read."""

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from yusuan.errors import InputError
from yusuan.facts import build_facts
from yusuan.model.disclosure import TableKind as K
from yusuan.parse import parse_file
from yusuan.read import pdf as pdf_reader
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.synth import BUDGET_TEMPLATES, TEMPLATES, generate
from yusuan.synth.office import write_pdf, write_pdf_weasyprint

FONT = "STSong-Light"
if FONT not in pdfmetrics.getRegisteredFontNames():
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@pytest.mark.parametrize("engine", ["reportlab", "weasyprint"])
@pytest.mark.parametrize("template", sorted(TEMPLATES))
@pytest.mark.parametrize("seed,units", [(5, 2), (11, 1)])
def test_pdf_gives_the_facts_of_the_text(tmp_path, engine, template, seed, units):
    if engine == "weasyprint":
        try:
            import weasyprint  # noqa: F401
        except (ImportError, OSError):  # pragma: no cover - CI installs Pango (.ci/run)
            pytest.skip("weasyprint 需要 Debian 的 Pango 与中文字体（.ci/run 会安装）")
    b = generate(seed, units=units)
    path = tmp_path / "budget.pdf"
    (write_pdf if engine == "reportlab" else write_pdf_weasyprint)(b, path, TEMPLATES[template])
    disc = parse_file(path)
    ref = build_facts(recognise(read_text(TEMPLATES[template](b, "tabs").encode("utf-8"), "ref")))
    got = build_facts(disc)
    assert disc.format == "pdf"
    for key in ("totals", "function_classes", "function_class_totals", "economic_classes", "projects", "units",
                "performance_targets"):
        assert got[key] == ref[key], key


def test_pdf_figures_have_page_and_box(tmp_path):
    b = generate(5, units=2)
    path = tmp_path / "budget.pdf"
    write_pdf(b, path)
    disc = parse_file(path)
    cell = disc.table(K.EXPENDITURE).total_row().cells["total"]
    assert cell.location.page >= 2 and cell.location.bbox is not None
    x0, top, x1, bottom = cell.location.bbox
    assert x0 < x1 and top < bottom and not cell.inferred
    st = disc.narrative.first("income_total")
    assert st.amount.printed == str(b.total) and st.location.page == 1


def test_digits_off_the_baseline_stay_in_their_line(tmp_path):
    """Published PDFs set the digits of a sentence 3–4 pt below the Chinese around them."""
    path = tmp_path / "offset.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 700
    for prefix, number, suffix in (("一般公共服务支出", "71.86", "万元，占82.58%。"), ("基本支出", "80.82", "万元。")):
        c.setFont(FONT, 12)
        c.drawString(72, y, prefix)
        w = pdfmetrics.stringWidth(prefix, FONT, 12)
        c.setFont("Helvetica", 12)
        c.drawString(72 + w, y - 3.5, number)  # off the baseline
        w2 = pdfmetrics.stringWidth(number, "Helvetica", 12)
        c.setFont(FONT, 12)
        c.drawString(72 + w + w2, y, suffix)
        y -= 30
    c.save()
    doc = pdf_reader.read_pdf(path.read_bytes(), str(path))
    assert [ln.text for ln in doc.lines] == ["一般公共服务支出71.86万元，占82.58%。", "基本支出80.82万元。"]


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.setFont(FONT, 12)
    c.drawString(72, 700, "2023年单位收支预算表")
    c.save()
    with pytest.raises(InputError) as e:
        parse_file(path)
    assert "加密" in e.value.message


def test_pdf_without_text_layer_needs_ocr(tmp_path, monkeypatch):
    from yusuan.read import ocr

    from PIL import Image
    from reportlab.lib.utils import ImageReader

    monkeypatch.setattr(ocr, "available", lambda: False)  # without the optional extra
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(Image.new("RGB", (300, 100), "gray")), 72, 600)  # a scanned page: a picture, no text
    c.showPage()
    c.save()
    with pytest.raises(InputError) as e:
        parse_file(path)
    assert "没有文字层" in e.value.message and "yusuan[ocr]" in e.value.message


def test_blank_page_is_skipped_without_ocr(tmp_path, monkeypatch):
    """A page with no text and no picture (only a table border) holds nothing to recognise: it is
    not sent to OCR (which cost seconds and hundreds of MB for nothing)."""
    from yusuan.read import ocr

    def no_ocr(*_):
        raise AssertionError("a blank page was sent to OCR")
    monkeypatch.setattr(ocr, "ocr_page", no_ocr)
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 12)
    c.drawString(72, 700, "2023年收入总计87.02万元。")
    c.showPage()
    c.rect(72, 600, 300, 100)  # a border, nothing else
    c.showPage()
    c.save()
    doc = pdf_reader.read_pdf(path.read_bytes(), str(path))
    assert [ln.text for ln in doc.lines] == ["2023年收入总计87.02万元。"] and not doc.warnings
    blank = tmp_path / "all-blank.pdf"
    c = canvas.Canvas(str(blank))
    c.rect(72, 600, 300, 100)
    c.save()
    with pytest.raises(InputError) as e:
        parse_file(blank)
    assert "空白" in e.value.message


def test_page_limit(tmp_path, monkeypatch):
    b = generate(5, units=2)
    path = tmp_path / "budget.pdf"
    write_pdf(b, path)
    monkeypatch.setenv("YUSUAN_MAX_PAGES", "3")
    with pytest.raises(InputError) as e:
        parse_file(path)
    assert "超过上限 3 页" in e.value.message


def _long_table_pdf(path, rows: int, rotate: int = 0):
    """A 基本支出表 of many rows over several landscape pages, header repeated, title on page one."""
    from decimal import Decimal

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from reportlab.lib.styles import ParagraphStyle

    items = [(f"30{(i % 3) + 1}{i % 90 + 10:02d}", f"经济科目{i}", Decimal(100 + i) / 100) for i in range(rows)]
    personnel = sum((a for c, _, a in items if c[:3] in ("301", "303")), Decimal(0))
    public = sum((a for c, _, a in items if c[:3] == "302"), Decimal(0))
    data = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
            ["", "合计", f"{personnel + public:,.2f}", f"{personnel:,.2f}", f"{public:,.2f}"]]
    data += [[c, n, f"{a:.2f}", f"{a:.2f}" if c[:3] != "302" else "", f"{a:.2f}" if c[:3] == "302" else ""]
             for c, n, a in items]
    st = ParagraphStyle("t", fontName=FONT, fontSize=12, alignment=1)
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.4, colors.black)]))

    def turn(c, _doc):
        if rotate:
            c.setPageRotation(rotate)
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4))
    doc.build([Paragraph("2024年一般公共预算基本支出表", st), Paragraph("单位：万元", st), table],
              onFirstPage=turn, onLaterPages=turn)
    return personnel, public


@pytest.mark.parametrize("rotate", [0, 90])
def test_table_over_several_pages(tmp_path, rotate):
    path = tmp_path / "long.pdf"
    personnel, public = _long_table_pdf(path, 80, rotate)
    disc = parse_file(path)
    t = disc.table(K.GENERAL_BASIC)
    assert t is not None and len(disc.tables) == 1
    items = [r for r in t.rows if r.kind == "item"]
    assert len(items) == 80  # every page's rows, none of the repeated headers
    assert len({r.location.page for r in items}) >= 2  # the table runs over several pages
    total = t.total_row()
    assert total.value("personnel") == personnel and total.value("public") == public
    from yusuan.audit.engine import audit, selected
    assert audit(disc, selected(["YS114"])) == []  # the column totals add up over all pages


def text_only_pdf(text: str, path):
    """The text drawn line by line on landscape A4 pages, without ruling lines (the extracted text
    loses the single spaces between words)."""
    from reportlab.lib.pagesizes import landscape

    c = canvas.Canvas(str(path), pagesize=landscape(A4))
    y = 560
    for line in text.split("\n"):
        if y < 40:
            c.showPage()
            y = 560
        c.setFont(FONT, 10)
        c.drawString(30, y, line)
        y -= 13
    c.save()
    return path


@pytest.mark.parametrize("template", sorted(BUDGET_TEMPLATES))  # a 决算 is written with its grid only
@pytest.mark.parametrize("style", ["spaces", "flat"])
def test_text_only_pdf(tmp_path, template, style):
    """A PDF without ruling lines: its tables are text with gaps between the figures."""
    b = generate(5, units=2)
    text = TEMPLATES[template](b, style)
    path = text_only_pdf(text, tmp_path / "plain.pdf")
    ref = build_facts(recognise(read_text(text.encode("utf-8"), "ref")))
    got = build_facts(parse_file(path))
    for key in ("totals", "function_classes", "economic_classes", "projects", "units", "performance_targets"):
        assert got[key] == ref[key], key


def test_pdf_with_narrative_only(tmp_path):
    path = tmp_path / "narrative.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(FONT, 12)
    c.drawString(72, 740, "焦作市电子商务发展服务中心2023年部门预算")
    c.drawString(72, 700, "2023年收入总计87.02万元，支出总计87.02万元。")
    c.save()
    disc = parse_file(path)
    assert not disc.tables and any("没有识别出任何预算表格" in w for w in disc.warnings)
    assert build_facts(disc)["totals"]["income_total"] == "87.02"
    assert disc.narrative.first("income_total").location.bbox is not None


def test_merged_two_row_header_in_yuan(tmp_path):
    """A ruled table as finance bureaus print it: a two-row header with merged cells, amounts in 元."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import landscape
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from reportlab.lib.styles import ParagraphStyle

    # 合计, 基本支出 {小计, 人员经费, 公用经费}, 项目支出: merged cells over two header rows
    data = [["科目编码", "", "", "科目名称", "合计", "基本支出", "", "", "项目支出"],
            ["类", "款", "项", "", "", "小计", "人员经费", "公用经费", ""],
            ["", "", "", "合计", "8,702,000.00", "8,082,000.00", "7,805,000.00", "277,000.00", "620,000.00"],
            ["201", "13", "50", "事业运行", "7,186,000.00", "6,566,000.00", "6,322,000.00", "244,000.00", "620,000.00"],
            ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "1,516,000.00", "1,516,000.00", "1,483,000.00",
             "33,000.00", ""]]
    st = ParagraphStyle("t", fontName=FONT, fontSize=12, alignment=1)
    table = Table(data, repeatRows=2)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                               ("SPAN", (0, 0), (2, 0)), ("SPAN", (3, 0), (3, 1)), ("SPAN", (4, 0), (4, 1)),
                               ("SPAN", (5, 0), (7, 0)), ("SPAN", (8, 0), (8, 1))]))
    path = tmp_path / "yuan.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(
        [Paragraph("2024年部门支出预算表", st), Paragraph("单位：元", st), table])
    disc = parse_file(path)
    t = disc.table(K.EXPENDITURE)
    assert t.unit == "元"
    assert [c.role for c in t.columns] == ["total", "basic", "personnel", "public", "project"]
    facts = build_facts(disc)
    assert facts["totals"]["basic"] == "808.200000" and facts["totals"]["project"] == "62.000000"
    assert facts["function_classes"][0] == {"code": "2011350", "name": "事业运行", "total": "718.600000",
                                            "basic": "656.600000", "project": "62.000000"}
    cell = t.total_row().cells["personnel"]
    assert cell.amount.printed == "7,805,000.00" and cell.amount.unit == "元" and not cell.inferred
