"""Open a file, detect its format from its content, and hand it to the right reader."""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import InputError
from yusuan.read.lines import SourceDocument
from yusuan.read.text import read_text



def max_bytes() -> int:
    from yusuan.limits import limits

    return limits().max_bytes


def sniff_format(data: bytes) -> str:
    head = data[:2048]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or b"<table" in lowered:
        return "html"
    if head[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1", b"GIF8"):
        return "image"
    return "text"


_UNSUPPORTED = {
    "pdf": "PDF",
    "zip": "压缩包（不是 Excel 或 Word 文件）",
    "ole": "旧版 Word (.doc)，请另存为 .docx 后再读取",
    "image": "图片",
}


def office_kind(data: bytes, source: str = "") -> str:
    """An OOXML file is a zip: its parts say whether it is a workbook or a Word document. Its
    directory is checked against the archive bounds first (read/archive.py)."""
    from yusuan.read.archive import check_archive

    names = check_archive(data, source)
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return "zip"


def load(path: str | Path) -> SourceDocument:
    """Read `path` into lines; raise InputError with a one-line Chinese reason when impossible."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"文件不存在：{p}")
    if p.is_dir():
        raise InputError(f"这是一个目录，不是文件：{p}")
    try:
        size = p.stat().st_size
        if size > max_bytes():
            raise InputError(f"文件过大（{size // (1024 * 1024)} MB，上限 {max_bytes() // (1024 * 1024)} MB，YUSUAN_MAX_MB）：{p}")
        data = p.read_bytes()
    except PermissionError:
        raise InputError(f"没有读取权限：{p}") from None
    except OSError as e:
        raise InputError(f"无法读取文件：{p}（{e.strerror or e}）") from None
    return load_bytes(data, str(path))


def load_bytes(data: bytes, name: str) -> SourceDocument:
    """Read a file's bytes (an upload, an archive member) named `name` for messages and locations."""
    p = path = name
    if not data.strip():
        raise InputError(f"文件为空：{p}")
    if len(data) > max_bytes():
        raise InputError(f"文件过大（{len(data) // (1024 * 1024)} MB，上限 {max_bytes() // (1024 * 1024)} MB，YUSUAN_MAX_MB）：{p}")
    fmt = sniff_format(data)
    if fmt == "zip":
        fmt = office_kind(data, str(path))
    if fmt == "ole" and b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data[:200000]:
        from yusuan.read.xlsx import read_xls

        return read_xls(data, str(path))
    if fmt == "xlsx":
        from yusuan.read.xlsx import read_xlsx

        return read_xlsx(data, str(path))
    if fmt == "docx":
        from yusuan.read.docx import read_docx

        return read_docx(data, str(path))
    if fmt == "pdf":
        from yusuan.read.pdf import read_pdf

        return read_pdf(data, str(path))
    if fmt == "html":
        from yusuan.read.html import read_html

        return read_html(data, str(path))
    if fmt != "text":
        raise InputError(f"暂不支持读取{_UNSUPPORTED[fmt]}格式：{p}")
    return read_text(data, source=str(path))
