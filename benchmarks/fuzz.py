"""Long fuzzing runs (by hand): hostile inputs of every class of yusuan.synth.hostile through the
whole pipeline (parse, check, JSON, stored form), each in a child process bounded in time and
memory (yusuan.guard), counted per class as ok / clean error / crash / hang / memory.

    python3 benchmarks/fuzz.py --cases 10000 --time-limit 30 --out fuzz-found/

A crash is an exception that is not a YusuanError (内部错误); a hang, a case stopped by the time
limit; memory, one stopped by the memory limit. The smallest input of each new failure signature
is written to --out, to become a regression test like those of ../shared/fuzz-cases.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from yusuan.errors import YusuanError
from yusuan.guard import InternalError, limited
from yusuan.synth.hostile import CLASSES, pipeline


def one(kind: str, seed: int, seconds: int) -> tuple[str, str, str, bytes]:
    name, data = CLASSES[kind](random.Random(seed))
    try:
        limited(pipeline, data, name, name=name, time_limit=seconds)
        return kind, "ok", "", data
    except InternalError as e:
        return kind, "crash", e.message[:160], data
    except YusuanError as e:
        if "时间限制" in e.message:
            return kind, "hang", "", data
        if "内存" in e.message:
            return kind, "memory", "", data
        return kind, "clean", "", data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=200, help="cases per class")
    ap.add_argument("--classes", default=",".join(CLASSES), help="comma-separated classes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=int, default=30, help="seconds per case")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=None, help="write the smallest input of each failure here")
    args = ap.parse_args()
    kinds = [k for k in args.classes.split(",") if k in CLASSES]
    jobs = [(k, args.seed * 10_000_000 + i) for k in kinds for i in range(args.cases)]
    counts: dict[str, Counter] = defaultdict(Counter)
    smallest: dict[tuple, bytes] = {}
    start = time.perf_counter()
    with ThreadPoolExecutor(args.workers) as pool:
        for kind, result, signature, data in pool.map(lambda j: one(j[0], j[1], args.time_limit), jobs):
            counts[kind][result] += 1
            if result in ("crash", "hang", "memory"):
                key = (kind, result, signature)
                if key not in smallest or len(data) < len(smallest[key]):
                    smallest[key] = data
    wall = time.perf_counter() - start
    print(f"{len(jobs)} cases, {wall:.0f} s, time limit {args.time_limit} s per case")
    print(f"{'class':<10} {'ok':>7} {'clean':>7} {'crash':>6} {'hang':>5} {'memory':>7}")
    for k in kinds:
        c = counts[k]
        print(f"{k:<10} {c['ok']:>7} {c['clean']:>7} {c['crash']:>6} {c['hang']:>5} {c['memory']:>7}")
    for (kind, result, signature), data in sorted(smallest.items()):
        print(f"  {result} [{kind}] {signature}")
        if args.out is not None:
            args.out.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha1(data).hexdigest()[:10]
            (args.out / f"{result}-{kind}-{digest}.bin").write_bytes(data)


if __name__ == "__main__":
    main()
