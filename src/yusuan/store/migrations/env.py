"""Alembic environment: run migrations on the connection yusuan hands over (or on a URL)."""

from alembic import context
from sqlalchemy import create_engine

from yusuan.store.schema import Base

config = context.config
target_metadata = Base.metadata


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:  # `alembic -x url=…` from a shell
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///yusuan.db")
    with create_engine(url).begin() as conn:
        run(conn)
