"""Tables whose source kept the grid (ruled PDF tables, workbooks, Word and web tables, tab or
markdown text): every column's meaning from the printed header, every row by its label.

  1. The header is the run of grid rows above the first row that holds a figure, a code, an
     ordinal or a total word; a row of column numbers (栏次 1 2 3 …) is furniture.
  2. `header.map_header` gives each column its role from its header path.
  3. Panels: a row may hold more than one table row. Two-sided tables (收入 | 支出) split by the
     side headers, side-by-side halves (人员经费 | 公用经费, each with 编码 / 名称 / 金额) by the
     repeated label columns.
  4. Each panel of each body row becomes a row: its code and name from the label columns, its
     figures from the value columns. A row whose cells stand one or two columns off (the source
     lost blank cells before them) is moved back where its texts fall in label columns and its
     figures in value columns, and the move is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from yusuan.model.amount import Amount, parse_amount
from yusuan.model.disclosure import Cell, Column, Row, Table
from yusuan.read.lines import SourceLine
from yusuan.recognise.block import loc
from yusuan.recognise.header import HeaderColumn, map_header, resolve_duplicates
from yusuan.recognise.rows import join_codes, tidy
from yusuan.reference.catalogue import catalogue, name_key, strip_ordinal
from yusuan.reference.tables import TableSchema, declarations, normalise_header

_DECIMAL = re.compile(r"^[-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_DASH = {"-", "—", "－", "--", "——", "/", "…", "……", "... ..."}
_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十百]+[)）]|[一二三四五六七八九十百]+[、.．])")
_TOTAL_WORDS = ("合计", "总计")
_CODE = re.compile(r"^\d{3,}$")
_CODE_PREFIX = re.compile(r"^(\d{3}(?:\s?\d{2}){0,2}|\d{5,})\s*(?=[\u4e00-\u9fff（(])")


def is_number(text: str) -> bool:
    return bool(_DECIMAL.match(text.replace(" ", "")))


def grid_lines(lines: list[SourceLine]) -> list[SourceLine]:
    return [ln for ln in lines if ln.cells is not None]


def is_grid_table(lines: list[SourceLine]) -> bool:
    """The source kept this table's grid: most of its lines with figures are grid rows."""
    rows = [ln for ln in lines if ln.text.strip()]
    if not rows:
        return False
    grid = [ln for ln in rows if ln.cells is not None and sum(1 for c in ln.cells if c) >= 1 and len(ln.cells) >= 2]
    return len(grid) >= 2 and len(grid) >= 0.6 * len(rows)


def _is_column_numbers(cells: list[str]) -> bool:
    """'栏次 1 2 3 4' or '1 2 3 4 5': column numbers, not figures."""
    vals = [c.replace(" ", "") for c in cells if c.strip()]
    nums = [v for v in vals if v.isdigit()]
    if len(nums) < 3:
        return False
    others = [v for v in vals if not v.isdigit()]
    if any(o not in ("栏次", "行次", "项目", "甲", "乙", "丙") and not _ORDINAL.match(o) for o in others):
        return False
    ints = [int(v) for v in nums]
    return ints == list(range(ints[0], ints[0] + len(ints))) and ints[0] <= 2


def _looks_like_body(cells: list[str]) -> bool:
    texts = [c.strip() for c in cells if c and c.strip()]
    if not texts:
        return False
    if any(is_number(t) and ("." in t or "," in t) for t in texts):
        return True
    first = texts[0].replace(" ", "")
    if first in _TOTAL_WORDS or first.startswith(("合计", "总计")) and len(first) <= 4:
        return True
    if _CODE.match(first) or _CODE_PREFIX.match(first):
        return True
    if _ORDINAL.match(first):
        return True
    return False


def _header_words(schema: TableSchema) -> set[str]:
    words = set()
    for c in schema.columns:
        words.update(c.header)
    vocab = declarations().vocabulary
    for ws in list(vocab.measures.values()) + list(vocab.label_columns.values()):
        words.update(ws)
    return words


@dataclass
class Panel:
    """The columns of one table row within a printed row (a side, or a half)."""

    labels: list[HeaderColumn]
    values: list[HeaderColumn]
    side: str | None = None
    index: int = 0
    others: list[HeaderColumn] = field(default_factory=list)  # named by the header, not by the declaration

    @property
    def start(self) -> int:
        cols = self.labels + self.values
        return min(c.index for c in cols) if cols else 0

    @property
    def end(self) -> int:
        cols = self.labels + self.values
        return max(c.index for c in cols) + 1 if cols else 0


@dataclass
class GridReading:
    header: list[HeaderColumn]
    panels: list[Panel]
    header_lines: list[SourceLine]
    body: list[SourceLine]
    furniture: list[SourceLine] = field(default_factory=list)
    realigned: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    lossy: bool = False  # text extraction, where a row can lose a blank cell


def split_header(lines: list[SourceLine], schema: TableSchema) -> tuple[list[SourceLine], list[SourceLine], list[SourceLine],
                                                                         list[tuple[SourceLine, list[str]]]]:
    """(header rows, body rows, furniture rows, header cells found inside a body row).

    A total row that shares its ruled row with a sub-header ('合计 | | 合计 | 基本支出 | 项目支出')
    gives its header words to the header and stays a body row."""
    header: list[SourceLine] = []
    body: list[SourceLine] = []
    furniture: list[SourceLine] = []
    extra: list[tuple[SourceLine, list[str]]] = []
    words = _header_words(schema)
    in_body = False
    seen_header: set[tuple[str, ...]] = set()
    for ln in lines:
        if ln.cells is None:
            if in_body:
                body.append(ln)
            continue
        if _is_column_numbers(ln.cells):
            furniture.append(ln)
            continue
        key = tuple(normalise_header(c) for c in ln.cells if c and c.strip())
        if in_body and key in seen_header:
            furniture.append(ln)  # the header repeated on a new page
            continue
        if not in_body:
            seen_header.add(key)
        if not in_body and not _looks_like_body(ln.cells):
            header.append(ln)
            continue
        if not in_body:
            texts = [normalise_header(c) for c in ln.cells]
            inner = [t if (j > 0 and t in words and not is_number(t)) else "" for j, t in enumerate(texts)]
            if sum(1 for t in inner if t) >= 2 and not any(is_number(t) for t in texts):
                # '合计 | 因公出国（境）费 | …' is a header row whose first column is the 合计 column;
                # '合计 | | 合计 | 基本支出 | 项目支出' under a 项目 / 科目编码 header is the 合计 row
                # sharing its ruled row with a sub-header
                first = next(j for j, t in enumerate(texts) if t)
                labels = declarations().vocabulary.label_columns
                label_above = any(normalise_header((h.cells or [""])[first] if first < len(h.cells or []) else "")
                                  in w for h in header for w in labels.values())
                if not label_above:
                    header.append(ln)
                    continue
                extra.append((ln, inner))
                ln = replace(ln, cells=[c if not inner[j] else "" for j, c in enumerate(ln.cells)])
        in_body = True
        body.append(ln)
    return header, body, furniture, extra


def _header_rows(header: list[SourceLine], extra: list[tuple[SourceLine, list[str]]]) -> tuple[list[list[str]], list[list[str] | None]]:
    rows = [list(ln.cells or []) for ln in header]
    spans: list[list[str] | None] = [ln.spans for ln in header]
    for _, inner in extra:
        rows.append(inner)
        spans.append(None)
    return rows, spans


def panels_of(cols: list[HeaderColumn], schema: TableSchema) -> list[Panel]:
    """Split the columns into the table rows a printed row holds."""
    if schema.rows == "two_sided":
        sided = [c for c in cols if c.side]
        if sided:
            out = []
            for side in ("income", "expenditure"):
                these = [c for c in cols if c.side == side]
                if these:
                    out.append(Panel([c for c in these if c.label_role], [c for c in these if c.role], side, len(out)))
            return out
        # no 收入 / 支出 header: the second label column starts the expenditure side
        names = [c for c in cols if c.label_role == "name"]
        if len(names) >= 2:
            cut = names[1].index
            left = [c for c in cols if c.index < cut]
            right = [c for c in cols if c.index >= cut]
            for c in left:
                c.side = "income"
            for c in right:
                c.side = "expenditure"
            return [Panel([c for c in left if c.label_role], [c for c in left if c.role], "income", 0),
                    Panel([c for c in right if c.label_role], [c for c in right if c.role], "expenditure", 1)]
    codes = [c for c in cols if c.label_role == "code"]
    # halves: the label columns repeat after value columns (编码 名称 金额 | 编码 名称 金额)
    starts = [codes[0].index] if codes else []
    for c in codes[1:]:
        if any(v.role and starts[-1] < v.index < c.index for v in cols):
            starts.append(c.index)
    if len(starts) >= 2:
        bounds = starts + [max(c.index for c in cols) + 1]
        out = []
        for k in range(len(starts)):
            these = [c for c in cols if bounds[k] <= c.index < bounds[k + 1]]
            values = [c for c in these if c.role]
            if len(values) == 1 and values[0].role in ("personnel", "public") and schema.column("total") is not None:
                # '人员经费 / 决算数' over a panel of its own: the panel's amount, its group given by the panel
                values[0].role = "total"
                values[0].how += "（分栏的金额列）"
            out.append(Panel([c for c in these if c.label_role], values, None, k))
        return out
    return [Panel([c for c in cols if c.label_role], [c for c in cols if c.role], None, 0)]


def _cell(cells: list[str], j: int) -> str:
    return cells[j].strip() if j < len(cells) and cells[j] else ""


def _misfits(cells: list[str], panels: list[Panel], shift: int) -> int:
    """Cells that land in the wrong kind of column after shifting the row right by `shift`."""
    value_cols = {c.index for p in panels for c in p.values}
    label_cols = {c.index for p in panels for c in p.labels}
    other = {c.index for p in panels for c in p.others}
    bad = 0
    for j, text in enumerate(cells):
        t = text.strip()
        if not t:
            continue
        k = j + shift
        if k < 0:
            bad += 2
            continue
        if k in other:
            continue  # a column the header names but the declaration does not: anything may stand there
        if is_number(t) and "." in t:
            bad += 0 if k in value_cols else 1
        elif not is_number(t) and t not in _DASH:
            bad += 0 if k in label_cols or k not in value_cols else 1
    return bad


def realign(ln: SourceLine, panels: list[Panel], width: int) -> tuple[list[str], int]:
    """The row's cells moved back under their header where the source lost blank cells."""
    cells = list(ln.cells or [])
    base = _misfits(cells, panels, 0)
    if base == 0:
        return cells, 0
    best = (base, 0)
    for shift in (1, -1, 2, -2, 3):
        m = _misfits(cells, panels, shift)
        if m < best[0]:
            best = (m, shift)
    shift = best[1]
    if shift == 0 or best[0] > 0:
        return cells, 0
    if shift > 0:
        return [""] * shift + cells, shift
    if any(c.strip() for c in cells[:-shift]):
        return cells, 0
    return cells[-shift:], shift


def _label_text(cells: list[str], cols: list[HeaderColumn], role: str) -> str:
    return "".join(tidy(_cell(cells, c.index)) for c in cols if c.label_role == role)


def row_labels(cells: list[str], panel: Panel) -> dict[str, str]:
    """code, name, gov_code, gov_name, type, unit of one panel of a row."""
    out: dict[str, str] = {}
    if panel.labels:
        code_parts = [_cell(cells, c.index).replace(" ", "") for c in panel.labels if c.label_role == "code"]
        code = "".join(p for p in code_parts if p.isdigit()) if any(code_parts) else ""
        texts = [p for p in code_parts if p and not p.isdigit()]  # a name printed in the code column
        for role in ("name", "gov_code", "gov_name", "type", "unit", "seq", "note"):
            v = _label_text(cells, panel.labels, role)
            if v:
                out[role] = v
        if texts:
            out["name"] = "".join(texts) + out.get("name", "")
        if not code:
            # a code printed in another label column ('122201' under 项目名称 in a unit's block row)
            for role in ("name", "type", "unit"):
                v = out.get(role, "").replace(" ", "")
                if v.isdigit() and len(v) >= 3:
                    code = v
                    del out[role]
                    break
        if code:
            out["code"] = code
    else:
        first = min((c.index for c in panel.values), default=len(cells))
        parts = join_codes([c for c in cells[panel.start:first] if c and c.strip()])
        if parts and parts[0].isdigit():
            out["code"] = parts[0]
            parts = parts[1:]
        if parts:
            out["name"] = "".join(parts)
    name = out.get("name", "")
    m = _CODE_PREFIX.match(name)
    if m and "code" not in out:
        out["code"] = m.group(1).replace(" ", "")
        out["name"] = name[m.end():].strip()
    return out


def figures(cells: list[str], panel: Panel, unit: str) -> tuple[list[tuple[HeaderColumn, Amount]], list[str]]:
    """The figures of a panel's value columns, and texts found where figures belong."""
    out, odd = [], []
    for c in panel.values:
        t = _cell(cells, c.index).replace(" ", "")
        if not t or t in _DASH:
            continue
        a = parse_amount(t, unit)
        if a is None:
            odd.append(t)
            continue
        out.append((c, a))
    return out, odd


def read_grid(lines: list[SourceLine], schema: TableSchema, main_measure: str, year: int | None) -> GridReading | None:
    """The header mapping and panels of a grid table; None where no header names a value column."""
    header, body, furniture, extra = split_header(lines, schema)
    if not header and not extra:
        return None
    rows, spans = _header_rows(header, extra)
    cols = map_header(rows, schema, spans, main_measure=main_measure, year=year, sides=schema.rows == "two_sided")
    if not any(c.role for c in cols):
        return None
    panels = panels_of(cols, schema)
    for p in panels:
        resolve_duplicates(p.values)
        p.values = [c for c in p.values if c.role]
    starts = sorted(p.start for p in panels)
    for p in panels:
        nxt = next((s for s in starts if s > p.start), None)
        p.others = [c for c in cols if not c.role and not c.label_role and c.path and c.index >= p.start
                    and (nxt is None or c.index < nxt) and c.side == p.side]
    gr = GridReading(cols, panels, header, body, furniture)
    return gr


def columns_of(gr: GridReading, schema: TableSchema) -> list[Column]:
    out: list[Column] = []
    seen = set()
    for p in gr.panels:
        for c in p.values:
            if (c.side, c.role) in seen:
                continue
            seen.add((c.side, c.role))
            base = c.role.split(".", 1)[-1]
            spec = schema.column(base)
            out.append(Column(c.role, c.printed or (spec.label if spec else c.role), measure=c.measure,
                              scope=(spec.scope if spec and spec.scope else None), side=c.side))
    return out


def make_cell(col: HeaderColumn, amount: Amount, ln: SourceLine, schema: TableSchema, shift: int) -> Cell:
    base = col.role.split(".", 1)[-1]
    spec = schema.column(base)
    src = col.index - shift  # where the figure stands in the source line
    return Cell(col.role, amount, loc(ln, src if src >= 0 else None), scope=spec.scope if spec and spec.scope else None)


def is_function_name(name: str) -> bool:
    return catalogue().function_class_by_name(name) is not None


def classify(code: str | None, name: str, scheme: str) -> tuple[str, str | None]:
    """(row kind, code scheme) of a row of a grid table."""
    n = name.replace(" ", "")
    if not code and (n in _TOTAL_WORDS or (n.startswith(_TOTAL_WORDS) and len(n) <= 4)):
        return "total", None
    if code:
        if len(code) == 6 or len(code) > 7:
            return "unit", "unit"
        if scheme in ("function", "unit"):
            if len(code) == 3 and not is_function_name(name) and not n.endswith("支出"):
                return "unit", "unit"  # a department code ('122 政务服务和大数据局') is not a 类
            if len(code) in (3, 5, 7):
                return "item", "function"
        if scheme == "economic" and len(code) in (3, 5):
            return "item", "economic"
        return "item", None
    if scheme == "economic":
        return "item", None
    if scheme == "function" and _ORDINAL.match(n):
        return "stray", None
    return ("unit", "unit") if scheme in ("function", "unit") else ("item", None)


def function_code_by_name(name: str) -> str | None:
    return catalogue().function_class_by_name(strip_ordinal(name))


__all__ = ["GridReading", "Panel", "read_grid", "realign", "row_labels", "figures", "columns_of", "make_cell",
           "classify", "is_grid_table", "is_number", "name_key"]
