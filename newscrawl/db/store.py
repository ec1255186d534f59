"""Every query the crawler makes. ``ArticleStore`` is the only way in or out of ``articles``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Insert, Table, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from newscrawl.db.errors import StorageError, storage_errors
from newscrawl.db.models import ArticleRow
from newscrawl.db.session import make_session_factory
from newscrawl.items import Article, Attribution

LOOKUP_CHUNK = 500  # URLs per IN (...) query: far below every backend's parameter limit
STREAM_BATCH = 500  # rows fetched per round trip by iter_articles

_table = cast(Table, ArticleRow.__table__)  # declared with Table semantics; typed FromClause


@dataclass
class SaveResult:
    """What ``save_batch`` did, one entry per input article, in input order.

    ``already_stored`` also lists later copies of a canonical URL repeated within the batch.
    """

    stored: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)


class ArticleStore:
    """Articles in a database whose schema is at head (see ``schema.ensure_schema``)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = make_session_factory(engine)

    def save_batch(self, articles: Sequence[Article]) -> SaveResult:
        """Insert new articles in one transaction; existing canonical URLs are left alone."""
        rows, duplicates = _unique_rows(articles, now=datetime.now(UTC))
        if not rows:
            return SaveResult(already_stored=duplicates)
        stmt = _insert_ignoring_duplicates(self.engine.dialect.name)
        with storage_errors(self.engine, "save articles"), self.engine.begin() as conn:
            inserted = set(conn.execute(stmt, rows).scalars())
        result = SaveResult()
        for article in articles:
            url = article.canonical_url
            if url in inserted:
                result.stored.append(url)
                inserted.discard(url)  # a later copy in the same batch was not stored
            else:
                result.already_stored.append(url)
        return result

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` stored already, as a canonical URL or as a fetched URL."""
        wanted = list(dict.fromkeys(urls))
        found: set[str] = set()
        with storage_errors(self.engine, "look up URLs"), self.engine.connect() as conn:
            for start in range(0, len(wanted), LOOKUP_CHUNK):
                chunk = wanted[start : start + LOOKUP_CHUNK]
                query = select(_table.c.canonical_url, _table.c.url).where(
                    or_(_table.c.canonical_url.in_(chunk), _table.c.url.in_(chunk))
                )
                for canonical, url in conn.execute(query):
                    found.update((canonical, url))
        return found.intersection(wanted)

    def iter_articles(self, site: str | None = None) -> Iterator[Article]:
        """Stored articles (of one ``site``, if given) in id order, streamed in batches."""
        query = select(ArticleRow).order_by(ArticleRow.id)
        if site is not None:
            query = query.where(ArticleRow.site == site)
        query = query.execution_options(yield_per=STREAM_BATCH)
        with storage_errors(self.engine, "read articles"), self._sessions() as session:
            for row in session.scalars(query):
                yield _to_article(row)

    def count(self, site: str | None = None) -> int:
        """How many articles are stored (for one ``site``, if given)."""
        query = select(func.count()).select_from(_table)
        if site is not None:
            query = query.where(_table.c.site == site)
        with storage_errors(self.engine, "count articles"), self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def sites(self) -> list[str]:
        """The distinct sites that have stored articles, sorted."""
        query = select(_table.c.site).where(_table.c.site.is_not(None)).distinct()
        with storage_errors(self.engine, "list sites"), self.engine.connect() as conn:
            return sorted(conn.execute(query).scalars())


def _insert_ignoring_duplicates(dialect: str) -> Insert:
    if dialect == "postgresql":
        pg_stmt = postgresql.insert(_table).on_conflict_do_nothing(index_elements=["canonical_url"])
        return pg_stmt.returning(_table.c.canonical_url)
    if dialect == "sqlite":
        lite_stmt = sqlite.insert(_table).on_conflict_do_nothing(index_elements=["canonical_url"])
        return lite_stmt.returning(_table.c.canonical_url)
    raise StorageError(f"unsupported database backend {dialect!r}: use sqlite or postgresql")


def _unique_rows(
    articles: Sequence[Article], now: datetime
) -> tuple[list[dict[str, Any]], list[str]]:
    rows: dict[str, dict[str, Any]] = {}
    duplicates: list[str] = []
    for article in articles:
        if article.canonical_url in rows:
            duplicates.append(article.canonical_url)
        else:
            rows[article.canonical_url] = _to_row(article, now)
    return list(rows.values()), duplicates


def _to_row(article: Article, now: datetime) -> dict[str, Any]:
    return {
        "canonical_url": article.canonical_url,
        "url": article.url,
        "site": article.site,
        "title": article.title,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "modified_at": article.modified_at,
        "language": article.language,
        "description": article.description,
        "image_url": article.image_url,
        "tags": list(article.tags),
        "text": article.text,
        "attribution": [_attribution_dict(a) for a in article.attribution],
        "text_hash": article.text_hash,
        "fetched_at": article.fetched_at or now,
    }


def _attribution_dict(attribution: Attribution) -> dict[str, Any]:
    return {"name": attribution.name, "kind": attribution.kind, "url": attribution.url}


def _to_article(row: ArticleRow) -> Article:
    return Article(
        url=row.url,
        canonical_url=row.canonical_url,
        site=row.site,
        title=row.title,
        authors=list(row.authors),
        published_at=row.published_at,
        modified_at=row.modified_at,
        language=row.language,
        description=row.description,
        image_url=row.image_url,
        tags=list(row.tags),
        text=row.text,
        attribution=[Attribution(**item) for item in row.attribution],
        fetched_at=row.fetched_at,
        text_hash=row.text_hash,
    )
