"""Reader for Word files: paragraphs and tables in document order."""

from __future__ import annotations

from io import BytesIO

from yusuan.errors import InputError
from yusuan.read.lines import SourceDocument, SourceLine


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_SPAN = 64  # Word's own limit is 63 columns


def _tc_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(f"{_W}t")).replace("\n", "").strip()


def _span(tc) -> int:
    """A cell's gridSpan, bounded: a malformed or absurd one ('x', 999999999999) counts as 1."""
    pr = tc.find(f"{_W}tcPr")
    gs = pr.find(f"{_W}gridSpan") if pr is not None else None
    raw = gs.get(f"{_W}val", "1") if gs is not None else "1"
    return int(raw) if raw.isdigit() and 1 <= int(raw) <= MAX_SPAN else 1


def _continues(tc) -> bool:
    """A cell that continues the vertical merge of the cell above (w:vMerge without 'restart')."""
    pr = tc.find(f"{_W}tcPr")
    vm = pr.find(f"{_W}vMerge") if pr is not None else None
    return vm is not None and vm.get(f"{_W}val", "continue") != "restart"


def table_rows(tbl) -> list[tuple[list[str], list[str]]]:
    """A table's rows as printed, read from its XML in one pass: a merged cell's text once, in its
    top-left position; '<' for the columns it spans, '^' below it. Linear in the table's size, and
    indifferent to broken merges (a continuation with nothing above reads as blank)."""
    rows = []
    for tr in tbl.findall(f"{_W}tr"):  # direct children: a table nested in a cell is not its rows
        cells, spans = [], []
        for tc in tr.findall(f"{_W}tc"):
            k = _span(tc)
            if _continues(tc):
                cells += [""] * k
                spans += ["^"] * k
            else:
                cells += [_tc_text(tc)] + [""] * (k - 1)
                spans += [""] + ["<"] * (k - 1)
        rows.append((cells, spans))
    return rows


def read_docx(data: bytes, source: str) -> SourceDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(BytesIO(data))
    except Exception as e:  # python-docx raises several kinds for a damaged file
        raise InputError(f"无法打开 Word 文件：{source}（{type(e).__name__}）") from None
    lines: list[SourceLine] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                lines.append(SourceLine(no=len(lines) + 1, page=1, text=text))
        elif isinstance(block, Table):
            for cells, spans in table_rows(block._tbl):
                if any(cells):
                    lines.append(SourceLine(no=len(lines) + 1, page=1, text=" ".join(c for c in cells if c),
                                            cells=cells, spans=spans if any(spans) else None))
    return SourceDocument(source=source, format="docx", lines=lines)
