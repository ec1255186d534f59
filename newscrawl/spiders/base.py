"""The generic news spider: from a homepage to every article the site lists.

Sources: robots.txt ``Sitemap:`` lines, sitemap indexes (gzipped or not), Google News
sitemaps, RSS/Atom/RDF feeds (advertised and at common paths), and homepage and section pages
followed to a bounded depth with pagination. Every HTML page goes to a worker process
(``tasks.analyze_page``), which parses it once for its links and, when it is an article, its
extracted ``Article``; this process does no HTML parsing and keeps downloading meanwhile.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from newscrawl.dedup import canonical_url
from newscrawl.discovery import parse_feed, parse_sitemap
from newscrawl.discovery.feeds import COMMON_FEED_PATHS
from newscrawl.discovery.links import Link, LinkPolicy, LinkRole
from newscrawl.discovery.listed import ListedUrls
from newscrawl.discovery.sitemaps import sitemaps_from_robots
from newscrawl.extraction import SiteRules
from newscrawl.items import Article, ExtractionFailure
from newscrawl.jobs import use_job_dir
from newscrawl.signals import page_done
from newscrawl.spiders.errors import count_failure, is_permanent
from newscrawl.tasks import PageTask, analyze_page
from newscrawl.url_checks import NotModified
from newscrawl.workers import TaskFailed
from newscrawl.workers.extension import Runner, extraction_runner

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
    listed: ListedUrls  # feed and sitemap entries: evidence that a URL is an article
    _runner: Runner | None = None

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

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if settings.getint("MAX_ARTICLES") and not settings.getint("CLOSESPIDER_ITEMCOUNT"):
            settings.set("CLOSESPIDER_ITEMCOUNT", settings.getint("MAX_ARTICLES"), "spider")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # resumable without a flag, however it is started (newscrawl, scrapy crawl, Scrapyd)
        use_job_dir(spider.name if cls.homepage else str(spider.start_url), crawler.settings)
        spider.policy = LinkPolicy(
            hosts=tuple(spider.allowed_domains),
            max_depth=crawler.settings.getint("MAX_DEPTH"),
            article_patterns=tuple(re.compile(p) for p in cls.article_patterns),
            deny_patterns=tuple(re.compile(p) for p in cls.deny_patterns),
        )
        spider.listed = ListedUrls()
        return spider

    @property
    def extraction(self) -> Runner:
        """The process's extraction pool (an extension), or in-process extraction."""
        if self._runner is None:
            self._runner = extraction_runner(getattr(self, "crawler", None))
        return self._runner

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

    def request_for(self, url: str, kind: str, depth: int = 0, **meta: Any) -> Request:
        """A request for ``url`` as this spider makes it (components start revisits this way)."""
        return self._request(url, kind, depth, **meta)

    async def start(self) -> AsyncIterator[Request]:
        assert self.start_url is not None
        base = self.start_url
        # Through the robots.txt middleware: it waits for the site's Crawl-delay to be known.
        yield self._request(urljoin(base, "/robots.txt"), "robots")
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
        self._read_for_discovery()
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
        lists_itself = response.url in sitemap.sitemaps
        if lists_itself:  # an index that lists itself: said once, never refetched
            self._bad_input(response, "sitemap", ValueError("sitemap index lists itself"))
        if not sitemap.damage and not lists_itself:  # else it counts among the failed
            self._read_for_discovery()
        for url in sitemap.sitemaps:
            if url != response.url and self.policy.on_site(url):
                yield self._request(url, "sitemap")
        if sitemap.urls:
            dated = any(e.published_at for e in sitemap.urls)
            self._source("news_sitemap" if dated else "sitemap", len(sitemap.urls))
        yield from self._candidates({e.url: e.published_at for e in sitemap.urls}, "sitemap")

    def parse_feed(self, response: Response) -> Iterator[Request]:
        probe = response.meta.get("nc_probe", False)
        try:
            feed = parse_feed(response.body, response.url)
        except ValueError as exc:
            if probe:  # a common feed path that holds no feed: read, and nothing more
                self._read_for_discovery()
            else:
                self._bad_input(response, "feed", exc)
            return
        if feed.damage:
            self._bad_input(response, "feed", ValueError(feed.damage))
        else:
            self._read_for_discovery()
        self._source("feed", len(feed.entries))
        yield from self._candidates({e.url: e.published_at for e in feed.entries}, "feed")

    def _read_for_discovery(self) -> None:
        """A robots.txt, sitemap or feed response read whole (for the fetched pages' parts)."""
        self.crawler.stats.inc_value(STATS + "fetched/discovery")

    def _source(self, kind: str, urls: int) -> None:
        """A discovery source read (for the run's explanation): how many, how many URLs."""
        self.crawler.stats.inc_value(f"{STATS}sources/{kind}")
        self.crawler.stats.inc_value(f"{STATS}sources/{kind}_urls", urls)

    def _candidates(self, entries: dict[str, datetime | None], source: str) -> Iterator[Request]:
        published = {canonical_url(url): date for url, date in entries.items()}
        for link in self.policy.follow(published, depth=0, from_article=False):
            if link.role is LinkRole.LISTING and link.url != self.start_url:
                link = Link(link.url, LinkRole.ARTICLE, 1)  # a feed or sitemap entry
            hint = published.get(link.url)
            iso = hint.isoformat() if hint else None
            if iso:  # a dated entry (news sitemap, feed) is evidence; a plain sitemap's is not
                self.listed.note(link.url, iso, source)
            meta = {"nc_published": iso, "nc_published_source": source} if iso else {}
            yield self._request(link.url, link.role.value, link.depth, **meta)

    async def parse_page(
        self, response: Response
    ) -> Sequence[Article | ExtractionFailure | Request]:
        """Any HTML page: a worker process reads it once for its article and its links.

        The links go out before the article, so they are scheduled while it is stored. The
        frontier (``newscrawl.scheduler``) keeps each URL once, and compactly.
        """
        self.crawler.stats.inc_value(STATS + "html_pages")
        if not isinstance(response, TextResponse):
            self._bad_input(response, "page", ValueError("non-text body"))
            return []
        # Empty and binary bodies are recognised in the worker, off this thread.
        try:
            analysis = await self.extraction.run(analyze_page, self._task(response))
        except TaskFailed as exc:
            self._bad_input(response, "extraction", exc)
            return []
        if analysis.problem:
            self._bad_input(response, "page", ValueError(analysis.problem))
            return []
        output: list[Article | ExtractionFailure | Request] = [
            self._request(url, "feed") for url in analysis.feeds if self.policy.on_site(url)
        ]
        output.extend(self._request(ln.url, ln.role.value, ln.depth) for ln in analysis.links)
        if analysis.article is not None:  # last: the links are scheduled before it is stored
            output.append(replace(analysis.article, site=analysis.article.site or self.site))
        elif analysis.extraction_failed:
            output.append(self._extraction_failed(response))
        else:
            self.crawler.stats.inc_value(STATS + "non_article_pages")
            self._source("section", len(analysis.links))
        return output

    def _extraction_failed(self, response: Response) -> ExtractionFailure:
        """An article page (listed, or declaring itself one) that gave no body: said, counted,
        and handed to storage so that ``newscrawl reextract`` can retry it."""
        self.crawler.stats.inc_value(STATS + "extraction_failed")
        logger.warning("extraction failed: no article body at %s", response.url)
        return ExtractionFailure(response.url, self.site, "no_body", datetime.now(UTC))

    def _task(self, response: Response) -> PageTask:
        declared = http_content_type_encoding(
            (response.headers.get("Content-Type") or b"").decode("latin-1")
        )
        requested = response.request.url if response.request else response.url
        listed, listed_date, listed_source = self.listed.find(response.url, requested)
        if not listed_date:  # resumed from the job dir: the request keeps what listed it
            listed_date = response.meta.get("nc_published")
            listed_source = response.meta.get("nc_published_source", "feed")
        return PageTask(
            url=response.url,
            body=response.body,
            encoding=declared,
            rules=self.site_rules,
            policy=self.policy,
            depth=int(response.meta.get("nc_depth", 0)),
            published_hint=listed_date,
            published_hint_source=listed_source,
            listed=listed,
        )

    # --- errors ---------------------------------------------------------------------------
    def on_error(self, failure: Failure) -> list[Request]:
        reason = count_failure(self.crawler.stats, failure, logger)
        request = getattr(failure, "request", None)
        if request is not None and is_permanent(reason):  # nothing to try again later
            self.crawler.signals.send_catch_log(page_done, request=request)
        if isinstance(failure.value, NotModified):  # unchanged: where it led last time
            links = failure.value.links
            return [
                self._request(u, kind, depth) for u, kind, depth in links if self.policy.on_site(u)
            ]
        return []

    def _bad_input(self, response: Response, what: str, exc: Exception) -> None:
        self.crawler.stats.inc_value(STATS + "errors")
        self.crawler.stats.inc_value(f"{STATS}errors/bad_{what}")
        logger.warning("bad %s at %s: %s", what, response.url, exc)
