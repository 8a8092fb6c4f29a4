"""Where a batch's results go: the database (bulk writes) or a folder of JSONL and Parquet files.

Both know which files they already hold (by content hash), so a re-run skips them, and both
write a chunk of results all at once: an interruption loses at most the chunk being written,
never half of it, and a re-run redoes exactly what is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import make_url, select

from yusuan.batch.work import Outcome
from yusuan.errors import YusuanError
from yusuan.store.database import Database
from yusuan.store.ingest import FIGURE_COLUMNS, counts_by_severity, order_versions, store_many
from yusuan.store.schema import Document, Failure
from yusuan.store.types import dumps


@dataclass
class Record:
    """One document's result, as the summary counts it."""

    name: str
    sha256: str
    status: str  # new | version | duplicate | failed
    unit: str | None = None
    year: int | None = None
    counts: dict = field(default_factory=dict)
    codes: list[tuple[str, str]] = field(default_factory=list)  # (rule code, severity) of each finding
    error: str | None = None
    document_id: int | None = None
    version: int | None = None


def _record(o: Outcome, status: str, unit=None, year=None, counts=None, document_id=None, version=None) -> Record:
    a = o.analysis
    codes = [(f["code"], f["severity"]) for f in a.findings] if a else []
    return Record(o.name, o.sha256, status, unit, year, counts or {}, codes, o.error, document_id, version)


class DatabaseSink:
    """Results stored in the database. Local worker processes store their own results (each a few
    documents per transaction), so that storing scales with the workers; so do Dask workers when
    the database is a server they can reach. A SQLite file on a cluster is written by the
    coordinating process, as the workers may not share its disk."""

    serialise = True  # the database keeps the whole model: the workers serialise it

    def __init__(self, db: Database):
        self.db = db
        self.where = db.url
        self.units: dict = {}  # unit lookups remembered across chunks

    def worker_target(self, engine: str) -> str | None:
        """The address workers store to (a SQLite path made absolute), or None: they send results back."""
        url = make_url(self.db.url)
        if url.get_backend_name() != "sqlite":
            return self.db.url
        if engine != "processes" or not url.database or url.database == ":memory:":
            return None
        return str(url.set(database=str(Path(url.database).resolve())))

    def done(self) -> set[str]:
        with self.db.session() as s:
            return set(s.scalars(select(Document.sha256))) | set(s.scalars(select(Failure.sha256)))

    def failed(self) -> set[str]:
        """The held contents that an earlier run recorded as unreadable (and nothing stored since)."""
        with self.db.session() as s:
            return set(s.scalars(select(Failure.sha256))) - set(s.scalars(select(Document.sha256)))

    def write(self, items: list[tuple[Outcome, bytes]]) -> list[Record]:
        """Store a chunk; the records come back in the order of `items`."""
        good = [(o, data) for o, data in items if o.ok]
        for o, data in good:
            o.analysis.data = data
        results = store_many(self.db, [o.analysis for o, _ in good], self.units)
        stored = {id(o): _record(o, r.status, r.unit_name, r.year, r.counts, r.document_id, r.version)
                  for (o, _), r in zip(good, results)}
        bad = [o for o, _ in items if not o.ok]
        if bad:
            now = datetime.now(timezone.utc)
            rows = {o.sha256: {"sha256": o.sha256, "filename": o.name[:400], "error": o.error, "recorded_at": now}
                    for o in bad}
            with self.db.session() as s:  # a copy recorded by another worker meanwhile is left as it is
                s.execute(_dialect_insert(self.db.dialect)(Failure).on_conflict_do_nothing(), list(rows.values()))
        for o, _ in good:
            o.analysis.data = b""
        return [stored.get(id(o)) or _record(o, "failed") for o, _ in items]

    def settle(self, stored: dict[int, tuple[int, int]], found: dict[str, int] | None = None) -> None:
        """Workers store in the order they finish: where one run stored several versions of the same
        unit, year and scope, number them in the order the files were found (`stored`: document id ->
        (position, version)), as one writer would have, so that the same inputs give the same
        versions and the same current one however the work was spread. `found` (sha256 -> position)
        are the run's files stored before it, by a run cut short: they are ordered with the rest."""
        stored = dict(stored)
        if found:
            shas = list(found)
            with self.db.session() as s:
                for k in range(0, len(shas), 500):
                    for doc_id, sha, version in s.execute(select(Document.id, Document.sha256, Document.version)
                                                          .where(Document.sha256.in_(shas[k:k + 500]))):
                        stored.setdefault(doc_id, (found[sha], version))
        order_versions(self.db, stored)


def _dialect_insert(dialect: str):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


_worker_sink: tuple[tuple[str, str], DatabaseSink] | None = None


def worker_sink(url: str, run: str) -> DatabaseSink:
    """The database a worker process stores to, opened once per run (the coordinator has created or
    upgraded it already). A Dask worker lives on from one run to the next: what it remembers of
    the units is not carried into a run on a database that may have been emptied meanwhile."""
    global _worker_sink
    if _worker_sink is None or _worker_sink[0] != (url, run):
        if _worker_sink is not None:
            _worker_sink[1].db.dispose()
        _worker_sink = ((url, run), DatabaseSink(Database(url, upgrade=False)))
    return _worker_sink[1]


def _schemas():
    import pyarrow as pa

    string = pa.string()
    head = [("sha256", string), ("unit", string), ("year", pa.int32())]
    findings = pa.schema(head + [(c, string) for c in ("code", "rule", "severity", "category", "message",
                                                       "locations", "related")])
    types = {"amount": pa.decimal128(38, 10), "page": pa.int32(), "line": pa.int32()}
    figures = pa.schema(head + [(c, types.get(c, string)) for c in FIGURE_COLUMNS])
    return findings, figures


FINDING_SCHEMA, FIGURE_SCHEMA = _schemas()


def _table(rows: list[tuple], schema):
    """A Parquet table built column by column from tuples (amounts from their exact decimal text)."""
    import pyarrow as pa

    columns = list(zip(*rows)) if rows else [()] * len(schema)
    arrays = []
    for values, f in zip(columns, schema):
        if pa.types.is_decimal(f.type):
            values = [Decimal(v) for v in values]
        arrays.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class FileSink:
    """out/chunks/<chunk>/documents.jsonl, findings.parquet, figures.parquet — each chunk renamed
    into place when complete; unfinished chunks (`.tmp-*`) are removed when a run starts."""

    serialise = False  # the files keep the facts, not the whole model

    def __init__(self, out: Path):
        self.out = out
        self.chunks = out / "chunks"
        self.where = str(out)
        try:
            self.chunks.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise YusuanError(f"无法创建输出目录：{out}（{e.strerror or e}）") from None
        for leftover in self.chunks.glob(".tmp-*"):
            shutil.rmtree(leftover, ignore_errors=True)

    def settle(self, stored: dict, found: dict | None = None) -> None:
        """Files have no versions to number: nothing to settle."""

    def done(self) -> set[str]:
        return set(self._held())

    def failed(self) -> set[str]:
        """The held contents that an earlier run recorded as unreadable."""
        return {sha for sha, status in self._held().items() if status == "failed"}

    def _held(self) -> dict[str, str]:
        held = {}
        for f in self.chunks.glob("chunk-*/documents.jsonl"):
            for line in f.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                held[row["sha256"]] = row.get("status", "")
        return held

    def write(self, items: list[tuple[Outcome, bytes]]) -> list[Record]:
        import pyarrow.parquet as pq

        name = f"chunk-{time.time_ns():020d}-{os.getpid()}"
        tmp = self.chunks / f".tmp-{name}"
        tmp.mkdir()
        records, docs, findings, figures = [], [], [], []
        for o, _ in items:
            a = o.analysis
            facts = a.model.get("facts") or {} if a else {}
            unit, year = (a.model.get("unit_name"), a.model.get("year")) if a else (None, None)
            rec = _record(o, "new" if o.ok else "failed", unit, year, counts_by_severity(a.findings) if a else {})
            records.append(rec)
            docs.append({"name": o.name, "sha256": o.sha256, "status": rec.status, "unit_name": unit, "year": year,
                         "scope": a.model.get("scope") if a else None, "doc_type": a.model.get("doc_type") if a else None, "format": a.model.get("format") if a else None,
                         "pages": a.pages if a else None, "findings": rec.counts, "error": o.error, "facts": facts})
            if a:
                findings += [(o.sha256, unit, year, f["code"], f["rule"], f["severity"], f["category"], f["message"],
                              dumps(f["locations"]), dumps(f.get("related") or [])) for f in a.findings]
                figures += [(o.sha256, unit, year, *fig) for fig in a.figures]
        with open(tmp / "documents.jsonl", "w", encoding="utf-8") as fh:
            fh.writelines(dumps(d) + "\n" for d in docs)
        pq.write_table(_table(findings, FINDING_SCHEMA), tmp / "findings.parquet")
        pq.write_table(_table(figures, FIGURE_SCHEMA), tmp / "figures.parquet")
        os.replace(tmp, self.chunks / name)  # the chunk appears whole, or not at all
        return records
