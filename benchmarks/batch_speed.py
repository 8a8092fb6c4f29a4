"""Batch throughput, scaling and memory (run by hand).

    python3 benchmarks/batch_speed.py [--docs 1000] [--pdfs 100] [--postgres postgresql://…]

Generates (once, in --corpus) N synthetic text documents in the four text styles and M synthetic
PDFs with `yusuan synth`, then runs the batch end to end (read, parse, check, store) with 1 and
2 worker processes into a fresh SQLite database, into JSONL/Parquet files, and into PostgreSQL
when a URL is given. Prints documents per second, documents per second per worker, the scaling
efficiency from 1 to 2 workers, the peak resident memory of each worker, and the time to store
the already analysed documents into SQLite and PostgreSQL from one process, in chunks of 8 (as
each batch task stores its documents). Projects the time for 100,000 documents on 64 cores from
the measured per-worker rate (workers store their own results; on SQLite the writes take turns).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

STYLES = ("tabs", "markdown", "spaces", "flat")


def corpus(root: Path, docs: int, pdfs: int) -> tuple[Path, Path]:
    texts, pdf_dir = root / "text", root / "pdf"
    if len(list(texts.glob("*"))) < docs:
        shutil.rmtree(texts, ignore_errors=True)
        per = -(-docs // len(STYLES))
        for k, style in enumerate(STYLES):
            n = min(per, docs - k * per)
            fmt = ["-f", "md"] if style == "markdown" else ["--style", style]
            subprocess.run(["yusuan", "synth", str(n), "-o", str(texts), *fmt, "--seed", str(k * 100000)], check=True)
    if len(list(pdf_dir.glob("*.pdf"))) < pdfs:
        shutil.rmtree(pdf_dir, ignore_errors=True)
        subprocess.run(["yusuan", "synth", str(pdfs), "-o", str(pdf_dir), "-f", "pdf", "--seed", "900000"], check=True)
    return texts, pdf_dir


def fresh_postgres(url: str):
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def batch(sources, sink_kind: str, workers: int, where: str):
    from yusuan.batch.runner import run
    from yusuan.batch.sinks import DatabaseSink, FileSink
    from yusuan.store.database import Database

    if sink_kind == "files":
        sink = FileSink(Path(where))
    else:
        if sink_kind == "postgresql":
            fresh_postgres(where)
        sink = DatabaseSink(Database(where))
    summary = run(sources, sink, workers=workers, chunk=64)
    assert summary.processed == len(sources) and not summary.statuses.get("failed"), summary.statuses
    # generated documents are consistent by construction: any finding is a misreading (or a generator bug)
    assert not summary.findings, f"generated documents produced findings: {dict(summary.findings)}"
    peak = max(summary.max_rss_kib.values()) / 1024
    return summary.rate, peak, summary.seconds


def store_only(analyses, url: str, chunk: int = 8) -> float:
    from yusuan.store.database import Database
    from yusuan.store.ingest import store_many

    if url.startswith("postgresql"):
        fresh_postgres(url)
    db = Database(url)
    start = time.perf_counter()
    units: dict = {}
    for i in range(0, len(analyses), chunk):
        store_many(db, analyses[i:i + chunk], units)
    seconds = time.perf_counter() - start
    db.dispose()
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--pdfs", type=int, default=100)
    ap.add_argument("--corpus", type=Path, default=Path(tempfile.gettempdir()) / "yusuan-batch-corpus")
    ap.add_argument("--postgres", help="postgresql://… for the PostgreSQL figures (the database is emptied)")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each configuration; the median is printed")
    ap.add_argument("--only", help="run only these configurations, in this order, e.g. text-postgresql,text-sqlite "
                                   "(text-sqlite text-files pdf-sqlite text-postgresql)")
    args = ap.parse_args()

    from yusuan.read.sources import iter_sources
    from yusuan.store.ingest import analyse

    texts, pdfs = corpus(args.corpus, args.docs, args.pdfs)
    text_sources = list(iter_sources([texts]))[: args.docs]
    pdf_sources = list(iter_sources([pdfs]))[: args.pdfs]
    print(f"{len(text_sources)} text documents, {len(pdf_sources)} PDFs; machine: {sys.platform}, "
          f"python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        configs = [("text", text_sources, "sqlite"), ("text", text_sources, "files"), ("pdf", pdf_sources, "sqlite")]
        if args.postgres:
            configs.append(("text", text_sources, "postgresql"))
        if args.only:  # in the order given
            named = {f"{c[0]}-{c[2]}": c for c in configs}
            configs = [named[n] for n in args.only.split(",") if n in named]
        for label, sources, sink in configs:
            # 1 and 2 workers in turn (1 2 1 2 …), so that a drift in the shared machine's speed falls
            # on both alike; the scaling efficiency is taken pair by pair, then the median
            runs: dict[int, list] = {1: [], 2: []}
            pairs = []
            for k in range(args.repeat):
                for w in (1, 2):
                    where = {"sqlite": f"sqlite:///{tmp}/{label}-{w}-{k}.db", "files": f"{tmp}/{label}-{w}-{k}-out",
                             "postgresql": args.postgres}[sink]
                    runs[w].append(batch(sources, sink, w, where))
                    for leftover in Path(tmp).iterdir():  # not left to be written back during the next runs
                        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
                    subprocess.run(["sync"], check=False)
                pairs.append(runs[2][-1][0] / (2 * runs[1][-1][0]))
            for w in (1, 2):
                rate, peak, seconds = sorted(runs[w])[len(runs[w]) // 2]  # the median run by throughput
                rows.append((label, sink, w, len(sources), seconds, rate, rate / w, max(r[1] for r in runs[w])))
            pairs.sort()
            rows.append((label, sink, "scaling", pairs[len(pairs) // 2], pairs[0], pairs[-1]))
        print("\n| 文档 | 写入 | 进程 | 份数 | 秒 | 份/秒 | 份/秒/进程 | 每进程峰值内存 MiB |")
        print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            if r[2] == "scaling":
                print(f"| {r[0]} | {r[1]} | 1→2 扩展效率 | | | {r[3]:.1%}（{r[4]:.0%}–{r[5]:.0%}） | | |")
            else:
                print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]:.1f} | {r[5]:.1f} | {r[6]:.1f} | {r[7]:.0f} |")
        analyses = [analyse(s.read(), s.name) for s in text_sources]
        sqlite_s = store_only(analyses, f"sqlite:///{tmp}/store.db")
        print(f"\n只写入（已分析的 {len(analyses)} 份，一个进程，每 8 份一个事务）：SQLite {sqlite_s:.1f} s（{len(analyses) / sqlite_s:.0f} 份/秒）",
              end="")
        if args.postgres:
            pg_s = store_only(analyses, args.postgres)
            print(f"，PostgreSQL {pg_s:.1f} s（{len(analyses) / pg_s:.0f} 份/秒）", end="")
        print()
        rate = {(r[0], r[1]): r[6] for r in rows if r[2] == 2}
        print("推算：100,000 份文本文档，64 个工作进程（每个进程的速度取本机 2 进程的实测值，含写入）：")
        for sink, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL"), ("files", "文件")):
            if ("text", sink) not in rate:
                continue
            compute = 100_000 / (64 * rate[("text", sink)])
            line = f"  {label}：每进程 {rate[('text', sink)]:.1f} 份/秒，约 {compute:.0f} 秒"
            if sink == "sqlite":  # one file: the workers' transactions take turns
                line += f"；但 SQLite 同一时刻只有一个写入者，写入本身约 {100_000 * sqlite_s / len(analyses):.0f} 秒，取两者中较大的"
            print(line)

if __name__ == "__main__":
    main()
