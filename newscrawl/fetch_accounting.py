"""Where every fetched page went: the parts of "pages fetched", read from a crawler's stats.

Each response the downloader received (Scrapy's ``downloader/response_count``) ends in
exactly one part: an article (new, updated, unchanged, not stored), a non-article page, a
robots.txt, feed or sitemap read for discovery, a 304 not modified, a page that refused us
or was a soft 404, a common feed path the site does not have, a response answered by a retry
or followed as a redirect, or a failed one (an HTTP error, a bad feed or page). Responses
no counter claimed show as "unaccounted".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

STATS = "newscrawl/"
FETCHED = STATS + "fetched/"  # counters of responses that reach no other count
# Scrapy's own stats that the parts read; a run's counters keep them under these names
# beside the ``newscrawl/*`` ones (without their prefix), so a recorded run shows its parts.
SCRAPY_STATS = ("robotstxt/response_count", "item_dropped_count", "spider_exceptions/count")


def _int(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return int(value) if isinstance(value, int | float) else 0


def _sum(stats: Mapping[str, Any], prefix: str, reasons: tuple[str, ...]) -> int:
    """The ``prefix<reason>`` counters whose reason starts with one of ``reasons``."""
    return sum(
        _int(stats, key)
        for key in stats
        if key.startswith(prefix) and key[len(prefix) :].startswith(reasons)
    )


def _not_modified(stats: Mapping[str, Any]) -> int:
    if STATS + "not_modified" in stats:
        return _int(stats, STATS + "not_modified")
    return _int(stats, STATS + "errors/http_304") + _int(stats, STATS + "skipped/http_304")


def _failed(stats: Mapping[str, Any]) -> int:
    """Responses that gave nothing: HTTP errors, bad feeds, sitemaps and pages, redirect
    loops, callbacks that raised."""
    http = _sum(stats, STATS + "errors/", ("http_",)) - _int(stats, STATS + "errors/http_304")
    bad = _sum(stats, STATS + "errors/", ("bad_", "redirect_loop"))
    return http + bad + _int(stats, "spider_exceptions/count")


def _probes_missed(stats: Mapping[str, Any]) -> int:
    """Common feed paths tried that the site does not have (an HTTP error, 404 mostly)."""
    return _sum(stats, STATS + "skipped/", ("http_",)) - _int(stats, STATS + "skipped/http_304")


@dataclass(frozen=True)
class FetchedParts:
    total: int
    parts: tuple[tuple[str, int], ...]  # (what became of them, how many), in display order

    @classmethod
    def from_stats(cls, stats: Mapping[str, Any]) -> FetchedParts:
        total = _int(stats, "downloader/response_count") or _int(stats, "response_received_count")
        parts = (
            ("new", _int(stats, STATS + "articles_stored")),
            ("updated", _int(stats, STATS + "articles_updated")),
            ("unchanged", _int(stats, STATS + "articles_already_stored")),
            ("not stored (spooled)", _int(stats, STATS + "articles_spooled")),
            ("over --max-articles", _int(stats, "item_dropped_count")),
            ("extraction failed", _int(stats, STATS + "extraction_failed")),
            ("article pages (check)", _int(stats, STATS + "check/article_pages")),
            ("non-article", _int(stats, STATS + "non_article_pages")),
            (
                "robots/feeds/sitemaps",
                _int(stats, FETCHED + "discovery") + _int(stats, "robotstxt/response_count"),
            ),
            ("feed paths absent", _probes_missed(stats)),
            ("not modified", _not_modified(stats)),
            ("blocked", _int(stats, STATS + "blocked")),
            ("soft 404", _int(stats, STATS + "not_found")),
            ("retried", _int(stats, FETCHED + "retried")),
            ("redirected", _int(stats, FETCHED + "redirected")),
            ("failed", _failed(stats)),
        )
        return cls(total, parts)

    @property
    def unaccounted(self) -> int:
        """Responses no part claims (negative: counted twice)."""
        return self.total - sum(n for _, n in self.parts)

    def shown(self) -> list[str]:
        """The parts that are not zero: ``["60 new", "9 robots/feeds/sitemaps", ...]``."""
        shown = [f"{n} {name}" for name, n in self.parts if n]
        if self.unaccounted:
            shown.append(f"{self.unaccounted} unaccounted")
        return shown

    def line(self, site: str) -> str:
        """``site: 78 pages fetched: 60 new, 9 robots/feeds/sitemaps, 7 retried, ...``."""
        return f"{site}: {self.total} pages fetched: {', '.join(self.shown()) or 'none'}"


NO_PAGES = FetchedParts(0, ())
