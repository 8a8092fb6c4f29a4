"""Reader for saved web pages of the 预决算公开 platforms: text blocks and <table> rows."""

from __future__ import annotations

import re

from yusuan.errors import InputError
from yusuan.limits import limits
from yusuan.read.lines import SourceDocument, SourceLine
from yusuan.read.text import decode

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "caption", "title")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# elements that never nest (void) or that the next sibling closes (p, li, td…): not counted as depth
_FLAT = frozenset("area base br col embed hr img input link meta param source track wbr p li td th tr option dt dd "
                  "thead tbody tfoot colgroup rt rp optgroup".split())


def nesting_depth(text: str) -> int:
    """How deep the page's elements nest, by one linear scan of its tags (a tree walk over 100,000
    nested or unclosed <div>s is what must be avoided)."""
    depth = deepest = 0
    for m in _TAG.finditer(text):
        name = m.group(2).lower()
        if name in _FLAT or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def read_html(data: bytes, source: str) -> SourceDocument:
    from bs4 import BeautifulSoup

    text, _ = decode(data)
    depth, most = nesting_depth(text), limits().max_depth
    if depth > most:
        raise InputError(f"网页的元素嵌套过深（{depth} 层，上限 {most} 层，YUSUAN_MAX_DEPTH），"
                         f"不像是预算公开网页，未读取：{source}")
    soup = BeautifulSoup(text, "lxml")  # libxml2 closes <tr>, <td>, <p> as browsers do: no rows nested 5,000 deep
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    lines: list[SourceLine] = []

    def add(t: str, cells: list[str] | None = None, spans: list[str] | None = None) -> None:
        t = " ".join(t.split())
        if t:
            lines.append(SourceLine(no=len(lines) + 1, page=1, text=t, cells=cells, spans=spans))

    body = soup.body or soup
    for el in body.find_all(["table"] + list(_BLOCKS)):
        if el.name == "table":
            if el.find_parent("table") is not None:
                continue
            below: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
            for tr in el.find_all("tr"):
                if tr.find_parent("table") is not el:
                    continue
                cells, spans = _row_cells(tr, below)
                if any(cells):
                    add(" ".join(c for c in cells if c), cells, spans if any(spans) else None)
        elif el.find_parent("table") is None and not el.find(["table"] + list(_BLOCKS)):
            add(el.get_text(" "))
    return SourceDocument(source=source, format="html", lines=lines)


def _span(td, name: str) -> int:
    try:
        return max(1, min(int(td.get(name, 1) or 1), 1000))
    except ValueError:
        return 1


def _row_cells(tr, below: dict[int, int]) -> tuple[list[str], list[str]]:
    """A row's cells on the table's grid: a merged cell stands in its top-left position and the
    columns and rows it spans read as blank, as in a workbook; with each cell, '<' where a colspan
    covers it, '^' where a rowspan from above does, '' where it is its own."""
    cells: list[str] = []
    spans: list[str] = []

    def skip_covered() -> None:
        while below.get(len(cells), 0) > 0:
            below[len(cells)] -= 1
            cells.append("")
            spans.append("^")

    for td in tr.find_all(["td", "th"], recursive=False):
        skip_covered()
        cols, rows = _span(td, "colspan"), _span(td, "rowspan")
        for k in range(cols):
            if rows > 1:
                below[len(cells)] = rows - 1
            cells.append(" ".join(td.get_text(" ").split()) if k == 0 else "")
            spans.append("" if k == 0 else "<")
    skip_covered()
    return cells, spans
