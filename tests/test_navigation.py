"""Depth and listing-budget middlewares, and the frontier scheduler's compact requests."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector

from newscrawl.crawl import project_settings
from newscrawl.navigation import DepthLimitMiddleware, ListingBudgetMiddleware
from newscrawl.scheduler import FrontierScheduler
from newscrawl.spiders.base import NewsSpider


def _request(path: str, kind: str, depth: int) -> Request:
    return Request("https://x.com" + path, meta={"nc_kind": kind, "nc_depth": depth})


def _response() -> HtmlResponse:
    return HtmlResponse("https://x.com/", body=b"<html></html>", request=Request("https://x.com/"))


def test_links_deeper_than_max_depth_are_dropped_articles_one_level_further() -> None:
    stats = MemoryStatsCollector(Crawler(NewsSpider, project_settings()))
    depth = DepthLimitMiddleware(max_depth=2, stats=stats)
    output = [
        _request("/s2", "listing", 2),
        _request("/s3", "listing", 3),
        _request("/a3", "article", 3),
        _request("/a4", "article", 4),
        "an item",
    ]
    kept = list(depth.process_spider_output(_response(), output))
    assert [getattr(o, "url", o) for o in kept] == [
        "https://x.com/s2",
        "https://x.com/a3",
        "an item",
    ]
    assert stats.get_value("newscrawl/skipped/too_deep") == 2


def test_listing_links_stop_once_the_budget_of_non_article_pages_is_spent() -> None:
    stats = MemoryStatsCollector(Crawler(NewsSpider, project_settings()))
    budget = ListingBudgetMiddleware(max_pages=2, stats=stats)
    listing, article = _request("/world/", "listing", 1), _request("/a/1.html", "article", 1)
    assert list(budget.process_spider_output(_response(), [listing, article])) == [listing, article]
    budget.process_request(listing)  # under budget: fetched
    stats.set_value("newscrawl/non_article_pages", 2)  # two listing pages read: spent
    assert list(budget.process_spider_output(_response(), [listing, article])) == [article]
    with pytest.raises(IgnoreRequest):
        budget.process_request(listing)  # queued before the budget was spent: not fetched
    budget.process_request(article)  # articles are never held back by it


def test_the_scheduler_keeps_requests_compact_and_rebuilds_them() -> None:
    crawler = Crawler(NewsSpider, project_settings(INCREMENTAL=False))
    crawler.stats = MemoryStatsCollector(crawler)
    spider = NewsSpider.from_crawler(crawler, url="https://x.com/")
    scheduler = FrontierScheduler(None, crawler.stats)
    scheduler.open(spider)
    try:
        page = spider._request("https://x.com/2024/05/story", "article", 1, nc_published="2024")
        assert scheduler.enqueue_request(page)
        assert not scheduler.enqueue_request(page.replace())  # each URL once
        post = Request("https://x.com/search", method="POST", body=b"q=1")
        assert scheduler.enqueue_request(post)  # not compactable: kept as it is
        assert len(scheduler) == 2 and scheduler.has_pending_requests()
        first = scheduler.next_request()
        assert first is post
        rebuilt = scheduler.next_request()
        assert rebuilt is not None and rebuilt is not page
        assert (rebuilt.url, rebuilt.priority, rebuilt.meta) == (page.url, page.priority, page.meta)
        assert rebuilt.callback == spider.parse_page and rebuilt.errback == spider.on_error
        assert scheduler.next_request() is None and not scheduler.has_pending_requests()
    finally:
        scheduler.close("finished")
