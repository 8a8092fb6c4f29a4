"""Merged header cells of a grid table: which printed header cell spans which columns and rows.

Tables are kept as grids with blanks where a merged cell continues (as extraction and workbooks
give them); a printed table merges them back: a header word followed by blanks over sub-headers
spans those columns ('基本支出' over 小计/人员经费/…), and a header word with blanks below it spans
those rows ('合计' over both header rows)."""

from __future__ import annotations

Span = tuple[int, int]  # (rowspan, colspan)


def header_spans(header: list[list[str]]) -> list[list[Span | None]]:
    """For each header cell: (rowspan, colspan) where a printed cell starts, None where a merged
    cell covers it. Blank cells that nothing covers stay (1, 1)."""
    n = len(header)
    width = max((len(r) for r in header), default=0)
    grid = [r + [""] * (width - len(r)) for r in header]
    spans: list[list[Span | None]] = [[(1, 1)] * width for _ in range(n)]
    covered = [[False] * width for _ in range(n)]
    for r in range(n):
        for c in range(width):
            if covered[r][c] or not grid[r][c]:
                continue
            cols = 1
            while (c + cols < width and not grid[r][c + cols] and not covered[r][c + cols]
                   and r + 1 < n and any(grid[k][c + cols] for k in range(r + 1, n))):
                cols += 1
            rows = 1
            while r + rows < n and all(not grid[r + rows][c + k] and not covered[r + rows][c + k] for k in range(cols)):
                rows += 1
            spans[r][c] = (rows, cols)
            for dr in range(rows):
                for dc in range(cols):
                    if dr or dc:
                        covered[r + dr][c + dc] = True
                        spans[r + dr][c + dc] = None
    return spans
