"""Bundled site spiders, tested on stored pages (the real outlets can't be fetched here)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from scrapy.spiderloader import SpiderLoader
from scrapy.statscollectors import MemoryStatsCollector

from newscrawl.crawl import bundled_sites, project_settings
from newscrawl.items import Article
from newscrawl.spiders.base import NewsSpider

SETTINGS = project_settings(EXTRACT_WORKERS=0)  # extraction in this process: callbacks only
SITES = bundled_sites(SETTINGS)
PROSE = "<p>" + "Officials met in Kazan on Tuesday to discuss trade and security. " * 15 + "</p>"


def _spider(name: str) -> NewsSpider:
    cls = SpiderLoader.from_settings(SETTINGS).load(name)
    crawler = Crawler(cls, SETTINGS.copy())  # no engine, no reactor: callbacks only
    crawler.stats = MemoryStatsCollector(crawler)
    spider = cls.from_crawler(crawler)
    crawler.spider = spider
    return spider


def _collect(output: Any) -> list[Any]:
    """Run a callback to the end and return its output (a coroutine's list or a generator's)."""
    if asyncio.iscoroutine(output):
        return list(asyncio.run(output))
    return list(output)


def _article_html(title: str) -> str:
    return (
        f'<html><head><title>{title}</title><meta property="og:type" content="article"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{PROSE}</article></body>"
    )


@pytest.mark.parametrize("name", SITES)
def test_site_declares_its_sources(name: str) -> None:
    spider = _spider(name)
    assert spider.homepage and spider.homepage.startswith("https://")
    assert spider.allowed_domains and spider.site_name
    assert spider.feeds or spider.sitemaps
    assert spider.site == name


@pytest.mark.parametrize("name", SITES)
def test_site_article_page_becomes_an_article(name: str) -> None:
    spider = _spider(name)
    domain = spider.allowed_domains[0]
    url = f"https://{domain}/2024/05/putin-wants-to-get-closer-to-the-taliban-228001"
    response = HtmlResponse(
        url,
        body=_article_html("Putin and the Taliban").encode(),
        encoding="utf-8",
        request=Request(url, meta={"nc_depth": 1}),
    )
    output = _collect(spider.parse_page(response))
    [article] = [o for o in output if isinstance(o, Article)]
    assert article.url == url and article.title == "Putin and the Taliban"
    assert "Officials met in Kazan" in article.text
    assert article.site == spider.site_name


@pytest.mark.parametrize("name", SITES)
def test_site_feed_links_are_requested_on_site_only(name: str) -> None:
    spider = _spider(name)
    domain = spider.allowed_domains[0]
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<item><link>https://{domain}/2024/05/russia-moves-to-establish-relations-228002</link></item>"
        "<item><link>https://elsewhere.example/2024/05/some-other-outlets-story-1</link></item>"
        "</channel></rss>"
    ).encode()
    url = f"https://{domain}/feed/"
    response = XmlResponse(url, body=feed, request=Request(url))
    requests = [r for r in spider.parse_feed(response) if isinstance(r, Request)]
    assert [r.url for r in requests] == [
        f"https://{domain}/2024/05/russia-moves-to-establish-relations-228002"
    ]


def test_generic_spider_needs_a_url() -> None:
    with pytest.raises(ValueError, match="homepage URL"):
        NewsSpider()


def test_non_article_page_is_counted_and_its_links_followed() -> None:
    spider = _spider("asiatimes")
    url = "https://asiatimes.com/category/world/"
    body = (
        "<html><body><a href='/2024/05/putin-wants-to-get-closer-to-the-taliban/'>story</a>"
        "<a href='/tag/russia/'>tag</a><a href='/wp-content/uploads/map.png'>map</a></body></html>"
    )
    response = HtmlResponse(
        url, body=body.encode(), encoding="utf-8", request=Request(url, meta={"nc_depth": 1})
    )
    output = _collect(spider.parse_page(response))
    assert not [o for o in output if isinstance(o, Article)]
    assert sorted(r.url for r in output) == [
        "https://asiatimes.com/2024/05/putin-wants-to-get-closer-to-the-taliban/",
        "https://asiatimes.com/tag/russia/",
    ]
    assert spider.crawler.stats.get_value("newscrawl/non_article_pages") == 1


@pytest.mark.parametrize(
    ("body", "reason"),
    [(b"", "bad_page"), (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "bad_page")],
)
def test_empty_and_binary_bodies_are_errors_not_articles(body: bytes, reason: str) -> None:
    spider = _spider("asiatimes")
    url = "https://asiatimes.com/2024/05/putin-wants-to-get-closer-to-the-taliban/"
    response = TextResponse(url, body=body, encoding="utf-8", request=Request(url))
    assert _collect(spider.parse_page(response)) == []
    assert spider.crawler.stats.get_value(f"newscrawl/errors/{reason}") == 1
