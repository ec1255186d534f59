"""Run the current extractor over archived pages (WARC) and store what changed.

For each URL the newest archived fetch is read again. A changed title or text becomes a
revision (reason ``reextract``) and a change in the feed; an unchanged one only records the
extractor version. A page that now shows no publication date keeps the stored one (which may
have come from a feed or sitemap). Extraction runs in worker processes, as in the crawl.
Pages recorded as extraction failures that now give an article are stored as new articles;
those that still give none count one more attempt.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from newscrawl.archive import ArchivedPage, iter_index, read_page
from newscrawl.db.store import ArticleStore
from newscrawl.db.writes import WriteContext
from newscrawl.dedup import choose_canonical
from newscrawl.extraction import SiteRules, extract
from newscrawl.extraction.version import EXTRACTOR_VERSION
from newscrawl.items import Article, ExtractionFailure
from newscrawl.workers import InlineRunner, TaskFailed, WorkerPool, make_runner

BATCH = 200
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Workers:
    """The extraction processes (``EXTRACT_WORKERS``; 0: extract in this process)."""

    count: int
    timeout: float = 30.0
    retries: int = 1


@dataclass
class ReextractResult:
    pages: int = 0
    changed: int = 0
    unchanged: int = 0
    new: int = 0  # earlier extraction failures that now give an article
    failed: int = 0  # pages that still give no article
    sites: set[str] = field(default_factory=set)


def reextract(
    store: ArticleStore,
    warc_paths: Iterable[Path],
    rules_for: Callable[[str | None], SiteRules],
    site: str | None = None,
    since: datetime | None = None,
    workers: Workers | None = None,
) -> ReextractResult:
    """Re-extract the newest archived fetch of every URL (of ``site``, fetched since ``since``)
    in ``workers`` (worker processes, as the crawl extracts; none: in this process)."""
    latest: dict[str, tuple[datetime, Path, int]] = {}
    for entry in iter_index(warc_paths):
        if (site is not None and entry.site != site) or (since and entry.fetched_at < since):
            continue
        known = latest.get(entry.url)
        if known is None or entry.fetched_at >= known[0]:
            latest[entry.url] = (entry.fetched_at, entry.path, entry.offset)
    places = sorted((path, offset) for _, path, offset in latest.values())
    return asyncio.run(_reextract(store, places, rules_for, workers or Workers(0)))


async def _reextract(
    store: ArticleStore,
    places: list[tuple[Path, int]],
    rules_for: Callable[[str | None], SiteRules],
    workers: Workers,
) -> ReextractResult:
    """Extract batch n+1 in the workers while batch n is written (in a thread)."""
    result = ReextractResult()
    runner = make_runner(workers.count, workers.timeout, workers.retries)
    writing: asyncio.Future[None] | None = None
    try:
        for start in range(0, len(places), BATCH):
            pages = [read_page(path, offset) for path, offset in places[start : start + BATCH]]
            extracted = await asyncio.gather(
                *(_extract(runner, page, rules_for(page.site)) for page in pages)
            )
            if writing is not None:
                await writing
            done = list(zip(pages, extracted, strict=True))
            writing = asyncio.ensure_future(asyncio.to_thread(_store, store, done, result))
        if writing is not None:
            await writing
    finally:
        runner.close()
    return result


async def _extract(
    runner: WorkerPool | InlineRunner, page: ArchivedPage, rules: SiteRules
) -> Article | None:
    try:
        return await runner.run(extract_page, page, rules)
    except TaskFailed as exc:  # the page killed or hung its worker on every try
        logger.warning("re-extraction of %s failed: %s", page.url, exc)
        return None


def _store(
    store: ArticleStore,
    extracted: list[tuple[ArchivedPage, Article | None]],
    result: ReextractResult,
) -> None:
    by_site: dict[str | None, list[Article]] = {}
    failures: list[ExtractionFailure] = []
    for page, article in extracted:
        result.pages += 1
        if article is None:
            failures.append(ExtractionFailure(page.url, page.site, "no_body", page.fetched_at))
        else:
            by_site.setdefault(page.site, []).append(article)
    for target, articles in by_site.items():
        context = WriteContext(EXTRACTOR_VERSION, site=target, reason="reextract")
        saved = store.save_batch(articles, context)
        result.changed += len(saved.updated)
        result.unchanged += len(saved.already_stored)
        result.new += len(saved.stored)
        if target:
            result.sites.add(target)
    known_failures = {f["url"] for f in store.extraction_failures()} if failures else set()
    retried = [f for f in failures if f.url in known_failures]
    store.record_failures(retried, None)
    result.failed += len(failures)


def extract_page(page: ArchivedPage, rules: SiteRules) -> Article | None:
    """The article of an archived page, as the crawl would have stored it."""
    encoding = _charset(page.content_type)
    article = extract(page.body, page.url, rules=rules, encoding=encoding)
    if article is None:
        return None
    return replace(
        article,
        canonical_url=choose_canonical(page.url, article.canonical_url),
        fetched_at=page.fetched_at,
    )


def _charset(content_type: str) -> str | None:
    from w3lib.encoding import http_content_type_encoding

    return http_content_type_encoding(content_type)
