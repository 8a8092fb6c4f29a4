"""Run a batch: read each document once, skip what the sink already holds, audit in parallel
(local processes or a Dask cluster), write results in chunks, in the order the documents were found.

Writing in source order (a reorder buffer) makes a run's results independent of how many
workers there are or where they run: the same inputs give the same database or files.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import queue
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from yusuan.batch.sinks import Record
from yusuan.batch.sources import Source
from yusuan.batch.work import Outcome, process
from yusuan.store.ingest import sha256


@dataclass
class Summary:
    total: int = 0  # documents found
    skipped: int = 0  # already held by the sink (same content)
    statuses: Counter = field(default_factory=Counter)  # new / version / duplicate / failed
    findings: Counter = field(default_factory=Counter)  # (code, severity) -> count
    units: Counter = field(default_factory=Counter)  # (unit, year) -> errors
    failures: list[tuple[str, str]] = field(default_factory=list)  # (name, error)
    seconds: float = 0.0
    worker_seconds: float = 0.0
    workers: int = 1
    engine: str = "processes"
    max_rss_kib: dict[int, int] = field(default_factory=dict)  # worker pid -> peak resident memory
    interrupted: bool = False
    where: str = ""

    @property
    def processed(self) -> int:
        return sum(self.statuses.values())

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0

    def add(self, r: Record) -> None:
        self.statuses[r.status] += 1
        for code, severity in r.codes:
            self.findings[(code, severity)] += 1
        if r.counts.get("error"):
            self.units[(r.unit or r.name, r.year)] += r.counts["error"]
        if r.error:
            self.failures.append((r.name, r.error))


def _ignore_sigint() -> None:
    """Ctrl-C is the parent's to handle: it writes what is finished, then stops the workers."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Local:
    """Worker processes started fresh ('spawn'): each worker's memory is its own to measure."""

    def __init__(self, workers: int):
        self.pool = cf.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_ignore_sigint)
        self.window = workers * 8

    def submit(self, name: str, data: bytes, serialise: bool):
        return self.pool.submit(process, name, data, serialise)

    def wait(self, futures):
        return cf.wait(futures, return_when=cf.FIRST_COMPLETED)[0]

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _Dask:
    def __init__(self, address):
        from distributed import Client

        self.client = address if isinstance(address, Client) else Client(address, timeout=30)
        self.own = not isinstance(address, Client)
        threads = sum(self.client.nthreads().values()) or 1
        self.window = threads * 8
        self.workers = threads

    def submit(self, name: str, data: bytes, serialise: bool):
        return self.client.submit(process, name, data, serialise, pure=False)

    def wait(self, futures):
        from distributed import wait

        return wait(list(futures), return_when="FIRST_COMPLETED").done

    def close(self, cancel: bool = False) -> None:
        if self.own:
            self.client.close()


class _Writer:
    """Writes chunks in a thread of its own, so that the workers are fed while a chunk is stored."""

    def __init__(self, sink, summary: Summary):
        self.sink, self.summary = sink, summary
        self.chunks: queue.Queue = queue.Queue(maxsize=2)
        self.lock = threading.Lock()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._loop, name="yusuan-writer", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while (items := self.chunks.get()) is not None:
            try:
                if self.error is None:
                    records = self.sink.write(items)
                    with self.lock:
                        for r in records:
                            self.summary.add(r)
            except BaseException as e:  # reported by the main thread at its next put or at close
                self.error = e

    def put(self, items: list) -> None:
        self.check()
        self.chunks.put(items)

    def check(self) -> None:
        if self.error is not None:
            raise self.error

    def close(self) -> None:
        self.chunks.put(None)
        self.thread.join()
        self.check()


def run(sources: list[Source], sink, workers: int = 1, dask=None, chunk: int = 64,
        progress: Callable[[Summary], None] | None = None) -> Summary:
    """Process `sources` into `sink`. KeyboardInterrupt stops early: what was written stays written."""
    summary = Summary(total=len(sources), where=sink.where)
    done = sink.done()
    pool = _Dask(dask) if dask is not None else _Local(workers)
    pool.window = max(pool.window, chunk * 2)  # enough work queued to cover the writing of a chunk
    writer = _Writer(sink, summary)
    summary.workers, summary.engine = (pool.workers, "dask") if dask is not None else (workers, "processes")
    start = time.perf_counter()
    inflight: dict = {}  # future -> index
    data_of: dict[int, bytes] = {}
    ready: dict[int, Outcome] = {}
    buffer: list[tuple[Outcome, bytes]] = []
    next_write = 0
    order: list[int | None] = []  # index -> position among submitted (None: not submitted)

    def flush(force: bool = False) -> None:
        nonlocal buffer
        if buffer and (force or len(buffer) >= chunk):
            writer.put(buffer)
            buffer = []

    def collect(futures) -> None:
        nonlocal next_write
        for f in futures:
            i = inflight.pop(f)
            o = f.result()
            ready[i] = o
            summary.worker_seconds += o.seconds
            summary.max_rss_kib[o.worker] = max(summary.max_rss_kib.get(o.worker, 0), o.max_rss_kib)
        while next_write < len(order):
            if order[next_write] is None:
                next_write += 1
                continue
            if next_write not in ready:
                break
            buffer.append((ready.pop(next_write), data_of.pop(next_write)))
            next_write += 1
            flush()
        summary.seconds = time.perf_counter() - start
        if progress:
            with writer.lock:
                progress(summary)

    try:
        for i, src in enumerate(sources):
            try:
                data = src.read()
            except (OSError, KeyError) as e:
                data = None
                err = f"无法读取文件：{src.name}（{getattr(e, 'strerror', None) or e}）"
            digest = sha256(data) if data is not None else None
            if digest in done:
                summary.skipped += 1
                order.append(None)
                collect([])
                continue
            if digest is not None:
                done.add(digest)  # a second copy in this run is skipped too
            if not data:  # unreadable (retried next time) or empty (recorded by its hash)
                o = Outcome(src.name, digest or sha256(b""), None, err if data is None else f"文件为空：{src.name}",
                            0.0, 0, 0)
                order.append(i)
                ready[i], data_of[i] = o, b""
                collect([])
                continue
            order.append(i)
            data_of[i] = data
            inflight[pool.submit(src.name, data, sink.serialise)] = i
            while len(inflight) + len(ready) >= pool.window:
                collect(pool.wait(inflight))
        while inflight:
            collect(pool.wait(inflight))
        collect([])
        flush(force=True)
        writer.close()
        pool.close()
    except KeyboardInterrupt:
        summary.interrupted = True
        flush(force=True)  # finished documents in source order are kept; the rest is redone next time
        writer.close()
        pool.close(cancel=True)
    except BaseException:
        pool.close(cancel=True)
        raise
    summary.seconds = time.perf_counter() - start
    return summary
