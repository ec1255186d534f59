"""``newscrawl check``: discovery without downloading an article or writing anything.

``DryRunMiddleware`` (a spider middleware, on with ``DRY_RUN``) lets robots.txt, sitemaps,
feeds and section pages be read as in a crawl, keeps the article URLs each kind of source
gave, and drops those requests before they are scheduled; a page that turned out to be an
article gives no item (``newscrawl/check/article_pages``). When the spider closes it looks
all of them up in the store at once (one bulk lookup, chunked by the store) and leaves the
counts in the stats: ``newscrawl/check/<kind>/urls`` and ``.../stored`` per source kind,
``newscrawl/check/urls`` and ``newscrawl/check/stored`` over distinct URLs. An empty
``DATABASE_URL`` means no store yet: every URL is new. A store that fails leaves
``newscrawl/check/store_error``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from newscrawl.db.errors import StorageError
from newscrawl.db.session import make_engine, timeouts_from_settings
from newscrawl.db.store import ArticleStore
from newscrawl.items import Article

CHECK = "newscrawl/check/"
# The kind of a source response (its request's nc_kind) -> the kind of source it counts as.
_SOURCE_OF = {"sitemap": "sitemap", "feed": "feed", "listing": "section"}


class _Output:
    """What one source response gave: the article URLs dropped, and whether any was dated."""

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.dated = False
        self.article_pages = 0

    def keep(self, output: Any) -> bool:
        if isinstance(output, Article):  # a link of unknown shape that was an article
            self.article_pages += 1
            return False  # nothing is stored
        if not isinstance(output, Request) or output.meta.get("nc_kind") != "article":
            return True
        self.urls.add(output.url)
        self.dated = self.dated or bool(output.meta.get("nc_published"))
        return False


class DryRunMiddleware:
    """Drop article requests, remembering which kind of source gave each URL."""

    def __init__(self, crawler: Crawler, database_url: str) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.found: dict[str, set[str]] = defaultdict(set)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DryRunMiddleware:
        if not crawler.settings.getbool("DRY_RUN"):
            raise NotConfigured  # no message: a crawl should not log a line about it
        middleware = cls(crawler, crawler.settings.get("DATABASE_URL") or "")
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    @property
    def stats(self) -> StatsCollector:
        assert self.crawler.stats is not None
        return self.crawler.stats

    def _record(self, response: Response, output: _Output) -> None:
        if output.article_pages:
            self.stats.inc_value(CHECK + "article_pages", output.article_pages)
        source = _SOURCE_OF.get(str(response.meta.get("nc_kind")))
        if source is None or not output.urls:
            return
        if source == "sitemap" and output.dated:  # the spider's rule: a sitemap with dates
            source = "news_sitemap"
        self.found[source].update(output.urls)
        self.stats.inc_value(CHECK + "not_downloaded", len(output.urls))

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        given = _Output()
        yield from (output for output in result if given.keep(output))
        self._record(response, given)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        given = _Output()
        async for output in result:
            if given.keep(output):
                yield output
        self._record(response, given)

    def spider_closed(self) -> None:
        every = set().union(*self.found.values())
        try:
            stored = self._stored(every)
        except StorageError as exc:
            self.stats.set_value(CHECK + "store_error", str(exc))
            stored = set()
        for kind, urls in self.found.items():
            self.stats.set_value(f"{CHECK}{kind}/urls", len(urls))
            self.stats.set_value(f"{CHECK}{kind}/stored", len(urls & stored))
        self.stats.set_value(CHECK + "urls", len(every))
        self.stats.set_value(CHECK + "stored", len(stored))

    def _stored(self, urls: set[str]) -> set[str]:
        if not self.database_url or not urls:
            return set()
        settings = self.crawler.settings
        timeouts = timeouts_from_settings(settings)
        store = ArticleStore(make_engine(self.database_url, timeouts=timeouts))
        try:
            return store.known_urls(urls)
        finally:
            store.engine.dispose()
