"""Find the files to read among paths given on the command line: directories are searched."""

from __future__ import annotations

from pathlib import Path

from yusuan.errors import InputError

SUFFIXES = {".txt", ".md", ".pdf", ".xlsx", ".xlsm", ".xls", ".docx", ".html", ".htm"}


def collect(paths: list[Path]) -> list[Path]:
    """Files named directly are kept as they are; in directories, files with a disclosure's suffix."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                                and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif p.exists():
            found.append(p)
        else:
            raise InputError(f"文件不存在：{p}")
    return found
