"""A table's lines split into unit, header, body and notes, ready for a kind's extractor."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from yusuan.model.amount import WAN, YUAN, Amount, parse_amount
from yusuan.model.location import Location
from yusuan.read.lines import SourceLine
from yusuan.recognise.rows import RawRow, assemble, join_codes
from yusuan.recognise.segment import Segment, is_meta
from yusuan.recognise.tokens import line_tokens

_UNIT = re.compile(r"(?:金额单位|单位)[:：]?(万元|元)")
_NOTE_START = re.compile(r"^(?:注|备注|说明)\s*[0-9１-９.．、]*\s*[:：]")
_NO_DATA = re.compile(r"(本表无数据|无数据|没有.{0,30}(?:支出|收入|预算|经费)|无此项|未安排|不涉及)")


@dataclass
class Block:
    segment: Segment
    unit: str
    header_lines: list[SourceLine] = field(default_factory=list)
    body_lines: list[SourceLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: list[RawRow] = field(default_factory=list)

    @property
    def header_text(self) -> str:
        return re.sub(r"\s+", "", "".join(ln.text for ln in self.header_lines))


def detect_unit(seg: Segment) -> str:
    zone = seg.pre_meta + seg.lines[:14]
    compact = re.sub(r"\s+", "", "".join(ln.text for ln in zone))
    compact = re.sub(r"单位名称[:：]?", "", compact)
    m = _UNIT.search(compact)
    if m:
        return YUAN if m.group(1) == "元" else WAN
    if "（元）" in seg.title or "(元)" in seg.title or "单位：元" in seg.title:
        return YUAN
    return WAN


def split_notes(lines: list[SourceLine]) -> tuple[list[SourceLine], list[str]]:
    body: list[SourceLine] = []
    notes: list[str] = []
    in_note = False
    for ln in lines:
        text = ln.text.strip()
        has_amount = any(t.is_decimal_amount for t in line_tokens(ln))
        if _NOTE_START.match(text) or (not has_amount and _NO_DATA.search(text) and len(text) > 4):
            in_note = True
            notes.append(text)
            continue
        if in_note and not has_amount:
            notes.append(text)
            continue
        in_note = False
        body.append(ln)
    return body, notes


def _anchor_index(row: RawRow, scheme_codes: bool) -> int | None:
    """Index in row.labels where the first data row's own label starts."""
    words = row.labels
    amount_line = row.amounts[0].line if row.amounts else None
    for i in range(len(words) - 1, -1, -1):
        # a 合计 in the header is a column name; the total row's own 合计 sits with its amounts
        if words[i].text.replace(" ", "") in ("合计", "总计") and (i == len(words) - 1 or words[i].line is amount_line):
            return i
    if scheme_codes:
        for i, t in enumerate(words):
            if t.is_digits and len(t.text) >= 3:
                return i
    return None


def drop_repeated_header(body: list[SourceLine], header: list[SourceLine]) -> list[SourceLine]:
    """Tables continued on a new page repeat their header: drop each repetition as a block."""
    htexts = [ln.text.strip() for ln in header]
    out: list[SourceLine] = []
    i = 0
    while i < len(body):
        t = body[i].text.strip()
        if i > 0 and len(t) >= 4 and t in htexts:
            j = htexts.index(t)
            k = 0
            while i + k < len(body) and j + k < len(htexts) and body[i + k].text.strip() == htexts[j + k]:
                k += 1
            i += k
            continue
        out.append(body[i])
        i += 1
    return out


def prepare(seg: Segment, codes: bool = True, whole_lines: bool = False) -> Block:
    """Split header from body, drop page meta and repeated headers, assemble rows."""
    unit = detect_unit(seg)
    lines = [ln for ln in seg.lines if not is_meta(ln.text)]
    body, notes = split_notes(lines)
    block = Block(segment=seg, unit=unit, notes=notes)
    first = assemble(body)
    data_i = next((i for i, r in enumerate(first) if r.amounts), None)
    if data_i is None:
        block.header_lines = body
        return block
    r0 = first[data_i]
    anchor = None if whole_lines else _anchor_index(r0, codes)
    if anchor is None:
        # no label of its own: everything before the amounts is header (e.g. the 三公 table)
        start_line = r0.amounts[0].line
        start_tok = None
    else:
        start_line = r0.labels[anchor].line
        start_tok = r0.labels[anchor]
    idx = next(i for i, ln in enumerate(body) if ln is start_line)
    block.header_lines = body[:idx]
    rest = drop_repeated_header(body[idx:], block.header_lines)
    if start_tok is not None and rest and rest[0].cells is None:
        toks = line_tokens(rest[0])
        pos = next((i for i, t in enumerate(toks) if t.text == start_tok.text), 0)
        if pos:
            rest[0] = replace(rest[0], text=" ".join(t.text for t in toks[pos:]), cells=None)
    elif start_tok is None and rest and rest[0].cells is None and not whole_lines:
        toks = line_tokens(rest[0])
        pos = next((i for i, t in enumerate(toks) if t.is_decimal_amount), 0)
        if pos:
            block.header_lines.append(replace(rest[0], text=" ".join(t.text for t in toks[:pos]), cells=None))
            rest[0] = replace(rest[0], text=" ".join(t.text for t in toks[pos:]), cells=None)
    block.body_lines = rest
    block.rows = assemble(rest)
    return block


def amounts_of(row: RawRow, unit: str) -> list[Amount]:
    out = []
    for t in row.amounts:
        a = parse_amount(t.text, unit)
        if a is not None:
            out.append(a)
    return out


def loc(line: SourceLine, col: int | None = None) -> Location:
    """Where a line (or one of its grid cells) stands; in a workbook, sheet and cell address."""
    if line.sheet is not None:
        from openpyxl.utils import get_column_letter

        cell = f"{get_column_letter(col + 1)}{line.row}" if col is not None and line.row else None
        return Location(line=line.no, page=line.page, sheet=line.sheet, cell=cell)
    bbox = line.bbox
    if col is not None and line.cell_bboxes and col < len(line.cell_bboxes) and line.cell_bboxes[col]:
        bbox = line.cell_bboxes[col]
    return Location(line=line.no, page=line.page, bbox=tuple(round(v, 1) for v in bbox) if bbox else None,
                    confidence=line.confidence)


def label_parts(row: RawRow) -> list[str]:
    return join_codes([t.text for t in row.labels])

