"""Reader for Word files: paragraphs and tables in document order."""

from __future__ import annotations

from io import BytesIO

from yusuan.errors import InputError
from yusuan.read.lines import SourceDocument, SourceLine


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
            seen: set = set()  # cell elements already read: kept alive here, so identity is safe
            for row in block.rows:
                cells, spans = [], []
                in_row: set = set()
                for cell in row.cells:
                    # a merged cell comes back once per grid column and row it spans: keep it once,
                    # in its top-left position, as a printed table shows it
                    tc = cell._tc
                    cells.append("" if tc in seen else cell.text.replace("\n", "").strip())
                    spans.append("" if tc not in seen else "<" if tc in in_row else "^")
                    seen.add(tc)
                    in_row.add(tc)
                if any(cells):
                    lines.append(SourceLine(no=len(lines) + 1, page=1, text=" ".join(c for c in cells if c),
                                            cells=cells, spans=spans if any(spans) else None))
    return SourceDocument(source=source, format="docx", lines=lines)
