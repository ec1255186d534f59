"""What ``newscrawl check`` found, read from a dry run's stats (``newscrawl.dry_run``).

Per kind of source: how many were read, how many article URLs they gave, how many of those
are new and how many already stored. Pure: stats in, values and lines out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

STATS = "newscrawl/"
CHECK = STATS + "check/"
KINDS = ("news_sitemap", "sitemap", "feed", "section")


def _int(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return int(value) if isinstance(value, int | float) else 0


@dataclass(frozen=True)
class SourceRow:
    kind: str
    read: int  # sources of this kind read (sitemaps, feeds, section pages)
    urls: int  # distinct article URLs they gave
    stored: int  # ... of which already stored

    @property
    def new(self) -> int:
        return self.urls - self.stored

    @property
    def label(self) -> str:
        return self.kind.replace("_", " ")


@dataclass(frozen=True)
class DiscoveryCheck:
    rows: tuple[SourceRow, ...]
    urls: int  # distinct article URLs over every source
    stored: int
    store_error: str | None = None

    @property
    def new(self) -> int:
        return self.urls - self.stored

    @classmethod
    def from_stats(cls, stats: Mapping[str, Any]) -> DiscoveryCheck | None:
        """The check's counts; None for a crawl (no dry run)."""
        if CHECK + "urls" not in stats:
            return None
        rows = tuple(
            SourceRow(
                kind,
                _int(stats, f"{STATS}sources/{kind}"),
                _int(stats, f"{CHECK}{kind}/urls"),
                _int(stats, f"{CHECK}{kind}/stored"),
            )
            for kind in KINDS
        )
        error = stats.get(CHECK + "store_error")
        return cls(rows, _int(stats, CHECK + "urls"), _int(stats, CHECK + "stored"), error)

    def table(self) -> list[str]:
        """The per-source table, one line each, then the distinct total."""
        lines = [f"{'source':<14}{'read':>6}{'URLs':>8}{'new':>8}{'already stored':>16}"]
        for row in self.rows:
            lines.append(f"{row.label:<14}{row.read:>6}{row.urls:>8}{row.new:>8}{row.stored:>16}")
        lines.append(f"{'all (distinct)':<14}{'':>6}{self.urls:>8}{self.new:>8}{self.stored:>16}")
        return lines
