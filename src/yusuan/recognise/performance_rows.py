"""项目绩效目标表 printed a row per indicator, read by its printed header.

Most publishers outside Henan print the national layout: 项目名称 | 资金总额 (| 财政拨款 | 其他资金) |
年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标值 (| 度量单位 …), the project, its funds, its goal and its
levels in cells merged down the project's indicator rows. Every column takes its role from its own
header words (tables.yaml `project_performance`: `columns` for the funds, `targets` for the
indicator columns, the label columns for 项目编码 / 项目名称 / 项目单位), never from its position.

Rows: a project starts at its 项目编码, or where a name comes with funds; a name on a row without
them continues the project's name (merged cells wrap), and a name repeated down its merged cell is
the same project. Levels carry down until another is printed; a level, indicator or value alone on
its line continues the one above (wrapped cells); a value split into 符号 | 数值 | 单位 is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from yusuan.model.amount import YUAN, parse_amount
from yusuan.model.disclosure import UNIT_CODE, Cell, Column, Row, Table, TableKind
from yusuan.read.lines import SourceLine
from yusuan.recognise.block import loc
from yusuan.recognise.header import HeaderColumn, map_header
from yusuan.recognise.rows import tidy
from yusuan.reference.tables import declarations, normalise_header, role_label

FUNDS = ("total", "gpb", "special_account", "unit_funds")
_TOTAL_LABELS = ("合计", "总计")
_NOT_SIGN = re.compile(r"^(?:定量|定性|正向|反向|正向指标|反向指标|定量指标|定性指标)$")
_SIGN = re.compile(r"^[≥≤＞＜><=＝≧≦]+$")
_YUAN_HEADER = re.compile(r"[（(]\s*元\s*[)）]")


@dataclass
class RowLayout:
    """Which column holds what, from the header: role -> column index, with how it was named."""

    header: list[SourceLine]
    columns: dict[str, int]
    units: dict[str, str]  # fund role -> the unit its header states
    how: list[HeaderColumn] = field(default_factory=list)


def _target_role(text: str, words: dict[str, tuple[str, ...]]) -> str | None:
    return next((role for role, ws in words.items() if text in ws), None)


@lru_cache(maxsize=1)
def _header_words() -> frozenset[str]:
    d = declarations()
    sch = d.schema(TableKind.PROJECT_PERFORMANCE)
    words = {w for ws in sch.targets.values() for w in ws} | {w for c in sch.columns for w in c.header}
    words |= {w for ws in d.vocabulary.label_columns.values() for w in ws}
    return frozenset(words | {"项目金额", "资金来源", "其中", "绩效指标", "预算情况", "项目资金", "资金", "单位"})


def _is_header_line(ln: SourceLine, words: frozenset[str]) -> bool:
    cells = [normalise_header(c) for c in ln.cells or [] if c and c.strip()]
    if not cells or any(parse_amount(c) is not None for c in cells):
        return False
    unknown = sum(c not in words for c in cells)
    return unknown == 0 or (unknown == 1 and len(cells) >= 4)  # a group header of its own wording


def row_layout(lines: list[SourceLine]) -> RowLayout | None:
    """The header of a row-per-indicator table, or None when the table is not one (the Henan grid
    prints a 三级指标 | 指标值 pair under each 一级指标 instead: more than one indicator column)."""
    sch = declarations().schema(TableKind.PROJECT_PERFORMANCE)
    words = _header_words()
    grid = [ln for ln in lines[:40] if ln.cells]
    at = next((i for i, ln in enumerate(grid) if _is_header_line(ln, words)
               and any(_target_role(normalise_header(c), sch.targets) == "indicator" for c in ln.cells or [])), None)
    if at is None:
        return None
    top = at
    while top > 0 and _is_header_line(grid[top - 1], words):
        top -= 1
    end = at + 1
    while end < len(grid) and _is_header_line(grid[end], words):
        end += 1
    header = grid[top:end]
    rows = [list(ln.cells or []) for ln in header]
    spans = [ln.spans for ln in header] if any(ln.spans for ln in header) else None
    cols = map_header(rows, sch, spans)
    roles: dict[str, int] = {}
    units: dict[str, str] = {}
    indicator_columns = 0
    for c in cols:
        role = None
        for k in range(len(c.path) - 1, -1, -1):  # the lowest header text that names a role
            role = _target_role(c.path[k], sch.targets)
            if role == "goal" and k < len(c.path) - 1:
                role = None  # '绩效目标' over the indicator columns is a group, not the goal
            if role:
                c.how = f"表头“{c.printed}”：{role_label(role, TableKind.PROJECT_PERFORMANCE)}列"
                break
        if role is None and c.label_role in ("code", "name", "unit"):
            role = c.label_role
            if role == "unit" and "value" in roles:
                role = "measure"  # '单位' after the 指标值: the value's unit
                c.how = f"表头“{c.printed}”：度量单位列"
        if role is None and c.role in FUNDS:
            role = c.role
            units[role] = YUAN if _YUAN_HEADER.search(c.printed) else ""
        if role is None:
            continue
        indicator_columns += role == "indicator"
        if role not in roles:
            roles[role] = c.index
            c.role = role
    if indicator_columns != 1 or "value" not in roles or not ({"name", "code"} & set(roles)):
        return None
    if "level1" not in roles and "level2" not in roles and "goal" not in roles and not set(FUNDS) & set(roles):
        return None
    return RowLayout(header=header, columns=roles, units=units, how=[c for c in cols if c.role or c.how])



def _cell(cells: list[str], layout: RowLayout, role: str) -> str:
    j = layout.columns.get(role)
    return tidy(cells[j]) if j is not None and j < len(cells) and cells[j] else ""


def _value(cells: list[str], layout: RowLayout) -> str:
    value = _cell(cells, layout, "value").replace(" ", "")
    sign = _cell(cells, layout, "sign").replace(" ", "")
    measure = _cell(cells, layout, "measure").replace(" ", "")
    if not value:
        return ""
    if sign and _SIGN.match(sign) and not _SIGN.match(value[:1]):
        value = sign + value
    if measure and measure not in ("-", "/", "—") and not value.endswith(measure):
        value += measure
    return value


class _Project:
    def __init__(self, row: Row):
        self.row = row
        self.parts = [row.label]
        self.entries: list[list] = []  # [indicator parts, value or None, level1, level2]
        self.goal: list[str] = []
        self.level1 = self.level2 = ""
        self.level1_tail = self.level2_tail = ""  # the last fragment of each level as printed
        self.first_level1 = ""

    def close(self) -> None:
        done = [e for e in self.entries if e[0] and e[1]]
        if done:
            self.row.attrs["targets"] = [("".join(e[0]), e[1]) for e in done]  # type: ignore[assignment]
            if any(e[2] for e in done):
                self.row.attrs["target_levels"] = [e[2] for e in done]  # type: ignore[assignment]
            if any(e[3] for e in done):
                self.row.attrs["target_levels2"] = [e[3] for e in done]  # type: ignore[assignment]
        if self.goal:
            self.row.attrs["goal"] = "".join(self.goal)  # type: ignore[assignment]

    def indicator_line(self, l1: str, l2: str, ind: str, val: str, full) -> None:
        """One line's level, indicator and value cells. `full(role, text)`: the fragment filled its
        column's width, so that the column's next fragment continues it (a wrapped cell)."""
        last = self.entries[-1] if self.entries else None
        wrapped = not val and last is not None and last[1] is not None  # a line of fragments below a finished row
        new_level = False
        if l1 and l1 != self.level1:
            if wrapped and self.level1 and full("level1", self.level1_tail):
                self.level1 += l1  # '满意度' / '指标'
            else:
                self.level1, self.level2, new_level = l1, "", True
                self.first_level1 = self.first_level1 or l1
            self.level1_tail = l1
        if l2 and l2 != self.level2:
            if wrapped and self.level2 and full("level2", self.level2_tail):
                self.level2 += l2  # '可持续影响指' / '标'
            else:
                self.level2, new_level = l2, True
            self.level2_tail = l2
        if ind and val:
            if last is not None and last[1] is None and not new_level:
                last[0].append(ind)
                last[1] = val  # a name wrapped above its value
            else:
                self.entries.append([[ind], val, self.level1, self.level2])
        elif ind:
            if last is not None and not new_level and (last[1] is None or full("indicator", last[0][-1])):
                last[0].append(ind)  # a name continues down its column, also below its value
            else:
                self.entries.append([[ind], None, self.level1, self.level2])
        elif val and last is not None:
            if last[1] is None:
                last[1] = val  # the value printed below its name
            else:
                last[1] += val  # a value wrapped: '2024年12月底' / '前'
        if wrapped and last is not None and not new_level:
            # the levels of a row go on below its indicator: the row keeps them whole
            last[2], last[3] = self.level1, self.level2


def _width(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)


def extract_performance_rows(lines: list[SourceLine], layout: RowLayout, unit: str, table: Table) -> None:
    """The projects of a row-per-indicator table, each with its funds, goal and targets."""
    header_keys = {tuple(normalise_header(c) for c in ln.cells or []) for ln in layout.header}
    funds = [r for r in FUNDS if r in layout.columns]
    table.columns = [Column(r, declarations().schema(TableKind.PROJECT_PERFORMANCE).label_of(r)) for r in funds]
    widths: dict[str, int] = {}  # role -> the widest fragment its column prints: the wrap width
    for ln in lines:
        if ln.cells and ln not in layout.header:
            for role in ("level1", "level2", "indicator"):
                widths[role] = max(widths.get(role, 0), _width(_cell(ln.cells, layout, role)))

    def full(role: str, text: str) -> bool:
        return widths.get(role, 0) >= 4 and _width(text) >= widths[role] - 1

    current: _Project | None = None
    started = False
    for ln in lines:
        if ln in layout.header:
            started = True
            continue
        if not started or not ln.cells:
            continue
        cells = ln.cells
        if tuple(normalise_header(c) for c in cells) in header_keys:
            continue  # the header repeated on the next page
        code = _cell(cells, layout, "code").replace(" ", "")
        name = _cell(cells, layout, "name")
        amounts = {r: parse_amount(_cell(cells, layout, r), layout.units.get(r) or unit) for r in funds}
        amounts = {r: a for r, a in amounts.items() if a is not None}
        coded = code.isdigit() and len(code) >= 3
        if name.replace(" ", "") in _TOTAL_LABELS or (not name and not coded and amounts and current is None):
            total = Row(label="合计", location=loc(ln), kind="total")
            for r, a in amounts.items():
                total.cells[r] = Cell(r, a, loc(ln))
            table.rows.append(total)
            continue
        same = current is not None and name and (name == current.row.label or name == current.parts[-1])
        if coded and (current is None or code != current.row.code):
            start = True
        elif not name or same:
            start = False
        elif amounts:
            start = current is None or bool(current.row.cells)  # funds beside a wrapped name's second line stay
        else:
            start = current is None or (not funds and bool(current.entries)
                                        and _cell(cells, layout, "level1") == current.first_level1)
        if start:
            if current is not None:
                current.close()
            kind = "unit" if UNIT_CODE.match(code) else "item"
            row = Row(label=name, location=loc(ln), kind=kind, code=code or None,
                      code_scheme="unit" if kind == "unit" else "project")
            table.rows.append(row)
            current = _Project(row)
        elif current is not None and name and not same:
            current.row.label += name
            current.parts.append(name)
        if current is None:
            continue
        for r, a in amounts.items():
            if r not in current.row.cells:
                current.row.cells[r] = Cell(r, a, loc(ln))
        if current.row.kind != "item":
            continue
        goal = _cell(cells, layout, "goal")
        if goal and (not current.goal or goal != current.goal[-1]):
            current.goal.append(goal)
        current.indicator_line(_cell(cells, layout, "level1"), _cell(cells, layout, "level2"),
                               _cell(cells, layout, "indicator"), _value(cells, layout), full)
    if current is not None:
        current.close()
