"""Reader for text and markdown extracted from published PDFs (pdftotext, OCR, copy-paste).

Styles seen in the wild: tab-separated rows, markdown tables, space-separated rows, tables
flattened to one cell per line, page numbers and repeated headers inside tables.
"""

from __future__ import annotations

import re
from dataclasses import replace

from yusuan.errors import InputError
from yusuan.limits import limits
from yusuan.read.clean import clean_latex, is_page_number, normalise_spaces, strip_page_marks
from yusuan.read.lines import SourceDocument, SourceLine

_SEPARATOR_CHARS = frozenset("|:-–— \t")


def _md_separator(line: str) -> bool:
    """'|---|:---:|' and '-----': a markdown table's rule (linear: no pattern that backtracks)."""
    s = line.strip()
    return "---" in s and set(s) <= _SEPARATOR_CHARS
_DASH_ROW = re.compile(r"^[\s\-–—|:]+$")


def decode(data: bytes) -> tuple[str, str]:
    """Pick the encoding: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8"), "utf-8-sig"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError:
        raise InputError("文件开头标明了 UTF-8 或 UTF-16 编码，但内容不是这种编码，无法读取") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InputError("无法识别文件编码（既不是 UTF-8 也不是 GB18030）") from None


def _split_cells(line: str) -> list[str] | None:
    if "\t" in line:
        return [normalise_spaces(c).strip() for c in line.split("\t")]
    s = line.strip()
    if s.startswith("|") and s.count("|") >= 2:
        parts = s.strip("|").split("|")
        return [normalise_spaces(c).strip() for c in parts]
    return None


_AMOUNTS_END = re.compile(r"\d\.\d{1,2}\s*$")
_LABEL = re.compile(r"^(?:预算|决算|附表)?\s*\d{1,2}\s*表|^预算$")


def _drop_page_numbers(lines: list[SourceLine], space_starts: set[int]) -> list[SourceLine]:
    """A lone small number is a page number, except where it is a code that starts a table row
    (amounts before it, a name after it: '122' / '政务服务和大数据局') or a piece of a wrapped
    project code."""
    out: list[SourceLine] = []
    shift = 0
    for k, ln in enumerate(lines):
        if ln.cells is None and is_page_number(ln.text):
            prev = lines[k - 1].text if k > 0 else ""
            nxt = lines[k + 1].text if k + 1 < len(lines) else ""
            code_row = bool(_AMOUNTS_END.search(prev)) and bool(re.match(r"^[\u4e00-\u9fff]", nxt)) and not _LABEL.match(nxt)
            wrapped_code = bool(re.fullmatch(r"\d{6,}", prev.replace(" ", "")))
            if not (code_row or wrapped_code) or not ln.text.strip().isdigit():
                # a page number ends a page, unless the next line already starts one
                next_no = lines[k + 1].no if k + 1 < len(lines) else None
                shift += 0 if next_no in space_starts else 1
                continue
        if shift:
            ln = replace(ln, page=ln.page + shift)
        out.append(ln)
    return out


_SPACE_START = re.compile(r" \S")


def read_text(data: bytes, source: str) -> SourceDocument:
    try:
        text, encoding = decode(data)
    except InputError as e:
        raise InputError(f"{e.message}：{source}") from None
    if "\x00" in text:
        raise InputError("文件含有二进制内容，不是文本格式的预算公开文件")
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(raw_lines) > limits().max_lines:
        raise InputError(f"文件行数过多（{len(raw_lines)} 行，上限 {limits().max_lines} 行，YUSUAN_MAX_LINES）：{source}")
    # A page break in pdftotext output is a form feed; in copied text it is often a line that
    # starts with one space, or a lone page number.
    leading_space_breaks = sum(1 for ln in raw_lines if _SPACE_START.match(ln))
    use_space_breaks = 0 < leading_space_breaks < len(raw_lines) / 5
    page = 1
    space_starts: set[int] = set()
    lines: list[SourceLine] = []
    for i, raw in enumerate(raw_lines, start=1):
        if "\f" in raw:
            page += raw.count("\f")
            raw = raw.replace("\f", "")
        if use_space_breaks and _SPACE_START.match(raw) and lines:
            page += 1
            space_starts.add(i)
        raw = clean_latex(raw)
        cells = _split_cells(raw)
        if cells is not None:
            if all(_DASH_ROW.match(c) or not c for c in cells):
                continue
            cells = [clean_latex(strip_page_marks(c)).strip() for c in cells]
            body = " ".join(c for c in cells if c)
        else:
            if _md_separator(raw):
                continue
            body = normalise_spaces(strip_page_marks(raw)).strip()
            if body.startswith("- ") and not re.match(r"^-\s*\d", body):
                body = body[2:].strip()  # markdown bullet
            body = body.lstrip("#").strip() if body.startswith("#") else body
        if not body:
            continue
        lines.append(SourceLine(no=i, page=page, text=body, cells=cells))
    lines = _drop_page_numbers(lines, space_starts)
    from yusuan.recognise.segment import merge_split_labels

    return SourceDocument(source=source, format="text", lines=merge_split_labels(lines), encoding=encoding)
