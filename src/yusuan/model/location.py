"""Where a figure stands in its source (来源位置)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Source position: page and line for text and PDF, sheet and cell for workbooks."""

    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    confidence: float | None = None  # text recognised by OCR: how sure the recogniser was

    def to_dict(self) -> dict:
        d: dict = {}
        if self.page is not None:
            d["page"] = self.page
        if self.line is not None:
            d["line"] = self.line
        if self.sheet is not None:
            d["sheet"] = self.sheet
        if self.cell is not None:
            d["cell"] = self.cell
        if self.bbox is not None:
            d["bbox"] = list(self.bbox)
        if self.confidence is not None:
            d["ocr_confidence"] = round(self.confidence, 3)
        return d
