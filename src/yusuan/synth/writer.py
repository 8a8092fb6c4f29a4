"""Write a Budget as the text that extraction from a published PDF produces, in four styles:
tabs (grid kept), markdown tables, spaces (blank cells lost, thousands separators) and flat
(one cell per line, long labels wrapped, header words broken vertically)."""

from __future__ import annotations



from yusuan.synth.budget import Budget
from yusuan.render.henan import HENAN_CONTENTS, contents, fiscal_table, henan_tables  # noqa: F401
from yusuan.render.narrative import narrative_lines
from yusuan.render.layout import STYLES, Page

def narrative(b: Budget) -> list[str]:
    """The 概况, 情况说明 and 名词解释 as the renderer writes them, after a cover line."""
    return [b.unit_name, f"{b.year}年度{b.who}预算", ""] + narrative_lines(b) + [""]


def write_text(b: Budget, style: str) -> str:
    if style not in STYLES:
        raise ValueError(style)
    out = Page(style)
    out.text(*contents(b, HENAN_CONTENTS))
    out.text(*narrative(b))
    henan_tables(b, out)
    return "\n".join(out.lines) + "\n"
