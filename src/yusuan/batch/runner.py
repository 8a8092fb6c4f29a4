"""Run a batch: read each document once, skip what the sink already holds, audit in parallel
(local processes or a Dask cluster) a few documents per task, and store the results.

Where the workers can reach the database, each task stores its own documents, so that storing
scales with the workers instead of waiting on one process; the versions of one unit stored in
one run are then put in the order the files were found. Otherwise (files, or a SQLite file on a
cluster) the results come back and are written in chunks, in the order the documents were found
(a reorder buffer). Either way the same inputs give the same documents, versions and findings,
however many workers there are and wherever they run.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import queue
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from yusuan.batch.sinks import Record
from yusuan.errors import YusuanError
from yusuan.read.sources import Source
from yusuan.batch.work import Outcome, process, run_task
from yusuan.store.ingest import sha256


@dataclass
class Summary:
    total: int = 0  # documents found
    skipped: int = 0  # already held by the sink (same content)
    failed_before: list[str] = field(default_factory=list)  # skipped files an earlier run could not read
    statuses: Counter = field(default_factory=Counter)  # new / version / duplicate / failed
    findings: Counter = field(default_factory=Counter)  # (code, severity) -> count
    units: Counter = field(default_factory=Counter)  # (unit, year) -> errors
    failures: list[tuple[str, str]] = field(default_factory=list)  # (name, error)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (name, reason): hidden or unsupported, not read
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
    """Ctrl-C is the parent's to handle: it drops the tasks not started and writes what is finished;
    a worker finishes (and stores) the task it is running. A SIGKILL of the parent ends the worker."""
    import signal

    from yusuan.guard import die_with_parent

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()  # and a coordinator killed outright takes its workers with it


class _Completions:
    """Finished futures in the order they finish: a callback puts each in a queue, so waiting
    costs the same with a hundred tasks in flight as with one (concurrent.futures.wait and
    distributed.wait visit every future they are given, each time they are called)."""

    def __init__(self):
        self.finished: queue.SimpleQueue = queue.SimpleQueue()

    def track(self, future):
        future.add_done_callback(self.finished.put)
        return future

    def wait(self, inflight) -> list:
        done = [self.finished.get()]
        while True:
            try:
                done.append(self.finished.get_nowait())
            except queue.Empty:
                return [f for f in done if f in inflight]


class _Local(_Completions):
    """Worker processes started fresh ('spawn'): each worker's memory is its own to measure."""

    engine = "processes"

    def __init__(self, workers: int, work: Callable[..., Outcome] = process):
        super().__init__()
        self.pool = cf.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                           initializer=_ignore_sigint)
        self.workers = workers
        self.work = work

    def submit(self, items: list[tuple[str, bytes]], serialise: bool, store: tuple[str, str] | None):
        return self.track(self.pool.submit(run_task, items, serialise, store, self.work))

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _Dask(_Completions):
    engine = "dask"

    def __init__(self, address):
        from distributed import Client

        super().__init__()
        self.client = address if isinstance(address, Client) else Client(address, timeout=30)
        self.own = not isinstance(address, Client)
        self.workers = sum(self.client.nthreads().values()) or 1

    def submit(self, items: list[tuple[str, bytes]], serialise: bool, store: tuple[str, str] | None):
        return self.track(self.client.submit(run_task, items, serialise, store, pure=False))

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
        progress: Callable[[Summary], None] | None = None, work: Callable[..., Outcome] = process) -> Summary:
    """Process `sources` into `sink`. KeyboardInterrupt stops early: what was written stays written.
    `work` is the function each worker applies (`process`; tests give one that crashes)."""
    return _Run(sources, sink, workers, dask, chunk, progress, work).go()


class _Run:
    """One batch run: the reading loop, the tasks, the reorder buffer, and the recovery from a lost worker."""

    def __init__(self, sources, sink, workers, dask, chunk, progress, work):
        self.sources, self.sink, self.chunk, self.progress, self.work = sources, sink, chunk, progress, work
        self.summary = Summary(total=len(sources), where=sink.where)
        self.workers, self.dask = workers, dask
        self.pool = self._new_pool()
        self.summary.workers, self.summary.engine = self.pool.workers, self.pool.engine
        target = getattr(sink, "worker_target", None)
        url = target(self.pool.engine) if target else None
        self.store = (url, uuid.uuid4().hex) if url else None  # where workers store, if they do
        # a task is a few documents (one transaction when workers store them); small enough that
        # the last tasks of a run keep every worker busy
        self.group = max(1, min(8, chunk, len(sources) // (self.pool.workers * 4)))
        self.window = max(self.pool.workers * self.group * 3, chunk * 2)  # documents queued or waiting
        self.writer = _Writer(sink, self.summary)
        self.inflight: dict = {}  # future -> source indices
        self.queued = 0  # documents in the inflight tasks
        self.task: list[int] = []  # the task being filled
        self.data: dict[int, bytes] = {}
        self.ready: dict[int, Outcome] = {}
        self.passed: set[int] = set()  # skipped, or stored by a worker: nothing for the writer
        self.stored: dict[int, tuple[int, int]] = {}  # document id -> (source index, version), stored by workers
        self.found: dict[str, int] = {}  # sha256 -> source index of the files stored before (by a run that was cut short)
        self.alone: set[int] = set()  # documents run alone after a worker died
        self.suspects: list[int] = []  # tasks lost with a dead worker, to run again one at a time
        self.buffer: list[tuple[Outcome, bytes]] = []
        self.next_write = 0
        self.start = time.perf_counter()

    def _new_pool(self):
        return _Dask(self.dask) if self.dask is not None else _Local(self.workers, self.work)

    def go(self) -> Summary:
        import gc

        # The coordinator makes many short-lived objects (results, rows); a full collection now and
        # then walks every object it holds. Collect rarely during the run, as before afterwards.
        thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(50_000, 50, 100)
        try:
            return self._go()
        finally:
            gc.set_threshold(*thresholds)
            gc.unfreeze()

    def _go(self) -> Summary:
        try:
            self._feed()
            while self.inflight:
                self._collect(self.pool.wait(self.inflight))
            self._collect([])
            self._finish()
            self.pool.close()
        except KeyboardInterrupt:
            self.summary.interrupted = True
            self.pool.close(cancel=True)  # tasks not started are dropped; those running finish (and store)
            self._finish()  # finished documents are kept (in source order); the rest is redone next time
        except BaseException:
            self.pool.close(cancel=True)
            raise
        self.summary.seconds = time.perf_counter() - self.start
        return self.summary

    def _finish(self) -> None:
        self._flush(force=True)
        self.writer.close()
        if self.stored or self.found:
            # the files stored earlier take part too: a run killed halfway and run again numbers the
            # versions as one uninterrupted run would, by where each file stands among the sources
            self.sink.settle(self.stored, self.found)

    def _feed(self) -> None:
        done, failed = self.sink.done(), self.sink.failed()
        for i, src in enumerate(self.sources):
            err = None
            try:
                data = src.read()
            except YusuanError as e:  # an archive member refused by name or size
                data, err = None, e.message
            except (OSError, KeyError) as e:
                data, err = None, f"无法读取文件：{src.label}（{getattr(e, 'strerror', None) or e}）"
            digest = sha256(data) if data is not None else None
            if digest in done:
                self.found.setdefault(digest, i)
                self.summary.skipped += 1
                if digest in failed:
                    self.summary.failed_before.append(src.label)
                self.passed.add(i)
                self._collect([])
                continue
            if digest is not None:
                done.add(digest)  # a second copy in this run is skipped too
            if not data:  # unreadable (retried next time) or empty (recorded by its hash)
                self.data[i] = b""
                self.ready[i] = Outcome.failed(src.label, b"", err or f"文件为空：{src.label}")
                self._collect([])
                continue
            self.data[i] = data
            self.task.append(i)
            if len(self.task) >= self.group or data.startswith(b"%PDF"):  # a PDF takes as long as many texts
                self._submit(self.task)
                self.task = []
            while self.inflight and self.queued + len(self.ready) >= self.window:
                self._collect(self.pool.wait(self.inflight))
        if self.task:
            self._submit(self.task)
            self.task = []

    def _submit(self, indices: list[int]) -> None:
        items = [(self.sources[i].label, self.data[i]) for i in indices]
        self.inflight[self.pool.submit(items, self.sink.serialise, self.store)] = indices
        self.queued += len(indices)

    def _collect(self, futures) -> None:
        lost = []
        for f in futures:
            indices = self.inflight.pop(f)
            self.queued -= len(indices)
            try:
                outcomes = f.result()
            except cf.process.BrokenProcessPool:
                lost += indices
                continue
            except Exception as e:  # a Dask worker that died, or a task that failed there
                outcomes = [Outcome.failed(self.sources[i].label, self.data[i],
                                           f"处理时出错（{type(e).__name__}: {str(e)[:200]}）：{self.sources[i].label}")
                            for i in indices]
            for i, o in zip(indices, outcomes):
                self._done(i, o)
        if lost:
            self._recover(lost)
        while self.next_write < len(self.sources):
            i = self.next_write
            if i not in self.passed:
                if i not in self.ready:
                    break
                self.buffer.append((self.ready.pop(i), self.data.pop(i)))
                self._flush()
            self.next_write += 1
        self.summary.seconds = time.perf_counter() - self.start
        if self.progress:
            with self.writer.lock:
                self.progress(self.summary)

    def _done(self, i: int, o: Outcome) -> None:
        self.summary.worker_seconds += o.seconds
        self.summary.max_rss_kib[o.worker] = max(self.summary.max_rss_kib.get(o.worker, 0), o.max_rss_kib)
        if o.record is None:  # to be written here, in source order
            self.ready[i] = o
            return
        self.passed.add(i)
        self.data.pop(i, None)
        with self.writer.lock:
            self.summary.add(o.record)
        if o.record.status in ("new", "version"):
            self.stored[o.record.document_id] = (i, o.record.version)

    def _recover(self, lost: list[int]) -> None:
        """A worker process died (killed for memory, or a crash in a library): the pool is gone with
        every task in it. Start a new pool and run the lost documents again one at a time, so that
        the one that kills its worker is found and recorded as failed, and the others are done."""
        for f in list(self.inflight):
            lost += self.inflight.pop(f)
        self.queued = 0
        self.pool.close(cancel=True)
        self.pool = self._new_pool()
        for i in sorted(lost):
            if i in self.alone:  # it was running alone: it is the one
                self.ready[i] = Outcome.failed(self.sources[i].label, self.data[i],
                                               f"处理时工作进程异常退出（可能内存不足）：{self.sources[i].label}")
            else:
                self.suspects.append(i)
        while self.suspects and not self.inflight:
            i = self.suspects.pop(0)
            self.alone.add(i)
            self._submit([i])
            self._collect(self.pool.wait(self.inflight))

    def _flush(self, force: bool = False) -> None:
        if self.buffer and (force or len(self.buffer) >= self.chunk):
            self.writer.put(self.buffer)
            self.buffer = []
