"""A crawler's stats as the counts of its ``crawl_runs`` row. Missing stats count as 0."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newscrawl.fetch_accounting import SCRAPY_STATS

STATS = "newscrawl/"
# crawl_runs column -> the stats key it is read from
COLUMN_STATS = {
    "pages": "downloader/response_count",  # every response: the summary's "pages fetched"
    "articles_new": STATS + "articles_stored",
    "articles_updated": STATS + "articles_updated",
    "articles_unchanged": STATS + "articles_already_stored",
    "non_articles": STATS + "non_article_pages",
    "extraction_failed": STATS + "extraction_failed",
    "blocked": STATS + "blocked",
    "errors": STATS + "errors",
    "articles_spooled": STATS + "articles_spooled",
}


def run_counts(stats: Mapping[str, Any]) -> tuple[dict[str, int], dict[str, int]]:
    """(the counted columns, every numeric ``newscrawl/*`` stat by its name without prefix,
    and the Scrapy stats that say what the pages fetched were, by their own names)."""
    counts = {column: _int(stats.get(key, 0)) for column, key in COLUMN_STATS.items()}
    counters = {
        key.removeprefix(STATS): _int(value)
        for key, value in stats.items()
        if key.startswith(STATS) and isinstance(value, int | float)
    }
    counters.update({key: _int(stats[key]) for key in SCRAPY_STATS if key in stats})
    return counts, counters


def recorded_stats(counts: Mapping[str, int], counters: Mapping[str, int]) -> dict[str, int]:
    """A recorded run's stats again, as ``run_counts`` found them (what it kept of them)."""
    stats = {key: int(counts.get(column, 0)) for column, key in COLUMN_STATS.items()}
    for name, value in counters.items():
        stats[name if name in SCRAPY_STATS else STATS + name] = int(value)
    return stats


def _int(value: Any) -> int:
    return int(value) if isinstance(value, int | float) else 0
