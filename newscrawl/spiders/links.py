"""Which links of a fetched page to follow, and as what. Pure over URLs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from urllib.parse import urlsplit

from newscrawl.dedup import canonical_url
from newscrawl.discovery.urls import UrlKind, is_pagination, url_kind


class LinkRole(Enum):
    ARTICLE = "article"  # fetch as an article candidate
    LISTING = "listing"  # fetch to find more links (section, pagination, unknown shape)


@dataclass(frozen=True)
class Link:
    url: str
    role: LinkRole
    depth: int


@dataclass(frozen=True)
class LinkPolicy:
    """A site's rules for following links: hosts, URL patterns and depth."""

    hosts: tuple[str, ...]
    max_depth: int
    article_patterns: tuple[re.Pattern[str], ...] = ()
    deny_patterns: tuple[re.Pattern[str], ...] = ()

    def on_site(self, url: str) -> bool:
        host = (urlsplit(url).hostname or "").lower()
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def kind(self, url: str) -> UrlKind:
        if any(p.search(url) for p in self.deny_patterns):
            return UrlKind.FILE  # never fetched
        if any(p.search(url) for p in self.article_patterns):
            return UrlKind.ARTICLE
        return url_kind(url)

    def follow(self, hrefs: Iterable[str], depth: int, from_article: bool) -> Iterator[Link]:
        """Links worth fetching from a page at ``depth``."""
        for href in hrefs:
            if not href.startswith(("http://", "https://")) or not self.on_site(href):
                continue
            url = canonical_url(href)
            kind = self.kind(url)
            if kind is UrlKind.FILE:
                continue
            if kind is UrlKind.ARTICLE and depth < self.max_depth + 1:
                yield Link(url, LinkRole.ARTICLE, depth + 1)
            elif from_article:
                continue
            elif is_pagination(url):
                yield Link(url, LinkRole.LISTING, depth)  # pagination stays at its section's depth
            elif depth < self.max_depth:
                yield Link(url, LinkRole.LISTING, depth + 1)
