"""The storage pipeline: batches, counts, and no lost articles when the database fails."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector
from sqlalchemy import text

from newscrawl.crawl import project_settings
from newscrawl.db.store import SaveResult
from newscrawl.items import Article
from newscrawl.pipelines import StoragePipeline
from newscrawl.spiders.base import NewsSpider


def _pipeline(tmp_path: Path, **settings: object) -> StoragePipeline:
    config = project_settings(
        DATABASE_URL=f"sqlite:///{tmp_path / 'news.db'}", DATA_DIR=str(tmp_path), **settings
    )
    crawler = Crawler(NewsSpider, config)
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = NewsSpider.from_crawler(crawler, url="https://example.com/")
    return StoragePipeline.from_crawler(crawler)


def _article(n: int) -> Article:
    url = f"https://example.com/news/story-number-{n}"
    return Article(url=url, canonical_url=url, title=f"Story {n}", text=f"Body of story {n}.")


def _stat(pipeline: StoragePipeline, name: str) -> object:
    assert pipeline.crawler.stats is not None
    return pipeline.crawler.stats.get_value(f"newscrawl/{name}", 0)


def test_batches_are_written_and_repeats_counted(tmp_path: Path) -> None:
    async def main() -> StoragePipeline:
        pipeline = _pipeline(tmp_path, DB_BATCH_SIZE=2)
        pipeline.open_spider()
        for n in (1, 2, 3, 1):
            await pipeline.process_item(_article(n))
        await pipeline.close_spider()
        return pipeline

    pipeline = asyncio.run(main())
    assert _stat(pipeline, "articles_stored") == 3
    assert _stat(pipeline, "articles_already_stored") == 1


def test_failed_writes_are_retried_then_spooled_not_lost(tmp_path: Path) -> None:
    async def main() -> StoragePipeline:
        pipeline = _pipeline(tmp_path, DB_BATCH_SIZE=2)
        pipeline.open_spider()
        assert pipeline.store is not None
        with pipeline.store.engine.begin() as conn:  # the database loses its table
            conn.execute(text("DROP TABLE articles"))
        for n in range(1, 6):
            await pipeline.process_item(_article(n))
        assert len(pipeline.batch) == 5  # failed batches wait for the next flush
        await pipeline.close_spider()
        return pipeline

    pipeline = asyncio.run(main())
    [spooled] = list((tmp_path / "unsaved").glob("*.jsonl"))
    records = [json.loads(line) for line in spooled.read_text().splitlines()]
    assert sorted(r["title"] for r in records) == [f"Story {n}" for n in range(1, 6)]
    assert _stat(pipeline, "articles_spooled") == 5
    assert _stat(pipeline, "errors") == 1


def _hold_writes(pipeline: StoragePipeline) -> tuple[threading.Event, threading.Event]:
    """Make the next database writes wait: (started, release)."""
    assert pipeline.store is not None
    store = pipeline.store
    save_batch = store.save_batch
    started, release = threading.Event(), threading.Event()

    def held(batch: list[Article]) -> SaveResult:
        started.set()
        release.wait(10)
        return save_batch(batch)

    store.save_batch = held  # type: ignore[method-assign]
    return started, release


def test_closing_during_a_timed_write_counts_and_keeps_every_article(tmp_path: Path) -> None:
    async def main() -> StoragePipeline:
        pipeline = _pipeline(tmp_path, DB_BATCH_SIZE=100, DB_BATCH_SECONDS=0.01)
        pipeline.open_spider()
        started, release = _hold_writes(pipeline)
        for n in range(1, 4):
            await pipeline.process_item(_article(n))
        assert await asyncio.to_thread(started.wait, 10)  # the timed flush is writing
        await pipeline.process_item(_article(4))  # arrives while it writes
        closing = asyncio.create_task(pipeline.close_spider())
        await asyncio.sleep(0)  # close_spider starts while the write is still held
        release.set()
        await closing
        return pipeline

    pipeline = asyncio.run(main())
    assert _stat(pipeline, "articles_stored") == 4
    assert pipeline.store is not None
    assert pipeline.store.count() == 4


def test_a_timed_write_that_fails_during_close_is_spooled(tmp_path: Path) -> None:
    async def main() -> StoragePipeline:
        pipeline = _pipeline(tmp_path, DB_BATCH_SIZE=100, DB_BATCH_SECONDS=0.01)
        pipeline.open_spider()
        assert pipeline.store is not None
        with pipeline.store.engine.begin() as conn:  # every write will fail
            conn.execute(text("DROP TABLE articles"))
        started, release = _hold_writes(pipeline)
        for n in range(1, 4):
            await pipeline.process_item(_article(n))
        assert await asyncio.to_thread(started.wait, 10)
        closing = asyncio.create_task(pipeline.close_spider())
        await asyncio.sleep(0)
        release.set()
        await closing
        return pipeline

    pipeline = asyncio.run(main())
    [spooled] = list((tmp_path / "unsaved").glob("*.jsonl"))
    titles = sorted(json.loads(line)["title"] for line in spooled.read_text().splitlines())
    assert titles == ["Story 1", "Story 2", "Story 3"]
    assert _stat(pipeline, "articles_spooled") == 3
