"""Generated budgets as the files budget offices publish: XLSX (one table per sheet, as budget
systems export), DOCX (narrative and tables) and HTML (a saved disclosure page)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path

from yusuan.synth.budget import Budget
from yusuan.synth.writer import write_text

_LABEL = re.compile(r"^(?:预算\d{2}表|附表\d+)$")
_NUMBER = re.compile(r"^-?\d+\.\d+$")


@dataclass
class _Table:
    label: str
    title: str
    before: list[str] = field(default_factory=list)  # unit line
    rows: list[list[str]] = field(default_factory=list)
    after: list[str] = field(default_factory=list)  # notes


def _split(b: Budget, template) -> tuple[list[str], list[_Table]]:
    """The tabs-style text cut into narrative lines and tables."""
    lines = template(b, "tabs").split("\n")
    narrative: list[str] = []
    tables: list[_Table] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _LABEL.match(ln):
            t = _Table(label=ln, title=lines[i + 1])
            tables.append(t)
            i += 2
            continue
        if not tables:
            narrative.append(ln)
        elif "\t" in ln:
            tables[-1].rows.append(ln.split("\t"))
        elif ln:
            (tables[-1].after if tables[-1].rows else tables[-1].before).append(ln)
        i += 1
    return narrative, tables


def write_xlsx(b: Budget, path: Path, template=write_text) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    _, tables = _split(b, template)
    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        ws = wb.create_sheet(t.label)
        width = max((len(r) for r in t.rows), default=1)
        ws.append([t.title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
        ws.cell(1, 1).alignment = Alignment(horizontal="center")
        for line in t.before:
            ws.append([line])
        for row in t.rows:
            ws.append([Decimal(c) if _NUMBER.match(c) else (c or None) for c in row])
            for c in ws[ws.max_row]:
                if isinstance(c.value, (int, float, Decimal)):
                    c.number_format = "#,##0.00"
        for line in t.after:
            ws.append([line])
    wb.save(path)


def write_docx(b: Budget, path: Path, template=write_text) -> None:
    import docx

    narrative, tables = _split(b, template)
    d = docx.Document()
    for ln in narrative:
        if ln:
            d.add_paragraph(ln)
    for t in tables:
        d.add_paragraph(t.label)
        d.add_paragraph(t.title)
        for ln in t.before:
            d.add_paragraph(ln)
        if t.rows:
            width = max(len(r) for r in t.rows)
            table = d.add_table(rows=0, cols=width)
            for row in t.rows:
                cells = table.add_row().cells
                for k, c in enumerate(row):
                    cells[k].text = c
        for ln in t.after:
            d.add_paragraph(ln)
    d.save(path)


def write_html(b: Budget, path: Path, template=write_text) -> None:
    narrative, tables = _split(b, template)
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>预算公开</title></head><body>"]
    out += [f"<p>{escape(ln)}</p>" for ln in narrative if ln]
    for t in tables:
        out += [f"<p>{escape(t.label)}</p>", f"<h3>{escape(t.title)}</h3>"] + [f"<p>{escape(x)}</p>" for x in t.before]
        if t.rows:
            out.append("<table border='1'>")
            out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in t.rows]
            out.append("</table>")
        out += [f"<p>{escape(x)}</p>" for x in t.after]
    out.append("</body></html>")
    Path(path).write_text("\n".join(out), encoding="utf-8")


def write_pdf(b: Budget, path: Path, template=write_text) -> None:
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
    narrative, tables = _split(b, template)
    story = [Paragraph(escape(ln), text) for ln in narrative if ln]
    for t in tables:
        story += [PageBreak(), Paragraph(escape(t.label), text), Paragraph(escape(t.title), title)]
        story += [Paragraph(escape(x), text) for x in t.before]
        if t.rows:
            width = max(len(r) for r in t.rows)
            rows = [r + [""] * (width - len(r)) for r in t.rows]
            head = next((k for k, r in enumerate(rows) if any(_NUMBER.match(c) for c in r)), 0)
            table = Table([[Paragraph(escape(c), ParagraphStyle("c", fontName=font, fontSize=7, leading=9))
                            if not _NUMBER.match(c) else c for c in r] for r in rows], repeatRows=head)
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7),
                                       ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
            story.append(table)
        story += [Paragraph(escape(x), text) for x in t.after]
    SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=20, rightMargin=20).build(story)


_PRINT_CSS = """@page { size: A4 landscape; margin: 1cm; }
body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; font-size: 9pt; }
table { border-collapse: collapse; } td { border: 0.5pt solid black; padding: 2px; }
tr { page-break-inside: avoid; }"""


def write_pdf_weasyprint(b: Budget, path: Path, template=write_text) -> None:
    """The same disclosure printed by another engine: HTML laid out by weasyprint (Pango, a
    Debian CJK font) rather than reportlab, as web-page based disclosures are printed."""
    import tempfile

    import weasyprint

    with tempfile.TemporaryDirectory() as d:
        html = Path(d) / "page.html"
        write_html(b, html, template)
        weasyprint.HTML(filename=str(html)).write_pdf(path, stylesheets=[weasyprint.CSS(string=_PRINT_CSS)])
