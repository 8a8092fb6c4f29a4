"""PDF reading speed and memory (run by hand).

    python3 benchmarks/pdf_speed.py [--pages N]

Builds an N-page disclosure PDF (ruled landscape tables, header repeated on each page), then
times, per page: pdfplumber alone extracting the words; yusuan reading the PDF (tables rebuilt
from ruling lines, lines assembled) and recognising the whole disclosure. Prints ms/page, the
ratio of the two (target ≤ 1.5 for reading) and yusuan's peak traced memory.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path


def build(path: Path, pages: int) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    rows = pages * 27  # about 27 ruled rows fit a landscape page at this size
    items = [(f"30{(i % 3) + 1}{i % 90 + 10:02d}", f"经济科目{i}", Decimal(100 + i) / 100) for i in range(rows)]
    total = sum((a for _, _, a in items), Decimal(0))
    data = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"], ["", "合计", f"{total:,.2f}", "", ""]]
    data += [[c, n, f"{a:,.2f}", f"{a:.2f}" if c[:3] != "302" else "", f"{a:.2f}" if c[:3] == "302" else ""]
             for c, n, a in items]
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), ("GRID", (0, 0), (-1, -1), 0.4, colors.black)]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(
        [Paragraph("2024年一般公共预算基本支出表", ParagraphStyle("t", fontName=font, alignment=1)), table])


def words_only(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.flush_cache()
        return len(pdf.pages)


def yusuan_read(path: Path) -> None:
    from yusuan.read.pdf import read_pdf

    read_pdf(path.read_bytes(), str(path))


def yusuan_parse(path: Path) -> None:
    from yusuan.parse import parse_file

    parse_file(path)


def timed(fn, path: Path, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "long.pdf"
        build(path, args.pages)
        pages = words_only(path)
        base = timed(words_only, path, args.rounds)
        read = timed(yusuan_read, path, args.rounds)
        parse = timed(yusuan_parse, path, args.rounds)
        tracemalloc.start()
        yusuan_parse(path)
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    print(f"PDF of {pages} pages (median of {args.rounds} rounds)")
    print(f"pdfplumber extract_words:   {1000 * base / pages:7.1f} ms/page")
    print(f"yusuan read (tables+lines): {1000 * read / pages:7.1f} ms/page   ratio {read / base:.2f}")
    print(f"yusuan parse (+recognise):  {1000 * parse / pages:7.1f} ms/page   ratio {parse / base:.2f}")
    print(f"peak traced memory of yusuan parse: {peak:.1f} MiB")


if __name__ == "__main__":
    main()
