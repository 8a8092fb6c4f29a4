"""Run the work of one document in a child process where time and memory can be bounded.

A library may loop forever on a hostile file (a PDF object that refers to itself), or allocate
without end (a page of 14,400 points rendered for OCR); no check inside the reader can stop
that. `limited(fn, *args)` runs `fn(*args)` in a child with an address-space limit and waits
for it at most `time_limit` seconds: a child that overruns is killed and the document is
refused with a clear reason, and the caller goes on with the next one.

The child is forked where the process has one thread (the CLI, batch workers: cheap, nothing to
pickle but the result) and started from a fork server otherwise (the web app's threads).
An exception that is not a `YusuanError` is returned as `InternalError` carrying the child's
traceback, for `--debug`.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import threading
import traceback
from typing import Any, Callable

from yusuan.errors import InputError, YusuanError
from yusuan.limits import limits


class InternalError(YusuanError):
    """A defect of yusuan itself: reported as 内部错误, exit 3; the traceback is kept for --debug."""

    exit_code = 3

    def __init__(self, message: str, details: str = ""):
        super().__init__(message)
        self.details = details


def internal(e: BaseException, where: str = "") -> InternalError:
    name = type(e).__name__
    text = str(e).replace("\n", " ")[:200]
    place = f"（{where}）" if where else ""
    return InternalError(f"内部错误{place}：{name}: {text}，请附上文件报告此问题",
                         "".join(traceback.format_exception(e)))


def die_with_parent() -> None:
    """Ask Linux to kill this process when the process that started it dies (SIGKILL included):
    a killed coordinator leaves no worker writing on behind it."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def _child(conn, fn: Callable, args: tuple, memory: int, nice: int = 0) -> None:
    die_with_parent()
    if nice:
        try:
            os.nice(nice)
        except OSError:  # pragma: no cover - not allowed here
            pass
    try:
        import resource

        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):  # pragma: no cover - not on Linux, or a lower hard limit
        pass
    try:
        result: tuple[str, Any] = ("ok", fn(*args))
    except YusuanError as e:
        result = ("error", e)
    except MemoryError:
        result = ("memory", None)
    except RecursionError:
        result = ("depth", None)
    except BaseException as e:  # noqa: BLE001 - every failure reaches the parent as one message
        result = ("internal", internal(e))
    try:
        conn.send_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    except MemoryError:
        conn.send_bytes(pickle.dumps(("memory", None)))
    except Exception as e:  # noqa: BLE001 - an unpicklable result
        conn.send_bytes(pickle.dumps(("internal", internal(e))))
    finally:
        conn.close()


def _context():
    if threading.active_count() == 1 and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    if "forkserver" not in mp.get_all_start_methods():  # pragma: no cover - not on Linux
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["yusuan.store.ingest", "yusuan.cli"])  # imported once, in the server
    return ctx


def limited(fn: Callable, *args, name: str = "", time_limit: int | None = None, memory_limit: int | None = None,
            nice: int = 0):
    """`fn(*args)` in a child process bounded in time and memory (and `nice`d: a lower CPU priority);
    its result, or its YusuanError raised here. `name` names the document in messages. Set
    YUSUAN_NO_CHILD=1 to run in-process (debugging)."""
    lim = limits()
    seconds = time_limit or lim.time_limit
    memory = memory_limit or lim.memory_limit
    if os.environ.get("YUSUAN_NO_CHILD") == "1" or mp.current_process().daemon:
        return fn(*args)  # a daemonic process (a Dask worker) may not start children: its own limits hold
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, memory, nice), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise InputError(f"读取与核查超过时间限制（{seconds} 秒，YUSUAN_TIME_LIMIT），已放弃：{name}")
        try:
            status, value = pickle.loads(parent.recv_bytes())
        except EOFError:
            proc.join(5)
            code = proc.exitcode
            raise InputError(f"读取时进程异常退出（{_signal(code)}），可能超出内存限制"
                             f"（{memory // (1024 * 1024)} MB，YUSUAN_MEMORY_LIMIT_MB）：{name}") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "ok":
        return value
    if status == "memory":
        raise InputError(f"读取所需内存超过限制（{memory // (1024 * 1024)} MB，YUSUAN_MEMORY_LIMIT_MB），已放弃：{name}")
    if status == "depth":
        raise InputError(f"文件结构嵌套过深，无法读取：{name}")
    raise value


def _signal(code: int | None) -> str:
    if code is None:
        return "未结束"
    if code < 0:
        import signal

        try:
            return f"信号 {signal.Signals(-code).name}"
        except ValueError:
            return f"信号 {-code}"
    return f"退出码 {code}"
