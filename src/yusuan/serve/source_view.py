"""What the source pane shows of a finding: the boxes of its figures on a PDF page, and the
figures to mark in the printed lines of other formats.

Boxes come from the stored model (cells, rows and narrative statements keep the box the reader
found them in, in PDF points from the page's top left); the pane draws them over the page image
as percentages of the page's size, so that zooming the image keeps them in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from yusuan.serve.document_view import DocumentView


@dataclass
class Box:
    x0: float
    top: float
    x1: float
    bottom: float
    severity: str
    title: str

    def percent(self, width: float, height: float) -> dict[str, str]:
        """CSS left/top/width/height in percent of a page `width` × `height` points."""
        def pct(v: float, whole: float) -> str:
            return f"{max(0.0, min(100.0, v * 100 / whole)):.3f}%"

        return {"left": pct(self.x0, width), "top": pct(self.top, height),
                "width": pct(max(self.x1 - self.x0, 1.0), width), "height": pct(max(self.bottom - self.top, 1.0), height)}


def _cell_of(view: DocumentView, anchor: str) -> tuple[dict | None, dict | None]:
    """(row source, cell source) an anchor of the document view names."""
    for t in view.tables:
        if not anchor.startswith(t["id"] + "r"):
            continue
        for r in t["rows"]:
            if anchor == r["id"] + "l" or anchor.startswith(r["id"] + "i"):
                return r["src"], None
            if anchor.startswith(r["id"] + "c"):
                ci = int(anchor[len(r["id"]) + 1:])
                role = r["panel"]["roles"][ci]
                return r["src"], next((c for c in r["src"].get("cells") or [] if c["column"] == role), None)
    return None, None


def _on_line(view: DocumentView, page: int | None, line: int) -> list[dict]:
    """Everything of the model that stands on a printed line: narrative statements, then the
    rows' figures (a row without figures on the line: the row)."""
    statements = [s for s in (view.model.get("narrative") or {}).get("statements") or []
                  if s.get("line") == line and (page is None or s.get("page") in (None, page))]
    rows = [r["src"] for t in view.tables for r in t["rows"]
            if r["src"].get("line") == line and (page is None or r["src"].get("page") in (None, page))]
    return statements + [x for r in rows for x in ([c for c in r.get("cells") or [] if c.get("line") == line] or [r])]


def figures(view: DocumentView, finding: int | None, page: int | None, line: int | None) -> list[tuple[dict, str, str]]:
    """(model element with page/line/bbox/printed, severity, title) for each figure the finding
    (an index into view.findings) names, or for what stands on `line` when no finding is given."""
    out: list[tuple[dict, str, str]] = []
    if finding is not None and 0 <= finding < len(view.findings):
        f = view.findings[finding]
        title = f"{f['code']} {f['message']}"
        for loc, place in zip((f.get("locations") or []) + (f.get("related") or []), view.places[finding]):
            row, cell = _cell_of(view, place.anchor) if place.anchor else (None, None)
            if cell is not None:
                out.append((cell, f["severity"], title))
            elif row is not None:
                out.append((row, f["severity"], title))
            elif loc.get("line") is not None:
                out += [(x, f["severity"], title) for x in _on_line(view, loc.get("page"), loc["line"])]
    elif line is not None:
        out = [(x, "info", "") for x in _on_line(view, page, line)]
    return out


def page_boxes(view: DocumentView, finding: int | None, page: int, line: int | None) -> list[Box]:
    """The boxes to outline on PDF page `page`."""
    boxes = []
    for x, severity, title in figures(view, finding, page, line):
        bbox = x.get("bbox")
        if bbox and len(bbox) == 4 and x.get("page") == page:
            boxes.append(Box(*(float(v) for v in bbox), severity=severity, title=title))
    return boxes


NEAR = 10  # names wrap and print a few lines below their row's first line (a 序号, a code)


def marks(view: DocumentView, finding: int | None, line: int | None) -> dict[int, set[str]]:
    """line number -> the texts to mark on it: a figure the finding is about on its own line;
    where a place names no figure (a row, a name, an indicator), the names it gives on its line
    and the few lines after it, where wrapped forms print them."""
    figures_at: dict[int, set[str]] = {}
    names_at: dict[int, set[str]] = {}
    if finding is not None and 0 <= finding < len(view.findings):
        f = view.findings[finding]
        for loc, place in zip((f.get("locations") or []) + (f.get("related") or []), view.places[finding]):
            row, cell = _cell_of(view, place.anchor) if place.anchor else (None, None)
            if cell is not None and cell.get("line") is not None:
                figures_at.setdefault(cell["line"], set()).add(cell["printed"])
                continue
            names = {str(loc[k]).split(" ", 1)[-1] for k in ("row", "column") if loc.get(k)}
            if row is not None and row.get("line") is not None:
                names_at.setdefault(row["line"], set()).update(names | {row.get("label") or ""})
            elif loc.get("line") is not None:
                on_line = _on_line(view, loc.get("page"), loc["line"])
                figures_at.setdefault(loc["line"], set()).update(x["printed"] for x in on_line if x.get("printed"))
                names_at.setdefault(loc["line"], set()).update(names)
    elif line is not None:
        figures_at[line] = {x["printed"] for x in _on_line(view, None, line) if x.get("printed")}
    out = {no: set(v) for no, v in figures_at.items()}
    for no, names in names_at.items():
        for near in range(no, no + NEAR + 1):
            out.setdefault(near, set()).update(n for n in names if n)
    return out


def segments(text: str, figures: set[str]) -> list[tuple[str, bool]]:
    """The text cut into (piece, is a figure to mark); the longest figures are marked first."""
    if not figures:
        return [(text, False)]
    whole = text.strip()
    if len(whole) > 1 and any(whole in f for f in figures):  # a piece of a name wrapped over lines
        return [(text, True)]
    out: list[tuple[str, bool]] = []
    rest = text
    while rest:
        hits = [(rest.find(f), -len(f), f) for f in figures if len(f) > 1 and rest.find(f) >= 0]
        if not hits:
            out.append((rest, False))
            break
        at, _, f = min(hits)
        if at:
            out.append((rest[:at], False))
        out.append((f, True))
        rest = rest[at + len(f):]
    return out
