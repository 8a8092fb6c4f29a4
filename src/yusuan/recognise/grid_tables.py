"""Rows of grid tables by kind of row scheme: coded rows (支出功能分类 / 经济分类 / units), project
lists, single-row tables (三公) and two-sided tables (收入 | 支出), once `grid.read_grid` has
named the columns from the header."""

from __future__ import annotations

from yusuan.model.disclosure import Column, Row, Table
from yusuan.read.lines import SourceLine
from yusuan.recognise.block import loc
from yusuan.recognise.grid import GridReading, Panel, classify, columns_of, figures, make_cell, realign, row_labels
from yusuan.recognise.summary import two_sided_key
from yusuan.recognise.verify import table_checks
from yusuan.read.clean import full_width_brackets
from yusuan.reference.tables import TableSchema

_PROJECT_TYPES = ("其他运转类", "特定目标类", "人员类", "公用经费", "运转类", "一次性项目", "经常性项目", "延续性项目")


def _rows_of_body(gr: GridReading, table: Table, width: int):
    """(line, cells, shift) of every grid row of the body, realigned where the source lost cells."""
    for ln in gr.body:
        if ln.cells is None:
            if any(ch.isdigit() for ch in ln.text) and "." in ln.text:
                table.warnings.append(f"第{ln.no}行不在表格的列中，未读取：“{ln.text[:40]}”")
            continue
        cells, shift = realign(ln, gr.panels, width)
        if shift:
            msg = f"第{ln.no}行的单元格比表头{'少' if shift > 0 else '多'}{abs(shift)}列（原文缺少空白单元格），已按表头对齐"
            gr.realigned.append(msg)
        yield ln, cells, shift


def _in_name_columns(cells: list[str], panel: Panel) -> bool:
    names = {c.index for c in panel.labels if c.label_role == "name"}
    filled = [j for j, c in enumerate(cells) if c and c.strip() and panel.start <= j < panel.end]
    return bool(filled) and (not names or all(j in names for j in filled))


def _fill(row: Row, figs, ln: SourceLine, schema: TableSchema, shift: int) -> None:
    for col, amount in figs:
        row.cells[col.role] = make_cell(col, amount, ln, schema, shift)


def _moves(row: Row, figs, panel: Panel, ln: SourceLine):
    """The readings of a row that printed fewer (or more) cells than the header: its figures from
    one column on moved one column right (a blank cell lost before them) or left (a stray one).
    A full row is never moved: where its identities fail that is the document's own defect."""
    width = max(c.index for c in panel.labels + panel.values) + 1
    n = len(ln.cells or [])
    steps = [1] if n < width else [-1] if n > width else []
    cols = sorted(panel.values, key=lambda c: c.index)
    pos = {c.index: i for i, c in enumerate(cols)}
    for step in steps:
        for start in range(len(cols)):
            moved = []
            for col, a in figs:
                i = pos[col.index]
                j = i + step if i >= start else i
                if not 0 <= j < len(cols):
                    break
                moved.append((cols[j], a))
            else:
                if len({c.index for c, _ in moved}) == len(moved) and moved != list(figs):
                    yield moved, step, cols[start]


def _failing(table: Table, schema: TableSchema, row: Row) -> int:
    """Checks of the table that fail and involve this row (its own identities, the column totals
    and subtotals it takes part in)."""
    return sum(1 for c in table_checks(table, schema) if not c.holds and any(t.row is row for t in c.wholes + c.parts))


def settle_short_rows(table: Table, schema: TableSchema, gr: GridReading, short: list) -> None:
    """Rows that lost (or gained) a cell, once the whole table is read: the one move of their
    figures after which every check they take part in holds is taken, and recorded."""
    for row, figs, ln, panel, shift in short:
        if not _failing(table, schema, row):
            continue
        for moved, step, start in _moves(row, figs, panel, ln):
            row.cells.clear()
            _fill(row, moved, ln, schema, shift)
            if not _failing(table, schema, row):
                gr.realigned.append(f"第{ln.no}行“{row.label or row.code}”的数字自“{start.printed}”列起"
                                    f"{'右' if step > 0 else '左'}移一列后勾稽关系成立（原文缺少或多出一个空白单元格），已按此对齐")
                break
        else:
            row.cells.clear()
            _fill(row, figs, ln, schema, shift)


def _fill_checked(gr: GridReading, row: Row, figs, ln: SourceLine, panel: Panel, schema: TableSchema, shift: int,
                  short: list) -> None:
    _fill(row, figs, ln, schema, shift)
    width = max(c.index for c in panel.labels + panel.values) + 1
    # only text keeps rows of its own length: ruled PDF, workbook, Word and web tables are grids
    if gr.lossy and len(ln.cells or []) != width and figs:
        short.append((row, figs, ln, panel, shift))


def extract_coded(gr: GridReading, table: Table, schema: TableSchema, unit: str) -> None:
    """Rows keyed by codes (function, economic) or units; halves read one after the other."""
    width = max(c.index for c in gr.header) + 1
    per_panel: list[list[Row]] = [[] for _ in gr.panels]
    short: list = []
    for ln, cells, shift in _rows_of_body(gr, table, width):
        totals_here: list[Row] = []  # total rows of this line still without figures
        for k, panel in enumerate(gr.panels):
            lab = row_labels(cells, panel)
            code, name = lab.get("code"), lab.get("name", "")
            figs, odd = figures(cells, panel, unit)
            if not code and not name and not figs:
                continue
            if not code and not name and figs and totals_here:
                # '公用经费合计' printed over two panels: its figure stands in the next panel's amount column
                _fill_checked(gr, totals_here.pop(), figs, ln, panel, schema, shift, short)
                continue
            rows = per_panel[k]
            key = schema.row_key(name.replace(" ", "")) if schema.row_keys else None
            kind, scheme = classify(code, name, "economic" if schema.rows == "economic" else schema.rows)
            if key is not None:
                kind = "total"
            if kind == "stray":
                table.warnings.append(f"第{ln.no}行“{name}”不像本表的行，可能来自缺页的其他表格，已忽略")
                continue
            if not code and not figs and name and not odd and key is None and kind != "total":
                if not _in_name_columns(cells, panel):
                    table.warnings.append(f"第{ln.no}行“{name}”不在本表的列中，可能来自缺页的其他表格，已忽略")
                    continue
                if rows:  # a label the source wrapped onto a row of its own
                    rows[-1].label += name
                    continue
            row = Row(label=name if kind != "total" or name else "合计", location=loc(ln), kind=kind, code=code,
                      code_scheme=scheme)
            if key is not None:
                row.attrs["key"] = key.key
            if panel.side:
                row.attrs["side"] = panel.side
            if len(gr.panels) > 1:
                row.attrs["block"] = str(k + 1)
            for f in ("gov_code", "gov_name"):
                if lab.get(f):
                    row.attrs[f] = lab[f]
            if odd:
                row.attrs["unplaced"] = " ".join(odd)
                table.warnings.append(f"第{ln.no}行“{name or code}”的金额列中有非数字内容：{'、'.join(odd)}")
            _fill_checked(gr, row, figs, ln, panel, schema, shift, short)
            rows.append(row)
            if kind == "total" and not row.cells:
                totals_here.append(row)
    for rows in per_panel:
        table.rows.extend(rows)
    settle_short_rows(table, schema, gr, short)


def extract_projects(gr: GridReading, table: Table, schema: TableSchema, unit: str, known_units: list[str]) -> None:
    width = max(c.index for c in gr.header) + 1
    current_type = current_unit = None
    panel = gr.panels[0]
    short: list = []
    for ln, cells, shift in _rows_of_body(gr, table, width):
        lab = row_labels(cells, panel)
        code, name = lab.get("code"), full_width_brackets(lab.get("name", ""))
        typ, unit_name = lab.get("type"), lab.get("unit")
        figs, odd = figures(cells, panel, unit)
        if code and not name and unit_name:
            name, unit_name = full_width_brackets(unit_name), None  # a unit's block row: its code and name
        if not figs and not code and table.rows and (name or typ):
            table.rows[-1].label += name  # a wrapped project name
            continue
        if not figs and not code and not name:
            continue
        unit_code = None
        if code and name and unit_name and len(code) in (3, 6):
            # '单位编码 | 单位名称 | 项目名称': the code is the unit's, the row is the unit's project
            unit_code, code = code, None
        if not code and not typ and not unit_name and name.replace(" ", "") in ("合计", "总计") or (not name and not code and figs and not table.rows):
            row = Row(label="合计", location=loc(ln), kind="total")
        elif unit_name and not name and not typ and figs:
            # '某市林业局本级 | | | 140.00': the unit's subtotal row, its projects below it
            row = Row(label=full_width_brackets(unit_name), location=loc(ln), kind="unit", code=code,
                      code_scheme="unit" if code else None)
            current_unit = full_width_brackets(unit_name)
        elif code and (len(code) in (3, 6) or len(code) > 7 and not name):
            row = Row(label=name, location=loc(ln), kind="unit", code=code, code_scheme="unit")
            current_unit = name or current_unit
        else:
            if typ:
                current_type = typ
            if unit_name:
                current_unit = full_width_brackets(unit_name)
            row = Row(label=name, location=loc(ln), kind="item", code=code, code_scheme="project")
            if current_type:
                row.attrs["type"] = current_type
            if current_unit:
                row.attrs["unit"] = current_unit
            if unit_code:
                row.attrs["unit_code"] = unit_code
        if odd:
            row.attrs["unplaced"] = " ".join(odd)
            table.warnings.append(f"第{ln.no}行“{name}”的金额列中有非数字内容：{'、'.join(odd)}")
        _fill_checked(gr, row, figs, ln, panel, schema, shift, short)
        table.rows.append(row)
    settle_short_rows(table, schema, gr, short)


def extract_single(gr: GridReading, table: Table, schema: TableSchema, unit: str) -> None:
    """A table of one row of figures (三公经费表), or one row per unit below its 合计."""
    width = max(c.index for c in gr.header) + 1
    panel = gr.panels[0]
    short: list = []
    for ln, cells, shift in _rows_of_body(gr, table, width):
        lab = row_labels(cells, panel)
        figs, odd = figures(cells, panel, unit)
        if not figs:
            continue
        name = lab.get("name", "")
        first = not table.rows
        # the first row is the 合计 unless it names a unit of its own (a row per unit and no 合计 row: the
        # department's total is then printed nowhere)
        own_unit = bool(lab.get("code")) and name.replace(" ", "") not in ("合计", "总计", "")
        row = Row(label=name or "合计", location=loc(ln),
                  kind="total" if (first and not own_unit) or name in ("合计", "总计") else "unit",
                  code=lab.get("code"), code_scheme="unit" if lab.get("code") else None)
        _fill_checked(gr, row, figs, ln, panel, schema, shift, short)
        table.rows.append(row)
    settle_short_rows(table, schema, gr, short)


def extract_two_sided(gr: GridReading, table: Table, schema: TableSchema, unit: str) -> None:
    width = max(c.index for c in gr.header) + 1
    sections: dict[str, str | None] = {"income": None, "expenditure": None}
    last: dict[str, Row] = {}
    for ln, cells, shift in _rows_of_body(gr, table, width):
        for panel in gr.panels:
            side = panel.side or "income"
            lab = row_labels(cells, panel)
            name = lab.get("name", "").replace(" ", "")
            figs, odd = figures(cells, panel, unit)
            if not name and not figs:
                continue
            if not name:
                prev = last.get(side)
                if prev is not None and not prev.cells:
                    _fill(prev, figs, ln, schema, shift)  # the figures of a label printed on the line above
                else:
                    table.warnings.append(f"第{ln.no}行{'收入' if side == 'income' else '支出'}一侧的金额没有项目名称："
                                          f"{'、'.join(a.printed for _, a in figs)}")
                continue
            key, code, section = two_sided_key(name, side, sections[side], schema)
            sections[side] = section
            row = Row(label=name, location=loc(ln), kind="item", code=code, code_scheme="function" if code else None)
            row.attrs["side"] = side
            if code:
                row.attrs["code_from"] = "name"  # the 类 named, no code printed
            if key:
                row.attrs["key"] = key
            if key in ("income_total", "expenditure_total", "current_income", "current_expenditure"):
                row.kind = "total"
            if odd:
                row.attrs["unplaced"] = " ".join(odd)
            _fill(row, figs, ln, schema, shift)
            table.rows.append(row)
            last[side] = row


def extract(gr: GridReading, table: Table, schema: TableSchema, unit: str, known_units: list[str]) -> None:
    table.columns = columns_of(gr, schema)
    if schema.rows == "two_sided":
        extract_two_sided(gr, table, schema, unit)
    elif schema.rows == "single":
        extract_single(gr, table, schema, unit)
    elif schema.rows == "project":
        extract_projects(gr, table, schema, unit, known_units)
    else:
        extract_coded(gr, table, schema, unit)


__all__ = ["extract", "Panel"]
