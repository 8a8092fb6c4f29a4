"""Open a database by URL, bring its schema up to date with Alembic, hand out sessions."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from yusuan.errors import YusuanError

DEFAULT_URL = "sqlite:///yusuan.db"
MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseError(YusuanError):
    """The database cannot be opened or used (数据库无法打开或使用)."""


def default_url() -> str:
    return os.environ.get("YUSUAN_DB", DEFAULT_URL)


def _engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})
            _sqlite_pragmas(engine)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except ImportError:
        raise DatabaseError("使用 PostgreSQL 需要安装驱动：pip install 'yusuan[postgresql]'") from None
    except (ArgumentError, SQLAlchemyError) as e:
        raise DatabaseError(f"无法识别的数据库地址：{url}（{e.__class__.__name__}）") from None
    return engine


def _sqlite_pragmas(engine: Engine) -> None:
    """WAL so readers never wait for a writer; BEGIN IMMEDIATE so two writers queue instead of
    failing with "database is locked" when both try to upgrade a read lock."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: no corruption on a crash, only the last commit at risk on power loss
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine) -> None:
    """Apply every Alembic migration the database has not had yet."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")


class Database:
    """One database: an engine and its sessions."""

    def __init__(self, url: str | None = None, upgrade: bool = True):
        self.url = url or default_url()
        self.engine = _engine(self.url)
        try:
            if upgrade:
                migrate(self.engine)
            elif "documents" not in inspect(self.engine).get_table_names():
                raise DatabaseError(f"数据库中还没有数据（请先运行 yusuan import）：{self.url}")
        except OperationalError as e:
            raise DatabaseError(f"无法打开数据库：{self.url}（{str(e.orig).splitlines()[0]}）") from None
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        with self._sessions() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None) -> Database:
    return Database(url)
