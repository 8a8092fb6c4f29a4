"""parse(path) -> Disclosure: read, recognise, and check that it is a budget disclosure."""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import InputError
from yusuan.model.disclosure import Disclosure
from yusuan.read.lines import SourceDocument
from yusuan.read.source import load, load_bytes
from yusuan.recognise.document import recognise


def parse_file(path: str | Path) -> Disclosure:
    return parse_document(path)[1]


def parse_document(path: str | Path) -> tuple[SourceDocument, Disclosure]:
    """The lines as read and the recognised disclosure (for quoting source lines)."""
    return recognise_checked(load(path), str(path))


def parse_bytes(data: bytes, name: str) -> tuple[SourceDocument, Disclosure]:
    """As `parse_document`, for a file's bytes (an upload, an archive member)."""
    return recognise_checked(load_bytes(data, name), name)


def recognise_checked(doc: SourceDocument, path: str) -> tuple[SourceDocument, Disclosure]:
    disc = recognise(doc)
    if not disc.tables and not any(s.amount is not None for s in disc.narrative.statements):
        raise InputError(f"未在文件中找到预算表或预算数字，似乎不是预算公开文件：{path}")
    if not disc.tables and not disc.unit_name:
        # a page of prose that mentions a few sums (a README, minutes, a news item) is not a disclosure:
        # without a table, only a title naming the unit makes it one (a narrative-only 情况说明)
        raise InputError(f"未识别出预算表和单位名称（只有零散的数字），似乎不是预算公开文件：{path}")
    if not disc.tables:
        disc.warnings.append("没有识别出任何预算表格（文件可能不完整）")
    return doc, disc
