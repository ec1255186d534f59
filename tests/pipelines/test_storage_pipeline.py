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
from newscrawl.db.runs import RunStore
from newscrawl.db.writes import SaveResult, WriteContext
from newscrawl.items import Article, ExtractionFailure
from newscrawl.pipelines import StoragePipeline
from newscrawl.spiders.base import NewsSpider


def _pipeline(tmp_path: Path, **settings: object) -> StoragePipeline:
    config = project_settings(
        DATABASE_URL=f"sqlite:///{tmp_path / 'news.db'}",
        DATA_DIR=str(tmp_path),
        **{"DB_RETRY_BACKOFF": 0.01, **settings},
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
    records = [json.loads(line)["record"] for line in spooled.read_text().splitlines()]
    assert sorted(r["title"] for r in records) == [f"Story {n}" for n in range(1, 6)]
    assert _stat(pipeline, "articles_spooled") == 5
    assert _stat(pipeline, "errors") == 1


def _hold_writes(pipeline: StoragePipeline) -> tuple[threading.Event, threading.Event]:
    """Make the next database writes wait: (started, release)."""
    assert pipeline.store is not None
    store = pipeline.store
    save_batch = store.save_batch
    started, release = threading.Event(), threading.Event()

    def held(batch: list[Article], context: WriteContext | None = None) -> SaveResult:
        started.set()
        release.wait(10)
        return save_batch(batch, context)

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
    lines = spooled.read_text().splitlines()
    titles = sorted(json.loads(line)["record"]["title"] for line in lines)
    assert titles == ["Story 1", "Story 2", "Story 3"]
    assert _stat(pipeline, "articles_spooled") == 3


def test_the_run_gets_the_crawlers_counts_and_extraction_failures_are_kept(
    tmp_path: Path,
) -> None:
    async def main() -> StoragePipeline:
        pipeline = _pipeline(tmp_path, DB_BATCH_SIZE=2)
        pipeline.open_spider()
        await pipeline.process_item(_article(1))
        failure = ExtractionFailure("https://example.com/news/empty", "example.com", "no_body")
        await pipeline.process_item(failure)
        await pipeline.process_item(_article(2))
        await pipeline.close_spider()
        assert pipeline.crawler.stats is not None
        pipeline.crawler.stats.set_value("newscrawl/blocked", 2)
        assert pipeline.store is not None
        failures = pipeline.store.extraction_failures()
        assert [(f["url"], f["site"], f["run_id"]) for f in failures] == [
            ("https://example.com/news/empty", "example.com", pipeline.run_id)
        ]
        pipeline.spider_closed(pipeline.crawler.spider, "shutdown")
        return pipeline

    pipeline = asyncio.run(main())
    assert pipeline.store is not None
    (run,) = RunStore(pipeline.store.engine).recent()
    assert run.targets == ["example.com"] and run.stop_reason == "interrupted"
    assert (run.counts["articles_new"], run.counts["blocked"]) == (2, 2)
    sites = {a.canonical_url: a for a in pipeline.store.iter_articles()}
    assert len(sites) == 2
