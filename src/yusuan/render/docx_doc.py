"""The whole disclosure as a Word document: portrait text, landscape table sections, header rows
repeated on each page, rows kept whole, merged header cells, a CJK font on every style."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.render.files import NUMBER, GridTable
from yusuan.render.spans import header_spans

if TYPE_CHECKING:
    from yusuan.render.document import Document

FONT = "SimSun"


def _cjk(style, size=None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        style.font.size = Pt(size)


def _row_flags(row, header: bool) -> None:
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def add_table(d, t: GridTable) -> None:
    """A table as printed: label, title, unit line, the ruled grid (header rows merged, repeated on each
    page, no row split across pages, figures right-aligned), notes."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if t.label:
        d.add_paragraph(t.label).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_heading(t.title, level=2).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for x in t.before:
        d.add_paragraph(x)
    if t.rows:
        width = max(len(r) for r in t.rows)
        rows = [r + [""] * (width - len(r)) for r in t.rows]
        table = d.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, row in enumerate(rows):
            _row_flags(table.rows[i], i < t.head)
            for k, c in enumerate(row):
                cell = table.cell(i, k)
                cell.text = c
                para = cell.paragraphs[0]
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT if NUMBER.match(c) else WD_ALIGN_PARAGRAPH.CENTER
                for run in para.runs:
                    run.font.size = Pt(8)
        for r, spans in enumerate(header_spans(rows[:t.head])):
            for c, span in enumerate(spans):
                if span and span != (1, 1):
                    table.cell(r, c).merge(table.cell(r + span[0] - 1, c + span[1] - 1))
    for x in t.after:
        d.add_paragraph(x)


def save_docx(doc: Document, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    d = docx.Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        _cjk(d.styles[name], 11 if name == "Normal" else None)
    for text, size in ((doc.title, 24), (doc.subtitle, 22), (doc.date, 14)):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(60)
        p.add_run(text).font.size = Pt(size)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading("目 录", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for level, text, _ in doc.contents():
        p = d.add_paragraph(text)
        p.paragraph_format.left_indent = Pt(0 if level == 1 else 24)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for b in doc.blocks:
        if b.kind == "part":
            d.add_heading(b.text, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "heading":
            d.add_heading(b.text, level=2)
        elif b.kind == "subheading":
            d.add_heading(b.text, level=3)
        else:
            d.add_paragraph(b.text).paragraph_format.first_line_indent = Pt(22)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading(doc.appendix, level=1)
    for t in doc.tables:
        section = d.add_section(WD_SECTION.NEW_PAGE)
        if section.orientation != WD_ORIENT.LANDSCAPE:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width
        add_table(d, t)
    d.save(str(path))
