"""Queries on ``extraction_failures``: article pages that gave no body."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Insert, Table, select
from sqlalchemy.dialects import postgresql, sqlite

from newscrawl.db.models import ExtractionFailureRow
from newscrawl.items import ExtractionFailure

failures_table = cast(Table, ExtractionFailureRow.__table__)
CHUNK = 500


def upsert_failures(
    conn: Connection, failures: Sequence[ExtractionFailure], run_id: int | None, now: datetime
) -> None:
    """Insert each failure, or count one more attempt on the URL's existing row."""
    rows: dict[str, dict[str, Any]] = {}
    for failure in failures:
        rows[failure.url] = {
            "url": failure.url,
            "site": failure.site,
            "reason": failure.reason,
            "fetched_at": failure.fetched_at or now,
            "first_failed_at": failure.fetched_at or now,
            "attempts": 1,
            "run_id": run_id,
        }
    stmt = _insert(conn.dialect.name)
    stmt = stmt.on_conflict_do_update(  # type: ignore[attr-defined]  # both dialects have it
        index_elements=["url"],
        set_={
            "reason": stmt.excluded.reason,  # type: ignore[attr-defined]
            "fetched_at": stmt.excluded.fetched_at,  # type: ignore[attr-defined]
            "run_id": stmt.excluded.run_id,  # type: ignore[attr-defined]
            "attempts": failures_table.c.attempts + 1,
        },
    )
    conn.execute(stmt, list(rows.values()))


def delete_failures(conn: Connection, urls: Iterable[str]) -> None:
    """Forget the failures of pages that now gave an article."""
    if conn.execute(select(failures_table.c.url).limit(1)).first() is None:
        return  # the usual case: nothing failed, nothing to look up
    wanted = sorted(urls)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        conn.execute(failures_table.delete().where(failures_table.c.url.in_(chunk)))


def _insert(dialect: str) -> Insert:
    if dialect == "postgresql":
        return postgresql.insert(failures_table)
    return sqlite.insert(failures_table)
