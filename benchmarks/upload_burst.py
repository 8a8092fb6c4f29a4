"""Page latency while the web app processes a burst of uploads (run by hand).

    python3 benchmarks/upload_burst.py [--uploads 50] [--pdfs 10] [--probes 200]

Starts `yusuan serve` in its own process on a fresh SQLite database, generates N distinct
synthetic documents with `yusuan synth` (text, and M of them as PDF), and sends them all at once
(one connection each), while a probe asks for `GET /` and `GET /rules` in turn as fast as they
answer. Prints p50/p95/max of the probe latency before and during the burst, how long the burst
took, and the peak resident memory of the server process and of the largest reading child
(sampled every 20 ms from /proc). The target is p95 < 500 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for task in Path(f"/proc/{p}/task").glob("*") if Path(f"/proc/{p}/task").exists() else []:
            try:
                kids = [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                kids = []
            out += kids
            todo += kids
    return out


def corpus(root: Path, n: int, pdfs: int) -> list[Path]:
    subprocess.run(["yusuan", "synth", str(n - pdfs), "-o", str(root / "text"), "--seed", "31000"], check=True,
                   stdout=subprocess.DEVNULL)
    if pdfs:
        subprocess.run(["yusuan", "synth", str(pdfs), "-o", str(root / "pdf"), "-f", "pdf", "--seed", "32000"],
                       check=True, stdout=subprocess.DEVNULL)
    return sorted((root / "text").glob("*")) + sorted((root / "pdf").glob("*.pdf"))


def quantiles(values: list[float]) -> str:
    values = sorted(values)
    p = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000  # noqa: E731
    return f"p50 {p(0.5):6.0f} ms   p95 {p(0.95):6.0f} ms   max {values[-1] * 1000:6.0f} ms   ({len(values)} 次)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--uploads", type=int, default=50)
    ap.add_argument("--pdfs", type=int, default=10)
    ap.add_argument("--probes", type=int, default=40, help="probes before the burst")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = corpus(root, args.uploads, args.pdfs)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "yusuan.cli", "serve", "--db", f"sqlite:///{root / 'b.db'}",
                                   "--port", str(port)], stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    httpx.get(url + "/rules", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            client = httpx.Client(timeout=60)

            def probe(stop: threading.Event | None, limit: int = 0) -> list[float]:
                times, k = [], 0
                while (stop is not None and not stop.is_set()) or (stop is None and k < limit):
                    t = time.perf_counter()
                    client.get(url + ("/" if k % 2 == 0 else "/rules")).raise_for_status()
                    times.append(time.perf_counter() - t)
                    k += 1
                return times

            quiet = probe(None, args.probes)
            peak = {"server": 0.0, "child": 0.0}
            stop = threading.Event()

            def sample() -> None:
                while not stop.is_set():
                    peak["server"] = max(peak["server"], rss_mb(server.pid))
                    for c in descendants(server.pid):
                        peak["child"] = max(peak["child"], rss_mb(c))
                    time.sleep(0.02)

            def send(path: Path) -> int:
                with httpx.Client(timeout=600) as c:
                    return c.post(url + "/api/documents", files={"file": (path.name, path.read_bytes())}).status_code

            sampler = threading.Thread(target=sample)
            sampler.start()
            busy: list[float] = []
            prober = threading.Thread(target=lambda: busy.extend(probe(stop)))
            start = time.perf_counter()
            with ThreadPoolExecutor(len(files)) as pool:
                futures = [pool.submit(send, f) for f in files]
                prober.start()
                codes = [f.result() for f in futures]
            burst = time.perf_counter() - start
            stop.set()
            prober.join()
            sampler.join()
        finally:
            server.terminate()
            server.wait(10)
    print(f"上传 {len(files)} 份（其中 PDF {args.pdfs} 份），并发发送；{os.cpu_count()} 核")
    print(f"结果：{ {c: codes.count(c) for c in sorted(set(codes))} }，全部处理完用时 {burst:.1f} 秒")
    print(f"空闲时  GET / 与 GET /rules：{quantiles(quiet)}")
    print(f"上传期间 GET / 与 GET /rules：{quantiles(busy)}")
    print(f"峰值内存：服务器进程 {peak['server']:.0f} MB，单个读取子进程 {peak['child']:.0f} MB")


if __name__ == "__main__":
    main()
