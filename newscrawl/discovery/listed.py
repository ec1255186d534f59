"""URLs a feed or sitemap listed with a date: evidence that a page is an article.

Merged per URL whatever reached the URL first: a page a sitemap lists is an article
candidate even when a plain link queued it earlier (its request then carries no date).
Kept as 64-bit hashes for the crawl's lifetime. Pure: nothing here imports Scrapy.
"""

from __future__ import annotations

Listing = tuple[bool, str | None, str | None]  # (listed, publication date, "feed" | "sitemap")


class ListedUrls:
    def __init__(self) -> None:
        self._listed: dict[int, tuple[str, str] | None] = {}

    def note(self, url: str, published: str | None, source: str = "feed") -> None:
        """A feed or sitemap (``source``) named ``url``, with its publication date if any."""
        key = hash(url)
        self._listed[key] = (published, source) if published else self._listed.get(key)

    def find(self, *urls: str) -> Listing:
        """Did a feed or sitemap name any of ``urls``; with which publication date, from
        which of the two?"""
        for url in urls:
            key = hash(url)
            if key in self._listed:
                dated = self._listed[key]
                return (True, *dated) if dated else (True, None, None)
        return False, None, None
