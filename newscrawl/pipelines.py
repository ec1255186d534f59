"""Item pipelines: storage of extracted articles (extraction runs in the spider's workers)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl import signals as nc_signals
from newscrawl.db.errors import StorageError
from newscrawl.db.run_end import Retry, record_run_end
from newscrawl.db.runs import RunEnd, RunStore, stop_reason
from newscrawl.db.schema import ensure_schema
from newscrawl.db.session import make_engine, timeouts_from_settings
from newscrawl.db.spool import spool_items
from newscrawl.db.store import ArticleStore
from newscrawl.db.writes import WriteContext
from newscrawl.extraction.version import EXTRACTOR_VERSION
from newscrawl.items import Article, ExtractionFailure
from newscrawl.run_counts import run_counts

if TYPE_CHECKING:
    from newscrawl.db.dupes import DuplicateLinker

logger = logging.getLogger(__name__)
STATS = "newscrawl/"


class StoragePipeline:
    """Store articles in batches: one transaction per N items or T seconds, and on close.

    Each write is bounded in time (``DB_*_TIMEOUT``) and retried with backoff; a batch that
    still fails waits for the next flush, and what can't be written at the end is spooled to
    ``DATA_DIR/unsaved/*.jsonl`` (``newscrawl db replay`` loads it) rather than lost.
    Extraction failures are recorded the same way. The crawl run (``crawl_runs``) gets this
    crawler's counts when the spider closes; without a ``RUN_ID`` setting the pipeline opens
    and closes a run of its own.
    """

    MAX_PENDING = 10_000  # items held in memory while the database is failing

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.database_url = settings.get("DATABASE_URL")
        self.timeouts = timeouts_from_settings(settings)
        self.batch_size = max(1, settings.getint("DB_BATCH_SIZE"))
        self.batch_seconds = settings.getfloat("DB_BATCH_SECONDS")
        self.retries = max(0, settings.getint("DB_WRITE_RETRIES"))
        self.backoff = settings.getfloat("DB_RETRY_BACKOFF")
        self.cooldown = settings.getfloat("DB_OUTAGE_COOLDOWN")
        self.retry_after = 0.0  # while the database is failing: no write before this time
        self.max_articles = settings.getint("MAX_ARTICLES")
        self.spool_dir = Path(settings.get("DATA_DIR")) / "unsaved"
        self.run_id: int | None = settings.getint("RUN_ID") or None
        self.owns_run = False
        self.batch: list[Article | ExtractionFailure] = []
        self.accepted = 0
        self.last_flush = time.monotonic()
        self.lock = asyncio.Lock()
        self.store: ArticleStore | None = None
        self.linker: DuplicateLinker | None = None
        self.timer: asyncio.Task[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        pipeline = cls(crawler)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    @property
    def target(self) -> str:
        spider = self.crawler.spider
        return str(getattr(spider, "site", None) or getattr(spider, "name", "crawl"))

    def open_spider(self) -> None:
        engine = make_engine(self.database_url, timeouts=self.timeouts)
        ensure_schema(engine)
        self.store = ArticleStore(engine)
        if self.run_id is None:
            self.run_id = RunStore(engine).start([self.target])
            self.owns_run = True
        self.timer = asyncio.get_running_loop().create_task(self._flush_periodically())

    async def close_spider(self) -> None:
        if self.timer is not None:  # stops its sleep; a flush it started runs to its end
            self.timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.timer
        await self._flush(final=True)  # waits for that flush (the lock), then writes the rest

    def spider_closed(self, spider: Spider, reason: str) -> None:
        """After every close step (stats are final): record this crawler's counts (and the
        run's end, if it owns the run); spooled when the database is still down."""
        if self.store is None:
            return
        stats = self.crawler.stats
        assert stats is not None
        try:
            if self.run_id is not None:
                counts, counters = run_counts(stats.get_stats())
                end = RunEnd(self.run_id, counts=counts, counters=counters)
                if self.owns_run:
                    end = replace(end, stop_reason=stop_reason(reason), ended_at=datetime.now(UTC))
                failing = time.monotonic() < self.retry_after  # a write failed a moment ago
                retry = Retry(0 if failing else self.retries, self.backoff)
                runs = RunStore(self.store.engine)
                if record_run_end(runs, end, retry, self.spool_dir, f"run-{self.run_id}"):
                    stats.inc_value(STATS + "run_end_spooled")
        finally:
            self.store.engine.dispose()

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, ExtractionFailure):
            if item.fetched_at is None:
                item = replace(item, fetched_at=datetime.now(UTC))
            self.batch.append(item)
            return item
        if not isinstance(item, Article):
            return item
        if self.max_articles and self.accepted >= self.max_articles:
            raise DropItem(f"--max-articles reached: {item.url}", log_level="DEBUG")
        self.accepted += 1
        if item.fetched_at is None:  # the one fetch time the row and the WARC record share
            item = replace(item, fetched_at=datetime.now(UTC))
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            await self._flush()
        return item

    def _context(self) -> WriteContext:
        return WriteContext(EXTRACTOR_VERSION, site=self.target, run_id=self.run_id)

    def _write(
        self, batch: list[Article | ExtractionFailure], committed: Callable[[], object]
    ) -> tuple[int, int, int, int]:
        """Write ``batch`` (in a thread), retrying with backoff, then link the new articles
        to what they copy; (new, updated, unchanged, linked). ``committed`` is called as
        soon as the batch is committed (the frontier marks its pages done)."""
        assert self.store is not None
        found = [a for a in batch if isinstance(a, Article)]
        failures = [f for f in batch if isinstance(f, ExtractionFailure)]
        for attempt in range(self.retries + 1):
            try:
                result = self.store.save_batch(found, self._context())
                self.store.record_failures(failures, self.run_id)
                committed()
                linked = self._link(found, result.stored)
                return len(result.stored), len(result.updated), len(result.already_stored), linked
            except StorageError as exc:
                if attempt == self.retries:
                    raise
                delay = self.backoff * 2**attempt
                logger.warning("database write failed (%s); retrying in %.1f s", exc, delay)
                time.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _link(self, found: list[Article], stored: list[str]) -> int:
        """Link just-stored articles to the earlier-seen ones they copy. A failure loses
        nothing: the articles are stored, and the next linking signs and links them."""
        if not stored or self.store is None:
            return 0
        # Imported and built at the first stored article: the linker's modules bring numpy
        # and the MinHash index, start-up that a re-run storing nothing need not pay.
        from newscrawl.db.dupes import DuplicateLinker, NewArticle

        if self.linker is None:
            self.linker = DuplicateLinker(self.store.engine)
        signatures = {a.canonical_url: a.dedup_signature for a in found}
        try:
            return self.linker.link([NewArticle(url, signatures.get(url)) for url in stored])
        except StorageError as exc:
            logger.error("linking copies failed (retried with the next batch): %s", exc)
            return 0

    def _write_failed(
        self, batch: list[Article | ExtractionFailure], exc: StorageError, final: bool
    ) -> None:
        """Keep the batch for the next flush; at the end (or when too much waits) spool it."""
        if not final and len(batch) + len(self.batch) <= self.MAX_PENDING:
            logger.error(
                "database write failed, will retry %d items in %.0f s: %s",
                len(batch),
                self.cooldown,
                exc,
            )
            self.batch = batch + self.batch
            return
        path = spool_items(batch, self._context(), self.spool_dir, self.target)
        logger.error(
            "database write failed: %d items spooled to %s; load them with "
            "`newscrawl db replay` once the database is back (%s)",
            len(batch),
            path,
            exc,
        )
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(STATS + "errors")
        stats.inc_value(STATS + "errors/storage")
        stats.inc_value(STATS + "articles_spooled", sum(isinstance(i, Article) for i in batch))
        stats.inc_value(STATS + "items_spooled", len(batch))
        self._committed(batch)  # kept on disk: the crawl need not fetch them again

    def _committed(self, batch: list[Article | ExtractionFailure]) -> None:
        """Tell the frontier these pages are done (``signals.articles_committed``)."""
        self.crawler.signals.send_catch_log(
            nc_signals.articles_committed, urls=[item.url for item in batch]
        )

    async def _flush_periodically(self) -> None:
        while True:
            await asyncio.sleep(self.batch_seconds)
            if self.batch and time.monotonic() - self.last_flush >= self.batch_seconds:
                # Shielded: cancelling this task at close must not abandon a write under way
                # (its rows committed but uncounted, or, if it failed, neither stored nor spooled).
                await asyncio.shield(self._flush())

    async def _flush(self, final: bool = False) -> None:
        async with self.lock:
            cooling = time.monotonic() < self.retry_after
            if cooling and not final and len(self.batch) < self.MAX_PENDING:
                return  # the database failed a moment ago: keep collecting, don't stall the crawl
            batch, self.batch = self.batch, []
            self.last_flush = time.monotonic()
            if not batch or self.store is None:
                return
            try:
                loop = asyncio.get_running_loop()
                new, updated, unchanged, linked = await asyncio.to_thread(
                    self._write, batch, lambda: loop.call_soon_threadsafe(self._committed, batch)
                )
            except StorageError as exc:
                self.retry_after = time.monotonic() + self.cooldown
                self._write_failed(batch, exc, final)
                return
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(STATS + "articles_stored", new)
        stats.inc_value(STATS + "articles_updated", updated)
        stats.inc_value(STATS + "articles_already_stored", unchanged)
        stats.inc_value(STATS + "copies_linked", linked)
        logger.debug("stored %d new, %d updated, %d unchanged articles", new, updated, unchanged)
