"""Reader for workbooks as budget systems export them: one table per sheet ('预算01表'), merged
header cells, numbers as numeric cells with '#,##0.00' formats."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

from yusuan.errors import InputError
from yusuan.limits import limits
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
        if not d.is_finite() or abs(d) >= Decimal(10) ** 16:
            return str(value)  # not an amount: kept as text, never computed with
        m = _DECIMALS.search(number_format or "")
        if m and len(m.group(1)) <= 6:
            d = d.quantize(Decimal(1).scaleb(-len(m.group(1))))
        return f"{d:,}" if "," in (number_format or "") else str(d)
    return str(value).replace("\r", "").replace("\n", "").strip()


def _merge_marks(ws, budget: int, warnings: list[str]) -> dict[tuple[int, int], str]:
    """(row, column) of every cell a merged range covers: '<' in the range's first row, '^' below.
    A range larger than the sheet's cell budget (B3:C1048576) is not expanded: it is furniture."""
    out: dict[tuple[int, int], str] = {}
    for rng in ws.merged_cells.ranges:
        area = (rng.max_row - rng.min_row + 1) * (rng.max_col - rng.min_col + 1)
        if area + len(out) > budget:
            warnings.append(f"工作表“{ws.title}”的合并单元格 {rng.coord} 过大，未按合并处理")
            continue
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    out[(r, c)] = "<" if r == rng.min_row else "^"
    return out


def _rows(ws, source: str, budget: int):
    """The sheet's rows that hold a value, each as its cells from column A to the last column
    with a value anywhere in the sheet: read from the cells the workbook stores, so a lone cell at
    XFD1048576 costs one cell, not the 17 billion of the grid up to it."""
    stored = ws._cells  # openpyxl's (row, column) -> cell map: only the cells the file defines
    rows: dict[int, list] = {}
    width = 0
    for (r, c), cell in stored.items():
        if cell.value is not None and cell.value != "":
            rows.setdefault(r, []).append((c, cell))
            width = max(width, c)
    if width * len(rows) > budget:
        raise InputError(f"工作表“{ws.title}”过大（{len(rows)} 行 × {width} 列，上限 {budget} 个单元格，"
                         f"YUSUAN_MAX_CELLS）：{source}")
    for r in sorted(rows):
        cells = [""] * width
        for c, cell in rows[r]:
            cells[c - 1] = _text(cell.value, cell.number_format)
        yield r, cells


_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_merges(data: bytes, source: str) -> None:
    """Refuse a workbook whose merged ranges cover more cells than a sheet may have, before
    openpyxl expands each of them cell by cell (B3:C1048576 is two million cells)."""
    from yusuan.read.archive import open_archive

    budget = limits().max_cells
    with open_archive(data, source) as z:
        for name in z.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            area = 0
            try:
                xml = z.read(name)
            except Exception as e:  # noqa: BLE001 - a damaged member: bad CRC, truncated stream, bad method
                raise InputError(f"无法打开 Excel 文件：{source}（{type(e).__name__}）") from None
            for m in _MERGE.finditer(xml):
                c0, r0, c1, r1 = _column(m.group(1)), int(m.group(2)), _column(m.group(3)), int(m.group(4))
                area += (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)
                if area > budget:
                    ref = m.group(0).split(b'"')[1].decode()
                    raise InputError(f"工作表中的合并单元格过大（{ref} 等共超过 {budget} 个单元格，YUSUAN_MAX_CELLS），"
                                     f"未读取：{source}")


def read_xlsx(data: bytes, source: str) -> SourceDocument:
    from openpyxl import load_workbook

    check_merges(data, source)
    try:
        wb = load_workbook(BytesIO(data), data_only=True)  # not read-only: merged ranges are needed
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise InputError(f"无法打开 Excel 文件：{source}（{type(e).__name__}）") from None
    lines: list[SourceLine] = []
    warnings: list[str] = []
    budget = limits().max_cells
    no = 0
    for page, ws in enumerate(wb.worksheets, start=1):
        # a merged cell's value stands in its top-left cell only; the rest read as blank
        if len(ws.title) <= 8:  # a label such as '预算01表'; a longer name repeats the title row
            no += 1
            lines.append(SourceLine(no=no, page=page, text=ws.title, sheet=ws.title, row=None))
        covered = _merge_marks(ws, budget, warnings)
        for r, cells in _rows(ws, source, budget):  # all columns: blanks say where figures are
            if not any(cells):
                continue
            no += 1
            filled = [c for c in cells if c]
            spans = [covered.get((r, j + 1), "") for j in range(len(cells))]
            lines.append(SourceLine(no=no, page=page, text=" ".join(filled), cells=cells, sheet=ws.title, row=r,
                                    spans=spans if any(spans) else None))
    wb.close()
    return SourceDocument(source=source, format="xlsx", lines=lines, warnings=warnings)


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
