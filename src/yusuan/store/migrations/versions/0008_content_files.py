"""documents.content_sha, narrative_sha and document_files: one version per distinct content

A file whose figures (and narrative, where both have one) are those of the newest stored version
(the same budget in another format) becomes another file of that version instead of a new
version. Stored documents get their fingerprints from their figures and models.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents') as batch:
        batch.add_column(sa.Column('content_sha', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('narrative_sha', sa.String(length=64), nullable=True))
        batch.create_index('ix_documents_content_sha', ['content_sha'])
    op.create_table('document_files',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=400), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sha256'], ['originals.sha256']),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_index('ix_document_files_document_id', 'document_files', ['document_id'])
    from yusuan.store.content import content_key, narrative_key, statements_of
    from yusuan.store.stored_models import stored_models

    conn = op.get_bind()
    documents = sa.table('documents', sa.column('id', sa.Integer), sa.column('content_sha', sa.String),
                         sa.column('narrative_sha', sa.String))
    figures = sa.table('figures', sa.column('document_id', sa.Integer), sa.column('table_kind', sa.String),
                       sa.column('row_label', sa.String), sa.column('code', sa.String), sa.column('column', sa.String),
                       sa.column('amount', sa.String))
    for models in stored_models(conn):
        found: dict[int, list] = {doc_id: [] for doc_id, _ in models}
        for doc_id, *figure in conn.execute(sa.select(figures.c.document_id, figures.c.table_kind, figures.c.row_label,
                                                      figures.c.code, figures.c.column, figures.c.amount)
                                            .where(figures.c.document_id.in_(list(found)))):
            found[doc_id].append(figure)
        for doc_id, model in models:
            conn.execute(documents.update().where(documents.c.id == doc_id)
                         .values(content_sha=content_key(found[doc_id]), narrative_sha=narrative_key(statements_of(model))))


def downgrade() -> None:
    op.drop_index('ix_document_files_document_id', table_name='document_files')
    op.drop_table('document_files')
    with op.batch_alter_table('documents') as batch:
        batch.drop_index('ix_documents_content_sha')
        batch.drop_column('narrative_sha')
        batch.drop_column('content_sha')
