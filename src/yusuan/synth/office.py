"""Generated budgets as the files budget offices publish, for tests: the tabs-style text cut into
narrative and grid tables, then written by the renderer."""

from __future__ import annotations

import re
from pathlib import Path

from yusuan.render import files
from yusuan.render.files import GridTable
from yusuan.synth.budget import Budget
from yusuan.synth.writer import write_text

_LABEL = re.compile(r"^(?:预算\d{2}表|附表\d+)$")


def _split(b: Budget, template) -> tuple[list[str], list[GridTable]]:
    """The tabs-style text cut into narrative lines and tables."""
    lines = template(b, "tabs").split("\n")
    narrative: list[str] = []
    tables: list[GridTable] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _LABEL.match(ln):
            t = GridTable(label=ln, title=lines[i + 1])
            tables.append(t)
            i += 2
            continue
        if not tables:
            narrative.append(ln)
        elif "\t" in ln:
            tables[-1].rows.append(ln.split("\t"))
        elif ln:
            (tables[-1].after if tables[-1].rows else tables[-1].before).append(ln)
        i += 1
    return narrative, tables




def write_xlsx(b: Budget, path: Path, template=write_text) -> None:
    files.save_xlsx(*_split(b, template), path)


def write_docx(b: Budget, path: Path, template=write_text) -> None:
    files.save_docx(*_split(b, template), path)


def write_html(b: Budget, path: Path, template=write_text) -> None:
    files.save_html(*_split(b, template), path)


def write_pdf(b: Budget, path: Path, template=write_text) -> None:
    files.save_pdf(*_split(b, template), path)


def write_pdf_weasyprint(b: Budget, path: Path, template=write_text) -> None:
    files.save_pdf_weasyprint(*_split(b, template), path)
