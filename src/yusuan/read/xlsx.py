"""Reader for workbooks as budget systems export them: one table per sheet ('预算01表'), merged
header cells, numbers as numeric cells with '#,##0.00' formats."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

from yusuan.errors import InputError
from yusuan.read.lines import SourceDocument, SourceLine

_DECIMALS = re.compile(r"0\.(0+)")


def _text(value, number_format: str) -> str:
    """A cell as printed: numbers with the decimals their format shows, keeping every digit."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)):
        d = Decimal(str(value))
        m = _DECIMALS.search(number_format or "")
        if m:
            d = d.quantize(Decimal(1).scaleb(-len(m.group(1))))
        return f"{d:,}" if "," in (number_format or "") else str(d)
    return str(value).replace("\r", "").replace("\n", "").strip()


def _merge_marks(ws) -> dict[tuple[int, int], str]:
    """(row, column) of every cell a merged range covers: '<' in the range's first row, '^' below."""
    out: dict[tuple[int, int], str] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    out[(r, c)] = "<" if r == rng.min_row else "^"
    return out


def read_xlsx(data: bytes, source: str) -> SourceDocument:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(BytesIO(data), data_only=True)  # not read-only: merged ranges are needed
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"无法打开 Excel 文件：{source}（{type(e).__name__}）") from None
    lines: list[SourceLine] = []
    no = 0
    for page, ws in enumerate(wb.worksheets, start=1):
        # a merged cell's value stands in its top-left cell only; the rest read as blank
        if len(ws.title) <= 8:  # a label such as '预算01表'; a longer name repeats the title row
            no += 1
            lines.append(SourceLine(no=no, page=page, text=ws.title, sheet=ws.title, row=None))
        covered = _merge_marks(ws)
        for r, row in enumerate(ws.iter_rows(), start=1):
            cells = [_text(c.value, c.number_format) for c in row]  # all columns: blanks say where figures are
            if not any(cells):
                continue
            no += 1
            filled = [c for c in cells if c]
            spans = [covered.get((r, j + 1), "") for j in range(len(cells))]
            lines.append(SourceLine(no=no, page=page, text=" ".join(filled), cells=cells, sheet=ws.title, row=r,
                                    spans=spans if any(spans) else None))
    wb.close()
    return SourceDocument(source=source, format="xlsx", lines=lines)


def read_xls(data: bytes, source: str) -> SourceDocument:
    """Old binary workbooks (.xls, as many budget systems still export) through xlrd."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as e:  # xlrd raises several kinds for a damaged file
        raise InputError(f"无法打开 Excel 文件：{source}（{type(e).__name__}）") from None
    lines: list[SourceLine] = []
    for page, sheet in enumerate(book.sheets(), start=1):
        if len(sheet.name) <= 8:
            lines.append(SourceLine(no=len(lines) + 1, page=page, text=sheet.name, sheet=sheet.name))
        for r in range(sheet.nrows):
            cells = []
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                cells.append(_text(cell.value if cell.ctype != xlrd.XL_CELL_EMPTY else None, fmt)
                             if cell.ctype != xlrd.XL_CELL_TEXT else _text(cell.value, ""))
            if not any(cells):
                continue
            filled = [c for c in cells if c]
            lines.append(SourceLine(no=len(lines) + 1, page=page, text=" ".join(filled),
                                    cells=cells if len(filled) > 1 else None, sheet=sheet.name, row=r + 1))
    return SourceDocument(source=source, format="xls", lines=lines)
