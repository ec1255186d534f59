"""Engine and session factories. No global engine: callers own what they create.

PostgreSQL engines get a connect timeout, a server-side statement timeout and TCP
keepalives from ``Timeouts``; a database that keeps the socket open and never answers is
caught by the client-side operation deadline of ``guard.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from newscrawl.db.errors import DatabaseMissing
from newscrawl.db.guard import SocketGuard, register_guard

SQLITE_BUSY_TIMEOUT_MS = 30_000
_POSTGRES_ALIASES = {"postgres", "postgresql", "postgresql+psycopg2"}


class SettingsLike(Protocol):
    def getfloat(self, name: str, default: float = ...) -> float: ...


@dataclass(frozen=True)
class Timeouts:
    """Seconds. ``operation`` bounds one whole store call, retries of the pool included."""

    connect: float = 10.0
    statement: float = 15.0
    keepalive_idle: float = 15.0
    operation: float = 20.0


def timeouts_from_settings(settings: SettingsLike) -> Timeouts:
    """From ``DB_CONNECT_TIMEOUT``, ``DB_STATEMENT_TIMEOUT``, ``DB_KEEPALIVE_IDLE`` and
    ``DB_OPERATION_TIMEOUT``."""
    return Timeouts(
        connect=settings.getfloat("DB_CONNECT_TIMEOUT"),
        statement=settings.getfloat("DB_STATEMENT_TIMEOUT"),
        keepalive_idle=settings.getfloat("DB_KEEPALIVE_IDLE"),
        operation=settings.getfloat("DB_OPERATION_TIMEOUT"),
    )


def normalize_url(url: str | URL) -> URL:
    """Parse ``url``; bare ``postgresql://`` (and ``postgres://``) URLs use psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in _POSTGRES_ALIASES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(
    url: str | URL, timeouts: Timeouts | None = None, read_only: bool = False, **kwargs: Any
) -> Engine:
    """An engine for ``url`` (SQLite or PostgreSQL), tuned for the crawler.

    SQLite: the file's parent directory is created, WAL journaling and a busy timeout are
    switched on for every connection, so a crawl and an export can share the file.
    ``read_only``: nothing is created or written; a missing SQLite file is
    :class:`DatabaseMissing`, and PostgreSQL transactions are read-only.
    """
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, read_only, **kwargs)
    timeouts = timeouts or Timeouts()
    parsed = _with_options(parsed, timeouts, read_only)
    kwargs.setdefault("pool_pre_ping", True)
    connect_args = kwargs.setdefault("connect_args", {})
    connect_args.setdefault("connect_timeout", max(1, round(timeouts.connect)))
    idle = max(1, round(timeouts.keepalive_idle))
    connect_args.setdefault("keepalives", 1)
    connect_args.setdefault("keepalives_idle", idle)
    connect_args.setdefault("keepalives_interval", max(1, idle // 3))
    connect_args.setdefault("keepalives_count", 3)
    connect_args.setdefault("tcp_user_timeout", int(timeouts.operation * 1000))
    engine = create_engine(parsed, **kwargs)
    register_guard(engine, SocketGuard(timeouts.operation))
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory bound to ``engine``; objects stay usable after commit."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def _with_options(url: URL, timeouts: Timeouts, read_only: bool) -> URL:
    existing = url.query.get("options", "")
    options = [existing] if isinstance(existing, str) else list(existing)
    options.append(f"-c statement_timeout={int(timeouts.statement * 1000)}")
    # A client that vanished mid-transaction (a blackholed connection) must not hold its
    # locks (the change_sequence row) until the server's keepalive notices, hours later.
    options.append(f"-c idle_in_transaction_session_timeout={int(timeouts.operation * 1000)}")
    if read_only:
        options.append("-c default_transaction_read_only=on")
    return url.update_query_dict({"options": " ".join(o for o in options if o)})


def _sqlite_engine(url: URL, read_only: bool, **kwargs: Any) -> Engine:
    database = url.database
    in_memory = not database or database == ":memory:" or database.startswith("file:")
    if read_only and not in_memory:
        path = Path(database or "").expanduser()
        if not path.is_file():
            raise DatabaseMissing(f"no SQLite database at {path}")
        url = url.set(database=f"file:{path}").update_query_dict({"mode": "ro", "uri": "true"})
    elif not in_memory:
        Path(database or "").expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_read_only if read_only else _sqlite_on_connect)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _sqlite_read_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()
