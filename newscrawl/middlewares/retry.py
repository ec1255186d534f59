"""Retries that wait: ``Retry-After`` on 429/503, exponential backoff otherwise, both capped."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings

from newscrawl.politeness import push_back

logger = logging.getLogger(__name__)
STATS = "newscrawl/"
ASKS_TO_WAIT = frozenset({429, 503})  # the statuses whose Retry-After is honoured


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date); None if unreadable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_seconds(attempt: int, base: float, cap: float) -> float:
    """Exponential backoff before retry number ``attempt`` (1, 2, ...): base, 2 base, 4 base..."""
    return float(min(cap, base * 2.0 ** max(attempt - 1, 0)))


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware; each retry first waits, and the whole site waits with it."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    # The base class still accepts the deprecated spider argument; Scrapy 2.13+ omits it.
    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        wait = self.wait_for(request, response)
        if wait is None:  # the site asks for longer than we are willing to wait: give up
            self.crawler.stats.inc_value(STATS + "retry/gave_up_retry_after")
            return response
        retry = super().process_response(request, response)
        if isinstance(retry, Request):
            self.crawler.stats.inc_value(STATS + "fetched/retried")  # a response we asked again
            push_back(self.crawler, request, wait)
            if wait:
                self.crawler.stats.inc_value(STATS + "retry/waited_ms", round(wait * 1000))
        return retry

    def wait_for(self, request: Request, response: Response) -> float | None:
        """Seconds to wait before the retry; None when Retry-After exceeds the cap."""
        attempt = int(request.meta.get("retry_times", 0)) + 1
        backoff = backoff_seconds(attempt, self.backoff_base, self.backoff_max)
        if response.status not in ASKS_TO_WAIT:
            return backoff
        asked = retry_after_seconds(response.headers.get("Retry-After"))
        if asked is None:
            return backoff
        if asked > self.backoff_max:
            return None
        return max(asked, backoff)
