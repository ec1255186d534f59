"""The generic news spider: from a homepage to every article the site lists.

Sources: robots.txt ``Sitemap:`` lines, sitemap indexes (gzipped or not), Google News
sitemaps, RSS/Atom/RDF feeds (advertised and at common paths), and homepage and section pages
followed to a bounded depth with pagination. Article candidates are yielded as ``Page`` items;
the extraction pipeline makes the final call in a worker process.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from parsel import Selector
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from newscrawl.dedup import canonical_url
from newscrawl.discovery import parse_feed, parse_sitemap
from newscrawl.discovery.feeds import COMMON_FEED_PATHS, FEED_TYPES
from newscrawl.discovery.page import page_signals
from newscrawl.discovery.sitemaps import sitemaps_from_robots
from newscrawl.extraction import SiteRules
from newscrawl.extraction.decode import looks_binary
from newscrawl.items import Page
from newscrawl.spiders.errors import count_failure
from newscrawl.spiders.links import Link, LinkPolicy, LinkRole

logger = logging.getLogger(__name__)
STATS = "newscrawl/"


class NewsSpider(Spider):
    """Crawl any news site: ``scrapy crawl news -a url=https://example.com/``."""

    name = "news"
    homepage: ClassVar[str | None] = None
    sitemaps: ClassVar[tuple[str, ...]] = ()
    feeds: ClassVar[tuple[str, ...]] = ()
    sections: ClassVar[tuple[str, ...]] = ()
    article_patterns: ClassVar[tuple[str, ...]] = ()
    deny_patterns: ClassVar[tuple[str, ...]] = ()
    site_name: ClassVar[str | None] = None
    drop_selectors: ClassVar[tuple[str, ...]] = ()
    body_selector: ClassVar[str | None] = None
    policy: LinkPolicy
    max_listing_pages: int

    def __init__(self, url: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start_url = url or self.homepage
        if not self.start_url or not self.start_url.startswith(("http://", "https://")):
            raise ValueError(f"{self.name}: give a homepage URL, e.g. -a url=https://example.com/")
        host = (urlsplit(self.start_url).hostname or "").lower()
        self.site = self.name if self.homepage else urlsplit(self.start_url).netloc.lower()
        if not getattr(self, "allowed_domains", None):
            self.allowed_domains = [host.removeprefix("www.")]
        self.site_rules = SiteRules(
            drop=self.drop_selectors, body=self.body_selector, site_name=self.site_name
        )
        self.listing_pages = 0

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if settings.getint("MAX_ARTICLES") and not settings.getint("CLOSESPIDER_ITEMCOUNT"):
            settings.set("CLOSESPIDER_ITEMCOUNT", settings.getint("MAX_ARTICLES"), "spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.policy = LinkPolicy(
            hosts=tuple(spider.allowed_domains),
            max_depth=crawler.settings.getint("MAX_DEPTH"),
            article_patterns=tuple(re.compile(p) for p in cls.article_patterns),
            deny_patterns=tuple(re.compile(p) for p in cls.deny_patterns),
        )
        spider.max_listing_pages = crawler.settings.getint("MAX_SECTION_PAGES")
        return spider

    # --- requests -------------------------------------------------------------------------
    def _request(self, url: str, kind: str, depth: int = 0, **meta: Any) -> Request:
        callbacks = {
            "robots": self.parse_robots,
            "sitemap": self.parse_sitemap,
            "feed": self.parse_feed,
        }
        priority = {"robots": 30, "sitemap": 20, "feed": 20, "article": 10}.get(kind, 0)
        return Request(
            url,
            callback=callbacks.get(kind, self.parse_page),
            errback=self.on_error,
            priority=priority,
            meta={"nc_kind": kind, "nc_depth": depth, **meta},
        )

    def _link_request(self, link: Link, **meta: Any) -> Request | None:
        if link.role is LinkRole.LISTING:
            if self.listing_pages >= self.max_listing_pages:
                return None
            self.listing_pages += 1
        return self._request(link.url, link.role.value, link.depth, **meta)

    async def start(self) -> AsyncIterator[Request]:
        assert self.start_url is not None
        base = self.start_url
        yield self._request(urljoin(base, "/robots.txt"), "robots", dont_obey_robotstxt=True)
        for url in self.sitemaps:
            yield self._request(urljoin(base, url), "sitemap")
        for url in self.feeds:
            yield self._request(urljoin(base, url), "feed")
        yield self._request(base, "listing")
        for url in self.sections:
            yield self._request(urljoin(base, url), "listing", 1)
        for path in COMMON_FEED_PATHS:
            yield self._request(urljoin(base, path), "feed", nc_probe=True)

    # --- callbacks ------------------------------------------------------------------------
    def parse_robots(self, response: Response) -> Iterator[Request]:
        for url in sitemaps_from_robots(response.body, response.url):
            if self.policy.on_site(url):
                yield self._request(url, "sitemap")

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        try:
            sitemap = parse_sitemap(response.body, response.url)
        except ValueError as exc:
            self._bad_input(response, "sitemap", exc)
            return
        if sitemap.damage:
            self._bad_input(response, "sitemap", ValueError(sitemap.damage))
        for url in sitemap.sitemaps:
            if self.policy.on_site(url):
                yield self._request(url, "sitemap")
        yield from self._candidates({e.url: e.published_at for e in sitemap.urls})

    def parse_feed(self, response: Response) -> Iterator[Request]:
        probe = response.meta.get("nc_probe", False)
        try:
            feed = parse_feed(response.body, response.url)
        except ValueError as exc:
            if not probe:
                self._bad_input(response, "feed", exc)
            return
        if feed.damage:
            self._bad_input(response, "feed", ValueError(feed.damage))
        yield from self._candidates({e.url: e.published_at for e in feed.entries})

    def _candidates(self, entries: dict[str, datetime | None]) -> Iterator[Request]:
        published = {canonical_url(url): date for url, date in entries.items()}
        for link in self.policy.follow(published, depth=0, from_article=False):
            if link.role is LinkRole.LISTING and link.url != self.start_url:
                link = Link(link.url, LinkRole.ARTICLE, 1)  # a feed or sitemap entry
            hint = published.get(link.url)
            request = self._link_request(link, nc_published=hint.isoformat() if hint else None)
            if request is not None:
                yield request

    def parse_page(self, response: Response) -> Iterator[Page | Request]:
        self.crawler.stats.inc_value(STATS + "html_pages")
        if not isinstance(response, TextResponse) or not response.body.strip():
            self._bad_input(response, "page", ValueError("empty or non-text body"))
            return
        if looks_binary(response.body):
            self._bad_input(response, "page", ValueError("binary body served as text"))
            return
        declared = http_content_type_encoding(
            (response.headers.get("Content-Type") or b"").decode("latin-1")
        )
        # lxml reads the bytes (and any <meta charset>) itself: nothing is decoded here.
        selector = Selector(body=response.body, encoding=declared or "utf-8", type="html")
        signals = page_signals(selector)
        depth = int(response.meta.get("nc_depth", 0))
        is_article = signals.is_article(response.url)
        if is_article:
            yield self._page(response, declared)
        else:
            self.crawler.stats.inc_value(STATS + "non_article_pages")
        yield from self._follow(response, selector, depth, is_article)

    def _page(self, response: Response, declared_encoding: str | None) -> Page:
        hints = {"published_at": response.meta.get("nc_published")}
        return Page(
            url=response.url,
            body=response.body,
            encoding=declared_encoding,
            site=self.site,
            depth=int(response.meta.get("nc_depth", 0)),
            hints=hints,
        )

    def _follow(
        self, response: Response, selector: Selector, depth: int, is_article: bool
    ) -> Iterator[Request]:
        base = selector.xpath("//base/@href").get() or response.url
        if not is_article:
            feed_xpath = " or ".join(f'@type="{t}"' for t in FEED_TYPES)
            for href in selector.xpath(f'//link[@rel="alternate"][{feed_xpath}]/@href').getall():
                url = urljoin(base, href.strip())
                if self.policy.on_site(url):
                    yield self._request(url, "feed")
        hrefs = _absolute(base, selector.xpath("//a/@href").getall())
        for link in self.policy.follow(hrefs, depth, from_article=is_article):
            request = self._link_request(link)
            if request is not None:
                yield request

    # --- errors ---------------------------------------------------------------------------
    def on_error(self, failure: Failure) -> None:
        count_failure(self.crawler.stats, failure, logger)

    def _bad_input(self, response: Response, what: str, exc: Exception) -> None:
        self.crawler.stats.inc_value(STATS + "errors")
        self.crawler.stats.inc_value(f"{STATS}errors/bad_{what}")
        logger.warning("bad %s at %s: %s", what, response.url, exc)


def _absolute(base: str, hrefs: Iterable[str]) -> Iterator[str]:
    for href in hrefs:
        href = href.strip()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            yield urljoin(base, href)
