"""The whole disclosure as a Word document: A4 portrait text and A4 landscape table sections, page
numbers in the footer, a 目录 that Word fills with page numbers (a TOC field whose cached entries
are the contents), header rows repeated on each page, rows kept whole, merged header cells without
leftover empty paragraphs, black headings, and CJK fonts on every style.

Fonts: the body is set in 仿宋 (FangSong), headings in 黑体 (SimHei), tables in 宋体 (SimSun), the
faces of Chinese government documents. A DOCX only names its fonts: Word (or LibreOffice) on the
reader's machine uses them where installed and substitutes its own CJK face elsewhere.

Tables are written row by row from each row's own cells (python-docx's `Table.cell()` walks the whole
table each time: a 1,000-row table took seconds per table).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.render.files import NUMBER, GridTable, xml_grid, xml_text
from yusuan.render.spans import header_spans

if TYPE_CHECKING:
    from yusuan.render.document import Document

FONT = "SimSun"  # tables
BODY_FONT = "FangSong"
HEADING_FONT = "SimHei"
A4 = (210, 297)  # mm
MARGINS = {"top": 25, "bottom": 22, "left": 26, "right": 24}  # mm


def _cjk(style, size=None, font: str = FONT, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = font
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), font)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # Word's heading styles name theme fonts, which win over ours
    style.font.color.rgb = RGBColor(0, 0, 0)  # not Word's blue headings
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold


def _row_flags(tr, header: bool) -> None:
    from docx.oxml import OxmlElement

    trpr = tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _cell_xml():
    """Templates of a cell's alignment and run (8 pt), copied for every cell: building them through
    python-docx's property setters costs most of the writing time of a large table."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    jc = {a: parse_xml(f'<w:pPr {nsdecls("w")}><w:jc w:val="{a}"/></w:pPr>') for a in ("right", "center")}
    run = parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr><w:t xml:space="preserve"/></w:r>')
    return jc, run


def _fill(tc, text: str, templates) -> None:
    from copy import deepcopy

    from docx.oxml.ns import qn

    jc, run = templates
    p = tc.find(qn("w:p"))
    p.insert(0, deepcopy(jc["right" if NUMBER.match(text) else "center"]))
    if text:
        r = deepcopy(run)
        r.find(qn("w:t")).text = text
        p.append(r)


def add_table(d, t: GridTable) -> None:
    """A table as printed: label, title, unit line, the ruled grid (header rows merged, repeated on each
    page, no row split across pages, figures right-aligned), notes."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import _Cell

    templates = _cell_xml()
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
        head = min(t.head, len(rows))
        spans = header_spans(rows[:head])
        trs = table._tbl.tr_lst
        for i, (tr, row) in enumerate(zip(trs, rows)):
            _row_flags(tr, i < head)
            for k, (tc, text) in enumerate(zip(tr.tc_lst, row)):
                covered = i < head and spans[i][k] is None
                _fill(tc, "" if covered else text, templates)  # a covered cell's text is its merged cell's
        # merge the header last: python-docx moves only non-empty cells' paragraphs into the merged
        # cell, and every covered cell is empty, so no blank paragraph is left behind
        merges = [(r, c, span) for r, rs in enumerate(spans) for c, span in enumerate(rs) if span and span != (1, 1)]
        if merges:
            grid = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in trs[:head]]
            for r, c, span in merges:
                grid[r][c].merge(grid[r + span[0] - 1][c + span[1] - 1])
    for x in t.after:
        d.add_paragraph(x)


def _page_setup(section, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    short, long_ = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(long_), Mm(short)) if landscape else (Mm(short), Mm(long_))
    for side, mm in MARGINS.items():
        setattr(section, f"{side}_margin", Mm(mm))


def _field(paragraph, instruction: str, *, begin: bool = True, end: bool = True) -> None:
    """A Word field (PAGE, TOC…) in `paragraph`: begin, instruction and separator (and, with `end`,
    the end mark) as runs. A field may begin in one paragraph and end in a later one."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def mark(kind: str):
        r = OxmlElement("w:r")
        fc = OxmlElement("w:fldChar")
        fc.set(qn("w:fldCharType"), kind)
        r.append(fc)
        return r

    p = paragraph._p
    if begin:
        first = [mark("begin")]
        r = OxmlElement("w:r")
        it = OxmlElement("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = f" {instruction} "
        r.append(it)
        first += [r, mark("separate")]
        anchor = p.find(qn("w:pPr"))
        for k, el in enumerate(first):
            if anchor is not None:
                anchor.addnext(el)
                anchor = el
            else:
                p.insert(k, el)
    if end:
        p.append(mark("end"))


def _page_numbers(section) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = section.footer
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("— ")
    _field(p, "PAGE", end=False)
    p.add_run("1")  # the cached value, until Word counts the pages
    _field(p, "", begin=False)
    p.add_run(" —")


def _update_fields_on_open(d) -> None:
    """Word asks to update fields when the file is opened: the 目录 gets its page numbers."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = d.settings.element
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    settings.append(el)


def save_docx(doc: Document, path: Path) -> None:
    import dataclasses

    import docx

    doc = dataclasses.replace(doc, title=xml_text(doc.title), subtitle=xml_text(doc.subtitle), appendix=xml_text(doc.appendix),
                              blocks=[dataclasses.replace(b, text=xml_text(b.text)) for b in doc.blocks],
                              tables=[xml_grid(t) for t in doc.tables])  # text any input may carry, fit for XML
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    d = docx.Document()
    _cjk(d.styles["Normal"], 12, BODY_FONT)
    _cjk(d.styles["Title"], None, HEADING_FONT, True)
    for name, size in (("Heading 1", 16), ("Heading 2", 14), ("Heading 3", 12)):
        _cjk(d.styles[name], size, HEADING_FONT, True)
    _cjk(d.styles["Table Grid"], 8, FONT)
    first = d.sections[0]
    _page_setup(first, landscape=False)
    _page_numbers(first)  # later sections link to this footer
    for text, size in ((doc.title, 24), (doc.subtitle, 22), (doc.date, 14)):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before = Pt(60)
        p.add_run(text).font.size = Pt(size)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading("目 录", level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    entries = doc.contents()
    for n, (level, text, _) in enumerate(entries):
        p = d.add_paragraph(text)
        p.paragraph_format.left_indent = Pt(0 if level == 1 else 24)
        # the entries are the cached result of a TOC field: shown as they are, given page numbers
        # when Word updates the field
        _field(p, 'TOC \\o "1-2" \\h \\z \\u', begin=n == 0, end=n == len(entries) - 1)
    _update_fields_on_open(d)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    for b in doc.blocks:
        if b.kind == "part":
            d.add_heading(b.text, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif b.kind == "heading":
            d.add_heading(b.text, level=2)
        elif b.kind == "subheading":
            d.add_heading(b.text, level=3)
        else:
            d.add_paragraph(b.text).paragraph_format.first_line_indent = Pt(24)
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_heading(doc.appendix, level=1)
    for t in doc.tables:
        section = d.add_section(WD_SECTION.NEW_PAGE)
        _page_setup(section, landscape=True)
        add_table(d, t)
    d.save(str(path))
