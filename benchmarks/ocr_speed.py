"""OCR speed on a scanned disclosure (run by hand; needs pip install 'yusuan[ocr]').

    python3 benchmarks/ocr_speed.py [--seed S]

Prints a generated budget PDF, rasterises every page at 144 dpi into an image-only PDF (a scan),
reads it back with OCR, and prints seconds per page and how many facts survived the scan.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from yusuan.facts import build_facts
from yusuan.parse import parse_file
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.synth import generate, write_text
from yusuan.synth.office import write_pdf


def main() -> None:
    import pypdfium2

    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    b = generate(args.seed, units=2)
    with tempfile.TemporaryDirectory() as d:
        src, scan = Path(d) / "printed.pdf", Path(d) / "scan.pdf"
        write_pdf(b, src)
        doc = pypdfium2.PdfDocument(str(src))
        images = [doc[i].render(scale=2).to_pil().convert("RGB") for i in range(len(doc))]
        doc.close()
        images[0].save(scan, save_all=True, append_images=images[1:], resolution=144)
        t0 = time.perf_counter()
        disc = parse_file(scan)
        seconds = time.perf_counter() - t0
    got = build_facts(disc)
    ref = build_facts(recognise(read_text(write_text(b, "tabs").encode("utf-8"), "ref")))
    totals = sum(1 for k, v in ref["totals"].items() if got["totals"].get(k) == v)
    rows = {x["code"]: x for x in got["function_classes"]}
    fc = sum(1 for x in ref["function_classes"] if rows.get(x["code"]) == x)
    print(f"{len(images)} scanned pages: {seconds / len(images):.2f} s/page ({seconds:.1f} s in all)")
    print(f"totals right: {totals}/{len(ref['totals'])}; function-class rows right: {fc}/{len(ref['function_classes'])}")
    print(disc.warnings[-1] if disc.warnings else "")


if __name__ == "__main__":
    main()
