"""Typed SQLAlchemy 2.x models. Alembic migrations (``migrations/``) create the schema.

``articles.id`` is derived from the canonical URL (``ids.article_id``), so it is the same on
every database and never changes. ``articles.change_seq`` is the change feed's cursor: each
insert or change of an article takes the next value of the one ``change_sequence`` counter,
under that counter's row lock, so changes commit in sequence order (see ``store.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from newscrawl.db.column_types import JSONDocument, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
ZERO = text("0")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class CrawlRunRow(Base):
    """One ``newscrawl crawl`` (or ``scrapy crawl``) run: when, where, what, and its counts."""

    __tablename__ = "crawl_runs"
    __table_args__ = (Index(None, "started_at"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    targets: Mapped[list[str]] = mapped_column(JSONDocument)
    host: Mapped[str] = mapped_column(String(255))
    stop_reason: Mapped[str | None] = mapped_column(String(32))  # None while running
    pages: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    articles_new: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    articles_updated: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    articles_unchanged: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    non_articles: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    extraction_failed: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    blocked: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    errors: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    articles_spooled: Mapped[int] = mapped_column(Integer, server_default=ZERO)
    counters: Mapped[dict[str, int]] = mapped_column(JSONDocument)  # every newscrawl/* stat


class ArticleRow(Base):
    """The current version of one article; older versions are in ``article_revisions``."""

    __tablename__ = "articles"
    __table_args__ = (
        Index(None, "site"),
        Index(None, "url"),  # "skip stored URLs" looks articles up by fetched URL too
        Index(None, "text_hash"),  # exact-duplicate text lookups
        Index(None, "change_seq", unique=True),
        Index(None, "cluster_id"),  # newscrawl dupes: one story's articles
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(255))  # the crawl target's name
    site_name: Mapped[str | None] = mapped_column(Text)  # the publisher's own name
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSONDocument)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # page | feed | sitemap | url | guessed (extraction.dates.PUBLISHED_SOURCES); None: no date
    published_source: Mapped[str | None] = mapped_column(String(16))
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(35))
    description: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSONDocument)
    text: Mapped[str] = mapped_column(Text)
    attribution: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    text_hash: Mapped[str | None] = mapped_column(String(128))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    content_hash: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)  # 1 as first stored, +1 per change
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    changed_run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))
    change_seq: Mapped[int] = mapped_column(BigInteger)
    # Copies (newscrawl.db.dupes): set when the article is first stored, the cluster may grow.
    duplicate_of: Mapped[str | None] = mapped_column(String(32))  # earliest-seen it copies
    duplicate_relation: Mapped[str | None] = mapped_column(String(16))  # exact|near|partial
    similarity: Mapped[float | None] = mapped_column(Float)
    cluster_id: Mapped[str | None] = mapped_column(String(32))  # its story's first article

    def __repr__(self) -> str:
        return f"ArticleRow(id={self.id!r}, canonical_url={self.canonical_url!r})"


class DedupSignatureRow(Base):
    """An article's dedup signature; ``seq`` is the order articles were seen in (the
    earliest-seen rule) and the cursor the in-memory index catches up from."""

    __tablename__ = "dedup_signatures"
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), unique=True
    )
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class ArticleRevisionRow(Base):
    """A version of an article that a later fetch or re-extraction replaced."""

    __tablename__ = "article_revisions"
    __table_args__ = (UniqueConstraint("article_id", "revision"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stored_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when this version was stored
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))  # that stored it
    reason: Mapped[str] = mapped_column(String(16))  # what replaced it: "recrawl" | "reextract"


class ChangeSequenceRow(Base):
    """The single counter that numbers article changes (one row, ``id = 1``)."""

    __tablename__ = "change_sequence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(BigInteger)


class ExtractionFailureRow(Base):
    """An article page that gave no body; ``newscrawl reextract`` retries it from the WARC."""

    __tablename__ = "extraction_failures"
    __table_args__ = (Index(None, "site"),)

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    site: Mapped[str | None] = mapped_column(String(255))
    reason: Mapped[str] = mapped_column(String(32))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id"))


class UrlCheckRow(Base):
    """What the last fetch of one URL told us, for conditional GET and article revisits.

    Discovery pages (feeds, sitemaps, sections) keep their validators and the discovery
    links they gave, so a 304 can still hand those links on; articles keep their validators
    and, while young, when to check them again (``next_revisit_at``).
    """

    __tablename__ = "url_checks"
    __table_args__ = (Index(None, "site"),)

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    site: Mapped[str | None] = mapped_column(String(255))  # the crawl target's name
    kind: Mapped[str] = mapped_column(String(16))  # feed | sitemap | listing | article
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(64))  # as the server sent it
    links: Mapped[list[Any] | None] = mapped_column(JSONDocument)  # [[url, kind, depth]]
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)  # last 200 or 304
    # Articles: revisited until the window (from first seen, or published if earlier) ends.
    revisit_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revisit_interval: Mapped[float | None] = mapped_column(Float)  # seconds; grows per check
    next_revisit_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None: not again
