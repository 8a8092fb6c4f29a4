"""The unit of work, run in a worker process (or on a Dask worker): read and audit a few documents,
and store them there too when the results go to a database the worker can reach."""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from yusuan.errors import YusuanError
from yusuan.store.ingest import Analysis, analyse, sha256

if TYPE_CHECKING:
    from yusuan.batch.sinks import Record


@dataclass
class Outcome:
    """What a worker sends back: the analysis without the file's bytes (the caller has them), or,
    when the worker stored the document itself, only the record the summary counts."""

    name: str
    sha256: str
    analysis: Analysis | None
    error: str | None
    seconds: float
    worker: int
    max_rss_kib: int
    record: Record | None = None

    @property
    def ok(self) -> bool:
        return self.analysis is not None

    @classmethod
    def failed(cls, name: str, data: bytes, error: str) -> Outcome:
        """A document the coordinator records as failed without a worker's result."""
        return cls(name, sha256(data), None, error, 0.0, 0, 0)


def process(name: str, data: bytes, serialise: bool = True) -> Outcome:
    """Never raises for a bad file: its error is the outcome. Only a bug in yusuan is reported as such."""
    start = time.perf_counter()
    analysis, error = None, None
    try:
        analysis = analyse(data, name, serialise).slim()  # the caller has the bytes; the model goes back as JSON text
    except YusuanError as e:
        error = e.message
    except RecursionError:
        error = f"文件结构过深，无法读取：{name}"
    except Exception as e:  # a bug must not stop a batch of thousands; it is recorded with its type
        error = f"读取时出现内部错误（{type(e).__name__}: {str(e)[:200]}）：{name}"
    return Outcome(name, analysis.sha256 if analysis else sha256(data), analysis, error, time.perf_counter() - start,
                   os.getpid(), peak_rss_kib())


def peak_rss_kib() -> int:
    """This process's peak resident memory since it started (VmHWM). getrusage's ru_maxrss is not
    used: on Linux it keeps the peak of the parent that forked the worker, before the exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_task(items: list[tuple[str, bytes]], serialise: bool, store: tuple[str, str] | None = None,
             work: Callable[..., Outcome] = process) -> list[Outcome]:
    """Audit each (name, bytes); with `store` (a database address and the run's token), store the
    results here in one transaction, so that the coordinating process only counts them. `work` is
    `process` (tests give one that kills its worker)."""
    outcomes = [work(name, data, serialise) for name, data in items]
    if store is None:
        return outcomes
    from yusuan.batch.sinks import worker_sink

    records = worker_sink(*store).write([(o, data) for o, (_, data) in zip(outcomes, items)])
    for o, r in zip(outcomes, records):
        o.analysis, o.record = None, r
    return outcomes
