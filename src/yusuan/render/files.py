"""Writing a disclosure as the files offices publish: XLSX (one table per sheet, as budget systems
export), DOCX (narrative and tables), HTML (a disclosure page) and PDF (two print engines).

Input: the narrative as lines and the tables as grids (label, title, lines above, rows of cells
with blanks kept, notes below)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

NUMBER = re.compile(r"^-?[\d,]*\d\.\d+$")


@dataclass
class GridTable:
    label: str | None
    title: str
    before: list[str] = field(default_factory=list)  # unit line
    rows: list[list[str]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # notes
    head: int = 0  # how many of the rows are header rows (0: not known)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text that XML 1.0 (xlsx, docx) can hold: control characters, lone surrogates and U+FFFE/FFFF
    removed (a document's text may carry any of them; Word and Excel refuse the file otherwise)."""
    return _NOT_XML.sub("", text)


def xml_grid(t: GridTable) -> GridTable:
    """The table with every text made fit for XML (xml_text)."""
    return GridTable(label=xml_text(t.label) if t.label else t.label, title=xml_text(t.title),
                     before=[xml_text(x) for x in t.before], rows=[[xml_text(c) for c in r] for r in t.rows],
                     after=[xml_text(x) for x in t.after], head=t.head)


def save_xlsx(narrative: list[str], tables: list[GridTable], path: Path) -> None:
    """One sheet per table, named by its label, as budget systems export (a workbook has no narrative)."""
    from openpyxl import Workbook

    from yusuan.render.xlsx_doc import write_sheet

    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        write_sheet(wb, t)
    wb.save(path)


def save_docx(narrative: list[str], tables: list[GridTable], path: Path) -> None:
    import docx

    from yusuan.render.docx_doc import add_table

    d = docx.Document()
    for ln in narrative:
        if ln:
            d.add_paragraph(xml_text(ln))
    for t in tables:
        add_table(d, xml_grid(t))
    d.save(path)


def save_html(narrative: list[str], tables: list[GridTable], path: Path) -> None:
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>预算公开</title></head><body>"]
    out += [f"<p>{escape(ln)}</p>" for ln in narrative if ln]
    for t in tables:
        out += ([f"<p>{escape(t.label)}</p>"] if t.label else []) + [f"<h3>{escape(t.title)}</h3>"]
        out += [f"<p>{escape(x)}</p>" for x in t.before]
        if t.rows:
            out.append("<table border='1'>")
            out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in t.rows]
            out.append("</table>")
        out += [f"<p>{escape(x)}</p>" for x in t.after]
    out.append("</body></html>")
    Path(path).write_text("\n".join(out), encoding="utf-8", errors="replace")


def _col_widths(rows: list[list[str]], available: float) -> list[float]:
    """Columns as wide as their longest text, scaled to the page: wide tables fit, and codes and
    names keep room to be read (also by OCR, after a scan)."""
    width = len(rows[0])
    need = [max(3, max(len(r[k]) for r in rows)) + 1 for k in range(width)]
    scale = min(1.0, available / (sum(need) * 7.5))
    return [n * 7.5 * scale for n in need]


def save_pdf(narrative: list[str], tables: list[GridTable], path: Path) -> None:
    """A printed disclosure: narrative paragraphs, then landscape ruled tables whose header rows
    repeat on every page (reportlab, with the CJK font every PDF reader has: STSong-Light)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    text = ParagraphStyle("text", fontName=font, fontSize=10, leading=15)
    title = ParagraphStyle("title", fontName=font, fontSize=13, leading=18, alignment=1)
    story = [Paragraph(escape(ln), text) for ln in narrative if ln]
    for t in tables:
        story += [PageBreak()] + ([Paragraph(escape(t.label), text)] if t.label else []) + [Paragraph(escape(t.title), title)]
        story += [Paragraph(escape(x), text) for x in t.before]
        if t.rows:
            width = max(len(r) for r in t.rows)
            rows = [r + [""] * (width - len(r)) for r in t.rows]
            head = next((k for k, r in enumerate(rows) if any(NUMBER.match(c) for c in r)), 0)
            table = Table([[Paragraph(escape(c), ParagraphStyle("c", fontName=font, fontSize=7, leading=9))
                            if not NUMBER.match(c) else c for c in r] for r in rows], repeatRows=head,
                          colWidths=_col_widths(rows, landscape(A4)[0] - 40))
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7),
                                       ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       ("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)]))
            story.append(table)
        story += [Paragraph(escape(x), text) for x in t.after]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=20, rightMargin=20).build(story)


_PRINT_CSS = """@page { size: A4 landscape; margin: 1cm; }
body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; font-size: 9pt; }
table { border-collapse: collapse; } td { border: 0.5pt solid black; padding: 2px; }
tr { page-break-inside: avoid; }"""


def save_pdf_weasyprint(narrative: list[str], tables: list[GridTable], path: Path) -> None:
    """The same disclosure printed by another engine: HTML laid out by weasyprint (Pango, a
    Debian CJK font) rather than reportlab, as web-page based disclosures are printed."""
    import tempfile

    import weasyprint

    with tempfile.TemporaryDirectory() as d:
        html = Path(d) / "page.html"
        save_html(narrative, tables, html)
        weasyprint.HTML(filename=str(html)).write_pdf(path, stylesheets=[weasyprint.CSS(string=_PRINT_CSS)])
