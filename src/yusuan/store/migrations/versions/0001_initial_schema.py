"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-12-01 14:56:53.519855
"""
from alembic import op
import sqlalchemy as sa

from yusuan.store.types import JSONText, Money


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('originals',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('norm_name', sa.String(length=200), nullable=False),
    sa.Column('region', sa.String(length=60), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_units_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_units_norm_name'), ['norm_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_units_region'), ['region'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=400), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('current', sa.Boolean(), nullable=False),
    sa.Column('unit_name', sa.String(length=200), nullable=False),
    sa.Column('format', sa.String(length=16), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('warnings', sa.Integer(), nullable=False),
    sa.Column('infos', sa.Integer(), nullable=False),
    sa.Column('ruleset', sa.String(length=40), nullable=False),
    sa.Column('yusuan_version', sa.String(length=20), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('model', JSONText(), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['originals.sha256'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sha256'),
    sa.UniqueConstraint('unit_id', 'year', 'scope', 'version', name='uq_document_version')
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_current'), ['current'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_year'), ['year'], unique=False)

    op.create_table('figures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('table_kind', sa.String(length=40), nullable=False),
    sa.Column('table_title', sa.String(length=200), nullable=False),
    sa.Column('row_label', sa.String(length=300), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=True),
    sa.Column('code_scheme', sa.String(length=16), nullable=True),
    sa.Column('column', sa.String(length=40), nullable=False),
    sa.Column('column_label', sa.String(length=100), nullable=False),
    sa.Column('amount', Money(), nullable=False),
    sa.Column('printed', sa.String(length=40), nullable=False),
    sa.Column('print_unit', sa.String(length=4), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('line', sa.Integer(), nullable=True),
    sa.Column('cell', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.create_index('ix_figures_doc_table', ['document_id', 'table_kind'], unique=False)

    op.create_table('findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('rule', sa.String(length=60), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('expected', Money(), nullable=True),
    sa.Column('actual', Money(), nullable=True),
    sa.Column('detail', JSONText(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findings_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_findings_severity'), ['severity'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('findings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_findings_severity'))
        batch_op.drop_index(batch_op.f('ix_findings_document_id'))
        batch_op.drop_index(batch_op.f('ix_findings_code'))

    op.drop_table('findings')
    with op.batch_alter_table('figures', schema=None) as batch_op:
        batch_op.drop_index('ix_figures_doc_table')

    op.drop_table('figures')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_year'))
        batch_op.drop_index(batch_op.f('ix_documents_unit_id'))
        batch_op.drop_index(batch_op.f('ix_documents_current'))

    op.drop_table('documents')
    op.drop_table('users')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_units_region'))
        batch_op.drop_index(batch_op.f('ix_units_norm_name'))
        batch_op.drop_index(batch_op.f('ix_units_code'))

    op.drop_table('units')
    op.drop_table('originals')
