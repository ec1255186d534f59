"""Pages found but not yet requested, kept compact until the crawler has room for them.

A news sitemap index can list 100,000 articles in the first seconds of a crawl. As Scrapy
requests they would cost ~3 kB each (request, headers, parsed URL, weak references) and
hundreds of MB of RSS; here an entry is a small tuple, and the spider hands the scheduler a
few at a time. Articles come out before listing pages, each kind in the order found, so the
crawl stores what it found before it looks for more. Pure: nothing here imports Scrapy.
"""

from __future__ import annotations

from collections import deque

from newscrawl.discovery.links import Link, LinkRole

# (url, depth, publication date from a news sitemap or feed as ISO 8601, or None)
_Entry = tuple[str, int, str | None]


class Frontier:
    """A FIFO of article links and one of listing links; articles leave first."""

    def __init__(self) -> None:
        self._articles: deque[_Entry] = deque()
        self._listings: deque[_Entry] = deque()

    def __len__(self) -> int:
        return len(self._articles) + len(self._listings)

    def add(self, link: Link, published: str | None = None) -> None:
        queue = self._articles if link.role is LinkRole.ARTICLE else self._listings
        queue.append((link.url, link.depth, published))

    def pop(self) -> tuple[Link, str | None] | None:
        """The next link to request and its publication date, or None when empty."""
        if self._articles:
            url, depth, published = self._articles.popleft()
            return Link(url, LinkRole.ARTICLE, depth), published
        if self._listings:
            url, depth, published = self._listings.popleft()
            return Link(url, LinkRole.LISTING, depth), published
        return None
