"""Storage fixtures: every test that uses ``db_url``/``engine``/``store`` runs on SQLite
(a file under tmp_path) and on the real PostgreSQL (a fresh schema per test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from newscrawl.db import ArticleStore, make_engine, upgrade
from tests.pg import fresh_postgres_url

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL URL (own schema, dropped afterwards); for any test, e2e too."""
    with fresh_postgres_url() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend. The SQLite file's directory does not exist yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'news.db'}"
        return
    with fresh_postgres_url() as url:
        yield url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on the empty database, disposed after the test."""
    engine = make_engine(db_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def store(engine: Engine) -> ArticleStore:
    """A store on a database migrated to head by Alembic."""
    upgrade(engine)
    return ArticleStore(engine)
