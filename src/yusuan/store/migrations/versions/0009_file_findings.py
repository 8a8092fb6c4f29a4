"""document_files.findings: the findings of another file of a version, kept with it

A file with the figures of a stored version (the same budget in another format) is stored as a
file of that version; its own audit (a page that could not be read, a placeholder only its
layout shows) was dropped. Files stored before this revision have none (NULL: not known).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('document_files') as batch:
        batch.add_column(sa.Column('findings', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('document_files') as batch:
        batch.drop_column('findings')
