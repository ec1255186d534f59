"""Blocked pages: refusals, challenges, walls and soft 404s are counted, never parsed or stored.

Sits below the retry middleware, so a 429 or 503 is retried (after its Retry-After) before
it counts. Pages refused are dropped with :class:`RefusedResponse` (an ``IgnoreRequest``);
the counts go to the stats (``newscrawl/blocked``, ``newscrawl/not_found`` and one key per
kind) and to one log line per site when the spider closes. After ``BLOCKED_STOP_AFTER``
refusals in a row the site is left alone: the run stops it, keeps what was stored and says so.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import _schedule_coro

from newscrawl.discovery.refusal import REFUSAL_STATUSES, Refusal, classify_refusal, outcome

logger = logging.getLogger(__name__)
STATS = "newscrawl/"
PAGE_KINDS = frozenset({"article", "listing"})
SOURCE_KINDS = frozenset({"feed", "sitemap"})  # checked for refusals and walls, not soft 404s
SCAN_BYTES = 128 * 1024  # bigger bodies are no interstitial: only their title is looked at
TITLE_BYTES = 64 * 1024
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(rb"<h1[^>]*>(.*?)</h1", re.IGNORECASE | re.DOTALL)
_INVISIBLE = re.compile(
    rb"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_TAG = re.compile(rb"<[^>]*>")
_SPACE = re.compile(rb"\s+")


def _text(raw: bytes) -> str:
    return _SPACE.sub(b" ", raw).strip().decode("utf-8", errors="replace")


def page_signals(body: bytes) -> tuple[str, str]:
    """(title, visible text) of an HTML body, cheaply; the text is cut for big bodies."""
    head = body[:TITLE_BYTES]
    found = _TITLE.search(head) or _H1.search(head)
    title = _text(_TAG.sub(b" ", found.group(1))) if found else ""
    if len(body) > SCAN_BYTES:
        return title, "x" * (SCAN_BYTES // 8)  # long: never short enough to be a wall
    return title, _text(_TAG.sub(b" ", _INVISIBLE.sub(b" ", body)))


def response_refusal(response: Response, kind: str) -> Refusal | None:
    """Why a response refuses us (None: an ordinary answer), by the request's kind."""
    status = response.status
    ctype = (response.headers.get("Content-Type") or b"").lower()
    html = b"html" in ctype or (not ctype and response.body[:512].lstrip().startswith(b"<"))
    if not html:
        return REFUSAL_STATUSES.get(status)
    refusal = classify_refusal(status, *page_signals(response.body))
    if refusal == "not_found" and kind not in PAGE_KINDS:
        return None  # a feed path answered by the 404 template: a failed probe, not a page
    return refusal


class RefusedResponse(IgnoreRequest):
    """A page that refused us (blocked) or does not exist (soft 404)."""


class RefusalMiddleware:
    """Count refusals per site, drop them, and stop a site that refuses everything."""

    def __init__(self, crawler: Crawler, stop_after: int) -> None:
        self.crawler = crawler
        self.stop_after = stop_after
        self.kinds: Counter[str] = Counter()
        self.in_a_row = 0
        self.stopped = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RefusalMiddleware:
        middleware = cls(crawler, crawler.settings.getint("BLOCKED_STOP_AFTER"))
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def process_response(self, request: Request, response: Response) -> Response:
        kind = request.meta.get("nc_kind")
        if (kind not in PAGE_KINDS and kind not in SOURCE_KINDS) or request.meta.get("nc_probe"):
            return response
        refusal = response_refusal(response, kind)
        if refusal is None:
            if kind in PAGE_KINDS:
                self.in_a_row = 0
            return response
        self._count(refusal)
        raise RefusedResponse(f"{outcome(refusal)} ({refusal}, status {response.status})")

    def _count(self, refusal: Refusal) -> None:
        stats = self.crawler.stats
        stats.inc_value(STATS + outcome(refusal))
        stats.inc_value(f"{STATS}{outcome(refusal)}/{refusal}")
        self.kinds[refusal] += 1
        if outcome(refusal) != "blocked":
            return
        self.in_a_row += 1
        if self.stop_after and self.in_a_row >= self.stop_after and not self.stopped:
            self.stopped = True
            frontier = getattr(self.crawler.spider, "frontier", None)
            left = f"; {len(frontier)} links left unfetched" if frontier is not None else ""
            logger.warning(
                "%s: blocked: %d pages in a row refused us; stopping this site%s",
                self._site(), self.in_a_row, left,
            )  # fmt: skip
            _schedule_coro(self.crawler.engine.close_spider_async(reason="blocked"))

    def _site(self) -> str:
        spider = self.crawler.spider
        return str(
            getattr(spider, "site", None) or urlsplit(getattr(spider, "start_url", "")).netloc
        )

    def spider_closed(self) -> None:
        """One line per site: how many pages refused us, and how."""
        if not self.kinds:
            return
        missing = self.kinds.get("not_found", 0)
        blocked = sum(self.kinds.values()) - missing
        detail = ", ".join(f"{kind} {n}" for kind, n in self.kinds.most_common())
        parts = [f"{blocked} pages blocked"] if blocked else []
        parts += [f"{missing} soft 404 pages not found"] if missing else []
        logger.warning(
            "%s: %s (%s); none of them stored", self._site(), " and ".join(parts), detail
        )
