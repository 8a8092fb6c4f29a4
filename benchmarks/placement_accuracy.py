"""How often recognition puts a figure in the wrong place, over generated documents (run by hand).

    python3 benchmarks/placement_accuracy.py [--docs N] [--tables M] [--formats tabs,markdown,html,xlsx,docx,pdf]

1. Templates × text styles: for each, N generated budgets are written out and parsed back; a row
   counts as misplaced when any cell of the expenditure table lands in another column than the
   one it was generated in, and a document counts as wrong when any fact differs.
2. Layout traits × formats: M tables from the independent layout writer (yusuan.synth.traits:
   any column order, merged multi-row headers, 栏次 rows, 元, measures, halves, two sides, lost
   cells, subtotal rows) in each format; a cell is misplaced when a printed figure is not read in
   its row and column, a table is unproven when its reading is not `verified`.
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

from yusuan.facts import build_facts
from yusuan.model.disclosure import TableKind
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.synth import BUDGET_TEMPLATES, STYLES, generate

ROLES = ("salaries", "family", "goods", "capital", "project_operating", "project_specific")


def facts_match(b, f) -> bool:
    t = f["totals"]
    fc = {x["code"]: x for x in f["function_classes"]}
    return (t.get("income_total") == str(b.total) and t.get("basic") == str(b.sum("basic"))
            and t.get("personnel") == str(b.sum("personnel")) and t.get("public") == str(b.sum("public"))
            and set(fc) == {r.code for r in b.functions}
            and all(fc[r.code]["total"] == str(r.total) for r in b.functions)
            and [p["amount"] for p in f["projects"]] == [str(a) for _, _, a in b.projects])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500)
    n = ap.parse_known_args()[0].docs
    print(f"{'template':8s} {'style':9s} {'docs':>5s} {'rows':>6s} {'misplaced rows':>15s} {'wrong facts':>12s} {'ms/doc':>7s}")
    for template, write in sorted(BUDGET_TEMPLATES.items()):  # 决算 are measured by audit_quality --template final
        for style in STYLES:
            rows = bad_rows = bad_docs = 0
            t0 = time.perf_counter()
            for seed in range(n):
                b = generate(seed)
                disc = recognise(read_text(write(b, style).encode("utf-8"), "generated"))
                bad_docs += not facts_match(b, build_facts(disc))
                exp = disc.table(TableKind.EXPENDITURE)
                for fr in b.functions:
                    row = next((r for r in exp.rows if r.code == fr.code), None) if exp else None
                    rows += 1
                    if row is None or any((row.value(r) or Decimal(0)) != getattr(fr, r) for r in ROLES
                                          if template == "henan"):
                        bad_rows += 1
            ms = (time.perf_counter() - t0) * 1000 / n
            print(f"{template:8s} {style:9s} {n:5d} {rows:6d} {bad_rows:8d} ({100 * bad_rows / rows:4.2f}%) "
                  f"{bad_docs:5d} ({100 * bad_docs / n:4.1f}%) {ms:7.1f}")


def _read_grid(g, fmt: str, tmp):
    from pathlib import Path

    from yusuan.parse import parse_file
    from yusuan.synth import traits as T

    path = Path(tmp) / f"t.{T.SUFFIX[fmt]}"
    T.write(g, fmt, path)
    return next((t for t in parse_file(path).tables if t.rows), None)


def traits(n: int, formats: list[str]) -> None:
    import tempfile

    from yusuan.synth import traits as T

    print(f"\n{'layout':26s} {'format':8s} {'tables':>6s} {'cells':>6s} {'misplaced':>10s} {'unproven':>9s} {'ms/table':>8s}")
    total_bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for kind, gen in T.GENERATORS.items():
            for fmt in formats:
                if kind in T.TEXT_ONLY and fmt not in ("tabs", "markdown"):
                    continue
                cells = bad = unproven = 0
                t0 = time.perf_counter()
                for seed in range(n):
                    g = gen(seed)
                    t = _read_grid(g, fmt, tmp)
                    unproven += t is None or t.reading is None or t.reading.status != "verified"
                    for (key, role), value in g.expected.items():
                        cells += 1
                        rows = [r for r in (t.rows if t else []) if r.code == key or r.label == key
                                or (key == "合计" and r.kind == "total" and not r.attrs.get("key"))]
                        got = next((r.cells[role].amount.wan for r in rows if role in r.cells), None)
                        if got != value and not (got is None and value == 0):
                            bad += 1
                ms = (time.perf_counter() - t0) * 1000 / n
                total_bad += bad
                print(f"{kind:26s} {fmt:8s} {n:6d} {cells:6d} {bad:10d} {unproven:9d} {ms:8.1f}")
    print(f"misplaced cells over every layout and format: {total_bad}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--tables", type=int, default=100)
    ap.add_argument("--formats", default="tabs,markdown,html,xlsx,docx,pdf")
    args = ap.parse_args()
    if args.docs:
        main()
    if args.tables:
        traits(args.tables, args.formats.split(","))
