"""A page of a stored PDF as a PNG image, for showing a finding's source."""

from __future__ import annotations

import io

def page_png(data: bytes, page: int, scale: float = 2.0) -> bytes | None:
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


def page_size(data: bytes, page: int) -> tuple[float, float] | None:
    """(width, height) in points of the 1-based `page` as rendered (its crop box), or None."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        if not 1 <= page <= len(pdf):
            return None
        return tuple(float(v) for v in pdf[page - 1].get_size())  # type: ignore[return-value]
    finally:
        pdf.close()
