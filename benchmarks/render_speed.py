"""Rendering speed and round-trip exactness (run by hand).

    python3 benchmarks/render_speed.py [--budgets N]

For N generated budgets (units and consolidated departments): validation (input checks plus the
audit of the page that would be rendered), then each output format. Prints the median seconds per
document for each step, and how many rendered files `parse` read back to the input totals with no
error finding from the audit.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def budgets(n: int):
    from yusuan.compose.consolidate import consolidate
    from yusuan.compose.problems import Problems
    from yusuan.synth import generate

    out = []
    for seed in range(n):
        if seed % 3:
            out.append(generate(seed, units=1))
            continue
        units = [generate(seed * 10 + k, units=1, year=2025) for k in range(3)]
        for k, u in enumerate(units, 1):
            u.unit_name = f"焦作市测试{k}中心"
            u.units = [(f"12210{k}", u.unit_name, u.total)]
            u.projects = [(t, f"{p}（{k}）", a) for t, p, a in u.projects]
            u.targets = [(f"{p}（{k}）", ind) for p, ind in u.targets]
        out.append(consolidate(units, "焦作市测试管理局", Problems(), ["1", "2", "3"]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--budgets", type=int, default=12)
    args = ap.parse_args()
    from yusuan.audit.engine import audit, selected
    from yusuan.compose.problems import Problems
    from yusuan.compose.validate import audit_rendered, check_budget
    from yusuan.facts import build_facts
    from yusuan.parse import parse_file
    from yusuan.render import docx_doc, html_doc, xlsx_doc
    from yusuan.render.document import build_document

    savers = {"html": html_doc.save_html, "xlsx": xlsx_doc.save_xlsx, "docx": docx_doc.save_docx, "pdf": html_doc.save_pdf}
    times: dict[str, list[float]] = {k: [] for k in ["validate", *savers]}
    exact = {k: 0 for k in savers}
    bs = budgets(args.budgets)
    with tempfile.TemporaryDirectory() as d:
        for i, b in enumerate(bs):
            t0 = time.perf_counter()
            problems = Problems()
            check_budget(b, problems)
            audit_rendered(b, problems)
            times["validate"].append(time.perf_counter() - t0)
            assert not problems.errors, problems.errors
            doc = build_document(b)
            for fmt, save in savers.items():
                path = Path(d) / f"{i}.{fmt}"
                t0 = time.perf_counter()
                save(doc, path)
                times[fmt].append(time.perf_counter() - t0)
                disc = parse_file(path)
                t = build_facts(disc)["totals"]
                if t.get("expenditure_total") == str(b.total) and t.get("basic") == str(b.sum("basic")) and not any(
                        f.severity == "error" for f in audit(disc, selected([], []))):
                    exact[fmt] += 1
    print(f"{len(bs)} budgets ({sum(b.scope == 'department' for b in bs)} consolidated departments)")
    for k, v in times.items():
        line = f"{k:9s} median {statistics.median(v):.3f} s/document (min {min(v):.3f}, max {max(v):.3f})"
        print(line + (f"; read back exactly, no audit error: {exact[k]}/{len(bs)}" if k in exact else ""))


if __name__ == "__main__":
    main()
