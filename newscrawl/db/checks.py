"""Queries on ``url_checks``: validators for conditional GET and article revisit schedules.

A fetch that answered 200 leaves its URL's validators (``ETag``, ``Last-Modified``) and, for
a discovery page, the discovery links it gave; a 304 leaves only the time. Young articles are
checked again at growing intervals (:class:`RevisitPolicy`) until ``revisit_until``.
Every call works in bulk: one query per ``CHUNK`` URLs, never one per URL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Insert, Table, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from newscrawl.db.errors import storage_errors
from newscrawl.db.models import ArticleRow, UrlCheckRow

checks_table = cast(Table, UrlCheckRow.__table__)
articles = cast(Table, ArticleRow.__table__)
CHUNK = 500
PRUNE_LIMIT = 20_000  # article rows deleted per prune: one bounded statement
ARTICLE = "article"
Link = tuple[str, str, int]  # (url, kind, depth) of a discovery link a page gave


@dataclass(frozen=True)
class Validators:
    """What a conditional GET of a URL sends back, and what its page led to."""

    etag: str | None = None
    last_modified: str | None = None
    links: tuple[Link, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class Check:
    """One fetch of ``url``: ``validators`` from a 200, or None for a 304 (nothing changed).
    ``published_at``: an article's publication date, if it gave one."""

    url: str
    site: str | None
    kind: str
    checked_at: datetime
    validators: Validators | None = None
    published_at: datetime | None = None


@dataclass(frozen=True)
class RevisitPolicy:
    """Articles younger than ``window`` are checked again after ``first``, then after twice as
    long each time (``growth``), until the window is over. An article's age counts from when
    it was first seen or, when its page says it was published earlier, from then: an archive
    article found today is not young."""

    window: timedelta
    first: timedelta = timedelta(hours=1)
    growth: float = 2.0

    @property
    def enabled(self) -> bool:
        return self.window > timedelta(0) and self.first > timedelta(0)

    def until(self, first_seen: datetime, published: datetime | None = None) -> datetime | None:
        """When an article seen first at ``first_seen`` is no longer revisited (None: never)."""
        if not self.enabled:
            return None
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        born = min(first_seen, published) if published is not None else first_seen
        return born + self.window

    def next_check(
        self, until: datetime | None, interval: float | None, now: datetime
    ) -> tuple[float | None, datetime | None]:
        """(the interval in seconds, the next check's time or None) after a check at ``now``."""
        if not self.enabled or until is None:
            return None, None
        seconds = self.first.total_seconds() if interval is None else interval * self.growth
        due = now + timedelta(seconds=seconds)
        return seconds, (due if due < until else None)


class CheckStore:
    """``url_checks`` in a database whose schema is at head."""

    def __init__(self, engine: Engine, policy: RevisitPolicy) -> None:
        self.engine = engine
        self.policy = policy

    def load(self, site: str, now: datetime) -> dict[str, Validators]:
        """The validators of ``site``'s discovery pages and of its articles still in the
        revisit window (the only articles fetched again), by URL."""
        t = checks_table
        query = select(t.c.url, t.c.kind, t.c.etag, t.c.last_modified, t.c.links).where(
            t.c.site == site
        )
        if self.policy.enabled:
            query = query.where(or_(t.c.kind != ARTICLE, t.c.revisit_until > now))
        else:
            query = query.where(t.c.kind != ARTICLE)
        with storage_errors(self.engine, "read URL validators"), self.engine.connect() as conn:
            return {
                row.url: Validators(row.etag, row.last_modified, _links(row.links))
                for row in conn.execute(query)
            }

    def due(self, site: str, now: datetime) -> list[str]:
        """``site``'s articles whose revisit is due, oldest due first."""
        if not self.policy.enabled:
            return []
        t = checks_table
        query = (
            select(t.c.url)
            .where(t.c.site == site, t.c.kind == ARTICLE, t.c.next_revisit_at <= now)
            .where(t.c.revisit_until > now)
            .order_by(t.c.next_revisit_at)
        )
        with storage_errors(self.engine, "read due revisits"), self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def due_among(self, urls: Iterable[str], now: datetime) -> set[str]:
        """Those of ``urls`` that are articles due for a revisit."""
        if not self.policy.enabled:
            return set()
        wanted = list(dict.fromkeys(urls))
        t = checks_table
        found: set[str] = set()
        with storage_errors(self.engine, "look up due revisits"), self.engine.connect() as conn:
            for start in range(0, len(wanted), CHUNK):
                query = select(t.c.url).where(
                    t.c.url.in_(wanted[start : start + CHUNK]),
                    t.c.kind == ARTICLE,
                    t.c.next_revisit_at <= now,
                    t.c.revisit_until > now,
                )
                found.update(conn.execute(query).scalars())
        return found

    def prune(self, now: datetime, limit: int = PRUNE_LIMIT) -> int:
        """Forget up to ``limit`` articles past their revisit window (or never in one): no
        run asks for their validators again, and a stored article keeps its age in
        ``articles``. Feeds, sitemaps and sections keep theirs. Returns the rows deleted."""
        t = checks_table
        expired = (
            select(t.c.url)
            .where(t.c.kind == ARTICLE)
            .where(or_(t.c.revisit_until.is_(None), t.c.revisit_until <= now))
            .limit(limit)
        )
        with storage_errors(self.engine, "prune URL checks"), self.engine.begin() as conn:
            return int(conn.execute(delete(t).where(t.c.url.in_(expired))).rowcount or 0)

    def record(self, checks: Sequence[Check]) -> None:
        """Remember these fetches (the last one of a URL wins); an article's 304 also marks
        the stored article seen."""
        latest = {check.url: check for check in checks}
        if not latest:
            return
        with storage_errors(self.engine, "record URL checks"), self.engine.begin() as conn:
            stored = _rows(conn, list(latest))
            new_articles = [u for u, c in latest.items() if c.kind == ARTICLE and u not in stored]
            first_seen = _article_first_seen(conn, new_articles)
            rows = [self._row(c, stored.get(c.url), first_seen.get(c.url)) for c in latest.values()]
            conn.execute(_upsert(conn.dialect.name), rows)
            unchanged = [c for c in latest.values() if c.kind == ARTICLE and c.validators is None]
            _touch_articles(conn, unchanged)

    def _row(
        self, check: Check, stored: dict[str, Any] | None, article_seen: datetime | None
    ) -> dict[str, Any]:
        found = check.validators
        if found is None and stored is not None:  # a 304: the validators still hold
            found = Validators(stored["etag"], stored["last_modified"], _links(stored["links"]))
        found = found or Validators()
        first_seen = stored["first_seen_at"] if stored else (article_seen or check.checked_at)
        until: datetime | None = None
        interval: float | None = None
        due: datetime | None = None
        if check.kind == ARTICLE:
            until = stored["revisit_until"] if stored else None
            until = until or self.policy.until(first_seen, check.published_at)
            before = stored["revisit_interval"] if stored else None
            interval, due = self.policy.next_check(until, before, check.checked_at)
        return {
            "url": check.url,
            "site": check.site,
            "kind": check.kind,
            "etag": found.etag,
            "last_modified": found.last_modified,
            "links": [list(link) for link in found.links] or None,
            "first_seen_at": first_seen,
            "checked_at": check.checked_at,
            "revisit_until": until,
            "revisit_interval": interval,
            "next_revisit_at": due,
        }


def _links(raw: Any) -> tuple[Link, ...]:
    return tuple((str(url), str(kind), int(depth)) for url, kind, depth in raw or ())


def _rows(conn: Connection, urls: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(urls), CHUNK):
        query = select(checks_table).where(checks_table.c.url.in_(urls[start : start + CHUNK]))
        found.update((row.url, dict(row._mapping)) for row in conn.execute(query))
    return found


def _article_first_seen(conn: Connection, urls: list[str]) -> dict[str, datetime]:
    """When the stored articles at these URLs were first seen (articles stored before their
    URL was first checked keep their age: an old article is not revisited as a new one)."""
    found: dict[str, datetime] = {}
    for start in range(0, len(urls), CHUNK):
        chunk = urls[start : start + CHUNK]
        query = select(articles.c.url, articles.c.canonical_url, articles.c.first_seen_at).where(
            or_(articles.c.url.in_(chunk), articles.c.canonical_url.in_(chunk))
        )
        for url, canonical, seen in conn.execute(query):
            found[url] = found[canonical] = seen
    return found


def _touch_articles(conn: Connection, unchanged: list[Check]) -> None:
    for start in range(0, len(unchanged), CHUNK):
        chunk = unchanged[start : start + CHUNK]
        urls = [c.url for c in chunk]
        seen = max(c.checked_at for c in chunk)
        conn.execute(
            update(articles)
            .where(or_(articles.c.url.in_(urls), articles.c.canonical_url.in_(urls)))
            .values(last_seen_at=seen)
        )


def _upsert(dialect: str) -> Insert:
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(checks_table)
    columns = [c.name for c in checks_table.columns if c.name != "url"]
    return stmt.on_conflict_do_update(
        index_elements=["url"],
        set_={name: stmt.excluded[name] for name in columns},
    )
