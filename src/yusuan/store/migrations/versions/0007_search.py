"""search_entries: searchable texts of each document, with the database's own full-text index

SQLite: an FTS5 table (trigram tokenizer) over search_entries, kept by triggers. PostgreSQL: the
pg_trgm extension and a GIN trigram index (when the extension cannot be created, search still
works, without the index). Existing documents get their entries from their stored models.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(text, content='search_entries', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
    "INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO search_fts(rowid, text) VALUES (new.id, new.text); END",
]


def upgrade() -> None:
    op.create_table('search_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('anchor', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_search_entries_document_id', 'search_entries', ['document_id'])
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for statement in SQLITE:
            op.execute(statement)
    elif conn.dialect.name == "postgresql":
        try:
            with conn.begin_nested():
                op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                op.execute("CREATE INDEX ix_search_entries_trgm ON search_entries USING gin (text gin_trgm_ops)")
        except sa.exc.DBAPIError:
            pass  # no right to create the extension: ILIKE without the index
    from yusuan.store.search import ENTRY_COLUMNS, entries
    from yusuan.store.stored_models import stored_models

    table = sa.table('search_entries', sa.column('document_id', sa.Integer), *(sa.column(c) for c in ENTRY_COLUMNS))
    for models in stored_models(conn):
        values = [{"document_id": doc_id, **dict(zip(ENTRY_COLUMNS, e))} for doc_id, model in models for e in entries(model)]
        if values:
            conn.execute(table.insert(), values)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for name in ("search_entries_ai", "search_entries_ad", "search_entries_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    elif conn.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_entries_trgm")
    op.drop_index('ix_search_entries_document_id', table_name='search_entries')
    op.drop_table('search_entries')
