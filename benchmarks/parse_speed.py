"""Parsing speed and memory for the bundled samples (run by hand; not a test).

    python3 benchmarks/parse_speed.py [--rounds N]

Prints documents per second, milliseconds per document, and peak memory (tracemalloc) of
parsing each sample, plus the same for generated documents in every text style.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from yusuan.facts import build_facts
from yusuan.parse import parse_file
from yusuan.recognise import clear_caches
from yusuan.synth import STYLES, generate, write_text

ROOT = Path(__file__).resolve().parent.parent


def bench(path: Path, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        clear_caches()  # each round starts cold, like a fresh process
        t0 = time.perf_counter()
        build_facts(parse_file(path))
        times.append(time.perf_counter() - t0)
    clear_caches()
    tracemalloc.start()
    build_facts(parse_file(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times) * 1000, peak / 1024 / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    rows = []
    for p in sorted((ROOT / "examples").glob("*.txt")):
        rows.append((p.name, *bench(p, args.rounds)))
    with tempfile.TemporaryDirectory() as d:
        for style in STYLES:
            f = Path(d) / f"synth-{style}.txt"
            f.write_text(write_text(generate(1, units=3), style), encoding="utf-8")
            rows.append((f"synthetic ({style})", *bench(f, args.rounds)))
    print(f"{'document':45s} {'ms/doc':>8s} {'docs/s':>8s} {'peak MiB':>9s}")
    for name, ms, mib in rows:
        print(f"{name:45s} {ms:8.1f} {1000 / ms:8.1f} {mib:9.1f}")
    sample_ms = [ms for name, ms, _ in rows if name.endswith(".txt")]
    print(f"samples: median {statistics.median(sample_ms):.1f} ms/doc, {1000 / statistics.median(sample_ms):.1f} docs/s")


if __name__ == "__main__":
    main()
