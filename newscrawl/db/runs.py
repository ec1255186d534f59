"""Queries on ``crawl_runs``: one row per crawl run, its targets, counts and stop reason."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.engine import Engine

from newscrawl.db.errors import storage_errors
from newscrawl.db.models import CrawlRunRow

runs_table = cast(Table, CrawlRunRow.__table__)

COUNT_COLUMNS = ("pages", "articles_new", "articles_updated", "articles_unchanged",
                 "non_articles", "extraction_failed", "blocked", "errors",
                 "articles_spooled")  # fmt: skip
STOP_REASONS = ("finished", "interrupted", "failed")
APPLIED = "run_end/"  # counters key naming a run-end record applied (retried or replayed)


@dataclass(frozen=True)
class RunEnd:
    """What a run (or one of its crawlers) adds at its end: counts, and maybe its stop reason.

    ``key`` names the record, so a spooled one is applied exactly once (``RunStore.end``).
    """

    run_id: int
    counts: dict[str, int] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)
    stop_reason: str | None = None  # None: counts only (the run goes on, or another ends it)
    ended_at: datetime | None = None
    key: str = field(default_factory=lambda: uuid.uuid4().hex)


@dataclass(frozen=True)
class RunInfo:
    id: int
    started_at: datetime
    ended_at: datetime | None
    targets: list[str]
    host: str
    stop_reason: str | None
    counts: dict[str, int]
    counters: dict[str, int] = field(default_factory=dict)  # the run's stats (run_counts.py)


def stop_reason(finish_reason: str | None) -> str:
    """A Scrapy close reason as a run's stop reason: finished, interrupted or failed."""
    if finish_reason == "finished" or (finish_reason or "").startswith("closespider_"):
        return "finished"
    if finish_reason == "shutdown":  # Ctrl-C or SIGTERM
        return "interrupted"
    return "failed"


class RunStore:
    """Crawl runs in a database whose schema is at head."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def start(self, targets: Sequence[str], host: str | None = None) -> int:
        """A new running run; returns its id."""
        values = {
            "started_at": datetime.now(UTC),
            "targets": list(targets),
            "host": host or socket.gethostname(),
            "counters": {},
        }
        stmt = insert(runs_table).values(values).returning(runs_table.c.id)
        with storage_errors(self.engine, "record the crawl run"), self.engine.begin() as conn:
            return int(conn.execute(stmt).scalar_one())

    def add_counts(
        self, run_id: int, counts: Mapping[str, int], counters: Mapping[str, int]
    ) -> None:
        """Add one crawler's counts to the run (several crawlers can share a run)."""
        self.end(RunEnd(run_id, counts=dict(counts), counters=dict(counters)))

    def finish(self, run_id: int, reason: str) -> None:
        """Close the run with a stop reason (``finished``, ``interrupted`` or ``failed``)."""
        self.end(RunEnd(run_id, stop_reason=reason, ended_at=datetime.now(UTC)))

    def end(self, end: RunEnd, once: bool = False) -> bool:
        """Add ``end``'s counts to its run and, if it has one, set the stop reason; one
        transaction. With ``once`` (a retry, whose earlier attempt may have committed
        unseen, or a spool replay), a record applied before is skipped: the run's counters
        keep its key. Returns whether it was applied."""
        mark = APPLIED + end.key
        with storage_errors(self.engine, "record the crawl run"), self.engine.begin() as conn:
            row = conn.execute(
                select(runs_table.c.counters).where(runs_table.c.id == end.run_id).with_for_update()
            ).scalar_one()
            merged = dict(row or {})
            if once and mark in merged:
                return False
            for key, value in end.counters.items():
                merged[key] = int(merged.get(key, 0)) + int(value)
            if once:
                merged[mark] = 1
            values: dict[str, Any] = {
                name: runs_table.c[name] + int(end.counts.get(name, 0)) for name in COUNT_COLUMNS
            }
            values["counters"] = merged
            if end.stop_reason is not None:
                values.update(stop_reason=end.stop_reason, ended_at=end.ended_at)
            conn.execute(update(runs_table).where(runs_table.c.id == end.run_id).values(values))
        return True

    def recent(self, limit: int = 20) -> list[RunInfo]:
        """The newest ``limit`` runs, newest first."""
        query = select(runs_table).order_by(runs_table.c.id.desc()).limit(limit)
        with storage_errors(self.engine, "list crawl runs"), self.engine.connect() as conn:
            return [_info(dict(row._mapping)) for row in conn.execute(query)]


def _info(row: Mapping[str, Any]) -> RunInfo:
    return RunInfo(
        id=row["id"],
        started_at=row["started_at"],
        ended_at=row["ended_at"],
        targets=list(row["targets"]),
        host=row["host"],
        stop_reason=row["stop_reason"],
        counts={name: int(row[name]) for name in COUNT_COLUMNS},
        counters={
            key: int(value)
            for key, value in (row["counters"] or {}).items()
            if not key.startswith(APPLIED) and isinstance(value, int | float)
        },
    )
