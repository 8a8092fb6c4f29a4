"""`yusuan batch`: parallel runs over files, directories and zip archives; bad files; resume; Dask."""

from __future__ import annotations

import json
from collections import Counter
import re
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from storage import SAMPLES, corrected, make_db
from yusuan.batch.runner import run
from yusuan.batch.sinks import DatabaseSink, FileSink
from yusuan.read.sources import iter_sources
from yusuan.cli import app
from yusuan.store.database import Database
from yusuan.store.schema import Document, Failure
from yusuan.synth.budget import generate
from yusuan.synth.writer import write_text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The three samples, six generated documents (two inside a zip), and three files that are not disclosures."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "samples").mkdir()
    for p in SAMPLES:
        (root / "samples" / p.name).write_bytes(p.read_bytes())
    (root / "generated").mkdir()
    texts = [write_text(generate(seed), "flat") for seed in range(6)]
    for i, t in enumerate(texts[:4]):
        (root / "generated" / f"doc-{i}.txt").write_text(t, encoding="utf-8")
    with zipfile.ZipFile(root / "generated" / "more.zip", "w") as z:
        for i, t in enumerate(texts[4:], start=4):
            z.writestr(f"inner/doc-{i}.txt", t)
        z.writestr("inner/readme.bin", b"not a disclosure suffix: ignored")
    (root / "bad").mkdir()
    (root / "bad" / "notes.txt").write_text("会议纪要：今天讨论了明年的工作安排。\n", encoding="utf-8")
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "skip.txt").write_text("ignored", encoding="utf-8")
    return root


def _docs(db: Database) -> list[tuple]:
    """The stored documents by content (ids follow the order workers finish in)."""
    with db.session() as s:
        return [(d.sha256, d.unit_name, d.year, d.scope, d.version, d.current, d.errors, d.warnings)
                for d in s.scalars(select(Document).order_by(Document.sha256))]


def test_sources_recurse_and_read_archives_in_place(corpus):
    names = [s.name.replace(str(corpus), "") for s in iter_sources([corpus])]
    assert names == ["/bad/broken.pdf", "/bad/empty.txt", "/bad/notes.txt", "/generated/doc-0.txt",
                     "/generated/doc-1.txt", "/generated/doc-2.txt", "/generated/doc-3.txt",
                     "/generated/more.zip!inner/doc-4.txt", "/generated/more.zip!inner/doc-5.txt",
                     "/samples/jiaozuo-bigdata-bureau-2024.txt", "/samples/jiaozuo-ecommerce-center-2023.txt",
                     "/samples/jiaozuo-egov-center-2023.txt"]


def test_batch_to_database_records_bad_files_and_resumes(corpus, tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'b.db'}")
    sources = list(iter_sources([corpus]))
    summary = run(sources, DatabaseSink(db), workers=2, chunk=4)
    assert summary.statuses["failed"] == 3 and summary.processed == 12 and not summary.interrupted
    assert summary.statuses["new"] + summary.statuses["version"] == 9
    assert summary.findings[("YS602", "error")] == 1
    assert summary.units.most_common(1) == [(("焦作市人民政府电子政务管理中心（焦作市云计算服务中心）", 2023), 1)]
    with db.session() as s:
        failures = {Path(f.filename).name: f.error for f in s.scalars(select(Failure))}
    assert failures["notes.txt"].startswith("未在文件中找到预算表或预算数字")
    assert failures["empty.txt"].startswith("文件为空") and failures["broken.pdf"].startswith("PDF 文件损坏或不完整")
    # the six generated documents are consistent, and of the samples only the egov centre has errors
    assert sorted(d[6] for d in _docs(db)) == [0] * 8 + [1]
    again = run(sources, DatabaseSink(db), workers=1)
    assert (again.processed, again.skipped) == (0, 12)
    assert sorted(Path(n).name for n in again.failed_before) == ["broken.pdf", "empty.txt", "notes.txt"]
    assert len(_docs(db)) == 9


def test_interrupted_batch_resumes_without_loss_or_duplicates(corpus, tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'i.db'}")
    sources = list(iter_sources([corpus]))

    def interrupt(summary):
        if summary.processed >= 4:
            raise KeyboardInterrupt

    first = run(sources, DatabaseSink(db), workers=2, chunk=2, progress=interrupt)
    assert first.interrupted and 4 <= first.processed < 12
    kept = len(_docs(db))
    rest = run(sources, DatabaseSink(db), workers=2, chunk=2)
    # a task a worker was running when Ctrl-C came is finished and stored there, but not counted
    assert rest.skipped >= first.processed and rest.skipped + rest.processed == 12 and rest.processed > 0
    docs = _docs(db)
    assert len(docs) == 9 and len({d[0] for d in docs}) == 9 and kept <= 9
    with db.session() as s:
        assert len(s.scalars(select(Failure)).all()) == 3


def test_files_output_survives_a_crash_mid_chunk(corpus, tmp_path):
    out = tmp_path / "out"
    sources = list(iter_sources([corpus]))
    summary = run(sources, FileSink(out), workers=2, chunk=5)
    assert summary.processed == 12
    (out / "chunks" / ".tmp-chunk-crashed").mkdir()  # what a crash while writing leaves behind
    (out / "chunks" / ".tmp-chunk-crashed" / "documents.jsonl").write_text('{"sha256": "x"', encoding="utf-8")
    again = run(sources, FileSink(out), workers=1)
    assert (again.processed, again.skipped) == (0, 12)
    assert sorted(Path(n).name for n in again.failed_before) == ["broken.pdf", "empty.txt", "notes.txt"]
    assert not list((out / "chunks").glob(".tmp-*"))
    import pyarrow.parquet as pq

    lines = [json.loads(line) for f in sorted((out / "chunks").glob("chunk-*/documents.jsonl"))
             for line in f.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 12 and len({d["sha256"] for d in lines}) == 12
    ecommerce = next(d for d in lines if d["name"].endswith("jiaozuo-ecommerce-center-2023.txt"))
    assert ecommerce["facts"]["totals"]["expenditure_total"] == "87.02" and ecommerce["findings"]["warning"] == 10
    figures = [r for f in (out / "chunks").glob("chunk-*/figures.parquet") for r in pq.read_table(f).to_pylist()]
    row = next(r for r in figures if r["sha256"] == ecommerce["sha256"] and r["row_label"] == "事业运行"
               and r["table_kind"] == "expenditure" and r["column"] == "total")
    assert str(row["amount"].normalize()) == "71.86"


def test_local_processes_and_dask_cluster_give_identical_results(corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    sources = list(iter_sources([corpus]))
    local = Database(f"sqlite:///{tmp_path / 'local.db'}")
    run(sources, DatabaseSink(local), workers=2, chunk=3)
    remote = Database(f"sqlite:///{tmp_path / 'dask.db'}")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            summary = run(sources, DatabaseSink(remote), dask=client, chunk=5)
    assert summary.engine == "dask" and summary.workers == 2 and summary.processed == 12
    assert _docs(local) == _docs(remote)
    with local.session() as a, remote.session() as b:
        assert sorted(f.filename for f in a.scalars(select(Failure))) == sorted(
            f.filename for f in b.scalars(select(Failure)))


def test_batch_command(corpus, tmp_path):
    runner = CliRunner()
    report = tmp_path / "report.html"
    r = runner.invoke(app, ["batch", str(corpus / "samples"), str(corpus / "bad"), "--out", str(tmp_path / "o"),
                            "-w", "2", "--report", str(report)])
    assert r.exit_code == 1, r.output  # the unreadable files of bad/ are recorded; the run says so
    assert "批量处理结果" in r.output and "无法读取" in r.output
    html = report.read_text(encoding="utf-8")
    assert "yusuan 批量处理报告" in html and "YS602" in html and "notes.txt" in html
    # run again: nothing is read twice, and the files still unreadable are listed and fail the run
    r = runner.invoke(app, ["batch", str(corpus / "samples"), str(corpus / "bad"), "--out", str(tmp_path / "o"),
                            "-w", "1", "--report", str(report)])
    assert r.exit_code == 1, r.output
    assert r.output.count("此前已记录为无法读取") == 4  # the count in the table and the three files
    html = report.read_text(encoding="utf-8")
    assert "此前已记录为无法读取的文件" in html and "broken.pdf" in html and "<td colspan=\"3\">无</td>" in html
    r = runner.invoke(app, ["batch", str(corpus), "--out", str(tmp_path / "o"), "--db", "sqlite:///x.db"])
    assert r.exit_code == 2 and "只能选一个" in r.output
    r = runner.invoke(app, ["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert r.exit_code == 2 and "文件不存在" in r.output
    r = runner.invoke(app, ["batch", str(corpus / "samples"), "--dask", "tcp://127.0.0.1:1", "--out",
                            str(tmp_path / "o2")])
    assert r.exit_code == 2 and "批量处理失败" in r.output


def test_a_worker_that_dies_costs_only_its_document(corpus, tmp_path):
    from crashing import process_or_die

    docs = tmp_path / "docs"
    docs.mkdir()
    for p in SAMPLES:
        (docs / p.name).write_bytes(p.read_bytes())
    (docs / "crash-me.txt").write_bytes(SAMPLES[0].read_bytes() + b"\n")  # new content, same unit
    db = Database(f"sqlite:///{tmp_path / 'c.db'}")
    summary = run(list(iter_sources([docs])), DatabaseSink(db), workers=2, chunk=2, work=process_or_die)
    assert summary.statuses == {"new": 3, "failed": 1}
    # named as found below the directory given: the server's own paths are never stored or shown
    assert summary.failures == [("crash-me.txt", "处理时工作进程异常退出（可能内存不足）：crash-me.txt")]
    assert len(_docs(db)) == 3


def _variants(folder: Path, n: int) -> list[Path]:
    """`n` publications of the ecommerce centre's 2023 budget, each with its own 事业运行 figure."""
    folder.mkdir()
    paths = []
    for k in range(n):
        paths.append(folder / f"ecommerce-{k}.txt")
        paths[-1].write_bytes(corrected("71.86", f"71.9{k}"))
    return paths


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_settle_puts_versions_stored_out_of_order_in_source_order(kind, tmp_path):
    from yusuan.store.ingest import analyse, store_many

    db = make_db(kind, tmp_path)
    paths = _variants(tmp_path / "v", 4)
    analyses = [analyse(p.read_bytes(), p.name) for p in paths]
    results = store_many(db, analyses[::-1])  # as if the workers finished them last first
    assert [r.version for r in results] == [1, 2, 3, 4]
    sink = DatabaseSink(db)
    sink.settle({r.document_id: (3 - k, r.version) for k, r in enumerate(results)})
    with db.session() as s:
        rows = {d.filename: (d.version, d.current) for d in s.scalars(select(Document))}
    assert rows == {"ecommerce-0.txt": (1, False), "ecommerce-1.txt": (2, False), "ecommerce-2.txt": (3, False),
                    "ecommerce-3.txt": (4, True)}
    sink.settle({r.document_id: (3 - k, 5 - r.version) for k, r in enumerate(results)})  # in order already: kept
    with db.session() as s:
        assert {d.filename: (d.version, d.current) for d in s.scalars(select(Document))} == rows


def test_dask_workers_store_to_postgresql_like_local_processes(corpus, tmp_path):
    """On a database server the Dask workers store their own results, as local processes do;
    several versions of one unit in the run still come out in the order the files were found."""
    distributed = pytest.importorskip("distributed")
    docs = tmp_path / "docs"
    docs.mkdir()
    for p in (corpus / "samples").iterdir():
        (docs / p.name).write_bytes(p.read_bytes())
    _variants(docs / "versions", 5)
    (docs / "notes.txt").write_text("会议纪要：今天讨论了明年的工作安排。\n", encoding="utf-8")
    sources = list(iter_sources([docs]))
    results = {}
    for engine in ("processes", "dask"):
        db = make_db("postgresql", tmp_path)
        sink = DatabaseSink(db)
        assert sink.worker_target(engine) == db.url
        if engine == "dask":
            with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cluster, distributed.Client(cluster) as client:
                summary = run(sources, sink, dask=client, chunk=2)
        else:
            summary = run(sources, sink, workers=2, chunk=2)
        assert summary.statuses == {"new": 3, "version": 5, "failed": 1}, engine  # the sample is version 1
        with db.session() as s:
            versions = {Path(d.filename).name: (d.version, d.current) for d in s.scalars(select(Document))
                        if "ecommerce-" in d.filename}
            failures = [f.filename for f in s.scalars(select(Failure))]
        assert versions == {"jiaozuo-ecommerce-center-2023.txt": (1, False),
                            **{f"ecommerce-{k}.txt": (k + 2, k == 4) for k in range(5)}}
        assert failures == ["notes.txt"]
        results[engine] = _docs(db)
        db.dispose()
    assert results["processes"] == results["dask"] and len(results["dask"]) == 8


def test_workers_store_to_a_database_they_can_reach(tmp_path, monkeypatch):
    """Local processes store to the same SQLite file (its path made absolute, as a worker may start
    elsewhere); Dask workers may be other machines, so a SQLite file is written by the coordinator."""
    monkeypatch.chdir(tmp_path)
    sink = DatabaseSink(Database("sqlite:///relative.db"))
    assert sink.worker_target("processes") == f"sqlite:///{tmp_path.resolve() / 'relative.db'}"
    assert sink.worker_target("dask") is None
    assert FileSink(tmp_path / "out").serialise is False and not hasattr(FileSink, "worker_target")


def test_workers_end_with_a_killed_coordinator(tmp_path):
    """SIGKILL of `yusuan batch`: its worker processes end with it instead of writing on as orphans."""
    import os
    import signal
    import subprocess
    import sys
    import time

    docs = tmp_path / "docs"
    docs.mkdir()
    r = CliRunner().invoke(app, ["synth", "40", "-o", str(docs), "--seed", "3"])
    assert r.exit_code == 0, r.output
    p = subprocess.Popen([sys.executable, "-m", "yusuan.cli", "batch", str(docs), "--db",
                          f"sqlite:///{tmp_path / 'b.db'}", "-w", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    kids: list[str] = []
    while time.time() < deadline and len(kids) < 2:
        time.sleep(0.5)
        kids = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
    assert len(kids) >= 2, "the batch started no workers"
    time.sleep(5)  # the workers are at work (started, initialised, reading)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    time.sleep(3)

    def running(pid: str) -> bool:
        try:
            return "State:\tZ" not in open(f"/proc/{pid}/status").read()
        except FileNotFoundError:
            return False

    assert [k for k in kids if running(k)] == []


@pytest.mark.parametrize("kill_after", [1, 2, 3])
def test_a_run_cut_short_and_run_again_numbers_versions_as_one_run(corpus, tmp_path, kill_after):
    """Five versions of one unit and year among other files: a run stopped after a few chunks
    (as a SIGKILL would leave it: stored, never settled) and run again ends with the same
    versions and the same current one as a run never interrupted."""
    from yusuan.store.ingest import analyse, store_many

    docs = tmp_path / "docs"
    docs.mkdir()
    for p in (corpus / "samples").iterdir():
        (docs / p.name).write_bytes(p.read_bytes())
    _variants(docs / "versions", 5)
    sources = list(iter_sources([docs]))
    whole = Database(f"sqlite:///{tmp_path / 'whole.db'}")
    run(sources, DatabaseSink(whole), workers=2, chunk=2)
    cut = Database(f"sqlite:///{tmp_path / 'cut.db'}")
    # the killed run: some files stored in the order workers happened to finish them, no settling
    first = [s for k, s in enumerate(sources) if k % 4 < kill_after][::-1]
    store_many(cut, [analyse(s.read(), s.label) for s in first])
    run(sources, DatabaseSink(cut), workers=2, chunk=2)

    def versions(db):
        with db.session() as s:
            return sorted((d.filename, d.version, d.current) for d in s.scalars(select(Document)))

    assert versions(cut) == versions(whole)
    assert sorted(v for f, v, c in versions(whole) if Path(f).name.startswith(("ecommerce", "jiaozuo-ecommerce"))) == [1, 2, 3, 4, 5, 6]


def test_archive_members_with_unsafe_names_are_reported(tmp_path):
    """'../x.txt' and '/x.txt' in a zip: listed as refused with the reason, never read; the rest is stored."""
    zpath = tmp_path / "upload.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("../escape.txt", SAMPLES[0].read_bytes())
        z.writestr("/abs.txt", b"x")
        z.writestr("ok/" + SAMPLES[0].name, SAMPLES[0].read_bytes())
    db = Database(f"sqlite:///{tmp_path / 'z.db'}")
    summary = run(list(iter_sources([zpath])), DatabaseSink(db), workers=1)
    assert summary.statuses["new"] == 1 and summary.statuses["failed"] == 2
    reasons = [str(f) for f in summary.failures]
    assert sum("文件名不安全" in r and "../escape.txt" in r for r in reasons) == 1
    assert sum("文件名不安全" in r and "/abs.txt" in r for r in reasons) == 1


def test_hidden_and_unsupported_files_are_listed_and_names_keep_server_paths_out(tmp_path):
    """Hidden files and members (.x, __MACOSX/) and unsupported types are listed as not read, with
    the reason; what is stored (and shown by the web app) names a file below the directory given,
    or by its archive and member, never by the server's path."""
    from sqlalchemy import select

    from yusuan.store.schema import Document

    docs = tmp_path / "srv" / "uploads"
    (docs / "2024").mkdir(parents=True)
    (docs / "2024" / SAMPLES[0].name).write_bytes(SAMPLES[0].read_bytes())
    (docs / ".cache").mkdir()
    (docs / ".cache" / "x.txt").write_bytes(b"x")
    (docs / "photo.jpg").write_bytes(b"\xff\xd8")
    with zipfile.ZipFile(docs / "all.zip", "w") as z:
        z.writestr("__MACOSX/._a.txt", b"\0")
        z.writestr(".hidden.txt", b"x")
        z.writestr("notes.doc", b"x")
        z.writestr("in/" + SAMPLES[1].name, SAMPLES[1].read_bytes())
    ignored: list = []
    sources = list(iter_sources([docs], ignored))
    assert [s.label for s in sources] == [f"2024/{SAMPLES[0].name}", f"all.zip!in/{SAMPLES[1].name}"]
    assert ignored == [(".cache/x.txt", "隐藏文件（名称以“.”开头或在 __MACOSX 中），已跳过，未读取"),
                       ("all.zip!.hidden.txt", "隐藏文件（名称以“.”开头或在 __MACOSX 中），已跳过，未读取"),
                       ("all.zip!__MACOSX/._a.txt", "隐藏文件（名称以“.”开头或在 __MACOSX 中），已跳过，未读取"),
                       ("all.zip!notes.doc", "不支持的文件类型（.doc），已跳过"),
                       ("photo.jpg", "不支持的文件类型（.jpg），已跳过")]
    db = Database(f"sqlite:///{tmp_path / 'n.db'}")
    run(sources, DatabaseSink(db), workers=1)
    with db.session() as s:
        names = sorted(d.filename for d in s.scalars(select(Document)))
    assert names == [f"2024/{SAMPLES[0].name}", f"all.zip!in/{SAMPLES[1].name}"]
    assert not any(str(tmp_path) in n for n in names)

    from typer.testing import CliRunner

    from yusuan.cli import app

    r = CliRunner().invoke(app, ["batch", str(docs), "--db", f"sqlite:///{tmp_path / 'cli.db'}", "-w", "1",
                                 "--report", str(tmp_path / "r.html")])
    assert r.exit_code == 0, r.output
    assert re.search(r"未读取（隐藏文件或不支持的类型）\s*│\s*5\s*│", r.output), r.output
    assert "photo.jpg：不支持的文件类型（.jpg），已跳过" in r.output
    assert "all.zip!notes.doc" in (tmp_path / "r.html").read_text(encoding="utf-8")


def _database_contents(url: str) -> dict:
    """Everything a batch stores, by content: ids and timestamps (which follow the order workers
    finish in and the clock) left out, every document keyed by its file's sha256."""
    from yusuan.store.schema import DocumentFile, Figure, Finding, Original, SearchEntry, Unit

    db = Database(url)
    with db.session() as s:
        sha_of = dict(s.execute(select(Document.id, Document.sha256)).all())
        return {
            "documents": sorted((d.sha256, d.filename, d.unit.code or "", d.unit.name, d.year, d.scope, d.doc_type,
                                 d.version, d.current, d.errors, d.warnings, d.infos, d.content_sha,
                                 d.narrative_sha) for d in s.scalars(select(Document))),
            "findings": sorted((sha_of[f.document_id], f.code, f.severity, f.message)
                               for f in s.scalars(select(Finding))),
            "figures": sorted(Counter(sha_of[f.document_id] for f in s.scalars(select(Figure))).items()),
            "search": sorted(Counter(sha_of[e.document_id] for e in s.scalars(select(SearchEntry))).items()),
            "files": sorted((f.sha256, sha_of[f.document_id]) for f in s.scalars(select(DocumentFile))),
            "originals": sorted(s.scalars(select(Original.sha256))),
            "units": sorted((u.code or "", u.name) for u in s.scalars(select(Unit))),
            "failures": sorted((f.sha256, f.error) for f in s.scalars(select(Failure))),
        }


def test_a_batch_killed_at_random_points_and_run_again_stores_what_one_run_stores(tmp_path):
    """`yusuan batch` SIGKILLed at random moments (one of them twice) and run again: the database
    is the one an uninterrupted run leaves, versions and current versions included."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    docs = tmp_path / "docs"
    docs.mkdir()
    for p in SAMPLES:
        (docs / p.name).write_bytes(p.read_bytes())
    _variants(docs / "versions", 5)
    texts = [write_text(generate(seed), "flat") for seed in range(20, 32)]
    for i, t in enumerate(texts):
        (docs / f"gen-{i:02d}.txt").write_text(t, encoding="utf-8")
    (docs / "notes.txt").write_text("会议纪要：今天讨论了明年的工作安排。\n", encoding="utf-8")

    def batch(db: Path, kill_after: float | None = None) -> int | None:
        cmd = [sys.executable, "-m", "yusuan.cli", "batch", str(docs), "--db", f"sqlite:///{db}", "-w", "2"]
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if kill_after is None:
            return p.wait(300)
        time.sleep(kill_after)
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        time.sleep(1)  # the workers end with their coordinator

    start = time.monotonic()
    assert batch(tmp_path / "whole.db") == 1  # one file is not a disclosure
    whole_seconds = time.monotonic() - start
    whole = _database_contents(f"sqlite:///{tmp_path / 'whole.db'}")
    assert len(whole["documents"]) == 20 and len(whole["failures"]) == 1
    ecommerce = sorted(v for _, f, *rest in whole["documents"] if "ecommerce" in f for v in [rest[5]])
    assert ecommerce == [1, 2, 3, 4, 5, 6]

    rng = random.Random(int(os.environ.get("YUSUAN_KILL_SEED", "20261203")))
    plans = [[rng.uniform(0.15, 0.85) * whole_seconds] for _ in range(2)]
    plans.append(sorted(rng.uniform(0.1, 0.6) * whole_seconds for _ in range(2)))  # killed twice
    for k, kills in enumerate(plans):
        db = tmp_path / f"cut-{k}.db"
        for t in kills:
            batch(db, kill_after=t)
        assert batch(db) == 1  # the file that is not a disclosure, failed now or recorded by the killed run
        print(f"run of {whole_seconds:.1f} s killed after", [round(t, 1) for t in kills], "s")
        assert _database_contents(f"sqlite:///{db}") == whole, f"killed after {kills} s"
