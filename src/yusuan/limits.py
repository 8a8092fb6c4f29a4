"""The bounds on the work one document may cause, the same in the CLI, batch and the web app.

Each is an environment variable with a documented default (README, “限制”). A document beyond a
bound is refused (or the part beyond it skipped) with a one-line Chinese reason, never read at
any cost: a published file is hostile input.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def env_int(name: str, default: int) -> int:
    """A positive whole number from the environment; `default` when unset or not one."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # YUSUAN_MAX_MB: the file itself
    max_pages: int  # YUSUAN_MAX_PAGES: pages of a PDF read
    max_page_points: int  # YUSUAN_MAX_PAGE_POINTS: a page's longer side, in points, before rendering it
    max_ocr_pages: int  # YUSUAN_MAX_OCR_PAGES: pages sent to OCR
    max_line_chars: int  # YUSUAN_MAX_LINE_CHARS: characters of one line (the rest is cut, with a warning)
    max_lines: int  # YUSUAN_MAX_LINES: lines of one document
    max_cells: int  # YUSUAN_MAX_CELLS: cells of one sheet (from its dimensions, before reading it)
    max_members: int  # YUSUAN_MAX_MEMBERS: members of an archive (xlsx, docx and zip are archives)
    max_unpacked: int  # YUSUAN_MAX_UNPACKED_MB: an archive's members together, uncompressed
    max_ratio: int  # YUSUAN_MAX_RATIO: uncompressed / compressed size of one member
    max_depth: int  # YUSUAN_MAX_DEPTH: nesting of a web page's elements
    time_limit: int  # YUSUAN_TIME_LIMIT: seconds to read and check one document
    memory_limit: int  # YUSUAN_MEMORY_LIMIT_MB: memory of the process reading one document


def limits() -> Limits:
    """The bounds in force (read from the environment each time: tests and servers may change them)."""
    mb = 1024 * 1024
    return Limits(
        max_bytes=env_int("YUSUAN_MAX_MB", 200) * mb,
        max_pages=env_int("YUSUAN_MAX_PAGES", 1000),
        max_page_points=env_int("YUSUAN_MAX_PAGE_POINTS", 5000),
        max_ocr_pages=env_int("YUSUAN_MAX_OCR_PAGES", 200),
        max_line_chars=env_int("YUSUAN_MAX_LINE_CHARS", 4000),
        max_lines=env_int("YUSUAN_MAX_LINES", 300_000),
        max_cells=env_int("YUSUAN_MAX_CELLS", 2_000_000),
        max_members=env_int("YUSUAN_MAX_MEMBERS", 10_000),
        max_unpacked=env_int("YUSUAN_MAX_UNPACKED_MB", 1024) * mb,
        max_ratio=env_int("YUSUAN_MAX_RATIO", 200),
        max_depth=env_int("YUSUAN_MAX_DEPTH", 500),
        time_limit=env_int("YUSUAN_TIME_LIMIT", 300),
        memory_limit=env_int("YUSUAN_MEMORY_LIMIT_MB", 4096) * mb,
    )
