"""Every query the crawler makes. ``ArticleStore`` is the only way in or out of the tables.

Writers of article changes serialize on the ``change_sequence`` row: a transaction takes
its row lock first (``UPDATE ... RETURNING``) and holds it to its commit. So change
sequence numbers are handed out in commit order, and a reader that has seen sequence ``n``
has seen every change numbered below ``n``: the change feed never skips a late commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Connection, String, Table, any_, bindparam, func, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Engine

from newscrawl.db.bulk import insert_rows
from newscrawl.db.errors import storage_errors
from newscrawl.db.failures import delete_failures, failures_table, upsert_failures
from newscrawl.db.ids import article_id
from newscrawl.db.models import (
    ArticleRevisionRow,
    ArticleRow,
    ChangeSequenceRow,
)
from newscrawl.db.writes import CURRENT_COLUMNS, SaveResult, WriteContext, plan_batch
from newscrawl.extraction.version import EXTRACTOR_VERSION
from newscrawl.items import Article, Attribution, ExtractionFailure

LOOKUP_CHUNK = 500  # URLs per IN (...) query: far below every backend's parameter limit
STREAM_BATCH = 500  # rows fetched per round trip when streaming

articles = cast(Table, ArticleRow.__table__)  # declared with Table semantics; typed FromClause
revisions = cast(Table, ArticleRevisionRow.__table__)
sequence = cast(Table, ChangeSequenceRow.__table__)

RECORD_COLUMNS = tuple(c.name for c in articles.columns)


class ArticleStore:
    """Articles in a database whose schema is at head (see ``schema.ensure_schema``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save_batch(
        self, batch: Sequence[Article], context: WriteContext | None = None
    ) -> SaveResult:
        """Insert new articles, revise changed ones, touch unchanged ones; one transaction."""
        if not batch:
            return SaveResult()
        context = context or WriteContext(extractor_version=EXTRACTOR_VERSION)
        now = datetime.now(UTC)
        ids = [article_id(a.canonical_url) for a in batch]  # once: it canonicalizes the URL
        with storage_errors(self.engine, "save articles"), self.engine.begin() as conn:
            last = _lock_sequence(conn)
            plan = plan_batch(batch, ids, _current(conn, ids), context, now, last + 1)
            if plan.inserts or plan.updates:
                count = len(plan.inserts) + len(plan.updates)
                conn.execute(update(sequence).values(last_value=last + count))
            insert_rows(conn, articles, plan.inserts)  # COPY on PostgreSQL
            if plan.revisions:
                conn.execute(revisions.insert(), plan.revisions)
            if plan.updates:
                conn.execute(_by_id(), plan.updates)
            if plan.seen:
                conn.execute(_by_id(), plan.seen)
            delete_failures(conn, {u for a in batch for u in (a.url, a.canonical_url)})
        return plan.result

    def record_failures(self, failures: Sequence[ExtractionFailure], run_id: int | None) -> None:
        """Remember article pages that gave no body (``reextract`` retries them)."""
        if failures:
            action = "record extraction failures"
            with storage_errors(self.engine, action), self.engine.begin() as conn:
                upsert_failures(conn, failures, run_id, datetime.now(UTC))

    def extraction_failures(self, site: str | None = None) -> list[dict[str, Any]]:
        """Recorded extraction failures (of one crawl target ``site``, if given), by URL."""
        query = select(failures_table).order_by(failures_table.c.url)
        if site is not None:
            query = query.where(failures_table.c.site == site)
        with storage_errors(self.engine, "read extraction failures"), self.engine.connect() as c:
            return [dict(row._mapping) for row in c.execute(query)]

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` stored already, as a canonical URL or as a fetched URL."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with storage_errors(self.engine, "look up URLs"), self.engine.connect() as conn:
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                chunk = wanted[start : start + LOOKUP_CHUNK]
                query = select(articles.c.canonical_url, articles.c.url).where(
                    or_(articles.c.canonical_url.in_(chunk), articles.c.url.in_(chunk))
                )
                for canonical, url in conn.execute(query):
                    found.update((canonical, url))
        return found.intersection(wanted)

    def iter_records(
        self, site: str | None = None, since: int = 0, until: int | None = None
    ) -> Iterator[dict[str, Any]]:
        """Rows changed after ``since`` (up to ``until``), in change order, streamed."""
        query = select(articles).where(articles.c.change_seq > since)
        if until is not None:
            query = query.where(articles.c.change_seq <= until)
        if site is not None:
            query = query.where(articles.c.site == site)
        query = query.order_by(articles.c.change_seq).execution_options(yield_per=STREAM_BATCH)
        reading = storage_errors(self.engine, "read articles", bounded=False)
        with reading, self.engine.connect() as conn:
            for row in conn.execute(query):
                yield dict(row._mapping)

    def iter_articles(self, site: str | None = None) -> Iterator[Article]:
        """Stored articles (of one crawl target ``site``, if given) in change order."""
        for record in self.iter_records(site):
            yield to_article(record)

    def last_change(self) -> int:
        """The newest change sequence number handed out (0 when nothing is stored)."""
        with storage_errors(self.engine, "read the change sequence"), self.engine.connect() as c:
            return int(c.execute(select(sequence.c.last_value)).scalar_one())

    def revisions_of(self, canonical_url: str) -> list[dict[str, Any]]:
        """The replaced versions of one article, oldest first."""
        query = (
            select(revisions)
            .where(revisions.c.article_id == article_id(canonical_url))
            .order_by(revisions.c.revision)
        )
        with storage_errors(self.engine, "read revisions"), self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def count(self, site: str | None = None) -> int:
        """How many articles are stored (for one ``site``, if given)."""
        query = select(func.count()).select_from(articles)
        if site is not None:
            query = query.where(articles.c.site == site)
        with storage_errors(self.engine, "count articles"), self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def sites(self) -> list[str]:
        """The distinct crawl targets that have stored articles, sorted."""
        query = select(articles.c.site).where(articles.c.site.is_not(None)).distinct()
        with storage_errors(self.engine, "list sites"), self.engine.connect() as conn:
            return sorted(conn.execute(query).scalars())


def _lock_sequence(conn: Connection) -> int:
    """Take the change counter's row lock for this transaction; return its value."""
    stmt = update(sequence).values(last_value=sequence.c.last_value)
    return int(conn.execute(stmt.returning(sequence.c.last_value)).scalar_one())


def _current(conn: Connection, article_ids: list[str]) -> dict[str, Mapping[str, Any]]:
    """The stored rows of ``article_ids``: one query on PostgreSQL (the ids as one array
    parameter), chunks of ``IN (...)`` elsewhere."""
    ids = list(dict.fromkeys(article_ids))
    query = select(*(articles.c[name] for name in CURRENT_COLUMNS))
    if conn.dialect.name == "postgresql":
        chunks = [query.where(articles.c.id == any_(bindparam("ids", ids, ARRAY(String))))]
    else:
        chunks = [
            query.where(articles.c.id.in_(ids[start : start + LOOKUP_CHUNK]))
            for start in range(0, len(ids), LOOKUP_CHUNK)
        ]
    return {row.id: dict(row._mapping) for chunk in chunks for row in conn.execute(chunk)}


def _by_id() -> Any:
    return update(articles).where(articles.c.id == bindparam("b_id"))


def to_article(record: Mapping[str, Any]) -> Article:
    """The :class:`Article` of a stored row (``site`` is the publisher's name, as extracted)."""
    return Article(
        url=record["url"],
        canonical_url=record["canonical_url"],
        site=record["site_name"],
        title=record["title"],
        authors=list(record["authors"]),
        published_at=record["published_at"],
        published_source=record["published_source"],
        modified_at=record["modified_at"],
        language=record["language"],
        description=record["description"],
        image_url=record["image_url"],
        tags=list(record["tags"]),
        text=record["text"],
        attribution=[Attribution(**item) for item in record["attribution"]],
        fetched_at=record["fetched_at"],
        text_hash=record["text_hash"],
    )
