"""Spider middlewares that bound where a crawl goes and record what each page finished.

``DepthLimitMiddleware`` drops links deeper than ``MAX_DEPTH`` from the start page (articles
may sit one level below the last listing). ``ListingBudgetMiddleware`` stops following
listing links once ``MAX_SECTION_PAGES`` non-article pages were read, and (as a downloader
middleware too) skips listing requests still queued then. ``PageDoneMiddleware`` tells the
frontier a page was read once everything it gave was scheduled (``signals.page_done``).
Each is switched off by removing it from the settings; the first two by a limit of 0.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from newscrawl import signals as nc_signals
from newscrawl.items import Article
from newscrawl.spiders.errors import is_transient_status

STATS = "newscrawl/"
LISTING, ARTICLE = "listing", "article"
# Pages read that gave no article: what the listing budget counts.
_NOT_ARTICLES = ("non_article_pages", "extraction_failed")


class DepthLimitMiddleware:
    """Drop requests whose ``nc_depth`` is beyond the limit; counts them."""

    def __init__(self, max_depth: int, stats: StatsCollector | None) -> None:
        self.max_depth = max_depth
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DepthLimitMiddleware:
        max_depth = crawler.settings.getint("MAX_DEPTH")
        if max_depth <= 0:
            raise NotConfigured("MAX_DEPTH is 0: no depth limit")
        return cls(max_depth, crawler.stats)

    def allowed(self, request: Request) -> bool:
        depth = int(request.meta.get("nc_depth", 0))
        limit = self.max_depth + (1 if request.meta.get("nc_kind") == ARTICLE else 0)
        if depth <= limit:
            return True
        if self.stats is not None:
            self.stats.inc_value(STATS + "skipped/too_deep")
        return False

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        for output in result:
            if not isinstance(output, Request) or self.allowed(output):
                yield output

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            if not isinstance(output, Request) or self.allowed(output):
                yield output


class ListingBudgetMiddleware:
    """Listing links are followed until ``MAX_SECTION_PAGES`` non-article pages were read.

    Counted on pages read (``newscrawl/non_article_pages``), not links queued: a link of
    unknown shape that turns out to be an article costs nothing. Registered as a spider
    middleware (drops new listing links) and a downloader middleware (skips queued ones).
    """

    def __init__(self, max_pages: int, stats: StatsCollector) -> None:
        self.max_pages = max_pages
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ListingBudgetMiddleware:
        max_pages = crawler.settings.getint("MAX_SECTION_PAGES")
        if max_pages <= 0 or crawler.stats is None:
            raise NotConfigured("MAX_SECTION_PAGES is 0: no listing budget")
        return cls(max_pages, crawler.stats)

    @property
    def spent(self) -> bool:
        read = sum(int(self.stats.get_value(STATS + key, 0)) for key in _NOT_ARTICLES)
        return read >= self.max_pages

    def _dropped(self, request: Request) -> bool:
        if request.meta.get("nc_kind") != LISTING or not self.spent:
            return False
        self.stats.inc_value(STATS + "skipped/listing_budget")
        return True

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        for output in result:
            if not isinstance(output, Request) or not self._dropped(output):
                yield output

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for output in result:
            if not isinstance(output, Request) or not self._dropped(output):
                yield output

    def process_request(self, request: Request) -> None:
        if self._dropped(request):
            raise IgnoreRequest(f"listing budget spent: {request.url}")


class PageDoneMiddleware:
    """Send ``page_done`` for a response once all its output went on (links scheduled)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PageDoneMiddleware:
        return cls(crawler)

    def _done(self, response: Response, has_article: bool) -> None:
        if is_transient_status(response.status):  # tried again on resume or in the next job
            return
        self.crawler.signals.send_catch_log(
            nc_signals.page_done, request=response.request, has_article=has_article
        )

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        has_article = False
        for output in result:
            has_article = has_article or isinstance(output, Article)
            yield output
        self._done(response, has_article)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        has_article = False
        async for output in result:
            has_article = has_article or isinstance(output, Article)
            yield output
        self._done(response, has_article)

    def process_spider_exception(self, response: Response, exception: Exception) -> None:
        self._done(response, False)  # a page the spider could not handle is not retried
