"""Reader for saved web pages of the 预决算公开 platforms: text blocks and <table> rows."""

from __future__ import annotations

from yusuan.read.lines import SourceDocument, SourceLine
from yusuan.read.text import decode

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "caption", "title")


def read_html(data: bytes, source: str) -> SourceDocument:
    from bs4 import BeautifulSoup

    text, _ = decode(data)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    lines: list[SourceLine] = []

    def add(t: str, cells: list[str] | None = None) -> None:
        t = " ".join(t.split())
        if t:
            lines.append(SourceLine(no=len(lines) + 1, page=1, text=t, cells=cells))

    body = soup.body or soup
    for el in body.find_all(["table"] + list(_BLOCKS)):
        if el.name == "table":
            if el.find_parent("table") is not None:
                continue
            for tr in el.find_all("tr"):
                if tr.find_parent("table") is not el:
                    continue
                cells: list[str] = []
                for td in tr.find_all(["td", "th"], recursive=False):
                    cells.append(" ".join(td.get_text(" ").split()))
                    cells.extend([""] * (int(td.get("colspan", 1) or 1) - 1))  # a merged cell spans columns
                if any(cells):
                    add(" ".join(c for c in cells if c), cells if sum(1 for c in cells if c) > 1 else None)
        elif el.find_parent("table") is None and not el.find(["table"] + list(_BLOCKS)):
            add(el.get_text(" "))
    return SourceDocument(source=source, format="html", lines=lines)
