"""`yusuan batch`: parallel runs over files, directories and zip archives; bad files; resume; Dask."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from storage import SAMPLES
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
    with db.session() as s:
        return [(d.sha256, d.unit_name, d.year, d.scope, d.version, d.errors, d.warnings)
                for d in s.scalars(select(Document).order_by(Document.id))]


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
    assert summary.findings[("YS602", "error")] == 5
    assert summary.units.most_common(1) == [(("焦作市人民政府电子政务管理中心（焦作市云计算服务中心）", 2023), 5)]
    with db.session() as s:
        failures = {Path(f.filename).name: f.error for f in s.scalars(select(Failure))}
    assert failures["notes.txt"].startswith("未在文件中找到预算表或预算数字")
    assert failures["empty.txt"].startswith("文件为空") and failures["broken.pdf"].startswith("PDF 文件损坏或不完整")
    # the six generated documents are consistent, and of the samples only the egov centre has errors
    assert sorted(d[5] for d in _docs(db)) == [0] * 8 + [5]
    again = run(sources, DatabaseSink(db), workers=1)
    assert (again.processed, again.skipped) == (0, 12)
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
    assert rest.skipped == first.processed and rest.processed == 12 - first.processed
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
    assert r.exit_code == 0, r.output
    assert "批量处理结果" in r.output and "无法读取" in r.output
    html = report.read_text(encoding="utf-8")
    assert "yusuan 批量处理报告" in html and "YS602" in html and "notes.txt" in html
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
    assert summary.failures == [(str(docs / "crash-me.txt"), f"处理时工作进程异常退出（可能内存不足）：{docs / 'crash-me.txt'}")]
    assert len(_docs(db)) == 3
