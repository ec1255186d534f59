"""Conditional GET of discovery pages and revisits of young articles, validators in our DB.

Three components, chosen in settings and switched off by ``CONDITIONAL_GET = False``:

- ``UrlCheckExtension`` (``newscrawl.url_checks``) owns what the crawl knows: at open, the
  validators (``ETag``, ``Last-Modified``) of the site's feeds, sitemaps and sections and of
  its articles still in the revisit window (one query), and the articles due for a revisit;
  fetches are written back in batches (``newscrawl.db.checks``).
- ``ConditionalGetMiddleware`` (downloader) sends ``If-None-Match``/``If-Modified-Since``
  with those URLs and turns a 304 into :class:`NotModified`: counted as ``not_modified``,
  never as an error, never retried. The spider's errback gets the discovery links the page
  gave when it last changed, so an unchanged sitemap index still leads to its sitemaps.
- ``UrlCheckMiddleware`` (spider) records the validators of each 200 (and its discovery
  links), and starts the due revisits after the spider's own start requests. A revisit
  that answers 200 goes through the pipeline: a changed article becomes a revision.

``--full`` (``INCREMENTAL = False``) sends no validators; it still records them.

Why not Scrapy's ``HttpCacheMiddleware`` with its RFC 2616 policy: it stores every
response body in a cache (per job, on local disk) and answers a 304 with the cached body,
which the spider would then parse again. We want the opposite: no bodies, the validators
in the crawl's database (shared by every run, host and job directory), a 304 that means
"nothing new here" and costs no parsing, and a revisit schedule next to the validators.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import replace
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from newscrawl.db.checks import ARTICLE, Link, Validators
from newscrawl.items import Article
from newscrawl.url_checks import NotModified, UrlCheckExtension, url_checks

STATS = "newscrawl/"
SOURCE_KINDS = frozenset({"feed", "sitemap", "listing"})  # discovery pages

_CONDITIONAL_HEADERS = (b"If-None-Match", b"If-Modified-Since")


class ConditionalGetMiddleware:
    """Ask with the stored validators; a 304 becomes :class:`NotModified`."""

    def __init__(self, checks: UrlCheckExtension, stats: StatsCollector) -> None:
        self.checks = checks
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        return cls(url_checks(crawler), crawler.stats)

    def process_request(self, request: Request) -> None:
        # Set anew on every pass: a redirect or retry copies the last hop's headers, and a
        # request that went through the frontier lost them (underscore meta is not kept).
        if request.meta.pop("_nc_conditional", False):
            for name in _CONDITIONAL_HEADERS:
                request.headers.pop(name, None)
        kind = request.meta.get("nc_kind")
        if kind not in SOURCE_KINDS and kind != ARTICLE:
            return
        found = self.checks.conditional(request.url)
        if not found:
            return
        if found.etag:
            request.headers[b"If-None-Match"] = found.etag
        if found.last_modified:
            request.headers[b"If-Modified-Since"] = found.last_modified
        request.meta["_nc_conditional"] = True
        self.stats.inc_value(STATS + "conditional_requests")

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status != 304 or not request.meta.get("_nc_conditional"):
            return response
        kind = str(request.meta.get("nc_kind"))
        self.checks.checked(request.url, kind, None)
        self.stats.inc_value(STATS + "not_modified")
        self.stats.inc_value(f"{STATS}not_modified/{kind}")
        found = self.checks.validators.get(request.url)
        raise NotModified(request.url, kind, found.links if found else ())


class UrlCheckMiddleware:
    """Record what each 200 told us; start the due revisits after the start requests."""

    def __init__(self, checks: UrlCheckExtension, crawler: Crawler) -> None:
        self.checks = checks
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UrlCheckMiddleware:
        return cls(url_checks(crawler), crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for output in start:
            yield output
        make = getattr(self.crawler.spider, "request_for", None)
        if make is None or not self.checks.due:
            return
        self.crawler.stats.inc_value(STATS + "revisits", len(self.checks.due))
        for url in self.checks.due:
            yield make(url, ARTICLE, 1)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterator[Any]:
        outputs: list[Any] = []
        for output in result:
            outputs.append(output)
            yield output
        self._record(response, outputs)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        outputs: list[Any] = []
        async for output in result:
            outputs.append(output)
            yield output
        self._record(response, outputs)

    def _record(self, response: Response, outputs: list[Any]) -> None:
        if response.status != 200:
            return
        found = Validators(_header(response, b"ETag"), _header(response, b"Last-Modified"))
        kind = response.meta.get("nc_kind")
        article = next((output for output in outputs if isinstance(output, Article)), None)
        if article is not None:  # an article: always, to revisit it
            self.checks.checked(response.url, ARTICLE, found, article.published_at)
        elif kind in SOURCE_KINDS and found:
            links = _links(outputs)
            self.checks.checked(response.url, str(kind), replace(found, links=links))


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _links(outputs: list[Any]) -> tuple[Link, ...]:
    """The discovery pages among a page's output requests (probes and articles left out)."""
    return tuple(
        (o.url, str(o.meta["nc_kind"]), int(o.meta.get("nc_depth", 0)))
        for o in outputs
        if isinstance(o, Request)
        and o.meta.get("nc_kind") in SOURCE_KINDS
        and not o.meta.get("nc_probe")
    )
