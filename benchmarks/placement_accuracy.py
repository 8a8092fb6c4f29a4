"""How often recognition puts a figure in the wrong place, over generated documents (run by hand).

    python3 benchmarks/placement_accuracy.py [--docs N]

For each template and text style, N generated budgets are written out and parsed back; a row
counts as misplaced when any cell of the expenditure table lands in another column than the
one it was generated in, and a document counts as wrong when any fact differs.
"""

from __future__ import annotations

import argparse
import time
from decimal import Decimal

from yusuan.facts import build_facts
from yusuan.model.disclosure import TableKind
from yusuan.read.text import read_text
from yusuan.recognise.document import recognise
from yusuan.synth import STYLES, TEMPLATES, generate

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
    n = ap.parse_args().docs
    print(f"{'template':8s} {'style':9s} {'docs':>5s} {'rows':>6s} {'misplaced rows':>15s} {'wrong facts':>12s} {'ms/doc':>7s}")
    for template, write in sorted(TEMPLATES.items()):
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


if __name__ == "__main__":
    main()
