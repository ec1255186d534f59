"""Which links of a fetched page to follow, and as what. Pure over URLs.

This runs for every link of every page, so URL classification is memoised: navigation and
footer links repeat on every page of a site and cost one lookup after the first time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from newscrawl.dedup import canonical_url
from newscrawl.discovery.urls import UrlKind, is_pagination, url_kind

_SKIPPED_SCHEMES = ("#", "javascript:", "mailto:", "tel:", "data:", "whatsapp:", "sms:")


class LinkRole(Enum):
    ARTICLE = "article"  # fetch as an article candidate
    LISTING = "listing"  # fetch to find more links (section, pagination, unknown shape)


@dataclass(frozen=True)
class Link:
    url: str
    role: LinkRole
    depth: int


_NEVER_FETCHED = (UrlKind.FILE, UrlKind.SEARCH)
_CACHE_SIZE = 16_384  # a site's navigation links: enough to hit, small enough to stay flat


@lru_cache(maxsize=_CACHE_SIZE)
def _classified(url: str) -> tuple[str, UrlKind, bool, str]:
    """(canonical URL, shape, is pagination, host) of an absolute URL."""
    canonical = canonical_url(url)
    host = (urlsplit(canonical).hostname or "").lower()
    return canonical, url_kind(canonical), is_pagination(canonical), host


@lru_cache(maxsize=_CACHE_SIZE)
def _joined(origin: str, href: str) -> str:
    return urljoin(origin, href)


def absolute_links(base: str, hrefs: Iterable[str]) -> Iterator[str]:
    """Absolute http(s) URLs of ``hrefs`` found on a page at ``base``."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))
    for raw in hrefs:
        href = raw.strip()
        if not href or href.startswith(_SKIPPED_SCHEMES):
            continue
        if href.startswith(("http://", "https://")):
            yield href
        elif href.startswith("/") and not href.startswith("//"):
            yield _joined(origin, href)
        else:
            url = urljoin(base, href)
            if url.startswith(("http://", "https://")):
                yield url


@dataclass(frozen=True)
class LinkPolicy:
    """A site's rules for following links: hosts, URL patterns and depth."""

    hosts: tuple[str, ...]
    max_depth: int
    article_patterns: tuple[re.Pattern[str], ...] = ()
    deny_patterns: tuple[re.Pattern[str], ...] = ()

    def on_site(self, url: str) -> bool:
        return self._host_on_site((urlsplit(url).hostname or "").lower())

    def _host_on_site(self, host: str) -> bool:
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def _classify(self, url: str) -> tuple[str, UrlKind, bool, str]:
        canonical, kind, paginated, host = _classified(url)
        if any(p.search(canonical) for p in self.deny_patterns):
            return canonical, UrlKind.FILE, paginated, host  # never fetched
        if any(p.search(canonical) for p in self.article_patterns):
            return canonical, UrlKind.ARTICLE, paginated, host
        return canonical, kind, paginated, host

    def follow(self, urls: Iterable[str], depth: int, from_article: bool) -> Iterator[Link]:
        """Links worth fetching from a page at ``depth``, each once."""
        seen: set[str] = set()
        for href in urls:
            if not href.startswith(("http://", "https://")):
                continue
            url, kind, paginated, host = self._classify(href)
            if url in seen or kind in _NEVER_FETCHED or not self._host_on_site(host):
                continue
            seen.add(url)
            if kind is UrlKind.ARTICLE and depth < self.max_depth + 1:
                yield Link(url, LinkRole.ARTICLE, depth + 1)
            elif from_article:
                continue
            elif paginated:
                yield Link(url, LinkRole.LISTING, depth)  # pagination stays at its section's depth
            elif depth < self.max_depth:
                yield Link(url, LinkRole.LISTING, depth + 1)
