"""The spider hands Scrapy's scheduler a bounded number of requests; the rest wait compactly."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import HtmlResponse, XmlResponse
from scrapy.statscollectors import MemoryStatsCollector

from newscrawl.crawl import project_settings
from newscrawl.discovery.links import Link, LinkRole
from newscrawl.spiders.base import NewsSpider

BOUND = 25


class _Engine:
    """What the spider asks of Scrapy's engine: its scheduler's length, and crawl()."""

    def __init__(self) -> None:
        self.scheduler: list[Request] = []

    def crawl(self, request: Request) -> None:
        self.scheduler.append(request)


def _spider(**overrides: Any) -> tuple[NewsSpider, _Engine]:
    settings = project_settings(EXTRACT_WORKERS=0, MAX_SCHEDULED_REQUESTS=BOUND, **overrides)
    crawler = Crawler(NewsSpider, settings)
    crawler.stats = MemoryStatsCollector(crawler)
    spider = NewsSpider.from_crawler(crawler, url="https://example.com/")
    crawler.spider = spider
    engine = _Engine()
    crawler.engine = engine  # type: ignore[assignment]
    return spider, engine


def _sitemap(count: int) -> XmlResponse:
    locs = "".join(
        f"<url><loc>https://example.com/2024/05/{n}-a-story-about-ports</loc></url>"
        for n in range(count)
    )
    body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    url = "https://example.com/sitemap.xml"
    return XmlResponse(url, body=body.encode(), request=Request(url))


def test_a_big_sitemap_waits_in_the_frontier_and_every_url_is_requested_once() -> None:
    spider, engine = _spider()
    engine.scheduler.extend(spider.parse_sitemap(_sitemap(100)))
    assert len(engine.scheduler) == BOUND
    assert len(spider.frontier) == 100 - BOUND
    requested = [r.url for r in engine.scheduler]
    while len(spider.frontier):
        engine.scheduler.clear()  # all fetched: Scrapy reports the spider idle
        with pytest.raises(DontCloseSpider):
            spider.spider_idle()
        assert 0 < len(engine.scheduler) <= BOUND
        requested += [r.url for r in engine.scheduler]
    spider.spider_idle()  # nothing left: the spider may close
    assert requested == [f"https://example.com/2024/05/{n}-a-story-about-ports" for n in range(100)]


def test_a_finished_page_makes_room_for_the_next() -> None:
    spider, engine = _spider()
    engine.scheduler.extend(spider.parse_sitemap(_sitemap(60)))
    del engine.scheduler[:3]  # three pages left the scheduler
    released = spider._release()
    assert len(released) == 3
    engine.scheduler.extend(released)
    assert spider._release() == []  # nothing more until the scheduler drains again


def _page(path: str, body: str) -> HtmlResponse:
    url = "https://example.com" + path
    return HtmlResponse(
        url, body=body.encode(), encoding="utf-8", request=Request(url, meta={"nc_depth": 0})
    )


def _requested(spider: NewsSpider, response: HtmlResponse) -> list[str]:
    output = asyncio.run(spider.parse_page(response))
    return sorted(r.url for r in output if isinstance(r, Request))


def test_pages_that_turn_out_to_be_articles_leave_the_listing_budget_alone() -> None:
    spider, _ = _spider(MAX_SECTION_PAGES=1)
    prose = "<p>" + "Officials met in Kazan on Tuesday to discuss trade and ports. " * 20 + "</p>"
    article = (
        '<html><head><title>Ports</title><meta property="og:type" content="article"></head>'
        f"<body><article><h1>Ports</h1>{prose}</article></body></html>"
    )
    assert _requested(spider, _page("/a/123.html", article)) == []
    assert spider.frontier.listing_pages == 0
    home = "<html><body><a href='/world/'>World</a><a href='/a/124.html'>Story</a></body></html>"
    assert _requested(spider, _page("/", home)) == [
        "https://example.com/a/124.html",
        "https://example.com/world/",
    ]
    assert spider.frontier.listing_pages == 1  # the budget is spent: no more listing links
    world = "<html><body><a href='/sport/'>Sport</a><a href='/a/125.html'>Story</a></body></html>"
    assert _requested(spider, _page("/world/", world)) == []


def test_listing_links_left_when_the_budget_is_spent_do_not_keep_the_spider_open() -> None:
    spider, engine = _spider(MAX_SECTION_PAGES=1)
    assert spider.frontier.add(Link("https://example.com/sport/", LinkRole.LISTING, 1))
    spider.frontier.listing_page_read()  # another listing page was read: the budget is spent
    spider.spider_idle()  # nothing worth requesting is left: no DontCloseSpider
    assert engine.scheduler == []
    assert len(spider.frontier) == 0


def test_an_unreadable_page_makes_room_as_a_read_one_does() -> None:
    spider, engine = _spider()
    engine.scheduler.extend(spider.parse_sitemap(_sitemap(60)))
    del engine.scheduler[:1]  # one page left the scheduler, and its body is empty
    assert len(_requested(spider, _page("/2024/05/0-a-story-about-ports", ""))) == 1
    assert spider.crawler.stats.get_value("newscrawl/errors") == 1
