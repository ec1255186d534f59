"""A fresh, private PostgreSQL schema per test, on the server at NEWSCRAWL_TEST_POSTGRES_URL.

Use ``fresh_postgres_url()`` (or the ``postgres_url`` fixture in ``tests/db/conftest.py``)::

    with fresh_postgres_url() as url:   # e.g. "postgresql+psycopg://...?options=-csearch_path%3Dt_ab12"
        run_crawl(db_url=url)

Each URL points at a new empty schema (via ``search_path``) that is dropped afterwards, so
tests can run repeatedly and in parallel. When the server is unreachable the test is
skipped with the reason, except under ``CI=true``, where it fails: CI must test PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_server_url() -> URL:
    """The test server, as a SQLAlchemy URL using psycopg 3."""
    url = make_url(os.environ.get("NEWSCRAWL_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL))
    return url.set(drivername="postgresql+psycopg")


def _libpq_dsn(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


@cache
def postgres_unavailable_reason() -> str | None:
    """Why the test server cannot be used, or ``None`` when it can (checked once)."""
    url = postgres_server_url()
    try:
        with psycopg.connect(_libpq_dsn(url), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        where = url.render_as_string(hide_password=True)
        return f"PostgreSQL at {where} is unreachable ({exc}); set NEWSCRAWL_TEST_POSTGRES_URL"


def require_postgres() -> None:
    """Skip the calling test if PostgreSQL is unreachable; fail instead when CI=true."""
    reason = postgres_unavailable_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: PostgreSQL tests must not be skipped)")
    pytest.skip(reason)


@contextmanager
def fresh_postgres_url() -> Iterator[str]:
    """A URL whose ``search_path`` is a new empty schema, dropped on exit."""
    require_postgres()
    server = postgres_server_url()
    schema = f"newscrawl_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_libpq_dsn(server), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        url = server.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        _drop_schema(server, schema)


def _drop_schema(server: URL, schema: str) -> None:
    with psycopg.connect(_libpq_dsn(server), autocommit=True) as conn:
        conn.execute("SET lock_timeout = '10s'")
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
