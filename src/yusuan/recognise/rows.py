"""Logical rows of a table body.

A grid line (tabs, markdown) is one row with its blank cells kept. Free text loses blank cells
and wraps long labels over several lines, so a row there is: label tokens, then amounts; the
next label token after an amount starts the next row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yusuan.read.lines import SourceLine
from yusuan.recognise.tokens import Token, line_tokens

_CODE_LENGTHS = {3, 5, 6, 7}


@dataclass
class RawRow:
    labels: list[Token] = field(default_factory=list)
    amounts: list[Token] = field(default_factory=list)
    grid: list[str] | None = None  # cells of a grid row, blanks kept
    lines: list[SourceLine] = field(default_factory=list)

    @property
    def first_line(self) -> SourceLine:
        return self.lines[0]

    @property
    def label_text(self) -> str:
        return "".join(t.text for t in self.labels if not t.is_digits)


def _is_code_part(tok: Token, prev: Token | None) -> bool:
    if not tok.is_digits:
        return False
    n = len(tok.text)
    if n in _CODE_LENGTHS or n >= 9:
        return True
    return n == 2 and prev is not None and prev.is_digits


def is_amount_token(tok: Token, prev: Token | None, line_start: bool, in_amounts: bool) -> bool:
    if tok.is_decimal_amount:
        return True
    if not tok.is_number:
        return False
    if tok.text.startswith(("-", "−")):
        return True
    if _is_code_part(tok, prev):
        # a code-shaped integer in the middle of a run of amounts is an amount
        return in_amounts and not line_start
    return True


def assemble(lines: list[SourceLine]) -> list[RawRow]:
    rows: list[RawRow] = []
    cur = RawRow()
    for ln in lines:
        toks = line_tokens(ln)
        if not toks:
            continue
        if ln.cells is not None:
            has_amount = any(t.is_decimal_amount for t in toks)
            prev_cols = {t.col for t in rows[-1].labels if not t.is_digits} if rows else set()
            if (not has_amount and rows and rows[-1].grid is not None and cur.labels == [] and cur.amounts == []
                    and {t.col for t in toks} <= prev_cols):
                # a wrapped label in a grid, in the previous row's label columns: its continuation
                rows[-1].labels.extend(toks)
                rows[-1].lines.append(ln)
                continue
            if cur.labels or cur.amounts:
                rows.append(cur)
                cur = RawRow()
            row = RawRow(grid=list(ln.cells), lines=[ln])
            prev = None
            in_amounts = False
            for t in toks:
                if is_amount_token(t, prev, False, in_amounts):
                    row.amounts.append(t)
                    in_amounts = True
                else:
                    row.labels.append(t)
                prev = t
            if not row.amounts:
                row.grid = None  # a label-only grid line: let following lines complete it
                cur = row
                continue
            rows.append(row)
            continue
        prev = None
        for k, t in enumerate(toks):
            in_amounts = bool(cur.amounts)
            if is_amount_token(t, prev, k == 0, in_amounts):
                cur.amounts.append(t)
            else:
                if cur.amounts:
                    rows.append(cur)
                    cur = RawRow()
                cur.labels.append(t)
            if not cur.lines or cur.lines[-1] is not ln:
                cur.lines.append(ln)
            prev = t
    if cur.labels or cur.amounts:
        rows.append(cur)
    return rows


_CJKISH = r"[\u4e00-\u9fff（）()、“”]"


_WRAP_SPACE = re.compile(rf"(?<={_CJKISH})\s+(?={_CJKISH})")
_SPACED_CODE = re.compile(r"\d{3,}(?: \d{2,})+")
_TWO_DIGITS = re.compile(r"\d{2}")
_CLASS_OR_ITEM = re.compile(r"\d{3}|\d{5}")


def tidy(text: str) -> str:
    """Remove the spaces a wrapped cell left between Chinese characters."""
    return _WRAP_SPACE.sub("", text.strip())


def join_codes(tokens: list[str]) -> list[str]:
    """['201','13','50','事业运行'] -> ['2011350','事业运行']; '301','01' -> '30101'."""
    out: list[str] = []
    for t in tokens:
        t = tidy(t)
        if _SPACED_CODE.fullmatch(t):
            t = t.replace(" ", "")
        if _TWO_DIGITS.fullmatch(t) and out and _CLASS_OR_ITEM.fullmatch(out[-1]):
            out[-1] += t
        else:
            out.append(t)
    return out
