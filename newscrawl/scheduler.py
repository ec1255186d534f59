"""The crawl frontier as a Scrapy scheduler, chosen in settings (``SCHEDULER``).

Requests are kept as compact entries in a :class:`~newscrawl.discovery.frontier.Frontier`,
on disk under ``JOBDIR`` (``frontier.sqlite3``) or in memory without one. The frontier is
also the duplicate filter: a URL is requested once per job. A URL is done when its page was
read (``signals.page_done``) or, for an article, when the article was committed
(``signals.articles_committed``); after ``kill -9`` the same command requeues what was not
done. Another backend (e.g. Redis, for many workers) implements the same interface.

Only GET requests without a body are compacted (every request newscrawl makes); headers are
not kept, downloader middlewares add them again. Other requests wait in memory.
"""

from __future__ import annotations

import logging
from collections import deque
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector
from twisted.internet import task

from newscrawl import signals as nc_signals
from newscrawl.discovery.frontier import Entry, Frontier
from newscrawl.incremental import PAGE_KINDS, StoredUrlFilter

logger = logging.getLogger(__name__)
FRONTIER_FILE = "frontier.sqlite3"
_UNFINISHED_REASONS = ("shutdown", "cancelled")
COMMIT_SECONDS = 0.5  # how much frontier progress a kill -9 may lose


class FrontierScheduler:
    def __init__(
        self,
        jobdir: str | None,
        stats: StatsCollector | None,
        crawler: Crawler | None = None,
        owner: str = "",
        known: StoredUrlFilter | None = None,
    ) -> None:
        self.path = Path(jobdir) / FRONTIER_FILE if jobdir else None
        self.owner = owner
        self.known = known  # incremental crawling: page URLs already stored are not fetched
        self.stats = stats
        self.crawler = crawler
        self.frontier: Frontier | None = None
        self.spider: Spider | None = None
        self._timer: task.LoopingCall | None = None
        self._loose: deque[Request] = deque()  # requests that can't be compacted
        self._awaiting_commit: dict[str, list[str]] = {}  # article URL -> its entries' URLs

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        settings = crawler.settings
        scheduler = cls(
            settings.get("JOBDIR"),
            crawler.stats,
            crawler,
            owner=settings.get("DATABASE_URL"),
            known=StoredUrlFilter.from_settings(settings),
        )
        crawler.signals.connect(scheduler.page_done, signal=nc_signals.page_done)
        crawler.signals.connect(scheduler.articles_committed, signal=nc_signals.articles_committed)
        return scheduler

    # --- the Scrapy scheduler interface ----------------------------------------------------
    def open(self, spider: Spider) -> None:
        self.spider = spider
        self.frontier = Frontier(self.path, owner=self.owner, known=self.known)
        self._timer = task.LoopingCall(self.frontier.maybe_commit)
        self._timer.start(COMMIT_SECONDS, now=False)
        state = self.frontier.state
        if state.resumed:
            logger.warning("resuming an unfinished job: %d URLs left to fetch", state.resumed)
        self._inc("newscrawl/frontier/resumed", state.resumed)
        self._inc("newscrawl/frontier/carried_over", state.carried_over)

    def close(self, reason: str) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        if self.frontier is not None:
            finished = reason not in _UNFINISHED_REASONS and not self._unfinished()
            self._count_skipped()
            self.frontier.close(finished=finished, reason=reason)
            self.frontier = None
        if self.known is not None:
            self.known.close()

    def _unfinished(self) -> bool:
        return self.frontier is not None and len(self.frontier) > 0

    def has_pending_requests(self) -> bool:
        return len(self) > 0

    def __len__(self) -> int:
        return len(self._loose) + (len(self.frontier) if self.frontier is not None else 0)

    def enqueue_request(self, request: Request) -> bool:
        assert self.frontier is not None
        entry = self._compact(request)
        if entry is None:
            self._loose.append(request)
            added = True
        else:
            check = request.meta.get("nc_kind") in PAGE_KINDS
            added = self.frontier.add(entry, again=request.dont_filter, check=check)
        if added:
            self._inc("scheduler/enqueued")
        else:
            self._inc("newscrawl/frontier/duplicates")
        return added

    def next_request(self) -> Request | None:
        if self._loose:
            self._inc("scheduler/dequeued")
            return self._loose.popleft()
        assert self.frontier is not None
        entry = self.frontier.pop()
        if entry is None:
            return None
        self._inc("scheduler/dequeued")
        self._count_skipped()
        return self._expand(entry)

    # --- what is done -----------------------------------------------------------------------
    def page_done(self, request: Request, has_article: bool = False, **_: Any) -> None:
        if self.frontier is None:
            return
        urls = [request.url, *request.meta.get("redirect_urls", ())]
        if has_article:  # done once the article is committed (the response URL is its URL)
            self._awaiting_commit[request.url] = urls
        else:
            self.frontier.done(urls)

    def articles_committed(self, urls: list[str], **_: Any) -> None:
        if self.frontier is None:
            return
        done: list[str] = []
        for url in urls:
            done.extend(self._awaiting_commit.pop(url, (url,)))
        self.frontier.done(done, now=True)

    # --- compact entries ---------------------------------------------------------------------
    def _compact(self, request: Request) -> Entry | None:
        if request.method != "GET" or request.body or request.cookies:
            return None
        callback = _method_name(request.callback, self.spider)
        errback = _method_name(request.errback, self.spider)
        if callback is None or errback is None:
            return None
        meta = {k: v for k, v in request.meta.items() if not k.startswith("_")}
        if not _plain(meta):
            return None
        return Entry(request.url, request.priority, callback or None, errback or None, meta)

    def _expand(self, entry: Entry) -> Request:
        spider = self.spider
        return Request(
            entry.url,
            callback=getattr(spider, entry.callback) if entry.callback else None,
            errback=getattr(spider, entry.errback) if entry.errback else None,
            priority=entry.priority,
            meta=entry.meta,
        )

    def _count_skipped(self) -> None:
        if self.stats is not None and self.frontier is not None and self.frontier.skipped_known:
            self.stats.set_value("newscrawl/skipped/already_stored", self.frontier.skipped_known)

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None and count:
            self.stats.inc_value(key, count)


def _method_name(method: Any, spider: Spider | None) -> str | None:
    """The spider method's name, '' for none, None when it is not a method of the spider."""
    if method is None:
        return ""
    name = getattr(method, "__name__", None)
    if name and getattr(method, "__self__", None) is spider:
        return str(name)
    return None


def _plain(value: Any) -> bool:
    """JSON-safe and small: what can be stored in an entry's meta."""
    if value is None or isinstance(value, str | int | float | bool):
        return True
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False
