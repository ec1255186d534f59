"""Every URL a crawl found, each once, with its state; on disk, so a killed crawl resumes.

A news sitemap index can list 100,000 articles in the first seconds of a crawl. As Scrapy
requests in memory they would cost ~3 kB each; here an entry is one SQLite row (URL,
priority, callback names, a little JSON), kept in the job directory's ``frontier.sqlite3``
(or in memory without a job directory). Pure: nothing here imports Scrapy.

An entry is *queued*, then *in flight* once handed to the crawler, then *done* once its
page was read (and, for an article, once the article was committed). Every change goes
through one connection, committed every ``commit_seconds``: a kill loses at most the last
interval, as a whole, so a page is never marked done without the links it gave.

A job that ended normally is *finished*; the next run starts a new job from it: what was
done is forgotten (the store knows the articles), what was in flight and never finished
(a failed or cut-off request) is queued again.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUEUED, IN_FLIGHT, DONE = 0, 1, 2
POP_BATCH = 32  # entries taken from disk at a time
CHECK_BATCH = 500  # new URLs looked up in the store at a time
KnownFilter = Callable[[list[str]], set[str]]  # which of these URLs need no fetching

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    url TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    state INTEGER NOT NULL,
    callback TEXT,
    errback TEXT,
    meta TEXT,
    unchecked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ix_entries_next ON entries (state, priority DESC, seq);
CREATE INDEX IF NOT EXISTS ix_entries_unchecked ON entries (priority DESC, seq)
    WHERE state = 0 AND unchecked = 1;
CREATE TABLE IF NOT EXISTS job (key TEXT PRIMARY KEY, value TEXT);
"""


@dataclass(frozen=True)
class Entry:
    """What the crawler needs to rebuild a GET request: the compact form of one."""

    url: str
    priority: int = 0
    callback: str | None = None
    errback: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class JobState:
    """How the frontier was found when it was opened."""

    resumed: int = 0  # entries left queued or in flight by an unfinished run
    carried_over: int = 0  # entries a finished job never finished, queued again
    new_job: bool = True


class Frontier:
    """Compact, persistent queue and seen-set of a crawl's URLs."""

    def __init__(
        self,
        path: Path | None,
        owner: str = "",
        known: KnownFilter | None = None,
        commit_seconds: float = 0.5,
    ) -> None:
        """``known``: asked, in bulk, about new URLs added with ``check``; those it returns
        are done without being fetched (incremental crawling: stored articles)."""
        self.path = path
        self.known = known
        self.skipped_known = 0  # URLs ``known`` said need no fetching
        self.owner = owner  # what the job feeds (the database): another owner starts afresh
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self.commit_seconds = commit_seconds
        self._last_commit = time.monotonic()
        self._buffer: deque[Entry] = deque()  # popped from disk, not yet handed over
        # Done marks wait one commit: the links a page gave are scheduled a few event-loop
        # turns after the page is reported done, and must reach the disk first.
        self._done_now: list[str] = []
        self._done_before: list[str] = []
        self._db.execute("BEGIN")
        self.state = self._open_job()
        self._seq = self._db.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]
        self._queued = self._count(QUEUED)

    def _count(self, state: int) -> int:
        row = self._db.execute("SELECT count(*) FROM entries WHERE state = ?", (state,))
        return int(row.fetchone()[0])

    def _open_job(self) -> JobState:
        if self._job_value("owner") not in (None, self.owner):  # a job for another database
            self._db.execute("DELETE FROM entries")
        self._set_job("owner", self.owner)
        finished = self._job_value("finished") == "1"
        in_flight = self._count(IN_FLIGHT)
        if finished:
            self._db.execute("DELETE FROM entries WHERE state = ?", (DONE,))
            self._db.execute("UPDATE entries SET state = ? WHERE state = ?", (QUEUED, IN_FLIGHT))
            self._set_job("finished", "0")
            return JobState(carried_over=in_flight, new_job=True)
        queued = self._count(QUEUED)
        self._db.execute("UPDATE entries SET state = ? WHERE state = ?", (QUEUED, IN_FLIGHT))
        self._set_job("finished", "0")
        total = self._db.execute("SELECT count(*) FROM entries").fetchone()[0]
        return JobState(resumed=queued + in_flight, new_job=total == 0)

    def _job_value(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM job WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_job(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO job (key, value) VALUES (?, ?)", (key, value))

    def __len__(self) -> int:
        """Entries waiting to be handed to the crawler."""
        return self._queued + len(self._buffer)

    def add(self, entry: Entry, again: bool = False, check: bool = False) -> bool:
        """Queue ``entry`` unless its URL was seen before (``again``: queue it anyway).

        ``check``: ask ``known`` about it before it is handed out.
        """
        self._seq += 1
        meta = json.dumps(entry.meta, separators=(",", ":")) if entry.meta else None
        unchecked = int(check and self.known is not None and not again)
        row = (entry.url, self._seq, entry.priority, QUEUED, entry.callback, entry.errback, meta)
        if again:
            cursor = self._db.execute(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (url) DO UPDATE"
                " SET seq = excluded.seq, priority = excluded.priority, state = excluded.state,"
                " callback = excluded.callback, errback = excluded.errback, meta = excluded.meta"
                " WHERE state != 0",
                row,
            )
        else:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*row, unchecked)
            )
        added = cursor.rowcount > 0
        self._queued += added
        self._maybe_commit()
        return added

    def pop(self) -> Entry | None:
        """The next entry (highest priority, then first found), now in flight; None if none."""
        if not self._buffer and self._queued:
            self._fill()
        return self._buffer.popleft() if self._buffer else None

    def _fill(self) -> None:
        while True:
            rows = self._db.execute(
                "SELECT url, priority, callback, errback, meta, unchecked FROM entries"
                " WHERE state = 0 ORDER BY priority DESC, seq LIMIT ?",
                (POP_BATCH,),
            ).fetchall()
            if not any(row[5] for row in rows):
                break
            self._check()
        self._db.executemany(
            "UPDATE entries SET state = 1 WHERE url = ?", [(row[0],) for row in rows]
        )
        self._queued = self._queued - len(rows) if rows else 0
        for url, priority, callback, errback, meta, _ in rows:
            self._buffer.append(
                Entry(url, priority, callback, errback, json.loads(meta) if meta else {})
            )

    def _check(self) -> None:
        """Ask ``known`` about the next new URLs, in one batch; those known are done."""
        urls = [
            row[0]
            for row in self._db.execute(
                "SELECT url FROM entries WHERE state = 0 AND unchecked = 1"
                " ORDER BY priority DESC, seq LIMIT ?",
                (CHECK_BATCH,),
            )
        ]
        assert self.known is not None
        known = self.known(urls) if urls else set()
        self._db.executemany(
            "UPDATE entries SET unchecked = 0, state = ? WHERE url = ?",
            [(DONE if url in known else QUEUED, url) for url in urls],
        )
        self._queued -= len(known)
        self.skipped_known += len(known)

    def done(self, urls: Iterable[str], *, now: bool = False) -> None:
        """These URLs are finished: their page was read (saved a commit later, after the
        links it gave), or ``now``: their article was committed (saved at once)."""
        if now:
            self._mark_done(list(urls))
            self.commit()
        else:
            self._done_now.extend(urls)
            self._maybe_commit()

    def _mark_done(self, urls: list[str]) -> None:
        self._db.executemany(
            "UPDATE entries SET state = 2 WHERE url = ? AND state = 1", [(u,) for u in urls]
        )

    def maybe_commit(self) -> None:
        """Commit when ``commit_seconds`` passed since the last commit (call it often)."""
        self._maybe_commit()

    def _maybe_commit(self) -> None:
        if time.monotonic() - self._last_commit >= self.commit_seconds:
            self.commit()

    def commit(self) -> None:
        self._mark_done(self._done_before)
        self._done_before, self._done_now = self._done_now, []
        self._db.execute("COMMIT")
        self._db.execute("BEGIN")
        self._last_commit = time.monotonic()

    def close(self, finished: bool, reason: str = "") -> None:
        """Save everything; a ``finished`` job makes the next open start a new one.

        ``reason``: why the crawl stopped (Scrapy's finish reason), kept with the job."""
        if self._buffer:  # taken from disk but never handed over: still queued
            self._db.executemany(
                "UPDATE entries SET state = 0 WHERE url = ?", [(e.url,) for e in self._buffer]
            )
            self._buffer.clear()
        self._mark_done(self._done_before + self._done_now)
        self._done_before, self._done_now = [], []
        self._set_job("finished", "1" if finished else "0")
        self._set_job("stop_reason", reason)
        self._db.execute("COMMIT")
        self._db.close()
