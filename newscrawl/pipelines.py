"""Item pipelines: storage of extracted articles (extraction runs in the spider's workers)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from newscrawl.db.errors import StorageError
from newscrawl.db.schema import ensure_schema
from newscrawl.db.session import make_engine
from newscrawl.db.spool import spool_articles
from newscrawl.db.store import ArticleStore
from newscrawl.items import Article

logger = logging.getLogger(__name__)
STATS = "newscrawl/"


class StoragePipeline:
    """Store articles in batches: one transaction per N items or T seconds, and on close.

    When the database fails, the batch waits for the next flush; what still can't be written
    at the end is spooled to ``DATA_DIR/unsaved/*.jsonl`` rather than lost.
    """

    MAX_PENDING = 10_000  # articles held in memory while the database is failing

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.database_url = settings.get("DATABASE_URL")
        self.batch_size = max(1, settings.getint("DB_BATCH_SIZE"))
        self.batch_seconds = settings.getfloat("DB_BATCH_SECONDS")
        self.max_articles = settings.getint("MAX_ARTICLES")
        self.spool_dir = Path(settings.get("DATA_DIR")) / "unsaved"
        self.batch: list[Article] = []
        self.accepted = 0
        self.last_flush = time.monotonic()
        self.lock = asyncio.Lock()
        self.store: ArticleStore | None = None
        self.timer: asyncio.Task[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoragePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        engine = make_engine(self.database_url)
        ensure_schema(engine)
        self.store = ArticleStore(engine)
        self.timer = asyncio.get_running_loop().create_task(self._flush_periodically())

    async def close_spider(self) -> None:
        if self.timer is not None:  # stops its sleep; a flush it started runs to its end
            self.timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.timer
        await self._flush(final=True)  # waits for that flush (the lock), then writes the rest
        if self.store is not None:
            self.store.engine.dispose()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        if self.max_articles and self.accepted >= self.max_articles:
            raise DropItem(f"--max-articles reached: {item.url}", log_level="DEBUG")
        self.accepted += 1
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            await self._flush()
        return item

    def _write_failed(self, batch: list[Article], exc: StorageError, final: bool) -> None:
        """Keep the batch for the next flush; at the end (or when too much waits) spool it."""
        if not final and len(batch) + len(self.batch) <= self.MAX_PENDING:
            logger.error("database write failed, will retry %d articles: %s", len(batch), exc)
            self.batch = batch + self.batch
            return
        spider = self.crawler.spider
        label = str(getattr(spider, "site", None) or getattr(spider, "name", "crawl"))
        path = spool_articles(batch, self.spool_dir, label)
        logger.error("database write failed: %d articles saved to %s (%s)", len(batch), path, exc)
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(STATS + "errors")
        stats.inc_value(STATS + "errors/storage")
        stats.inc_value(STATS + "articles_spooled", len(batch))

    async def _flush_periodically(self) -> None:
        while True:
            await asyncio.sleep(self.batch_seconds)
            if self.batch and time.monotonic() - self.last_flush >= self.batch_seconds:
                # Shielded: cancelling this task at close must not abandon a write under way
                # (its rows committed but uncounted, or, if it failed, neither stored nor spooled).
                await asyncio.shield(self._flush())

    async def _flush(self, final: bool = False) -> None:
        async with self.lock:
            batch, self.batch = self.batch, []
            self.last_flush = time.monotonic()
            if not batch or self.store is None:
                return
            try:
                result = await asyncio.to_thread(self.store.save_batch, batch)
            except StorageError as exc:
                self._write_failed(batch, exc, final)
                return
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(STATS + "articles_stored", len(result.stored))
        stats.inc_value(STATS + "articles_already_stored", len(result.already_stored))
        logger.debug(
            "stored %d articles (%d already stored)", len(result.stored), len(result.already_stored)
        )
