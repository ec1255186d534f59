"""Trap and budget limits per site: each has a setting, a counter and one log line when it trips.

- ``TRAP_UNPRODUCTIVE_PAGES``: a pagination or calendar series that answers this many pages
  in a row without a link not seen on its earlier pages is a trap; its next pages are dropped.
- ``TRAP_OLDEST_YEAR`` / ``TRAP_FUTURE_DAYS``: listing and article URLs dated before that
  year, or more than that many days ahead, are dropped (calendars run forever both ways).
- ``TRAP_MAX_QUERY_LENGTH`` / ``TRAP_MAX_REPEATS``: URLs whose query keeps growing, or that
  repeat a query key or path segment more often, are dropped.
- ``MAX_PAGES_PER_SITE``: pages fetched per site per run (0: no limit).

Dropped requests raise :class:`LimitReached` (an ``IgnoreRequest``) and count under
``newscrawl/limited`` and ``newscrawl/limited/<limit>``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from newscrawl.discovery.traps import (
    date_out_of_range,
    growing_url,
    page_links,
    pagination,
    url_date,
)

logger = logging.getLogger(__name__)
STATS = "newscrawl/"
PAGE_KINDS = frozenset({"article", "listing"})
MAX_SEEN_LINKS = 50_000  # link hashes remembered per series (bounded memory on huge archives)


class LimitReached(IgnoreRequest):
    """A request dropped by a trap or budget limit."""


@dataclass
class Series:
    """A pagination or calendar series: the links its pages showed, and how long since a new one."""

    kind: str  # "pagination_trap" or "calendar_trap"
    seen: set[int] = field(default_factory=set)
    idle: int = 0
    last_new: str = ""
    tripped: bool = False


@dataclass(frozen=True)
class TrapLimits:
    unproductive: int = 10
    oldest_year: int = 1990
    future_days: int = 2
    max_query: int = 300
    max_repeats: int = 3
    page_budget: int = 0


def series_of(url: str, kind: str) -> tuple[str, str, str] | None:
    """(limit name, series key, position) of a pagination or calendar listing URL."""
    paged = pagination(url)
    if paged is not None:
        return "pagination_trap", paged[0], f"page {paged[1]}"
    dated = url_date(url)
    if dated is not None and (kind == "listing" or _date_page(dated[0])):
        return "calendar_trap", dated[0], dated[1].isoformat()
    return None


def _date_page(series: str) -> bool:
    """A URL that is a date and nothing more (``/calendar/2026/11/03/``, ``?date=...``)."""
    parts = urlsplit(series)
    return "*" in parts.query or parts.path.rstrip("/").endswith("*")


class TrapMiddleware:
    """Drop pages of traps, of out-of-range dates, of growing URLs, and past the page budget."""

    def __init__(self, crawler: Crawler, limits: TrapLimits, today: date | None = None) -> None:
        self.crawler = crawler
        self.limits = limits
        self.today = today or datetime.now(UTC).date()
        self.series: dict[str, Series] = {}
        self.pages = 0
        self.tripped: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TrapMiddleware:
        s = crawler.settings
        limits = TrapLimits(
            unproductive=s.getint("TRAP_UNPRODUCTIVE_PAGES"),
            oldest_year=s.getint("TRAP_OLDEST_YEAR"),
            future_days=s.getint("TRAP_FUTURE_DAYS"),
            max_query=s.getint("TRAP_MAX_QUERY_LENGTH"),
            max_repeats=s.getint("TRAP_MAX_REPEATS"),
            page_budget=s.getint("MAX_PAGES_PER_SITE"),
        )
        return cls(crawler, limits)

    def process_request(self, request: Request) -> None:
        kind = request.meta.get("nc_kind")
        if kind not in PAGE_KINDS:
            return None
        url, limits = request.url, self.limits
        why = growing_url(url, limits.max_query, limits.max_repeats)
        if why is not None:
            self._drop("growing_url", url, why)
        dated = url_date(url)
        if dated and date_out_of_range(
            dated[1], self.today, limits.oldest_year, limits.future_days
        ):
            self._drop("calendar_trap", url, f"date {dated[1]} outside {limits.oldest_year}..today")
        found = series_of(url, kind)
        if found is not None and (state := self.series.get(found[1])) and state.tripped:
            self._drop(found[0], url, "")
        if limits.page_budget and self.pages >= limits.page_budget:
            self._drop(
                "page_budget", url, f"{limits.page_budget} pages fetched (MAX_PAGES_PER_SITE)"
            )
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        kind = request.meta.get("nc_kind")
        if kind not in PAGE_KINDS:
            return response
        self.pages += 1
        found = series_of(request.url, kind) if response.status == 200 else None
        if found is not None:
            self._read_series_page(found, response)
        return response

    def _read_series_page(self, found: tuple[str, str, str], response: Response) -> None:
        limit, key, position = found
        state = self.series.setdefault(key, Series(limit))
        new = False
        for href in page_links(response.body):
            absolute = urljoin(response.url, href)
            same = series_of(absolute, "listing")
            if same is not None and same[1] == key:
                continue  # next/previous page links of the series itself
            digest = hash(absolute)
            if digest not in state.seen:
                new = True
                if len(state.seen) < MAX_SEEN_LINKS:
                    state.seen.add(digest)
        if new:
            state.idle, state.last_new = 0, position
            return
        state.idle += 1
        if (
            self.limits.unproductive
            and state.idle >= self.limits.unproductive
            and not state.tripped
        ):
            state.tripped = True
            since = f" since {state.last_new}" if state.last_new else ""
            where = urlsplit(key)._replace(scheme="", netloc="").geturl()
            self._log(
                limit,
                f"{where}: {state.idle} pages without a new link{since} (at {position}); "
                "not following it further",
            )

    def _drop(self, limit: str, url: str, why: str) -> None:
        stats = self.crawler.stats
        stats.inc_value(STATS + "limited")
        stats.inc_value(f"{STATS}limited/{limit}")
        if why:
            self._log(limit, f"{url}: {why}; such requests are dropped and counted")
        raise LimitReached(f"{limit}: {url}")

    def _log(self, limit: str, message: str) -> None:
        if limit in self.tripped:
            return  # one line per limit and site
        self.tripped.add(limit)
        spider = self.crawler.spider
        site = getattr(spider, "site", None) or "?"
        logger.warning("%s: %s: %s", site, limit.replace("_", " "), message)
