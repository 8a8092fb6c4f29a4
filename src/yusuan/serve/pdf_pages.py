"""A page of a stored PDF as a PNG image, for showing a finding's source."""

from __future__ import annotations

import io

def page_png(data: bytes, page: int, scale: float = 1.5) -> bytes | None:
    """The 1-based `page` of the PDF in `data`, or None when there is no such page."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        if not 1 <= page <= len(pdf):
            return None
        image = pdf[page - 1].render(scale=scale).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        pdf.close()
