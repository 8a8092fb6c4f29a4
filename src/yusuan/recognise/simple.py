"""Small tables: 收入表 (by unit), 三公经费表, and the project-style lists (项目支出表, 基本支出明细表)."""

from __future__ import annotations

from decimal import Decimal

from yusuan.model.disclosure import Column, Row, Table
from yusuan.read.clean import full_width_brackets
from yusuan.recognise.align import Placement, is_ambiguous
from yusuan.recognise.block import Block, amounts_of, label_parts, loc
from yusuan.recognise.placement import fill_cells, row_placements
from yusuan.recognise.columns import FUNDED, INCOME, INCOME_SIMPLE, THREE_PUBLIC, label as role_label

_PROJECT_TYPES = ("其他运转类", "特定目标类", "人员类", "公用经费", "运转类", "一次性项目", "经常性项目", "延续性项目")


def extract_income(block: Block, table: Table) -> None:
    tmpl = INCOME if "总计" in block.header_text and block.header_text.count("一般公共预算") >= 3 else INCOME_SIMPLE
    table.columns = [Column(r, role_label(r, table.kind)) for r in tmpl.roles]
    for raw in block.rows:
        amts = amounts_of(raw, block.unit)
        if not amts:
            continue
        parts = label_parts(raw)
        text = "".join(p for p in parts if not p.isdigit())
        code = next((p for p in parts if p.isdigit()), None)
        if text in ("合计", "总计") or not parts:
            row = Row(label="合计", location=loc(raw.first_line), kind="total")
        else:
            row = Row(label=text, location=loc(raw.first_line), kind="unit", code=code, code_scheme="unit")
        _fill_best(table, row, raw, amts, tmpl)
        table.rows.append(row)


def _fill_best(table: Table, row: Row, raw, amts, tmpl, hint: dict[str, Decimal] | None = None) -> list[Placement]:
    cands = row_placements(raw, amts, tmpl, hint=hint, grid_prefix=True)
    if cands:
        fill_cells(row, raw, amts, cands[0], len(tmpl.roles))
    else:
        row.attrs["unplaced"] = " ".join(a.printed for a in amts)
        table.warnings.append(f"第{raw.first_line.no}行的金额无法与表头列对应")
    return cands


def extract_three_public(block: Block, table: Table, hint: dict[str, Decimal] | None) -> None:
    table.columns = [Column(r, role_label(r, table.kind)) for r in THREE_PUBLIC.roles]
    for raw in block.rows:
        amts = amounts_of(raw, block.unit)
        if not amts:
            continue
        row = Row(label=raw.label_text or "合计", location=loc(raw.first_line), kind="total")
        cands = _fill_best(table, row, raw, amts, THREE_PUBLIC, hint=hint)
        if not hint and is_ambiguous(cands):
            table.warnings.append("三公经费表的空白列被省略，各项金额所在列由勾稽关系推断")
        table.rows.append(row)
        break


def _split_name_unit(text: str, known_units: list[str]) -> tuple[str, str | None]:
    text = full_width_brackets(text)
    for u in sorted(known_units, key=len, reverse=True):
        if u and text.endswith(u) and len(text) > len(u):
            return text[: -len(u)], u
    return text, None


def _cut_type(text: str, following: str) -> tuple[str, str, str] | None:
    """A 类型 wrapped in its cell ('公用经' here, '费' at the start of the next row's name): (the type,
    this row's name without it, the part to take off the next row), when the next row starts with
    the rest of the type."""
    for t in _PROJECT_TYPES:
        for k in range(len(t) - 1, 2, -1):
            if text.startswith(t[:k]) and not text.startswith(t) and following.startswith(t[k:]):
                return t, text[k:], t[k:]
    return None


def extract_projects(block: Block, table: Table, known_units: list[str]) -> None:
    """Rows: 类型, 项目名称, 项目单位 (order varies), then amounts by fund."""
    table.columns = [Column(r, role_label(r, table.kind)) for r in FUNDED.roles]
    current_type = None
    current_unit = None  # a unit's name opens its block in 基本支出明细表 and holds for the rows below
    tail = ""  # the end of a 类型 cut at the line's end ('公用经' | '费'), to take off the next row's name
    rows = [(raw, amounts_of(raw, block.unit)) for raw in block.rows]
    rows = [(raw, amts) for raw, amts in rows if amts]
    for i, (raw, amts) in enumerate(rows):
        parts = label_parts(raw)
        words = [p for p in parts]
        text = "".join(w for w in words if not w.isdigit())
        if tail and text.startswith(tail):
            text, tail = text[len(tail):], ""
        cut = _cut_type(text, "".join(w for w in label_parts(rows[i + 1][0]) if not w.isdigit()) if i + 1 < len(rows) else "")
        if cut:
            current_type, text, tail = cut
        code = next((w for w in words if w.isdigit()), None)
        if text in ("合计", "总计") or not words:
            row = Row(label="合计", location=loc(raw.first_line), kind="total")
        elif code and text and (len(code) in (3, 6)) and (text in known_units or len(words) <= 3 and not any(text.startswith(t) for t in _PROJECT_TYPES)):
            row = Row(label=text, location=loc(raw.first_line), kind="unit", code=code, code_scheme="unit")
        else:
            text = full_width_brackets(text)
            typ = next((t for t in _PROJECT_TYPES if text.startswith(t)), None)
            rest = text[len(typ):] if typ else text
            if typ:
                current_type = typ
            # 基本支出明细表 starts a unit's block with the unit name before the type
            unit_name = None
            for u in sorted(known_units, key=len, reverse=True):
                if u and rest.startswith(u) and len(rest) > len(u):
                    unit_name, rest = u, rest[len(u):]
                    break
            typ2 = next((t for t in _PROJECT_TYPES if rest.startswith(t)), None)
            if typ2:
                current_type, rest = typ2, rest[len(typ2):]
            name, unit = _split_name_unit(rest, known_units)
            if unit_name:
                current_unit = unit_name
            row = Row(label=name, location=loc(raw.first_line), kind="item", code_scheme="project")
            if current_type:
                row.attrs["type"] = current_type
            if unit or current_unit:
                row.attrs["unit"] = unit or current_unit
        _fill_best(table, row, raw, amts, FUNDED)
        table.rows.append(row)
