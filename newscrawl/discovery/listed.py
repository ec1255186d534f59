"""URLs a feed or sitemap listed with a date: evidence that a page is an article.

Merged per URL whatever reached the URL first: a page a sitemap lists is an article
candidate even when a plain link queued it earlier (its request then carries no date).
Kept as 64-bit hashes for the crawl's lifetime. Pure: nothing here imports Scrapy.
"""

from __future__ import annotations


class ListedUrls:
    def __init__(self) -> None:
        self._listed: dict[int, str | None] = {}

    def note(self, url: str, published: str | None) -> None:
        """A feed or sitemap named ``url`` (with its publication date, if it gave one)."""
        key = hash(url)
        self._listed[key] = published or self._listed.get(key)

    def find(self, *urls: str) -> tuple[bool, str | None]:
        """Did a feed or sitemap name any of ``urls``, and with which publication date?"""
        for url in urls:
            key = hash(url)
            if key in self._listed:
                return True, self._listed[key]
        return False, None
