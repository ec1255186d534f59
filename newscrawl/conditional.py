"""Conditional GET of discovery pages and revisits of young articles, validators in our DB.

Three components, chosen in settings and switched off by ``CONDITIONAL_GET = False``:

- ``UrlCheckExtension`` owns what the crawl knows: at open, the validators (``ETag``,
  ``Last-Modified``) of the site's feeds, sitemaps and sections and of its articles still
  in the revisit window (one query), and the articles due for a revisit; fetches are
  written back in batches (``newscrawl.db.checks``).
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

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector

from newscrawl.db.checks import ARTICLE, Check, CheckStore, Link, RevisitPolicy, Validators
from newscrawl.db.errors import StorageError
from newscrawl.db.session import make_engine, timeouts_from_settings
from newscrawl.items import Article

logger = logging.getLogger(__name__)
STATS = "newscrawl/"
SOURCE_KINDS = frozenset({"feed", "sitemap", "listing"})  # discovery pages
FLUSH_SIZE = 200  # checks written per transaction ...
FLUSH_SECONDS = 5.0  # ... or at least this often


def revisit_policy(settings: BaseSettings) -> RevisitPolicy:
    """``REVISIT_WINDOW_HOURS`` (0: no revisits) and ``REVISIT_FIRST_HOURS``."""
    return RevisitPolicy(
        window=timedelta(hours=settings.getfloat("REVISIT_WINDOW_HOURS")),
        first=timedelta(hours=settings.getfloat("REVISIT_FIRST_HOURS")),
    )


class NotModified(IgnoreRequest):
    """A conditional GET answered 304; ``links``: what the page led to when it last changed."""

    def __init__(self, url: str, kind: str, links: tuple[Link, ...] = ()) -> None:
        super().__init__(f"not modified: {url}")
        self.kind = kind
        self.links = links


class UrlCheckExtension:
    """The crawl's validators and due revisits, loaded at open; checks written in batches."""

    def __init__(self, store: CheckStore, send: bool, flush_seconds: float = FLUSH_SECONDS) -> None:
        self.store = store
        self.send = send  # False under --full: fetch everything, record validators anyway
        self.flush_seconds = flush_seconds
        self.site: str | None = None
        self.validators: dict[str, Validators] = {}
        self.due: list[str] = []
        self.pending: list[Check] = []
        self.last_flush = time.monotonic()
        self.writing: asyncio.Future[None] | None = None  # the last batch's write
        self.failed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UrlCheckExtension:
        settings = crawler.settings
        if not settings.getbool("CONDITIONAL_GET"):
            raise NotConfigured("CONDITIONAL_GET is off")
        engine = make_engine(
            settings.get("DATABASE_URL"), timeouts=timeouts_from_settings(settings)
        )
        extension = cls(
            CheckStore(engine, revisit_policy(settings)), settings.getbool("INCREMENTAL")
        )
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        """Load the site's validators (the storage pipeline made the schema current)."""
        self.site = str(getattr(spider, "site", None) or spider.name)
        now = datetime.now(UTC)
        try:
            self.validators = self.store.load(self.site, now)
            self.due = self.store.due(self.site, now) if self.send else []
        except StorageError as exc:
            self._failed("could not read URL validators, fetching without them", exc)

    async def spider_closed(self) -> None:
        self.flush()
        if self.writing is not None:
            await self.writing
        self.store.engine.dispose()

    def conditional(self, url: str) -> Validators | None:
        """The validators to send with a request for ``url`` (None: an ordinary GET)."""
        return self.validators.get(url) if self.send else None

    def checked(
        self,
        url: str,
        kind: str,
        validators: Validators | None,
        published: datetime | None = None,
    ) -> None:
        """``url`` was fetched: a 200 with ``validators``, or a 304 (None)."""
        now = datetime.now(UTC)
        self.pending.append(Check(url, self.site, kind, now, validators, published))
        if (
            len(self.pending) >= FLUSH_SIZE
            or time.monotonic() - self.last_flush > self.flush_seconds
        ):
            self.flush()

    def flush(self) -> None:
        """Write what is pending, in a thread (the crawl goes on), after the previous batch."""
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        self.last_flush = time.monotonic()
        self.writing = asyncio.ensure_future(self._write(batch, self.writing))

    async def _write(self, batch: list[Check], previous: asyncio.Future[None] | None) -> None:
        if previous is not None:
            await previous
        try:
            await asyncio.to_thread(self.store.record, batch)
        except StorageError as exc:  # the next run fetches these without validators
            self._failed("could not record URL validators", exc)

    def _failed(self, what: str, exc: StorageError) -> None:
        if not self.failed:
            logger.warning("%s: %s", what, exc)
        self.failed = True


def url_checks(crawler: Crawler) -> UrlCheckExtension:
    """The crawl's :class:`UrlCheckExtension`; NotConfigured when it is switched off."""
    for extension in getattr(crawler.extensions, "middlewares", ()):
        if isinstance(extension, UrlCheckExtension):
            return extension
    raise NotConfigured("no UrlCheckExtension in EXTENSIONS (or CONDITIONAL_GET is off)")


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
