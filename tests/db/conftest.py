"""Storage fixtures: every test that uses ``db_url``/``engine``/``store`` runs on SQLite
(a file under tmp_path) and on the real PostgreSQL (a fresh schema per test). ``db_url`` and
``postgres_url`` live in ``tests/conftest.py``: tests outside tests/db use them too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine

from newscrawl.db import ArticleStore, make_engine, upgrade


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
