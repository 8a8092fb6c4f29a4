"""Column types that keep money exact on every database."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric, String
from sqlalchemy.types import TypeDecorator


class Money(TypeDecorator):
    """A Decimal in 万元, stored exactly.

    PostgreSQL has NUMERIC; SQLite has no decimal type (SQLAlchemy's Numeric would store a
    float there), so SQLite keeps the decimal's text.
    """

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric())  # unconstrained NUMERIC keeps the printed scale
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"money must be a Decimal, not {type(value).__name__}")
        return value if dialect.name == "postgresql" else str(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(value)
