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

    conn = op.get_bind()
    documents = sa.table('documents', sa.column('id', sa.Integer), sa.column('model', sa.Text),
                         sa.column('headline', sa.Text))
    last = 0
    while True:  # stored documents in slices: their models are large
        rows = conn.execute(sa.select(documents.c.id, documents.c.model).where(documents.c.id > last)
                            .order_by(documents.c.id).limit(200)).all()
        if not rows:
            break
        for doc_id, model in rows:
            conn.execute(documents.update().where(documents.c.id == doc_id)
                         .values(headline=json.dumps(headline(json.loads(model or "{}")), ensure_ascii=False)))
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table('documents') as batch:
        batch.drop_column('headline')
