"""Tokens of table bodies: amounts, codes and label text, each with its source line.

Free-text rows lose their blank cells and wrap long labels over several lines; tokens let the
row assembler put them back together by meaning rather than by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yusuan.model.amount import is_amount_text
from yusuan.read.lines import SourceLine

_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGITS = re.compile(r"^\d+$")
_DECIMAL = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^[-−]?\d{1,3}(?:,\d{3})+$")


@dataclass
class Token:
    text: str
    line: SourceLine
    col: int | None = None  # grid column index, where the source kept a grid

    @property
    def is_decimal_amount(self) -> bool:
        return bool(_DECIMAL.match(self.text))

    @property
    def is_digits(self) -> bool:
        return bool(_DIGITS.match(self.text))

    @property
    def is_number(self) -> bool:
        return is_amount_text(self.text)


def _merge_spaced_cjk(parts: list[str]) -> list[str]:
    """'本 年 收 入 合 计' was printed letter-spaced: join runs of single CJK characters."""
    out: list[str] = []
    run: list[str] = []
    for p in parts:
        if len(p) == 1 and _CJK.match(p):
            run.append(p)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(p)
    if run:
        out.append("".join(run))
    return out


def line_tokens(line: SourceLine) -> list[Token]:
    if line.cells is not None:
        return [Token(c, line, i) for i, c in enumerate(line.cells) if c]
    parts = line.text.split()
    return [Token(p, line) for p in _merge_spaced_cjk(parts)]

