"""Long fuzzing runs (by hand): hostile inputs of every class of yusuan.synth.hostile through the
whole pipeline (parse, check, JSON, stored form), each bounded in time and memory, counted per
class as ok / clean error / crash / hang / memory.

    python3 benchmarks/fuzz.py --cases 10000 --time-limit 30 --out fuzz-found/

Each worker is a child process with the memory limit of yusuan.guard (RLIMIT_AS, as `yusuan check`
sets for every document) that takes case after case: a case that passes the time limit is a hang
and its worker is killed and replaced; one that runs out of memory (MemoryError, or the process
killed) is a memory case and its worker is replaced too. Workers are also replaced every
--recycle cases so that no case inherits another's memory. The inputs are made in the worker from
(class, seed); the parent makes them again only for failures.

A crash is an exception that is not a YusuanError (内部错误). The smallest input of each new
failure signature is written to --out, to become a regression test like those of
../shared/fuzz-cases.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import os
import random
import time
from collections import Counter, defaultdict
from multiprocessing.connection import wait
from pathlib import Path

from yusuan.synth.hostile import CLASSES


def classify(kind: str, seed: int) -> tuple[str, str]:
    """(result, signature) of one case run here, in this process."""
    from yusuan.errors import YusuanError
    from yusuan.guard import internal
    from yusuan.synth.hostile import pipeline

    name, data = CLASSES[kind](random.Random(seed))
    try:
        pipeline(data, name)
        return "ok", ""
    except MemoryError:
        return "memory", ""
    except RecursionError:
        return "clean", ""  # the guard reports it as 文件结构嵌套过深
    except YusuanError:
        return "clean", ""
    except Exception as e:  # noqa: BLE001 - a crash is what is counted here
        return "crash", internal(e).message[:160]


def _worker(conn, memory: int) -> None:
    from yusuan.guard import die_with_parent

    die_with_parent()
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # pragma: no cover
        pass
    while True:
        job = conn.recv()
        if job is None:
            return
        conn.send(classify(*job))


class Worker:
    def __init__(self, ctx, memory: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, memory), daemon=True)
        self.proc.start()
        child.close()
        self.job: tuple[str, int] | None = None
        self.started = 0.0
        self.done = 0

    def give(self, job: tuple[str, int]) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send(job)

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
                self.proc.join(5)
            except (OSError, BrokenPipeError):
                pass
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def run(jobs: list[tuple[str, int]], workers: int, seconds: float, memory: int, recycle: int,
        progress: bool) -> tuple[dict[str, Counter], list[tuple[str, int, str, str]]]:
    from yusuan.guard import _context

    ctx = _context()
    counts: dict[str, Counter] = defaultdict(Counter)
    failures: list[tuple[str, int, str, str]] = []  # (kind, seed, result, signature)
    todo = list(reversed(jobs))
    pool = [Worker(ctx, memory) for _ in range(min(workers, len(jobs)))]
    finished, last = 0, time.monotonic()

    def record(w: Worker, result: str, signature: str) -> None:
        nonlocal finished
        kind, seed = w.job
        counts[kind][result] += 1
        if result in ("crash", "hang", "memory"):
            failures.append((kind, seed, result, signature))
        w.job, w.done, finished = None, w.done + 1, finished + 1

    while todo or any(w.job for w in pool):
        for k, w in enumerate(pool):
            if w.job is None and w.done >= recycle:
                w.stop()
                pool[k] = w = Worker(ctx, memory)
            if w.job is None and todo:
                w.give(todo.pop())
        busy = [w for w in pool if w.job]
        now = time.monotonic()
        timeout = max(0.0, min(w.started + seconds - now for w in busy))
        ready = wait([w.conn for w in busy], timeout)
        for k, w in enumerate(pool):
            if w.job is None:
                continue
            if w.conn in ready:
                try:
                    result, signature = w.conn.recv()
                except (EOFError, OSError):  # the worker died: killed by the memory limit
                    result, signature = "memory", ""
                    record(w, result, signature)
                    w.stop(kill=True)
                    pool[k] = Worker(ctx, memory)
                    continue
                record(w, result, signature)
                if result == "memory":
                    w.stop(kill=True)
                    pool[k] = Worker(ctx, memory)
            elif time.monotonic() - w.started >= seconds:
                record(w, "hang", "")
                w.stop(kill=True)
                pool[k] = Worker(ctx, memory)
        if progress and time.monotonic() - last > 60:
            last = time.monotonic()
            print(f"  … {finished}/{len(jobs)}", flush=True)
    for w in pool:
        w.stop()
    return counts, failures


def _preload() -> None:
    """Import the pipeline and its readers once, here: every worker forked from this process runs
    the code as it stood when the run began, and starts without importing it again."""
    import bs4  # noqa: F401
    import docx  # noqa: F401
    import lxml.html  # noqa: F401
    import openpyxl  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401

    import yusuan.audit.engine  # noqa: F401
    import yusuan.output.json_out  # noqa: F401
    import yusuan.parse  # noqa: F401
    import yusuan.store.types  # noqa: F401
    import yusuan.synth.hostile  # noqa: F401


def main() -> None:
    from yusuan.limits import limits

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=200, help="cases per class")
    ap.add_argument("--classes", default=",".join(CLASSES), help="comma-separated classes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=30, help="seconds per case")
    ap.add_argument("--memory-mb", type=int, default=limits().memory_limit // (1024 * 1024))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--recycle", type=int, default=200, help="cases per worker before it is replaced")
    ap.add_argument("--progress", action="store_true")
    ap.add_argument("--out", type=Path, default=None, help="write the smallest input of each failure here")
    args = ap.parse_args()
    kinds = [k for k in args.classes.split(",") if k in CLASSES]
    _preload()
    jobs = [(k, args.seed * 10_000_000 + i) for k in kinds for i in range(args.cases)]
    start = time.perf_counter()
    counts, failures = run(jobs, args.workers, args.time_limit, args.memory_mb * 1024 * 1024,
                           args.recycle, args.progress)
    wall = time.perf_counter() - start
    print(f"{len(jobs)} cases, {wall:.0f} s, {args.workers} workers, time limit {args.time_limit:g} s "
          f"and memory limit {args.memory_mb} MB per case, seed {args.seed}")
    print(f"{'class':<10} {'ok':>7} {'clean':>7} {'crash':>6} {'hang':>5} {'memory':>7}")
    for k in kinds:
        c = counts[k]
        print(f"{k:<10} {c['ok']:>7} {c['clean']:>7} {c['crash']:>6} {c['hang']:>5} {c['memory']:>7}")
    smallest: dict[tuple, bytes] = {}
    for kind, seed, result, signature in failures:
        _, data = CLASSES[kind](random.Random(seed))
        key = (kind, result, signature)
        if key not in smallest or len(data) < len(smallest[key]):
            smallest[key] = data
        print(f"  {result} [{kind}] seed {seed} {signature}")
    if args.out is not None:
        for (kind, result, signature), data in sorted(smallest.items()):
            args.out.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha1(data).hexdigest()[:10]
            (args.out / f"{result}-{kind}-{digest}.bin").write_bytes(data)


if __name__ == "__main__":
    mp.set_start_method("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    main()
