"""documents: a version number used once per unit and scope also for documents without a year

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('uq_document_version_no_year', 'documents', ['unit_id', 'scope', 'version'], unique=True,
                    sqlite_where=sa.text('year IS NULL'), postgresql_where=sa.text('year IS NULL'))


def downgrade() -> None:
    op.drop_index('uq_document_version_no_year', table_name='documents')
