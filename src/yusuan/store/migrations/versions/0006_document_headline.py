"""documents.headline: the figures lists and comparisons show, kept apart from the whole model

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
import json

from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents') as batch:
        batch.add_column(sa.Column('headline', sa.Text(), nullable=True))
    from yusuan.store.queries import headline
    from yusuan.store.stored_models import stored_models

    conn = op.get_bind()
    documents = sa.table('documents', sa.column('id', sa.Integer), sa.column('headline', sa.Text))
    for models in stored_models(conn):
        for doc_id, model in models:
            conn.execute(documents.update().where(documents.c.id == doc_id)
                         .values(headline=json.dumps(headline(model), ensure_ascii=False)))


def downgrade() -> None:
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('headline')
