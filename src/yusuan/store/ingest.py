"""Import one published file: read and audit it (no database), then store it (one transaction).

`analyse` does the slow part (reading, recognising, auditing) outside any transaction, so
several imports can run at once; `store` writes the result in one short transaction and is
safe when several processes or threads store at the same time: a file stored twice, even at
the same moment, is stored once, and versions are numbered without gaps or clashes.
"""

from __future__ import annotations

import hashlib
import random
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from yusuan import __version__
from yusuan.store.database import Database, DatabaseError
from yusuan.store.identity import normalise_name, region_of, unit_key
from yusuan.store.queries import headline
from yusuan.store.schema import Document, DocumentFile, Finding, Original, SearchEntry, Unit
from yusuan.store.content import content_key, narrative_key, same_content, statements_of
from yusuan.store.search import ENTRY_COLUMNS, entries
from yusuan.store.types import dumps

RETRYABLE = {"40P01", "40001"}  # PostgreSQL: deadlock detected, serialization failure
STATUS_LABELS = {"new": "新导入", "version": "新版本", "duplicate": "已存在（相同文件）",
                 "same": "已存在（内容相同的另一份文件，记入该版本）", "rejected": "未导入"}


@lru_cache(maxsize=1)
def ruleset_version() -> str:
    """Which rules judged a document: their count and a digest of their codes and severities."""
    from yusuan.audit.registry import all_rules

    rules = all_rules()
    digest = hashlib.sha1("".join(f"{r.code}{r.severity}" for r in rules).encode()).hexdigest()[:8]
    return f"{len(rules)}-{digest}"


# What storing needs of the model besides its JSON text (`Analysis.slim` keeps only these).
META_KEYS = ("unit_name", "year", "scope", "doc_type", "format", "units", "facts")


@dataclass
class Analysis:
    """A file read and audited, ready to store. `model_json` is the model serialised where it
    was made (in a batch, by the worker), so the process that stores it does not serialise it."""

    filename: str
    sha256: str
    data: bytes
    model: dict
    findings: list[dict]
    figures: list[tuple]  # one tuple per amount, in FIGURE_COLUMNS order; the amount as its exact text
    pages: int | None
    model_json: str = ""
    search: list[tuple] = field(default_factory=list)  # searchable texts, in search.ENTRY_COLUMNS order
    content: str = ""  # the figures' fingerprint (store.content)
    narrative: str | None = None  # the narrative's fingerprint, None without a narrative

    def slim(self) -> Analysis:
        """Without the bytes and with only the model's metadata: cheap to send between processes."""
        self.data = b""
        self.model = {k: self.model.get(k) for k in META_KEYS}
        return self


@dataclass
class ImportResult:
    filename: str
    status: str  # new | version | duplicate | rejected
    document_id: int | None = None
    unit_name: str | None = None
    year: int | None = None
    version: int | None = None
    counts: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def to_dict(self) -> dict:
        d = {"filename": self.filename, "status": self.status, "status_label": self.label}
        for k in ("document_id", "unit_name", "year", "version", "error"):
            if getattr(self, k) is not None:
                d[k] = getattr(self, k)
        if self.counts:
            d["findings"] = dict(self.counts)
        return d


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


FIGURE_COLUMNS = ("table_kind", "table_title", "row_label", "code", "code_scheme", "column", "column_label", "amount",
                  "printed", "print_unit", "page", "line", "cell")


def analyse(data: bytes, filename: str, serialise: bool = True, nice: int = 0) -> Analysis:
    """Read, recognise and audit a file's bytes in a child process bounded in time and memory
    (yusuan.guard; `nice` lowers its CPU priority); InputError when it is not a readable
    disclosure or overruns a limit."""
    from yusuan.guard import limited

    a = limited(analyse_here, data, filename, serialise, name=filename, nice=nice)
    a.data = data  # the bytes stay here: only the result crosses from the child
    return a


def analyse_here(data: bytes, filename: str, serialise: bool = True) -> Analysis:
    """`analyse` in this process (the child's work); the Analysis it returns holds no bytes."""
    from yusuan.audit.engine import audit, selected
    from yusuan.output.json_out import disclosure_dict
    from yusuan.parse import parse_bytes

    doc, disc = parse_bytes(data, filename)
    findings = audit(disc, selected())
    model = disclosure_dict(disc)
    figures = list(_figures(disc))
    return Analysis(filename=filename, sha256=sha256(data), data=b"", model=model,
                    model_json=dumps(model) if serialise else "",
                    findings=[f.to_dict() for f in findings], figures=figures, search=entries(model),
                    content=content_key((f[0], f[2], f[3], f[5], f[7]) for f in figures),
                    narrative=narrative_key(statements_of(model)),
                    pages=max((ln.page for ln in doc.lines), default=None))


def _figures(disc):
    """Tuples, not dicts: a batch sends hundreds per document between processes."""
    for t in disc.tables:
        labels = {c.role: c.label for c in t.columns}
        title = t.title[:200]
        for r in t.rows:
            label = r.label[:300]
            for role, c in r.cells.items():
                loc = c.location
                yield (t.kind.value, title, label, r.code, r.code_scheme, role, labels.get(role, role)[:100],
                       str(c.amount.wan), c.amount.printed[:40], c.amount.unit, loc.page, loc.line,
                       f"{loc.sheet}!{loc.cell}" if loc.cell else None)


def store(db: Database, a: Analysis, attempts: int = 8) -> ImportResult:
    """Store an analysed file; a clash with a concurrent import is retried on fresh data."""
    last: Exception | None = None
    for attempt in range(attempts):
        try:
            with db.session() as s:
                return _store_chunk(s, [a], {})[0]
        except (IntegrityError, OperationalError) as e:
            if not _clash(e):
                raise
            last = e
            time.sleep(0.01 * (attempt + 1) * random.random())
    raise DatabaseError(f"写入数据库失败（并发冲突重试 {attempts} 次后仍失败）：{a.filename}（{last.__class__.__name__}）")


def store_many(db: Database, analyses: list[Analysis], units: dict | None = None) -> list[ImportResult]:
    """Store several analysed files in one transaction (a batch's bulk write). `units` remembers
    unit lookups from one call to the next (a batch names the same units again); it learns only
    from transactions that were committed. If a concurrent writer clashes with one of the files,
    each is stored again on its own."""
    if not analyses:
        return []
    try:
        with db.session() as s:
            known = {k: list(v) for k, v in (units or {}).items()}
            results = _store_chunk(s, analyses, known)
        if units is not None:
            units.update(known)
        return results
    except (IntegrityError, OperationalError) as e:
        if not _clash(e):
            raise
        if units is not None:
            units.clear()  # another writer changed the units: look them up again
        return [store(db, a) for a in analyses]


def _clash(e: Exception) -> bool:
    """A concurrent writer got there first (same file, unit or version), or PostgreSQL ended a
    deadlock by rolling this transaction back: worth trying again on fresh data."""
    return isinstance(e, IntegrityError) or getattr(getattr(e, "orig", None), "sqlstate", None) in RETRYABLE


# Statements built once, with bind parameters (building statements is the cost left per document).
# a version's identity: unit, scope, year and document type (a 决算 never supersedes a 预算)
_SAME = {True: (Document.unit_id == bindparam("b_unit")) & (Document.scope == bindparam("b_scope"))
               & (Document.doc_type == bindparam("b_type")) & (Document.year == bindparam("b_year")),
         False: (Document.unit_id == bindparam("b_unit")) & (Document.scope == bindparam("b_scope"))
                & (Document.doc_type == bindparam("b_type")) & Document.year.is_(None)}
_SUPERSEDE = {k: update(Document).where(w, Document.current).values(current=False) for k, w in _SAME.items()}
_LAST_VERSIONS = (select(Document.unit_id, Document.scope, Document.year, Document.doc_type, func.max(Document.version))
                  .where(Document.unit_id.in_(bindparam("units", expanding=True)))
                  .group_by(Document.unit_id, Document.scope, Document.year, Document.doc_type))
# the newest stored version of each unit/scope/year/type, with its figures' fingerprint
_NEWEST = (select(Document.unit_id, Document.scope, Document.year, Document.doc_type, Document.id, Document.unit_name,
                  Document.year, Document.version, Document.content_sha, Document.narrative_sha, Document.sha256)
           .where(Document.unit_id.in_(bindparam("units", expanding=True)), Document.current))
_NEW_DOCUMENTS = insert(Document).returning(Document.id, sort_by_parameter_order=True)
_SET_PARENT = update(Unit).where(Unit.id == bindparam("b_unit")).values(parent_id=bindparam("b_parent"))
_SET_VERSION = (update(Document).where(Document.id == bindparam("b_id"))
                .values(version=bindparam("b_version"), current=bindparam("b_current")))


def _store_chunk(session: Session, analyses: list[Analysis], units: dict) -> list[ImportResult]:
    """Store files in the session's transaction with a few statements for the whole chunk: which
    are stored already, their units and the units' last versions are each asked once; originals,
    documents, findings and figures are inserted together. Per document there remains at most
    the insert of a unit seen for the first time."""
    s = session.connection()  # Core statements on the session's connection: no ORM work per row
    shas = [a.sha256 for a in analyses]
    stored = {row[0]: tuple(row[1:]) for row in s.execute(
        select(Document.sha256, Document.id, Document.unit_name, Document.year, Document.version)
        .where(Document.sha256.in_(shas)))}
    stored |= {row[0]: tuple(row[1:]) for row in s.execute(  # files stored as another file of a version
        select(DocumentFile.sha256, Document.id, Document.unit_name, Document.year, Document.version)
        .join(Document, DocumentFile.document_id == Document.id).where(DocumentFile.sha256.in_(shas)))}
    first: dict[str, Analysis] = {}  # the first copy of each file not stored yet, in order
    for a in analyses:
        if a.sha256 not in stored:
            first.setdefault(a.sha256, a)
    fresh = list(first.values())
    have = set(s.scalars(select(Original.sha256).where(Original.sha256.in_([a.sha256 for a in fresh]))))
    originals = [{"sha256": a.sha256, "size": len(a.data), "format": a.model.get("format") or "text", "data": a.data}
                 for a in fresh if a.sha256 not in have]
    if originals:  # in one order, so that concurrent writers take their locks in the same order
        s.execute(insert(Original), sorted(originals, key=lambda r: r["sha256"]))
    session.info["units"] = units
    new_units = session.info.setdefault("new_units", set())
    # each new document's unit (and a 部门's units, whose parent it is), all looked up at once
    named = []  # (analysis, scope, (own code, name), [(code, name) of its units if a 部门])
    for a in fresh:
        name, scope = a.model.get("unit_name") or a.filename, a.model.get("scope") or "unknown"
        members = [(u.get("code"), u.get("name") or "") for u in a.model.get("units") or []] \
            if scope == "department" else []
        named.append((a, scope, (_own_code(a.model, name, scope), name), members))
    _load_units(session, [pair for _, _, own, members in named for pair in (own, *members)])
    keys, parents = {}, {}
    for a, scope, own, group in named:
        unit = _unit(session, *own)
        for code, member_name in group:
            member = _unit(session, code, member_name)
            if member[0] != unit[0] and member[1] is None:
                parents[member[0]] = unit[0]
                member[1] = unit[0]
        keys[a.sha256] = (unit[0], scope, a.model.get("year"), a.model.get("doc_type") or "budget")
    if parents:
        s.execute(_SET_PARENT, [{"b_unit": m, "b_parent": p} for m, p in parents.items()])
    known = [k[0] for k in keys.values() if k[0] not in new_units]  # a unit this transaction created has none
    last = {tuple(r[:4]): r[4] for r in s.execute(_LAST_VERSIONS, {"units": sorted(set(known))})} if known else {}
    newest = {tuple(r[:4]): r[4:] for r in s.execute(_NEWEST, {"units": sorted(set(known))})} if known else {}
    results: list[ImportResult] = []
    rows: list[dict] = []  # the documents to insert, in order
    written: list[tuple[Analysis, int]] = []  # each new document and its row
    waiting: list[tuple[ImportResult, int]] = []  # results that get the id of a row once it is inserted
    pending: dict[str, int] = {}  # sha -> row (a second copy in the chunk is a duplicate of it)
    other_files: list[tuple] = []  # (analysis, stored document id or None, row in this chunk, result)
    latest: dict[tuple, dict] = {}  # (unit, scope, year) -> its newest row in this chunk
    supersede: dict[bool, list[dict]] = {True: [], False: []}  # keys whose stored documents are no longer current
    for a in analyses:
        m, counts = a.model, counts_by_severity(a.findings)
        if a.sha256 in stored:
            results.append(ImportResult(a.filename, "duplicate", *stored[a.sha256], counts))
            continue
        if a.sha256 in pending:
            row = rows[pending[a.sha256]]
            results.append(ImportResult(a.filename, "duplicate", None, row["unit_name"], row["year"], row["version"],
                                        counts))
            waiting.append((results[-1], pending[a.sha256]))
            continue
        key = keys[a.sha256]
        unit_id, scope, year, doc_type = key
        same = latest.get(key) or (dict(zip(("id", "unit_name", "year", "version", "content_sha", "narrative_sha",
                                             "sha256"), newest[key])) if key in newest else None)
        if same is not None and same.get("sha256") == a.sha256 and same.get("id") is not None:
            # this very file, stored by a parallel upload after the lookup by hash above
            results.append(ImportResult(a.filename, "duplicate", same["id"], same["unit_name"], same["year"],
                                        same["version"], counts))
            continue
        if same is not None and same_content(same.get("content_sha"), same.get("narrative_sha"), a.content, a.narrative):
            # the figures of the newest version, from another file (another format): a file of that version
            results.append(ImportResult(a.filename, "same", same.get("id"), same["unit_name"], same["year"],
                                        same["version"], counts))
            other_files.append((a, same.get("id"), pending.get(same.get("sha256")), results[-1]))
            continue
        if key in latest:  # an earlier file of this chunk: it is superseded before it is written
            latest[key]["current"] = False
            version = latest[key]["version"] + 1
        else:
            version = last.get(key, 0) + 1
            if version > 1:
                supersede[year is not None].append({"b_unit": unit_id, "b_scope": scope, "b_year": year,
                                                    "b_type": doc_type})
        name = m.get("unit_name") or a.filename
        row = {"sha256": a.sha256, "filename": a.filename[:400], "unit_id": unit_id, "year": year, "scope": scope,
               "doc_type": doc_type,
               "version": version, "current": True, "unit_name": name[:200], "format": m.get("format") or "text",
               "pages": a.pages, "errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"],
               "ruleset": ruleset_version(), "yusuan_version": __version__,
               "imported_at": datetime.now(timezone.utc), "model": a.model_json or m, "headline": headline(m),
               "content_sha": a.content or None, "narrative_sha": a.narrative}
        latest[key] = row
        pending[a.sha256] = len(rows)
        written.append((a, len(rows)))
        rows.append(row)
        results.append(ImportResult(a.filename, "version" if version > 1 else "new", None, name, year, version,
                                    counts))
        waiting.append((results[-1], len(rows) - 1))
    for with_year, params in supersede.items():
        if params:
            s.execute(_SUPERSEDE[with_year], params)
    ids = list(s.scalars(_NEW_DOCUMENTS, rows)) if rows else []
    for r, i in waiting:
        r.document_id = ids[i]
    files = []
    for a, doc_id, row, result in other_files:
        result.document_id = doc_id if doc_id is not None else ids[row]
        files.append({"sha256": a.sha256, "document_id": result.document_id, "filename": a.filename[:400],
                      "format": a.model.get("format") or "text", "imported_at": datetime.now(timezone.utc),
                      "findings": a.findings})
    if files:
        s.execute(insert(DocumentFile), files)
    findings = [{"document_id": ids[i], "code": f["code"], "rule": f["rule"], "severity": f["severity"],
                 "category": f["category"], "message": f["message"], "expected": _dec(f.get("expected")),
                 "actual": _dec(f.get("actual")), "detail": f} for a, i in written for f in a.findings]
    if findings:
        s.execute(insert(Finding), findings)
    figures = [(ids[i], *f) for a, i in written for f in a.figures]
    if figures:
        _insert_figures(s, figures)
    texts = [{"document_id": ids[i], **dict(zip(ENTRY_COLUMNS, e))} for a, i in written for e in a.search]
    if texts:
        s.execute(insert(SearchEntry), texts)
    return results


def order_versions(db: Database, stored: dict[int, tuple[int, int]]) -> None:
    """Put in a given order the versions of documents stored by concurrent writers (a batch's
    workers store in the order they finish). `stored`: document id -> (position, version). Where
    several of them are versions of one unit, scope and year, they take their version numbers in
    the order of their positions, and the newest version is the current one."""
    later = [i for i, (_, version) in stored.items() if version and version > 1]
    with db.session() as session:
        s = session.connection()
        keys = set()
        for k in range(0, len(later), 500):
            keys.update(s.execute(select(Document.unit_id, Document.scope, Document.year, Document.doc_type)
                                  .where(Document.id.in_(later[k:k + 500]))))
        for unit_id, scope, year, doc_type in sorted(keys, key=str):
            same = s.execute(select(Document.id, Document.version).where(_SAME[year is not None]),
                             {"b_unit": unit_id, "b_scope": scope, "b_year": year, "b_type": doc_type}).all()
            ours = sorted((d for d in same if d.id in stored), key=lambda d: stored[d.id][0])
            numbers = sorted(d.version for d in ours)
            if [d.version for d in ours] == numbers:
                continue
            top = max(d.version for d in same)
            s.execute(update(Document).where(Document.id.in_([d.id for d in ours]))
                      .values(version=-Document.version))  # out of the way of the unique version
            s.execute(_SET_VERSION, [{"b_id": d.id, "b_version": v, "b_current": v == top}
                                     for d, v in zip(ours, numbers)])



def _insert_figures(conn, rows: list[tuple]) -> None:
    """Hundreds of rows per document: straight to the driver (executemany; COPY on PostgreSQL),
    a tenth of the cost of SQLAlchemy's per-row parameter processing. The amount is the exact
    decimal text: SQLite keeps it as text (as the Money type does), PostgreSQL reads it into NUMERIC."""
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(c) for c in ("document_id",) + FIGURE_COLUMNS)
    if dialect.name == "postgresql" and dialect.driver == "psycopg":
        with conn.connection.dbapi_connection.cursor() as cur:  # the session's transaction
            with cur.copy(f"COPY figures ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    conn.exec_driver_sql(f"INSERT INTO figures ({columns}) VALUES ({', '.join([mark] * (len(FIGURE_COLUMNS) + 1))})",
                         rows)


def counts_by_severity(findings: list[dict]) -> dict:
    """How many findings of each severity: {'error': n, 'warning': n, 'info': n}."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f["severity"]] += 1
    return counts


def _dec(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def _own_code(model: dict, name: str, scope: str) -> str | None:
    """A 单位's own code is its 收入表 row; a 部门's rows are its units, not itself."""
    if scope != "unit":
        return None
    units = [u for u in model.get("units") or [] if u.get("code")]
    norm = normalise_name(name)
    for u in units:
        if normalise_name(u.get("name") or "") == norm:
            return u["code"]
    return units[0]["code"] if len(units) == 1 and len(model.get("units") or []) == 1 else None


_UNIT_COLUMNS = (Unit.id, Unit.parent_id, Unit.code, Unit.norm_name)
_NEW_UNIT = insert(Unit).returning(Unit.id)
_SET_CODE = update(Unit).where(Unit.id == bindparam("b_unit")).values(code=bindparam("b_code"))


def _load_units(s: Session, pairs: list[tuple[str | None, str]]) -> None:
    """Read, in one query, the units that (code, name) pairs may be, unless read before in this
    transaction: by code and by normalised name, as [id, parent id, code, normalised name]."""
    info = s.info
    by_code: dict = info.setdefault("by_code", {})
    by_norm: dict = info.setdefault("by_norm", {})
    asked: set = info.setdefault("asked", set())
    codes = {c for c, _ in pairs if c and ("code", c) not in asked}
    norms = {n for _, name in pairs if (n := normalise_name(name)) and ("norm", n) not in asked}
    if not codes and not norms:
        return
    by_id: dict = info.setdefault("by_id", {})  # one list per unit, however it was found
    for row in s.connection().execute(select(*_UNIT_COLUMNS).where(
            Unit.code.in_(sorted(codes)) | Unit.norm_name.in_(sorted(norms)))):
        ref = by_id.setdefault(row[0], [*row])
        if ref[2]:
            by_code.setdefault(ref[2], ref)
        same = by_norm.setdefault(ref[3], [])
        if all(r is not ref for r in same):
            same.append(ref)
            same.sort(key=lambda r: r[0])  # the oldest unit of a name first
    asked.update(("code", c) for c in codes)
    asked.update(("norm", n) for n in norms)


def _unit(s: Session, code: str | None, name: str) -> list:
    """[id, parent id, …] of the unit with this code, else with this normalised name (and no other
    code), else of a new one. Remembered for the transaction: a batch names the same units again."""
    norm = normalise_name(name)
    info = s.info
    seen: dict = info.setdefault("units", {})
    ref = seen.get((code, norm))
    if ref is not None:
        return ref
    _load_units(s, [(code, name)])
    by_code, by_norm = info["by_code"], info["by_norm"]
    ref = by_code.get(code) if code else None
    if ref is None and norm:
        ref = next((r for r in by_norm.get(norm, ()) if code is None or r[2] in (None, code)), None)
    conn = s.connection()
    if ref is None:
        ref = [conn.scalar(_NEW_UNIT, {"key": unit_key(code, name), "code": code, "name": name[:200],
                                       "norm_name": norm[:200], "region": region_of(name)}), None, code, norm]
        info.setdefault("new_units", set()).add(ref[0])
        info["by_id"][ref[0]] = ref
        by_norm.setdefault(norm, []).append(ref)
        if code:
            by_code[code] = ref
    elif code and ref[2] is None:
        conn.execute(_SET_CODE, {"b_unit": ref[0], "b_code": code})
        ref[2] = code
        by_code[code] = ref
    seen[(code, norm)] = ref
    return ref
