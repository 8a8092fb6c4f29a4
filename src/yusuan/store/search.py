"""Full-text search over stored documents: unit names and codes, 科目 codes and names, project
names and narrative sentences, each result linked to its place.

The entries (schema.SearchEntry) are made where a document is read (`entries`, in the reading
process, like the figures) and searched with the database's own index: SQLite's FTS5 table
`search_fts` with the trigram tokenizer (any substring of three characters or more; shorter
queries fall back to LIKE), PostgreSQL's pg_trgm GIN index behind ILIKE. The query is always a
bound parameter: for FTS5 it is quoted as one phrase, so its operators are text.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, defer, joinedload

from yusuan.store.schema import Document, SearchEntry

ENTRY_COLUMNS = ("kind", "text", "code", "page", "line", "anchor")
KIND_LABELS = {"unit": "单位", "subject": "科目", "project": "项目", "row": "表格行", "narrative": "情况说明"}
MAX_QUERY = 100
LIMIT = 50


def entries(model: dict) -> list[tuple]:
    """(kind, text, code, page, line, anchor) for every searchable text of a model (as stored)."""
    out: list[tuple] = []
    seen: set[tuple] = set()

    def add(kind: str, text_: str, code=None, page=None, line=None, anchor=None) -> None:
        t = " ".join((text_ or "").split())[:500]
        key = (kind, t)  # a text once per document (its first place), however many tables print it
        if t and key not in seen:
            seen.add(key)
            out.append((kind, t, code, page, line, anchor))

    for u in model.get("units") or []:
        add("unit", f"{u['code']} {u.get('name') or ''}" if u.get("code") else u.get("name") or "", u.get("code"))
    add("unit", model.get("unit_name") or "")
    for ti, t in enumerate(model.get("tables") or []):
        for ri, r in enumerate(t.get("rows") or []):
            scheme = r.get("code_scheme")
            kind = "project" if scheme == "project" else "unit" if r.get("kind") == "unit" else \
                "subject" if scheme in ("function", "economic") else "row"
            label = r.get("label") or ""
            add(kind, f"{r['code']} {label}" if r.get("code") else label, r.get("code"), r.get("page"), r.get("line"),
                f"t{ti}r{ri}l")
    narrative = model.get("narrative") or {}
    for st in narrative.get("statements") or []:
        add("narrative", st.get("text") or "", None, st.get("page"), st.get("line"))
    return out


@dataclass
class Hit:
    document_id: int
    unit_name: str
    year: int | None
    scope: str
    doc_type: str
    kind: str
    text: str
    page: int | None
    line: int | None
    anchor: str | None


def search(s: Session, query: str, limit: int = LIMIT, offset: int = 0) -> tuple[int, list[Hit]]:
    """Entries of current documents whose text contains `query` (case-insensitive), most recent
    years first."""
    q = " ".join((query or "").split())[:MAX_QUERY]
    if not q:
        return 0, []
    base = select(SearchEntry.id).join(Document, SearchEntry.document_id == Document.id).where(Document.current)
    dialect = s.get_bind().dialect.name
    if dialect == "sqlite" and len(q) >= 3 and _has_fts(s):
        phrase = '"' + q.replace('"', '""') + '"'  # one phrase: FTS5 syntax in the query is only text
        matched = select(text("rowid")).select_from(text("search_fts")).where(
            text("search_fts MATCH :phrase").bindparams(phrase=phrase))
        base = base.where(SearchEntry.id.in_(matched))
    else:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        base = base.where(SearchEntry.text.ilike(f"%{escaped}%", escape="\\"))
    total = s.scalar(select(func.count()).select_from(base.subquery())) or 0
    ids = base.order_by(Document.year.desc().nulls_last(), Document.unit_name, SearchEntry.id).limit(limit).offset(offset)
    rows = s.execute(select(SearchEntry, Document).join(Document, SearchEntry.document_id == Document.id)
                     .where(SearchEntry.id.in_(ids)).options(joinedload(Document.unit), defer(Document.model))
                     .order_by(Document.year.desc().nulls_last(), Document.unit_name, SearchEntry.id)).all()
    return total, [Hit(d.id, d.unit_name, d.year, d.scope, d.doc_type, e.kind, e.text, e.page, e.line, e.anchor)
                   for e, d in rows]


def _has_fts(s: Session) -> bool:
    return s.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'")).first() is not None
