"""Downloader middlewares: binary links are never fetched; meta refresh still redirects."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.statscollectors import MemoryStatsCollector

from newscrawl.crawl import project_settings
from newscrawl.middlewares import BinaryRequestFilterMiddleware, CheapMetaRefreshMiddleware
from newscrawl.spiders.base import NewsSpider


def _crawler() -> Crawler:
    crawler = Crawler(NewsSpider, project_settings())
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = NewsSpider.from_crawler(crawler, url="https://example.com/")
    return crawler


def test_binary_page_links_are_refused_but_sitemaps_and_robots_pass() -> None:
    middleware = BinaryRequestFilterMiddleware.from_crawler(_crawler())
    with pytest.raises(IgnoreRequest):
        middleware.process_request(
            Request("https://example.com/files/report.pdf", meta={"nc_kind": "article"})
        )
    middleware.process_request(Request("https://example.com/robots.txt"))
    middleware.process_request(
        Request("https://example.com/sitemap.xml.gz", meta={"nc_kind": "sitemap"})
    )


def test_meta_refresh_pages_still_redirect_and_others_pass_untouched() -> None:
    middleware = CheapMetaRefreshMiddleware.from_crawler(_crawler())
    request = Request("https://example.com/old-story-location-here")
    moved = HtmlResponse(
        request.url,
        body=b'<html><head><meta http-equiv="refresh" content="0;url=/new-story"></head></html>',
        request=request,
    )
    redirected = middleware.process_response(request, moved)
    assert isinstance(redirected, Request)
    assert redirected.url == "https://example.com/new-story"
    plain = HtmlResponse(request.url, body=b"<html><p>story</p></html>", request=request)
    assert middleware.process_response(request, plain) is plain


@pytest.mark.parametrize(
    "head",
    [
        b'<meta http-equiv="refresh" content="600">',  # reloads itself: not a redirect
        b"<script>function refresh() { location.reload(); }</script>",
        b'<meta name="description" content="How to refresh the url= of a page">',
    ],
)
def test_pages_that_only_mention_refresh_pass_untouched(head: bytes) -> None:
    middleware = CheapMetaRefreshMiddleware.from_crawler(_crawler())
    request = Request("https://example.com/a-story-that-reloads-itself")
    page = HtmlResponse(
        request.url, body=b"<html><head>" + head + b"</head><p>story</p></html>", request=request
    )
    assert middleware.process_response(request, page) is page
