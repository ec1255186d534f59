"""Checks run before a crawl starts, so a database that refuses writes fails it up front."""

from __future__ import annotations

from sqlalchemy import delete, false
from sqlalchemy.engine import Engine

from newscrawl.db.errors import storage_errors
from newscrawl.db.models import ArticleRow


def check_writable(engine: Engine) -> None:
    """Raise ``StorageError`` when the database refuses writes (read-only file or server).

    Runs a ``DELETE`` that matches no row: it changes nothing, but a read-only SQLite file
    or a read-only PostgreSQL transaction refuses it all the same.
    """
    with storage_errors(engine, "write"), engine.begin() as conn:
        conn.execute(delete(ArticleRow).where(false()))
