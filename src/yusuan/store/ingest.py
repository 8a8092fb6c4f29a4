"""Import one published file: read and audit it (no database), then store it (one transaction).

`analyse` does the slow part (reading, recognising, auditing) outside any transaction, so
several imports can run at once; `store` writes the result in one short transaction and is
safe when several processes or threads store at the same time: a file stored twice, even at
the same moment, is stored once, and versions are numbered without gaps or clashes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from yusuan import __version__
from yusuan.store.database import Database, DatabaseError
from yusuan.store.identity import normalise_name, region_of, unit_key
from yusuan.store.schema import Document, Figure, Finding, Original, Unit

STATUS_LABELS = {"new": "新导入", "version": "新版本", "duplicate": "已存在（相同文件）", "rejected": "未导入"}


def ruleset_version() -> str:
    """Which rules judged a document: their count and a digest of their codes and severities."""
    from yusuan.audit.registry import all_rules

    rules = all_rules()
    digest = hashlib.sha1("".join(f"{r.code}{r.severity}" for r in rules).encode()).hexdigest()[:8]
    return f"{len(rules)}-{digest}"


@dataclass
class Analysis:
    """A file read and audited, ready to store."""

    filename: str
    sha256: str
    data: bytes
    model: dict
    findings: list[dict]
    figures: list[dict]
    pages: int | None


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


def analyse(data: bytes, filename: str) -> Analysis:
    """Read, recognise and audit a file's bytes; InputError when it is not a readable disclosure."""
    from yusuan.audit.engine import audit, selected
    from yusuan.output.json_out import disclosure_dict
    from yusuan.parse import parse_bytes

    doc, disc = parse_bytes(data, filename)
    findings = audit(disc, selected())
    model = disclosure_dict(disc)
    model["lines"] = [[ln.no, ln.page, ln.text] for ln in doc.lines]
    return Analysis(filename=filename, sha256=sha256(data), data=data, model=model,
                    findings=[f.to_dict() for f in findings], figures=list(_figures(disc)),
                    pages=max((ln.page for ln in doc.lines), default=None))


def _figures(disc):
    for t in disc.tables:
        labels = {c.role: c.label for c in t.columns}
        for r in t.rows:
            for role, c in r.cells.items():
                loc = c.location
                yield {"table_kind": t.kind.value, "table_title": t.title[:200], "row_label": r.label[:300],
                       "code": r.code, "code_scheme": r.code_scheme, "column": role,
                       "column_label": labels.get(role, role)[:100], "amount": c.amount.wan,
                       "printed": c.amount.printed[:40], "print_unit": c.amount.unit, "page": loc.page,
                       "line": loc.line, "cell": f"{loc.sheet}!{loc.cell}" if loc.cell else None}


def store(db: Database, a: Analysis, attempts: int = 8) -> ImportResult:
    """Store an analysed file; a clash with a concurrent import is retried on fresh data."""
    last: Exception | None = None
    for _ in range(attempts):
        try:
            with db.session() as s:
                return _store(s, a)
        except IntegrityError as e:  # another import stored the same file, unit or version first
            last = e
    raise DatabaseError(f"写入数据库失败（并发冲突重试 {attempts} 次后仍失败）：{a.filename}（{last.__class__.__name__}）")


def _store(s: Session, a: Analysis) -> ImportResult:
    m = a.model
    counts = _counts(a.findings)
    existing = s.scalar(select(Document).where(Document.sha256 == a.sha256))
    if existing is not None:
        return ImportResult(a.filename, "duplicate", existing.id, existing.unit_name, existing.year,
                            existing.version, counts)
    if s.get(Original, a.sha256) is None:
        s.add(Original(sha256=a.sha256, size=len(a.data), format=m.get("format") or "text", data=a.data))
        s.flush()
    name = m.get("unit_name") or a.filename
    scope = m.get("scope") or "unknown"
    unit = _unit(s, _own_code(m, name, scope), name)
    if scope == "department":
        for u in m.get("units") or []:
            member = _unit(s, u.get("code"), u.get("name") or "")
            if member.id != unit.id and member.parent_id is None:
                member.parent_id = unit.id
    year = m.get("year")
    same = (Document.unit_id == unit.id) & (Document.scope == scope) & (
        Document.year == year if year is not None else Document.year.is_(None))
    version = (s.scalar(select(func.max(Document.version)).where(same)) or 0) + 1
    for old in s.scalars(select(Document).where(same, Document.current)):
        old.current = False
    d = Document(sha256=a.sha256, filename=a.filename[:400], unit=unit, year=year, scope=scope, version=version,
                 current=True, unit_name=name[:200], format=m.get("format") or "text", pages=a.pages,
                 errors=counts["error"], warnings=counts["warning"], infos=counts["info"],
                 ruleset=ruleset_version(), yusuan_version=__version__,
                 imported_at=datetime.now(timezone.utc), model=m)
    s.add(d)
    s.flush()
    # findings and figures in bulk (executemany), not as ORM objects: a document has hundreds of figures
    if a.findings:
        s.execute(insert(Finding), [
            {"document_id": d.id, "code": f["code"], "rule": f["rule"], "severity": f["severity"],
             "category": f["category"], "message": f["message"], "expected": _dec(f.get("expected")),
             "actual": _dec(f.get("actual")), "detail": f} for f in a.findings])
    if a.figures:
        s.execute(insert(Figure), [{"document_id": d.id, **fig} for fig in a.figures])
    return ImportResult(a.filename, "version" if version > 1 else "new", d.id, name, year, version, counts)


def store_many(db: Database, analyses: list[Analysis]) -> list[ImportResult]:
    """Store several analysed files in one transaction (a batch's bulk write); if a concurrent
    writer clashes with one of them, each is stored again on its own."""
    if not analyses:
        return []
    try:
        with db.session() as s:
            return [_store(s, a) for a in analyses]
    except IntegrityError:
        return [store(db, a) for a in analyses]


def _counts(findings: list[dict]) -> dict:
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


def _unit(s: Session, code: str | None, name: str) -> Unit:
    """The unit with this code, else with this normalised name (and no other code), else a new one."""
    norm = normalise_name(name)
    unit = s.scalar(select(Unit).where(Unit.code == code)) if code else None
    if unit is None and norm:
        for u in s.scalars(select(Unit).where(Unit.norm_name == norm).order_by(Unit.id)):
            if code is None or u.code in (None, code):
                unit = u
                break
    if unit is None:
        unit = Unit(key=unit_key(code, name), code=code, name=name[:200], norm_name=norm[:200],
                    region=region_of(name))
        s.add(unit)
        s.flush()
    elif code and unit.code is None:
        unit.code = code
    return unit
