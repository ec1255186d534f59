"""crawl runs, stable article ids, revisions, change feed, extraction failures

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 09:30:00

``articles`` is rebuilt: its id becomes the hash of the canonical URL and it gains the
revision, seen/changed and change-feed columns. Existing rows are copied (in id order, which
becomes their change sequence), as revision 1 with extractor version ``unknown``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)
COPY_CHUNK = 1000
ZERO = sa.text("0")

COMMON = ("canonical_url", "url", "site", "title", "authors", "published_at", "modified_at",
          "language", "description", "image_url", "tags", "text", "attribution", "text_hash",
          "fetched_at")  # fmt: skip


def _common_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("canonical_url", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("site", sa.String(length=255), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("authors", JSON_DOCUMENT, nullable=False),
        sa.Column("published_at", TS, nullable=True),
        sa.Column("modified_at", TS, nullable=True),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("image_url", sa.Text(), nullable=True),
        sa.Column("tags", JSON_DOCUMENT, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attribution", JSON_DOCUMENT, nullable=False),
        sa.Column("text_hash", sa.String(length=128), nullable=True),
        sa.Column("fetched_at", TS, nullable=False),
    ]


def _counter_columns() -> list[sa.Column[Any]]:
    names = ("pages", "articles_new", "articles_updated", "articles_unchanged", "non_articles",
             "extraction_failed", "blocked", "errors", "articles_spooled")  # fmt: skip
    return [sa.Column(n, sa.Integer(), server_default=ZERO, nullable=False) for n in names]


def upgrade() -> None:
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("ended_at", TS, nullable=True),
        sa.Column("targets", JSON_DOCUMENT, nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("stop_reason", sa.String(length=32), nullable=True),
        *_counter_columns(),
        sa.Column("counters", JSON_DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crawl_runs")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_crawl_runs_started_at"), "crawl_runs", ["started_at"])
    op.create_table(
        "change_sequence",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_sequence")),
    )
    _set_aside("articles", "articles_0001", ["fetched_at", "site", "text_hash", "url"])
    _create_articles_0002()
    copied = _copy("articles_0001", "articles", _row_0002)
    op.drop_table("articles_0001")
    op.execute(sa.text(f"INSERT INTO change_sequence (id, last_value) VALUES (1, {copied})"))
    _create_revisions()
    _create_extraction_failures()


def _create_articles_0002() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(length=32), nullable=False),
        *_common_columns()[:3],
        sa.Column("site_name", sa.Text(), nullable=True),
        *_common_columns()[3:],
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", TS, nullable=False),
        sa.Column("last_seen_at", TS, nullable=False),
        sa.Column("changed_at", TS, nullable=False),
        sa.Column("first_run_id", sa.Integer(), nullable=True),
        sa.Column("changed_run_id", sa.Integer(), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_run_id"], ["crawl_runs.id"], name=op.f("fk_articles_first_run_id_crawl_runs")
        ),
        sa.ForeignKeyConstraint(
            ["changed_run_id"],
            ["crawl_runs.id"],
            name=op.f("fk_articles_changed_run_id_crawl_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("canonical_url", name=op.f("uq_articles_canonical_url")),
    )
    for column, unique in (("change_seq", True), ("site", False), ("text_hash", False),
                           ("url", False)):  # fmt: skip
        op.create_index(op.f(f"ix_articles_{column}"), "articles", [column], unique=unique)


def _create_revisions() -> None:
    op.create_table(
        "article_revisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("extractor_version", sa.String(length=64), nullable=False),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("stored_at", TS, nullable=False),
        sa.Column("replaced_at", TS, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_revisions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["crawl_runs.id"], name=op.f("fk_article_revisions_run_id_crawl_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_revisions")),
        sa.UniqueConstraint(
            "article_id", "revision", name=op.f("uq_article_revisions_article_id_revision")
        ),
        sqlite_autoincrement=True,
    )


def _create_extraction_failures() -> None:
    op.create_table(
        "extraction_failures",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("site", sa.String(length=255), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("first_failed_at", TS, nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["crawl_runs.id"], name=op.f("fk_extraction_failures_run_id_crawl_runs")
        ),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_extraction_failures")),
    )
    op.create_index(op.f("ix_extraction_failures_site"), "extraction_failures", ["site"])


def _set_aside(table: str, new_name: str, indexed: list[str]) -> None:
    """Rename ``table`` out of the way; its index and constraint names are freed for reuse."""
    for column in indexed:
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
    op.rename_table(table, new_name)
    if op.get_bind().dialect.name == "postgresql":  # constraint names are per schema there
        for old in (f"pk_{table}", f"uq_{table}_canonical_url"):
            new = old.replace(table, new_name, 1)
            op.execute(sa.text(f'ALTER TABLE "{new_name}" RENAME CONSTRAINT "{old}" TO "{new}"'))


Convert = Callable[[dict[str, Any], int], dict[str, Any]]


def _copy(source: str, target: str, convert: Convert) -> int:
    """Copy every row of ``source`` into ``target`` in old-id order; return how many."""
    bind = op.get_bind()
    metadata = sa.MetaData()
    src = sa.Table(source, metadata, autoload_with=bind)
    dst = sa.Table(target, metadata, autoload_with=bind)
    order = src.c.id if "change_seq" not in src.c else src.c.change_seq
    count, offset = 0, 0
    while (
        rows := bind.execute(sa.select(src).order_by(order).limit(COPY_CHUNK).offset(offset))
        .mappings()
        .all()
    ):
        offset += len(rows)
        converted = []
        for row in rows:
            count += 1
            converted.append(convert(dict(row), count))
        bind.execute(dst.insert(), converted)
    return count


def _row_0002(row: dict[str, Any], seq: int) -> dict[str, Any]:
    canonical = row["canonical_url"]
    digest = hashlib.sha256()
    digest.update((row["title"] or "").encode("utf-8"))
    digest.update(b"\x00")
    digest.update(row["text"].encode("utf-8"))
    seen = row["fetched_at"]
    new = {name: row[name] for name in COMMON}
    new.update(
        id=hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32],
        site_name=row["site"],
        content_hash=digest.hexdigest(),
        extractor_version="unknown",
        revision=1,
        first_seen_at=seen,
        last_seen_at=seen,
        changed_at=seen,
        first_run_id=None,
        changed_run_id=None,
        change_seq=seq,
    )
    return new


def _row_0001(row: dict[str, Any], seq: int) -> dict[str, Any]:
    return {"id": seq, **{name: row[name] for name in COMMON}}


def downgrade() -> None:
    op.drop_index(op.f("ix_extraction_failures_site"), table_name="extraction_failures")
    op.drop_table("extraction_failures")
    op.drop_table("article_revisions")
    _set_aside("articles", "articles_0002", ["change_seq", "site", "text_hash", "url"])
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_common_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("canonical_url", name=op.f("uq_articles_canonical_url")),
        sqlite_autoincrement=True,
    )
    for column in ("fetched_at", "site", "text_hash", "url"):
        op.create_index(op.f(f"ix_articles_{column}"), "articles", [column])
    _copy("articles_0002", "articles", _row_0001)
    op.drop_table("articles_0002")
    op.drop_table("change_sequence")
    op.drop_index(op.f("ix_crawl_runs_started_at"), table_name="crawl_runs")
    op.drop_table("crawl_runs")
