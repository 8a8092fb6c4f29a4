"""The printed lines of a stored original, read again from its bytes when a page asks for them
(not kept in the database: they would double the size of every stored document)."""

from __future__ import annotations

from collections import OrderedDict

from yusuan.read.source import load_bytes

_CACHE: OrderedDict[str, list[tuple[int, int, str]]] = OrderedDict()
_KEEP = 16


def source_lines(sha256: str, data: bytes, name: str) -> list[tuple[int, int, str]]:
    """(line number, page, text) of every line, as the reader numbered them for the locations."""
    lines = _CACHE.get(sha256)
    if lines is None:
        lines = [(ln.no, ln.page, ln.text) for ln in load_bytes(data, name).lines]
        _CACHE[sha256] = lines
        while len(_CACHE) > _KEEP:
            _CACHE.popitem(last=False)
    return lines


def page_lines(lines: list[tuple[int, int, str]], page: int | None, line: int | None) -> list[tuple[int, str, bool]]:
    """The lines of one page (or around a line): (line number, text, is the line asked for)."""
    if page is not None:
        chosen = [ln for ln in lines if ln[1] == page]
    elif line is not None:
        chosen = [ln for ln in lines if abs(ln[0] - line) <= 20]
    else:
        chosen = lines[:60]
    return [(no, text, no == line) for no, _page, text in chosen]
