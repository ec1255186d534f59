"""How a batch of fetched articles becomes inserts, revisions and ``last_seen_at`` moves.

Pure planning over plain values: ``plan_batch`` compares each article with the stored row
of the same id; ``store.py`` runs the resulting statements in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newscrawl.db.ids import content_hash
from newscrawl.extraction.dates import better_published
from newscrawl.items import Article, Attribution

ReplaceReason = str  # "recrawl" | "reextract"


@dataclass(frozen=True)
class WriteContext:
    """Where a batch comes from: the crawl target, the run, the extractor that made it."""

    extractor_version: str
    site: str | None = None  # the crawl target; None: the article's own ``site``
    run_id: int | None = None
    reason: ReplaceReason = "recrawl"


@dataclass(frozen=True)
class Stamp:
    """How one new version is written: in which context, when, and its change number."""

    context: WriteContext
    now: datetime
    fetched: datetime  # when the page was fetched (the article's ``fetched_at``, else now)
    seq: int


@dataclass
class SaveResult:
    """What ``save_batch`` did, by canonical URL, in input order.

    ``already_stored`` are unchanged articles (and later copies of a URL within the batch,
    and fetches older than the stored version, as a replayed spool can hold).
    """

    stored: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)


@dataclass
class BatchPlan:
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)
    seen: list[dict[str, Any]] = field(default_factory=list)  # unchanged: new last_seen_at
    result: SaveResult = field(default_factory=SaveResult)


CURRENT_COLUMNS = ("id", "title", "text", "content_hash", "extractor_version", "fetched_at",
                   "changed_at", "changed_run_id", "revision", "last_seen_at",
                   "published_at", "published_source")  # fmt: skip


def plan_batch(
    articles: Sequence[Article],
    ids: Sequence[str],
    current: Mapping[str, Mapping[str, Any]],
    context: WriteContext,
    now: datetime,
    first_seq: int,
) -> BatchPlan:
    """Statements for ``articles`` (their article ids are ``ids``) given the stored rows
    ``current`` (by id)."""
    plan = BatchPlan()
    seq = first_seq
    done: set[str] = set()
    for article, ident in zip(articles, ids, strict=True):
        stamp = Stamp(context, now, article.fetched_at or now, seq)
        old = current.get(ident)
        if ident in done:
            plan.result.already_stored.append(article.canonical_url)
        elif old is None:
            plan.inserts.append(new_row(article, ident, stamp))
            plan.result.stored.append(article.canonical_url)
            seq += 1
        elif _changed(article, old, stamp.fetched):
            plan.revisions.append(revision_row(old, context, now))
            plan.updates.append(changed_row(article, old, stamp))
            plan.result.updated.append(article.canonical_url)
            seq += 1
        else:
            seen = {"b_id": ident, "last_seen_at": max(old["last_seen_at"], stamp.fetched)}
            if context.reason == "reextract":  # same text: only the version is recorded
                seen["extractor_version"] = context.extractor_version
            plan.seen.append(seen)
            plan.result.already_stored.append(article.canonical_url)
        done.add(ident)
    return plan


def _changed(article: Article, old: Mapping[str, Any], fetched: datetime) -> bool:
    if content_hash(article.title, article.text) == old["content_hash"]:
        return False  # same title and text: a new extractor version alone is no change
    return bool(fetched >= old["fetched_at"])  # an older fetch (a late replay) never wins


def _content(article: Article, stamp: Stamp) -> dict[str, Any]:
    return {
        "canonical_url": article.canonical_url,
        "url": article.url,
        "site": stamp.context.site or article.site,
        "site_name": article.site,
        "title": article.title,
        "authors": list(article.authors),
        "published_at": article.published_at,
        "published_source": article.published_source if article.published_at else None,
        "modified_at": article.modified_at,
        "language": article.language,
        "description": article.description,
        "image_url": article.image_url,
        "tags": list(article.tags),
        "text": article.text,
        "attribution": [attribution_dict(a) for a in article.attribution],
        "text_hash": article.text_hash,
        "fetched_at": stamp.fetched,
        "content_hash": content_hash(article.title, article.text),
        "extractor_version": stamp.context.extractor_version,
        "changed_at": stamp.now,
        "change_seq": stamp.seq,
    }


def new_row(article: Article, ident: str, stamp: Stamp) -> dict[str, Any]:
    row = _content(article, stamp)
    row.update(
        id=ident,
        revision=1,
        first_seen_at=stamp.fetched,
        last_seen_at=stamp.fetched,
        first_run_id=stamp.context.run_id,
        changed_run_id=stamp.context.run_id,
    )
    return row


def changed_row(article: Article, old: Mapping[str, Any], stamp: Stamp) -> dict[str, Any]:
    row = _content(article, stamp)
    if stamp.context.site is None:
        row.pop("site")  # a re-extraction keeps the target that crawled the page
    row["published_at"], row["published_source"] = better_published(  # a guess or no date
        (row["published_at"], row["published_source"]),  # now keeps a stored date the page,
        (old["published_at"], old["published_source"]),  # a feed or a sitemap gave
    )
    row.update(
        b_id=old["id"],
        revision=old["revision"] + 1,
        last_seen_at=max(old["last_seen_at"], stamp.fetched),
    )
    if stamp.context.reason != "reextract":  # a re-extraction keeps the run that fetched it
        row["changed_run_id"] = stamp.context.run_id
    return row


def revision_row(old: Mapping[str, Any], context: WriteContext, now: datetime) -> dict[str, Any]:
    return {
        "article_id": old["id"],
        "revision": old["revision"],
        "title": old["title"],
        "text": old["text"],
        "content_hash": old["content_hash"],
        "extractor_version": old["extractor_version"],
        "fetched_at": old["fetched_at"],
        "stored_at": old["changed_at"],
        "replaced_at": now,
        "run_id": old["changed_run_id"],
        "reason": context.reason,
    }


def attribution_dict(attribution: Attribution) -> dict[str, Any]:
    return {"name": attribution.name, "kind": attribution.kind, "url": attribution.url}
