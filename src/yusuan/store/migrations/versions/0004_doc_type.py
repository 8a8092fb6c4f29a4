"""documents: the document type (预算 budget / 决算 final / 调整预算 adjusted) is part of a version's identity

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('uq_document_version_no_year', table_name='documents')
    with op.batch_alter_table('documents') as batch:
        batch.add_column(sa.Column('doc_type', sa.String(length=16), nullable=False, server_default='budget'))
        batch.drop_constraint('uq_document_version', type_='unique')
        batch.create_unique_constraint('uq_document_version', ['unit_id', 'year', 'scope', 'doc_type', 'version'])
        batch.create_index('ix_documents_doc_type', ['doc_type'])
    op.create_index('uq_document_version_no_year', 'documents', ['unit_id', 'scope', 'doc_type', 'version'], unique=True,
                    sqlite_where=sa.text('year IS NULL'), postgresql_where=sa.text('year IS NULL'))


def downgrade() -> None:
    op.drop_index('uq_document_version_no_year', table_name='documents')
    with op.batch_alter_table('documents') as batch:
        batch.drop_index('ix_documents_doc_type')
        batch.drop_constraint('uq_document_version', type_='unique')
        batch.create_unique_constraint('uq_document_version', ['unit_id', 'year', 'scope', 'version'])
        batch.drop_column('doc_type')
    op.create_index('uq_document_version_no_year', 'documents', ['unit_id', 'scope', 'version'], unique=True,
                    sqlite_where=sa.text('year IS NULL'), postgresql_where=sa.text('year IS NULL'))
