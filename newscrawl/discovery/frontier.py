"""Pages found but not yet requested, kept compact until the crawler has room for them.

A news sitemap index can list 100,000 articles in the first seconds of a crawl. As Scrapy
requests they would cost ~3 kB each (request, headers, parsed URL, weak references) and
hundreds of MB of RSS; here an entry is a small tuple, and the spider hands the scheduler a
few at a time. Each URL enters once. Articles come out before listing pages, each kind in
the order found, so the crawl stores what it found before it looks for more. Listing links
stop being followed once ``max_listing_pages`` non-article pages were read. Pure: nothing
here imports Scrapy.
"""

from __future__ import annotations

from collections import deque

from newscrawl.discovery.links import Link, LinkRole

# (url, depth, publication date from a news sitemap or feed as ISO 8601, or None)
_Entry = tuple[str, int, str | None]


class Frontier:
    """A FIFO of article links and one of listing links; articles leave first."""

    def __init__(self, max_listing_pages: int) -> None:
        self.max_listing_pages = max_listing_pages
        self.listing_pages = 0  # non-article pages read so far
        self._seen: set[int] = set()  # hashes of every URL ever added: 64-bit, no collisions
        self._articles: deque[_Entry] = deque()
        self._listings: deque[_Entry] = deque()
        # Feed and sitemap entries, merged per URL whatever reached the URL first: a page a
        # sitemap lists is an article candidate even when a plain link queued it earlier.
        self._listed: dict[int, str | None] = {}

    def __len__(self) -> int:
        return len(self._articles) + len(self._listings)

    @property
    def listings_exhausted(self) -> bool:
        """The listing budget is spent: listing links are dropped.

        Counted on pages read, not links queued: a link whose URL shape says nothing
        (``/a/123.html``) is queued as a listing, and when it is an article it costs nothing.
        """
        return self.listing_pages >= self.max_listing_pages

    def listing_page_read(self) -> None:
        self.listing_pages += 1

    def add(self, link: Link, published: str | None = None) -> bool:
        """Queue ``link`` unless its URL was added before; False when it is not queued."""
        key = hash(link.url)
        if key in self._seen:
            return False
        self._seen.add(key)
        if link.role is LinkRole.ARTICLE:
            self._articles.append((link.url, link.depth, published))
        elif self.listings_exhausted:
            return False
        else:
            self._listings.append((link.url, link.depth, published))
        return True

    def note_listed(self, url: str, published: str | None) -> None:
        """A feed or sitemap named ``url`` (with its publication date, if it gave one)."""
        key = hash(url)
        self._listed[key] = published or self._listed.get(key)

    def listed(self, *urls: str) -> tuple[bool, str | None]:
        """Did a feed or sitemap name any of ``urls``, and with which publication date?"""
        for url in urls:
            key = hash(url)
            if key in self._listed:
                return True, self._listed[key]
        return False, None

    def pop(self) -> tuple[Link, str | None] | None:
        """The next link to request and its publication date, or None when empty."""
        if self._articles:
            url, depth, published = self._articles.popleft()
            return Link(url, LinkRole.ARTICLE, depth), published
        if self.listings_exhausted:
            self._listings.clear()
        if self._listings:
            url, depth, published = self._listings.popleft()
            return Link(url, LinkRole.LISTING, depth), published
        return None
