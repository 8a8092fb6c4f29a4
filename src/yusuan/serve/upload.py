"""Receiving an uploaded file: size and page limits, reading and auditing, storing.

Reading and checking run in a child process per upload (yusuan.guard: a time and a memory limit,
at a lower CPU priority than the server), at most `workers` at a time; the uploads beyond wait
for a place without holding any of the threads that serve the pages, and beyond `queue` waiting
uploads the server answers 503 at once, so that a burst of uploads never freezes the pages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from fastapi import HTTPException, UploadFile

from yusuan.errors import YusuanError
from yusuan.limits import env_int
from yusuan.store.database import Database
from yusuan.store.ingest import ImportResult, analyse, store

CHUNK = 1024 * 1024
NICE = 10  # the reading child yields the CPU to the server's pages


@dataclass(frozen=True)
class Limits:
    max_bytes: int = env_int("YUSUAN_MAX_UPLOAD_MB", 50) * 1024 * 1024
    max_pages: int = env_int("YUSUAN_MAX_UPLOAD_PAGES", 500)
    workers: int = env_int("YUSUAN_UPLOAD_WORKERS", os.cpu_count() or 1)
    queue: int = env_int("YUSUAN_UPLOAD_QUEUE", 200)


def _read(file: UploadFile, limits: Limits) -> bytes:
    size = getattr(file, "size", None)
    if size is not None and size > limits.max_bytes:
        raise HTTPException(413, _too_large(file.filename, size, limits))
    parts, total = [], 0
    while chunk := file.file.read(CHUNK):
        total += len(chunk)
        if total > limits.max_bytes:
            raise HTTPException(413, _too_large(file.filename, total, limits))
        parts.append(chunk)
    return b"".join(parts)


def _too_large(name: str | None, size: int, limits: Limits) -> str:
    return f"文件过大：{name}（超过上限 {limits.max_bytes // (1024 * 1024)} MB）"


def _pdf_pages(data: bytes) -> int | None:
    if not data.startswith(b"%PDF"):
        return None
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        try:
            return len(pdf)
        finally:
            pdf.close()
    except Exception:  # a broken PDF: the reader gives the precise reason
        return None


def receive(db: Database, file: UploadFile, limits: Limits) -> ImportResult:
    """Read, check and store one upload; HTTPException 4xx with a one-line Chinese reason when refused."""
    name = os.path.basename(file.filename or "上传文件")
    data = _read(file, limits)
    if not data.strip():
        raise HTTPException(422, f"文件为空：{name}")
    pages = _pdf_pages(data)
    if pages is not None and pages > limits.max_pages:
        raise HTTPException(413, f"页数过多：{name} 有 {pages} 页（上限 {limits.max_pages} 页）")
    try:
        analysis = analyse(data, name, nice=NICE)
    except YusuanError as e:
        raise HTTPException(422, e.message) from None
    if analysis.pages and analysis.pages > limits.max_pages:
        raise HTTPException(413, f"页数过多：{name} 有 {analysis.pages} 页（上限 {limits.max_pages} 页）")
    return store(db, analysis)


async def run_upload(app, fn, *args):
    """`fn(*args)` in a worker thread, at most `app.state.limits.workers` at once; 503 when too many wait."""
    import anyio

    state = app.state
    if getattr(state, "upload_slots", None) is None:
        state.upload_slots = anyio.CapacityLimiter(state.limits.workers)
        state.upload_waiting = 0
    if state.upload_waiting >= state.limits.queue:
        raise HTTPException(503, f"服务器繁忙：已有 {state.upload_waiting} 份文件在排队，请稍后再上传",
                            headers={"Retry-After": "30"})
    state.upload_waiting += 1
    try:
        return await anyio.to_thread.run_sync(lambda: fn(*args), limiter=state.upload_slots)
    finally:
        state.upload_waiting -= 1
