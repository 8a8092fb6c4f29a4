"""Every stored document's model, a slice at a time (for migrations that derive columns from it)."""

from __future__ import annotations

import json
from typing import Iterator

import sqlalchemy as sa

DOCUMENTS = sa.table("documents", sa.column("id", sa.Integer), sa.column("model", sa.Text))


def stored_models(conn, size: int = 200) -> Iterator[list[tuple[int, dict]]]:
    """(document id, model) in slices of `size`, by id: models are large, never all in memory."""
    last = 0
    while True:
        rows = conn.execute(sa.select(DOCUMENTS.c.id, DOCUMENTS.c.model).where(DOCUMENTS.c.id > last)
                            .order_by(DOCUMENTS.c.id).limit(size)).all()
        if not rows:
            return
        yield [(doc_id, json.loads(model or "{}")) for doc_id, model in rows]
        last = rows[-1][0]
