"""One extraction pool per process: started by the first crawl, shared, never by a spider."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from typing import Any

import pytest
from scrapy.crawler import Crawler

from newscrawl.crawl import project_settings
from newscrawl.spiders.base import NewsSpider
from newscrawl.workers import extension as extension_module
from newscrawl.workers import pool as pool_module
from newscrawl.workers.extension import ExtractionPoolExtension


def _double(x: int) -> int:
    return 2 * x


def test_constructing_a_spider_starts_no_process() -> None:
    crawler = Crawler(NewsSpider, project_settings(EXTRACT_WORKERS=2))
    NewsSpider.from_crawler(crawler, url="https://example.com/")
    assert multiprocessing.active_children() == []


def test_every_crawl_of_a_process_shares_one_pool_until_the_last_one_stops() -> None:
    crawls = [ExtractionPoolExtension(workers=1, timeout=30, retries=0) for _ in range(3)]
    assert multiprocessing.active_children() == []
    for crawl in crawls:
        crawl.engine_started()
    assert multiprocessing.active_children() == []  # no page to extract yet: no worker

    async def use() -> list[int]:
        return [await crawl.run(_double, n) for n, crawl in enumerate(crawls)]

    assert asyncio.run(use()) == [0, 2, 4]
    assert len({id(crawl.pool) for crawl in crawls}) == 1
    assert len(multiprocessing.active_children()) == 1  # one worker (+ none per crawl)
    crawls[0].engine_stopped()
    crawls[1].engine_stopped()
    assert crawls[2].pool is not None and len(multiprocessing.active_children()) == 1
    crawls[2].engine_stopped()
    assert multiprocessing.active_children() == []


def test_setting_up_a_crawl_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    real = pool_module.start_forkserver
    monkeypatch.setattr(pool_module, "start_forkserver", lambda: started.append("") or real())
    crawler = Crawler(NewsSpider, project_settings(EXTRACT_WORKERS=1))
    extension = ExtractionPoolExtension.from_crawler(crawler)
    assert multiprocessing.active_children() == [] and not started  # not even the forkserver
    extension.engine_started()
    try:
        assert asyncio.run(extension.run(_double, 21)) == 42
        assert started  # the first task started it
    finally:
        extension.engine_stopped()
    assert multiprocessing.active_children() == []


class _InstantPool:
    """Stands in for WorkerPool: starts at once, runs tasks in this process."""

    def __init__(self, workers: int, timeout: float, retries: int) -> None:
        self.closed = False

    async def run(self, fn: Callable[..., int], *args: Any) -> int:
        return fn(*args)

    def close(self) -> None:
        self.closed = True


def test_a_page_arriving_as_the_pool_finishes_starting_is_extracted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pages keep arriving while the pool starts (off the loop's thread); one that comes in
    just as the start ends, before its callback ran, still gets the pool."""
    monkeypatch.setattr(extension_module, "WorkerPool", _InstantPool)

    async def crawl() -> list[int | BaseException]:
        crawl = ExtractionPoolExtension(workers=1, timeout=30, retries=0)
        crawl.engine_started()
        pages: list[asyncio.Task[int]] = []
        while crawl.pool is None or len(pages) < 10:  # a page every loop turn
            pages.append(asyncio.ensure_future(crawl.run(_double, len(pages))))
            await asyncio.sleep(0)
        results = await asyncio.gather(*pages, return_exceptions=True)
        crawl.engine_stopped()
        return results

    for _ in range(20):  # each start ends at another point of the loop's turn
        results = asyncio.run(crawl())
        assert results == [2 * n for n in range(len(results))]
