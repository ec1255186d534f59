"""Trap and budget limits: pagination and calendar series, dates out of range, growing URLs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector

from newscrawl.crawl import project_settings
from newscrawl.discovery.traps import date_out_of_range, growing_url, pagination, url_date
from newscrawl.middlewares.traps import LimitReached, TrapMiddleware
from newscrawl.spiders.base import NewsSpider

TODAY = date(2026, 12, 2)


def test_pagination_series_and_page_numbers() -> None:
    assert pagination("https://x.org/archive/?page=12") == ("https://x.org/archive/?page=*", 12)
    assert pagination("https://x.org/news/page/3/") == ("https://x.org/news/page/*", 3)
    assert pagination("https://x.org/a?cat=2&p=5") == ("https://x.org/a?cat=2&p=*", 5)
    assert pagination("https://x.org/a?top=5") is None


def test_dates_in_urls_and_their_range() -> None:
    series, when = url_date("https://x.org/calendar/2099/01/01/") or ("", TODAY)
    assert series == "https://x.org/calendar/*/" and when == date(2099, 1, 1)
    assert date_out_of_range(when, TODAY, 1990, 2)
    assert date_out_of_range(date(1970, 1, 1), TODAY, 1990, 2)
    assert not date_out_of_range(date(2026, 12, 3), TODAY, 1990, 2)


def test_growing_urls() -> None:
    assert growing_url("https://x.org/a?b=1&b=1&b=1&b=1", 300, 3)
    assert growing_url("https://x.org/a/a/a/a/story", 300, 3)
    assert growing_url("https://x.org/a?q=" + "x" * 400, 300, 3)
    assert growing_url("https://x.org/2024/05/06/a-story?utm_source=x", 300, 3) is None


def _middleware(**settings: Any) -> TrapMiddleware:
    crawler = Crawler(NewsSpider, project_settings(**settings))
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = NewsSpider.from_crawler(crawler, url="https://x.org/")
    middleware = TrapMiddleware.from_crawler(crawler)
    middleware.today = TODAY
    return middleware


def _listing(url: str, links: list[str]) -> tuple[Request, HtmlResponse]:
    request = Request(url, meta={"nc_kind": "listing"})
    body = "".join(f'<a href="{link}">x</a>' for link in links).encode()
    return request, HtmlResponse(url, body=body, request=request)


def _walk(middleware: TrapMiddleware, links_of_page: Any, pages: int) -> int:
    """Fetch /archive/?page=1.. like a spider following "next"; the last page fetched."""
    for n in range(1, pages + 1):
        url = f"https://x.org/archive/?page={n}"
        request, response = _listing(url, [*links_of_page(n), f"/archive/?page={n + 1}"])
        try:
            middleware.process_request(request)
        except LimitReached:
            return n - 1
        middleware.process_response(request, response)
    return pages


def test_endless_pagination_stops_after_pages_without_new_links() -> None:
    middleware = _middleware(TRAP_UNPRODUCTIVE_PAGES=10)
    same = ["/news/one-story-about-the-harbour", "/news/two-story-about-the-harbour"]
    assert _walk(middleware, lambda n: same, 500) == 11  # page 1 new, 2..11 nothing new
    stats = middleware.crawler.stats
    assert stats.get_value("newscrawl/limited/pagination_trap") == 1
    assert stats.get_value("newscrawl/limited") == 1


def test_a_real_archive_is_followed_to_its_end() -> None:
    middleware = _middleware(TRAP_UNPRODUCTIVE_PAGES=10)
    assert _walk(middleware, lambda n: [f"/news/story-number-{n}-in-full"], 300) == 300


@pytest.mark.parametrize(
    "url",
    [
        "https://x.org/calendar/2099/01/01/",
        "https://x.org/events?date=1901-01-01",
        "https://x.org/search?a=1&a=2&a=3&a=4",
    ],
)
def test_out_of_range_dates_and_growing_urls_are_dropped(url: str) -> None:
    middleware = _middleware()
    with pytest.raises(LimitReached):
        middleware.process_request(Request(url, meta={"nc_kind": "listing"}))
    assert middleware.crawler.stats.get_value("newscrawl/limited") == 1


def test_the_page_budget_per_site() -> None:
    middleware = _middleware(MAX_PAGES_PER_SITE=3)
    for n in range(3):
        request, response = _listing(f"https://x.org/news/story-{n}-told-here", [])
        middleware.process_request(request)
        middleware.process_response(request, response)
    with pytest.raises(LimitReached):
        middleware.process_request(Request("https://x.org/one-more", meta={"nc_kind": "article"}))
    assert middleware.crawler.stats.get_value("newscrawl/limited/page_budget") == 1
