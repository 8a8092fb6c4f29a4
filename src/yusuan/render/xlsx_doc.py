"""The whole disclosure as a workbook, as budget systems export it: one sheet per table (named by
its label, merged header cells, figures as numbers with two decimals), after a sheet with the
cover, 目录 and narrative."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from yusuan.render.files import NUMBER, GridTable, xml_text
from yusuan.render.spans import header_spans

if TYPE_CHECKING:
    from yusuan.render.document import Document


def _text(value: str | None) -> str | None:
    return xml_text(value) or None if value else None


def write_sheet(wb, t: GridTable) -> None:
    """One table on its own sheet (named by its label): title, unit line, ruled cells with merged
    header cells and figures as numbers, notes, header rows printed on every page."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws = wb.create_sheet(sheet_name(t.label or t.title, wb.sheetnames))
    width = max((len(r) for r in t.rows), default=1)
    ws.append([_text(t.title)])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 1))
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.cell(1, 1).font = Font(bold=True, size=14)
    for line in t.before:
        ws.append([_text(line)])
    top = ws.max_row + 1
    for row in t.rows:
        ws.append([Decimal(c.replace(",", "")) if NUMBER.match(c) else _text(c) for c in row])
        for c in ws[ws.max_row][:width]:
            c.border = box
            if isinstance(c.value, Decimal):
                c.number_format = "#,##0.00"
    for r, spans in enumerate(header_spans([row + [""] * (width - len(row)) for row in t.rows[:t.head]])):
        for c, span in enumerate(spans):
            ws.cell(top + r, c + 1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if span and span != (1, 1):
                ws.merge_cells(start_row=top + r, start_column=c + 1, end_row=top + r + span[0] - 1, end_column=c + span[1])
    for k in range(width):
        ws.column_dimensions[get_column_letter(k + 1)].width = 14 if k else 24
    for line in t.after:
        ws.append([_text(line)])
    if t.rows and t.head:  # a table without a header row (a form) repeats nothing
        ws.print_title_rows = f"{top}:{top + t.head - 1}"
    print_setup(ws, landscape=True)


def print_setup(ws, landscape: bool) -> None:
    """A4, fitted to the page width (as many pages down as it takes), centred, with 第N页/共M页
    in the footer: what an office prints without touching the page setup."""
    ws.page_setup.paperSize = 9  # A4 (openpyxl names it PAPERSIZE_A4, as text)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


INVALID_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\" + "".join(map(chr, range(32)))})


def sheet_name(text: str, taken: list[str]) -> str:
    """A sheet name Excel accepts: none of []:*?/\\, not blank, at most 31 characters, not one
    already in the workbook (Excel compares names without regard to case)."""
    base = " ".join(_text(text or "").translate(INVALID_SHEET_CHARS).split())[:31].strip("'") or "表"
    if base.casefold() == "history":  # Excel reserves it
        base += "_"
    used = {n.casefold() for n in taken}
    name, k = base, 2
    while name.casefold() in used:
        suffix = f"({k})"
        name, k = base[:31 - len(suffix)] + suffix, k + 1
    return name


def save_xlsx(doc: Document, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "预算说明"
    ws.column_dimensions["A"].width = 120
    print_setup(ws, landscape=False)
    for line in [doc.title, doc.subtitle, doc.date, ""] + [b.text for b in doc.blocks]:
        ws.append([_text(line)])
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True)
    for t in doc.tables:
        write_sheet(wb, t)
    wb.save(path)
