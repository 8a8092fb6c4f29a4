"""The unit of work, run in a worker process (or on a Dask worker): read and audit one document."""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass

from yusuan.errors import YusuanError
from yusuan.store.ingest import Analysis, analyse, sha256


@dataclass
class Outcome:
    """What a worker sends back: the analysis without the file's bytes (the caller has them)."""

    name: str
    sha256: str
    analysis: Analysis | None
    error: str | None
    seconds: float
    worker: int
    max_rss_kib: int

    @property
    def ok(self) -> bool:
        return self.analysis is not None


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
    return Outcome(name, sha256(data), analysis, error, time.perf_counter() - start, os.getpid(), peak_rss_kib())


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
