"""The reader's output: source lines with their page and line number, and grid cells where the
source kept them (tab-separated or markdown rows)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceLine:
    """One line of the document as the recogniser sees it.

    text: cleaned text; cells: the grid cells when the source preserved columns (tabs,
    markdown pipes, workbook rows), blanks kept; None for free text.
    """

    no: int  # 1-based line number in the source (for workbooks and Word files: the row or paragraph in reading order)
    page: int
    text: str
    cells: list[str] | None = None
    sheet: str | None = None  # workbook sheet
    row: int | None = None  # the sheet's own row number
    bbox: tuple[float, float, float, float] | None = None  # PDF: x0, top, x1, bottom in points
    cell_bboxes: list | None = None  # PDF table rows: one bbox per cell
    spans: list[str] | None = None  # per cell: '<' covered by a merged cell from the left, '^' from above, '' its own
    confidence: float | None = None  # OCR: the lowest confidence of the line's text boxes


@dataclass
class SourceDocument:
    """A document reduced to lines, ready for recognition."""

    source: str
    format: str
    lines: list[SourceLine]
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
