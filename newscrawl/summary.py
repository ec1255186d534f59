"""Per-site crawl counts, read from a crawler's stats. Shared by the progress line and CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

STATS = "newscrawl/"


@dataclass(frozen=True)
class SiteSummary:
    site: str
    pages_fetched: int
    articles_stored: int
    already_stored: int
    non_article_pages: int
    errors: int
    finish_reason: str | None = None
    main_error: str | None = None  # the most frequent ``errors/<reason>`` (e.g. http_503)
    startup_error: str | None = None  # the crawl could not start (set by crawl.run_crawls)

    @property
    def crawled_anything(self) -> bool:
        return self.pages_fetched > 0

    @classmethod
    def from_stats(cls, site: str, stats: Mapping[str, Any]) -> SiteSummary:
        return cls(
            site=site,
            pages_fetched=int(stats.get("response_received_count", 0)),
            articles_stored=int(stats.get(STATS + "articles_stored", 0)),
            already_stored=int(stats.get(STATS + "articles_already_stored", 0)),
            non_article_pages=int(stats.get(STATS + "non_article_pages", 0)),
            errors=int(stats.get(STATS + "errors", 0)),
            finish_reason=stats.get("finish_reason"),
            main_error=_main_error(stats),
        )

    def line(self) -> str:
        return (
            f"{self.site}: {self.pages_fetched} fetched, {self.articles_stored} stored, "
            f"{self.already_stored} already stored, {self.non_article_pages} non-article, "
            f"{self.errors} errors"
        )


def _main_error(stats: Mapping[str, Any]) -> str | None:
    prefix = STATS + "errors/"
    counts = {k.removeprefix(prefix): int(v) for k, v in stats.items() if k.startswith(prefix)}
    return max(counts, key=lambda reason: counts[reason]) if counts else None
