"""Column types that keep money exact on every database."""

from __future__ import annotations

from decimal import Decimal

import orjson

from sqlalchemy import Numeric, String, Text
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


class JSONText(TypeDecorator):
    """A JSON document kept as text. A value that is already JSON text (serialised by a batch
    worker, in parallel) is stored as it is; a dict is serialised here. Reads give the dict."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or isinstance(value, str):
            return value
        return dumps(value)

    def process_result_value(self, value, dialect):
        return None if value is None else orjson.loads(value)


def dumps(value) -> str:
    """JSON text (UTF-8 kept as is) by orjson, an order of magnitude faster than the json module
    on a disclosure's model; a Decimal becomes its exact string."""
    try:
        return orjson.dumps(value, default=_exact).decode("utf-8")
    except TypeError:  # an integer beyond 64 bits: the json module writes it exactly
        import json

        return json.dumps(value, default=_exact, ensure_ascii=False, separators=(",", ":"))


def _exact(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)
