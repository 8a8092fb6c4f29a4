"""How fast the web app's chart pages load with thousands of documents stored (run by hand).

    python3 benchmarks/page_load.py [--docs 3000] [--db sqlite:///build/page-load.db] [--runs 5]

Without an existing database it generates `--docs` synthetic documents (`yusuan synth`, seed
10000) and stores them with `yusuan batch` (a few minutes, once). Then it starts `yusuan serve` in
its own process and opens, in Debian's Chromium driven by Playwright, the comparison page (default
view and a region), the unit page of the unit with most documents, a document page and the
document list. A load is timed from navigation to the moment every chart on the page is drawn
(`.main-svg` for each chart specification) or, on pages without charts, to the load event; the
first load of a fresh browser context (cold: nothing cached) and a reload (warm: scripts cached)
are timed separately. Prints the median and the slowest of `--runs` loads per page and the bytes
the page made the browser fetch. Target: chart pages under 800 ms (issue 19).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("YUSUAN_CHROMIUM", "/usr/bin/chromium")
YUSUAN = [sys.executable, "-m", "yusuan.cli"]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(db: str, docs: int) -> None:
    path = Path(db.removeprefix("sqlite:///"))
    if db.startswith("sqlite:///") and path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        subprocess.run([*YUSUAN, "synth", str(docs), "--seed", "10000", "-o", tmp],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*YUSUAN, "batch", tmp, "--db", db], stdout=subprocess.DEVNULL)
        print(f"stored {docs} synthetic documents in {time.perf_counter() - t:.0f} s", file=sys.stderr)


def pages(base: str) -> list[tuple[str, str]]:
    docs = httpx.get(f"{base}/api/documents?limit=200", timeout=60).json()["items"]
    counts: dict[int, int] = {}
    for d in docs:
        counts[d["unit_id"]] = counts.get(d["unit_id"], 0) + 1
    unit = max(counts, key=counts.get)
    region = next((d.get("region") for d in docs if d.get("region")), "")
    return [("比较（默认）", "/compare"), ("比较（地区）", f"/compare?region={region}"),
            ("单位历年", f"/units/{unit}"), ("文件", f"/documents/{docs[0]['id']}"), ("文件列表", "/")]


def timed_load(page, url: str) -> float:
    t = time.perf_counter()
    page.goto(url, wait_until="load")
    charts = page.locator(".charts .chart").count()  # app.js makes one per specification, then draws it
    while charts and page.locator(".charts .chart .main-svg").count() < charts:  # (the CSP forbids wait_for_function)
        time.sleep(0.005)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--db", default=f"sqlite:///{ROOT / 'build' / 'page-load.db'}")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    prepare(a.db, a.docs)
    port = free_port()
    server = subprocess.Popen([*YUSUAN, "serve", "--db", a.db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                httpx.get(base + "/rules", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        stored = httpx.get(f"{base}/api/documents?limit=1", timeout=60).json()["total"]
        from playwright.sync_api import sync_playwright

        results = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for name, path in pages(base):
                cold, warm, fetched = [], [], 0
                for _ in range(a.runs):
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    page = context.new_page()
                    sizes: list[int] = []
                    page.on("response", lambda r: sizes.append(int(r.headers.get("content-length") or 0)))
                    cold.append(timed_load(page, base + path))
                    fetched = sum(sizes)
                    warm.append(timed_load(page, base + path))
                    context.close()
                results.append((name, path, cold, warm, fetched))
            browser.close()
        print(f"{stored} documents stored; {a.runs} loads per page; Chromium {CHROMIUM}")
        print(f"{'page':<14} {'cold median':>12} {'cold max':>9} {'warm median':>12} {'warm max':>9} {'fetched':>9}")
        for name, path, cold, warm, fetched in results:
            print(f"{name:<12} {statistics.median(cold) * 1000:>10.0f} ms {max(cold) * 1000:>6.0f} ms "
                  f"{statistics.median(warm) * 1000:>10.0f} ms {max(warm) * 1000:>6.0f} ms {fetched / 1024:>7.0f} KB  {path}")
        print(json.dumps({n: round(statistics.median(c) * 1000) for n, _, c, _, _ in results}, ensure_ascii=False))
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
