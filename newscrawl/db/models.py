"""Typed SQLAlchemy 2.x models. Alembic migrations (``migrations/``) create the schema.

``articles.id`` is the stable, monotonic cursor for a change feed: SQLite uses
AUTOINCREMENT so ids of deleted rows are never reused. Later tables (article revisions,
crawl runs) hang off ``articles.id`` without reshaping this one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from newscrawl.db.column_types import JSONDocument, UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRow(Base):
    """One stored article; the columns mirror :class:`newscrawl.items.Article`."""

    __tablename__ = "articles"
    __table_args__ = (
        Index(None, "site"),
        Index(None, "fetched_at"),
        Index(None, "url"),  # "skip stored URLs" looks articles up by fetched URL too
        Index(None, "text_hash"),  # exact-duplicate text lookups
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSONDocument)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(35))
    description: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSONDocument)
    text: Mapped[str] = mapped_column(Text)
    attribution: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    text_hash: Mapped[str | None] = mapped_column(String(128))
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def __repr__(self) -> str:
        return f"ArticleRow(id={self.id!r}, canonical_url={self.canonical_url!r})"
