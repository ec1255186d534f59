"""What a crawl knows about its URLs' last fetches: the ``UrlCheckExtension``.

At open it loads (in bulk, in a thread) the validators of the site's feeds, sitemaps and
sections and of its articles still in the revisit window, and the articles due for a
revisit; the fetches the middlewares report (``newscrawl.conditional``) are written back
in batches, in a thread (``newscrawl.db.checks``); at close, articles past the revisit
window are forgotten. Switched off by ``CONDITIONAL_GET = False``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.settings import BaseSettings

from newscrawl.db.checks import Check, CheckStore, Link, RevisitPolicy, Validators
from newscrawl.db.errors import StorageError
from newscrawl.db.session import make_engine, timeouts_from_settings

logger = logging.getLogger(__name__)
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

    async def spider_opened(self, spider: Any) -> None:
        """Load the site's validators (the storage pipeline made the schema current), in a
        thread: the event loop goes on meanwhile, and Scrapy awaits this before the first
        request."""
        self.site = str(getattr(spider, "site", None) or spider.name)
        try:
            self.validators, self.due = await asyncio.to_thread(self._load, self.site)
        except StorageError as exc:
            self._failed("could not read URL validators, fetching without them", exc)

    def _load(self, site: str) -> tuple[dict[str, Validators], list[str]]:
        now = datetime.now(UTC)
        return self.store.load(site, now), (self.store.due(site, now) if self.send else [])

    async def spider_closed(self) -> None:
        self.flush()
        if self.writing is not None:
            await self.writing
        try:  # at the end of each run: the table holds only what a run may ask again
            pruned = await asyncio.to_thread(self.store.prune, datetime.now(UTC))
        except StorageError as exc:  # the next run prunes them
            logger.warning("could not prune URL checks: %s", exc)
        else:
            if pruned:
                logger.info("forgot %d articles past the revisit window (url_checks)", pruned)
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
