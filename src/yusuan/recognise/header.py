"""Columns from the printed header (表头): every column's header path and its role.

A printed header is a grid of cells, some merged: '基本支出' spans 小计 / 人员经费 / 公用经费, '合计'
spans two header rows. Sources that know their merges (PDF ruling, workbook and Word merges,
HTML spans) say which blank cells a merged cell covers; for text, a blank header cell continues
the cell to its left where both stand over sub-headers and share the header above them. Each
column then reads as a path, top to bottom ('基本支出 / 人员经费 / 工资福利支出'), and the path is
matched against the table's declaration: the last header word names the role ('小计' and '合计'
name the group above them), group headers above it confirm or exclude it, and measure words
(预算数 / 决算数) make the same role a column of another measure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yusuan.reference.tables import ColumnSpec, TableSchema, Vocabulary, declarations, normalise_header

SUBTOTAL_WORDS = ("合计", "小计", "总计", "合计数")
_PATH_SEP = re.compile(r"·|\s+/\s*|\s*/\s+|／")  # a header written as one path: '本年收入·一般公共预算', '基本支出 / 小计'
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff（）“”])\s+(?=[\u4e00-\u9fff（）“”])")
_YEAR_MEASURE = re.compile(r"^(20\d{2})年(?:度)?(预算|决算|执行)?数?$")
_COLUMN_NUMBER = re.compile(r"^(?:\d{1,2}|栏次|[一二三四五六七八九十]+)$")


@dataclass
class HeaderColumn:
    """One column as the header names it."""

    index: int
    path: tuple[str, ...]  # normalised header texts, top to bottom, measures removed
    printed: str  # the header texts as printed, joined by ' / '
    measure: str | None = None
    role: str | None = None  # value role ('basic'; 'budget.total' for another measure)
    label_role: str | None = None  # code / name / type / unit / seq / note
    how: str = ""  # which header words gave the role
    score: float = 0.0
    side: str | None = None  # two-sided tables: 'income' / 'expenditure'

    @property
    def is_value(self) -> bool:
        return self.role is not None

    def to_dict(self) -> dict:
        d = {"index": self.index, "header": self.printed}
        if self.role:
            d["role"] = self.role
        if self.label_role:
            d["label_role"] = self.label_role
        if self.measure:
            d["measure"] = self.measure
        if self.side:
            d["side"] = self.side
        d["how"] = self.how
        return d


def fill_header(rows: list[list[str]], spans: list[list[str] | None] | None = None) -> list[list[str]]:
    """Header cells with merged cells' text carried over the cells they cover.

    spans[r][j]: '<' the cell is covered from the left, '^' from above; elsewhere (its own cell,
    or a source that does not say) a blank cell takes the text to its left when both columns
    have sub-headers below and the same headers above: a drawn grid without merged cells still
    prints '收入' once over 项目 / 金额."""
    width = max((len(r) for r in rows), default=0)
    grid = [[(r[j] if j < len(r) else "") for j in range(width)] for r in rows]
    own = [[bool(c) for c in row] for row in grid]
    filled = [list(row) for row in grid]
    n = len(rows)
    # own_below[r][j]: a cell of its own below row r in column j (one pass, so that a header
    # thousands of columns wide is filled in linear time)
    own_below = [[False] * width for _ in range(n)]
    for r in range(n - 2, -1, -1):
        own_below[r] = [own_below[r + 1][j] or own[r + 1][j] for j in range(width)]
    for r in range(n):
        marks = spans[r] if spans and r < len(spans) and spans[r] is not None else None
        last_filled = last_own = -1  # the nearest column to the left that is filled / has its own text
        for j in range(width):
            if not grid[r][j]:
                mark = marks[j] if marks and j < len(marks) else None
                if mark == "<" and j > 0:
                    filled[r][j] = filled[r][j - 1]
                elif mark == "^" and r > 0:
                    filled[r][j] = filled[r - 1][j]
                elif j > 0 and last_filled >= 0:  # no merge recorded (or a blank cell with its own border): the layout says
                    k = last_filled
                    between_free = last_own <= k  # no cell of its own strictly between k and j
                    if (own_below[r][k] and own_below[r][j] and between_free
                            and all(filled[x][k] == filled[x][j] for x in range(r))):
                        filled[r][j] = filled[r][k]
            if filled[r][j]:
                last_filled = j
            if own[r][j]:
                last_own = j
    return filled


def _paths(filled: list[list[str]]) -> list[tuple[tuple[str, ...], str]]:
    width = max((len(r) for r in filled), default=0)
    out = []
    for j in range(width):
        raw: list[str] = []
        for row in filled:
            t = row[j] if j < len(row) else ""
            for piece in _PATH_SEP.split(t):
                piece = piece.strip()
                if piece and (not raw or raw[-1] != piece):
                    raw.append(piece)
        out.append((tuple(raw), " / ".join(raw)))
    return out


def _measure(texts: list[str], vocab: Vocabulary, year: int | None) -> tuple[list[str], str | None]:
    keep, measure = [], None
    for t in texts:
        m = vocab.measure_of(t)
        if m is None:
            ym = _YEAR_MEASURE.match(t)
            if ym:
                y = int(ym.group(1))
                kind = ym.group(2)
                if year is not None and y == year - 1:
                    m = "last"
                elif kind == "决算" or kind == "执行":
                    m = "final"
                else:
                    m = "budget"
        if m is not None:
            measure = m
            continue
        if _COLUMN_NUMBER.match(t):
            continue
        keep.append(t)
    return keep, measure


def _word_match(text: str, words: tuple[str, ...]) -> int:
    """3 for an exact header word, 1 for a long enough one inside the other, 0 for none."""
    if text in words:
        return 3
    if len(text) >= 3 and any(len(w) >= 3 and (w in text or text in w) for w in words):
        return 1
    return 0


def _context(ancestors: tuple[str, ...], words: tuple[str, ...]) -> bool:
    return any(_word_match(a, words) for a in ancestors)


@lru_cache(maxsize=None)
def _exact_index(kind) -> dict[str, tuple]:
    """Header word → the columns that print it exactly (in declared order)."""
    out: dict[str, list] = {}
    for order, spec in enumerate(declarations().schema(kind).columns):
        for w in spec.header:
            out.setdefault(w, []).append((order, spec))
    return {w: tuple(v) for w, v in out.items()}


def match_value(path: tuple[str, ...], schema: TableSchema, of_which: bool = False) -> tuple[ColumnSpec | None, float, str]:
    """The declared column a header path names, its score and how. `of_which`: the header says
    '其中：…', a part of the column before it."""
    return _match_value(path, schema.kind, of_which)


@lru_cache(maxsize=4096)
def _match_value(path: tuple[str, ...], kind, of_which: bool) -> tuple[ColumnSpec | None, float, str]:
    schema = declarations().schema(kind)
    if not path:
        return None, 0.0, ""
    leaf, ancestors = path[-1], path[:-1]
    subtotal = leaf in SUBTOTAL_WORDS and bool(ancestors)
    if subtotal:
        # '基本支出 / 小计' is the 基本支出 column: the group's own total
        leaf, ancestors = ancestors[-1], ancestors[:-1]
    best: tuple[ColumnSpec | None, float, str] = (None, 0.0, "")
    exact = _exact_index(kind).get(leaf, ())
    candidates = exact if exact and not ancestors else list(enumerate(schema.columns))
    for order, spec in candidates:
        m = _word_match(leaf, spec.header)
        if not m:
            continue
        if spec.not_under and _context(ancestors, spec.not_under):
            continue
        score = 10.0 if m == 3 else 4.0
        if of_which:
            score += 4.0 if spec.of_which else -3.0
        if spec.under:
            score += 5.0 if _context(ancestors, spec.under) else -2.0
        score -= order * 0.001  # between equals, the column declared first
        if score > best[1]:
            best = (spec, score, "/".join(path))
    return best


def map_header(rows: list[list[str]], schema: TableSchema, spans: list[list[str] | None] | None = None,
               main_measure: str = "budget", year: int | None = None, sides: bool = False) -> list[HeaderColumn]:
    """Every column of a header grid with the role its header texts give it (new objects each
    call: the reader marks them; the mapping itself is memoised, as documents of a template
    print the same headers)."""
    key = (tuple(tuple(r) for r in rows), tuple(tuple(x) if x is not None else None for x in (spans or [])),
           schema.kind, main_measure, year, sides)
    return [HeaderColumn(**vars(c)) for c in _map_header(key)]


@lru_cache(maxsize=2048)
def _map_header(key) -> tuple[HeaderColumn, ...]:
    rows_t, spans_t, kind, main_measure, year, sides = key
    rows = [list(r) for r in rows_t]
    spans = [list(x) if x is not None else None for x in spans_t] or None
    schema = declarations().schema(kind)
    vocab = declarations().vocabulary
    norm = [["·".join(normalise_header(piece) for piece in _PATH_SEP.split(c or "")) if c else "" for c in r] for r in rows]
    filled = fill_header(norm, spans)
    printed_rows = [[_CJK_GAP.sub("", " ".join((c or "").split())) for c in r] for r in rows]
    printed_filled = fill_header(printed_rows, spans)
    cols: list[HeaderColumn] = []
    for j, ((path, _), (_, printed)) in enumerate(zip(_paths(filled), _paths(printed_filled))):
        side = None
        texts = list(path)
        if sides:
            for s, words in schema.sides.items():
                if texts and texts[0] in words:
                    side = s
                    texts = texts[1:]
                    break
        texts, measure = _measure(texts, vocab, year)
        col = HeaderColumn(index=j, path=tuple(texts), printed=printed, measure=measure, side=side)
        label = vocab.label_role(texts[-1]) if texts else None
        if label in ("code", "name") and any("政府" in a and "经济分类" in a for a in texts[:-1]):
            label = "gov_" + label  # '政府预算支出经济分类科目 / 科目编码' beside the 部门 classification
        if label is not None:
            col.label_role = label
            col.how = f"表头“{printed}”：{_LABEL_NAMES.get(label, label)}列"
        else:
            raw_leaf = printed.split(" / ")[-1] if printed else ""
            spec, score, how = match_value(tuple(texts), schema, of_which=raw_leaf.replace(" ", "").startswith("其中"))
            if spec is None and not texts and measure is not None and schema.column("total") is not None:
                spec, score, how = schema.column("total"), 8.0, printed  # '决算数' alone: the table's amount
            if spec is not None:
                role = spec.role if measure in (None, main_measure) else f"{measure}.{spec.role}"
                col.role, col.score = role, score
                col.how = f"表头“{printed}”→{spec.label}" + (f"（{_MEASURE_NAMES[measure]}）" if measure and measure != main_measure else "")
            elif texts:
                col.how = f"表头“{printed}”未能对应到{schema.label}的任何列"
        cols.append(col)
    _unit_beside_name(cols)
    return tuple(cols)


_UNIT_NAMES = ("单位名称", "部门名称", "预算单位名称", "单位（部门）名称", "部门（单位）名称")


def _unit_beside_name(cols: list[HeaderColumn]) -> None:
    """'单位名称 | 项目名称': beside a column naming the row itself, the one naming the unit is the
    row's unit (a project of that unit), not more of its name."""
    names = [c for c in cols if c.label_role == "name"]
    units = [c for c in names if c.path and c.path[-1] in _UNIT_NAMES]
    if units and len(units) < len(names):
        for c in units:
            c.label_role = "unit"
            c.how = f"表头“{c.printed}”：{_LABEL_NAMES['unit']}列（与名称列并列）"


_LABEL_NAMES = {"code": "编码", "gov_code": "政府经济分类编码", "gov_name": "政府经济分类名称", "name": "名称",
                "type": "类型", "unit": "单位", "seq": "序号", "note": "备注"}
_MEASURE_NAMES = {"budget": "预算数", "adjusted": "调整预算数", "final": "决算数", "last": "上年数"}


def resolve_duplicates(cols: list[HeaderColumn]) -> None:
    """Two columns cannot hold one role (of one side): the better-named keeps it."""
    seen: dict[tuple[str | None, str], HeaderColumn] = {}
    for c in cols:
        if c.role is None:
            continue
        key = (c.side, c.role)
        other = seen.get(key)
        if other is None:
            seen[key] = c
            continue
        loser = c if c.score <= other.score else other
        winner = other if loser is c else c
        seen[key] = winner
        loser.how += f"；与第{winner.index + 1}列同为该列，未采用"
        loser.role = None
