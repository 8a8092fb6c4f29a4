"""The database schema: originals, units, documents (versions), findings and figures.

- `Original`: the published file itself, content-addressed by its SHA-256.
- `Unit`: a 部门 or 单位 followed across years, identified by its code or normalised name;
  a 单位 may point at the 部门 it belongs to.
- `Document`: one import of one original: the parsed model (the JSON of `yusuan parse`),
  the rule-set version, when it was imported. A corrected re-publication of the same unit,
  year and scope is a new version; the old one is kept.
- `Finding`: one audit finding of a document.
- `Figure`: one amount of one recognised table, in tidy long form (table, row, code, column).
- `User`, `LoginSession`, `ApiToken`: who may use a shared web app; a login is a row here (the
  cookie holds only a random key whose hash is stored), so it can be ended at once.
- `AuditEntry`: the audit log of logins, uploads, deletions and user changes.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from yusuan.store.types import JSONText, Money


class Base(DeclarativeBase):
    pass


class Original(Base):
    __tablename__ = "originals"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(16))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)  # 'code:402303' or 'name:<normalised name>'
    code: Mapped[str | None] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(200))
    norm_name: Mapped[str] = mapped_column(String(200), index=True)
    region: Mapped[str | None] = mapped_column(String(60), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))

    parent: Mapped[Unit | None] = relationship(remote_side=[id])
    documents: Mapped[list[Document]] = relationship(back_populates="unit")


class Document(Base):
    __tablename__ = "documents"
    # a version number is used once per unit, year, scope and document type (a 决算 is never a
    # version of the 预算 of its year); a NULL year is distinct from every other in a unique
    # constraint, so documents without a year have an index of their own
    __table_args__ = (UniqueConstraint("unit_id", "year", "scope", "doc_type", "version", name="uq_document_version"),
                      Index("uq_document_version_no_year", "unit_id", "scope", "doc_type", "version", unique=True,
                            sqlite_where=text("year IS NULL"), postgresql_where=text("year IS NULL")))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("originals.sha256"), unique=True)
    filename: Mapped[str] = mapped_column(String(400))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    scope: Mapped[str] = mapped_column(String(16))  # 'unit' | 'department' | 'unknown'
    doc_type: Mapped[str] = mapped_column(String(16), default="budget", server_default="budget", index=True)  # budget | final | adjusted
    version: Mapped[int] = mapped_column(Integer)
    current: Mapped[bool] = mapped_column(default=True, index=True)
    unit_name: Mapped[str] = mapped_column(String(200))  # as printed in this document's title
    format: Mapped[str] = mapped_column(String(16))
    pages: Mapped[int | None] = mapped_column(Integer)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    ruleset: Mapped[str] = mapped_column(String(40))
    yusuan_version: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    model: Mapped[dict] = mapped_column(JSONText)  # the JSON of `yusuan parse --format json`, with the source lines
    # the few figures lists and comparisons show (facts.totals and function_class_totals, store.queries.headline):
    # read without parsing the whole model
    headline: Mapped[dict | None] = mapped_column(JSONText, nullable=True)
    # the figures' fingerprint (store.content.content_key): another file with the same figures, in
    # any format, is another file of this version, not a new version
    content_sha: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    narrative_sha: Mapped[str | None] = mapped_column(String(64), nullable=True)  # None: no narrative

    unit: Mapped[Unit] = relationship(back_populates="documents")
    original: Mapped[Original] = relationship()
    findings: Mapped[list[Finding]] = relationship(back_populates="document", cascade="all, delete-orphan",
                                                   order_by="Finding.id")
    figures: Mapped[list[Figure]] = relationship(cascade="all, delete-orphan", order_by="Figure.id")
    files: Mapped[list[DocumentFile]] = relationship(cascade="all, delete-orphan", order_by="DocumentFile.imported_at")
    search_entries: Mapped[list[SearchEntry]] = relationship(cascade="all, delete-orphan", order_by="SearchEntry.id")


class Finding(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(8), index=True)
    rule: Mapped[str] = mapped_column(String(60))
    severity: Mapped[str] = mapped_column(String(8), index=True)
    category: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    expected: Mapped[Decimal | None] = mapped_column(Money)
    actual: Mapped[Decimal | None] = mapped_column(Money)
    detail: Mapped[dict] = mapped_column(JSONText)  # the finding as findings-json.md gives it

    document: Mapped[Document] = relationship(back_populates="findings")


class Figure(Base):
    __tablename__ = "figures"
    __table_args__ = (Index("ix_figures_doc_table", "document_id", "table_kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    table_kind: Mapped[str] = mapped_column(String(40))
    table_title: Mapped[str] = mapped_column(String(200))
    row_label: Mapped[str] = mapped_column(String(300))
    code: Mapped[str | None] = mapped_column(String(32))
    code_scheme: Mapped[str | None] = mapped_column(String(16))
    column: Mapped[str] = mapped_column(String(40))  # the column's role
    column_label: Mapped[str] = mapped_column(String(100))
    amount: Mapped[Decimal] = mapped_column(Money)  # in 万元
    printed: Mapped[str] = mapped_column(String(40))
    print_unit: Mapped[str] = mapped_column(String(4))
    page: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    cell: Mapped[str | None] = mapped_column(String(60))  # 'sheet!B7' for workbooks


class Failure(Base):
    """A file that could not be read as a disclosure (recorded by `yusuan batch`, skipped when run again)."""

    __tablename__ = "failures"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    filename: Mapped[str] = mapped_column(String(400))
    error: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(12))  # viewer | uploader | admin
    password_hash: Mapped[str] = mapped_column(String(200))


class LoginSession(Base):
    """A logged-in browser: the cookie carries a random key, this row its SHA-256 and the form token."""

    __tablename__ = "sessions"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ApiToken(Base):
    """A scripted client's key (`Authorization: Bearer …`): only its SHA-256 is kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """One thing done in the web app or to its users: a login (and failed ones), an upload, a deletion…"""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user_name: Mapped[str | None] = mapped_column(String(60))
    client: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(20), index=True)
    target: Mapped[str | None] = mapped_column(String(400))
    detail: Mapped[str | None] = mapped_column(Text)


class SearchEntry(Base):
    """One searchable text of a stored document (a unit's name and code, a row's 科目 code and name,
    a project, a narrative sentence), with the place it stands. Searched with the database's own
    index: SQLite FTS5 (trigram tokenizer, table search_fts kept by triggers), PostgreSQL pg_trgm."""

    __tablename__ = "search_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # unit | subject | project | row | narrative
    text: Mapped[str] = mapped_column(String(500))
    code: Mapped[str | None] = mapped_column(String(40))
    page: Mapped[int | None] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    anchor: Mapped[str | None] = mapped_column(String(40))  # the document page's element: t{table}r{row}l


class DocumentFile(Base):
    """Another file of a stored version: the same figures read from another file or format (the
    same budget as PDF, DOCX and XLSX). Its bytes are kept as an Original."""

    __tablename__ = "document_files"

    sha256: Mapped[str] = mapped_column(ForeignKey("originals.sha256"), primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(400))
    format: Mapped[str] = mapped_column(String(16))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    findings: Mapped[list | None] = mapped_column(JSONText, nullable=True)  # its own audit (None: stored before 0009)
