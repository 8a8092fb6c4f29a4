"""Databases for the storage and web tests: a fresh SQLite file, and PostgreSQL when CI provides one.

PostgreSQL tests run against a real server: `.ci/run` installs Debian's postgresql, starts it
and sets YUSUAN_TEST_POSTGRES (and YUSUAN_REQUIRE_POSTGRES=1 so that a missing server fails
instead of skipping).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from yusuan.store.database import Database

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAMPLES = sorted(EXAMPLES.glob("*.txt"))
ECOMMERCE = EXAMPLES / "jiaozuo-ecommerce-center-2023.txt"
BIGDATA = EXAMPLES / "jiaozuo-bigdata-bureau-2024.txt"
EGOV = EXAMPLES / "jiaozuo-egov-center-2023.txt"


def postgres_url() -> str | None:
    url = os.environ.get("YUSUAN_TEST_POSTGRES")
    if not url:
        if os.environ.get("YUSUAN_REQUIRE_POSTGRES") == "1":
            pytest.fail("YUSUAN_REQUIRE_POSTGRES=1 but YUSUAN_TEST_POSTGRES is not set")
        pytest.skip("PostgreSQL not configured (set YUSUAN_TEST_POSTGRES=postgresql://…)")
    return url


def fresh_postgres(url: str) -> Database:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return Database(url)


def make_db(kind: str, tmp_path: Path) -> Database:
    if kind == "sqlite":
        return Database(f"sqlite:///{tmp_path / 'test.db'}")
    return fresh_postgres(postgres_url())


def corrected(number_from: str = "71.86", number_to: str = "71.96") -> bytes:
    """The ecommerce sample with one figure of its 支出表 (the 事业运行 row, line 619) changed:
    the same unit and year published again with different content."""
    lines = ECOMMERCE.read_text(encoding="utf-8").split("\n")
    assert lines[618].startswith("201 13 50 事业运行 71.86")
    lines[618] = lines[618].replace(number_from, number_to, 1)
    return "\n".join(lines).encode("utf-8")
