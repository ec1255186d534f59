"""The fake outlet as a whole: which path serves which resource.

``RealPagesSite`` pre-renders every response (copies of stored real pages) into memory.
``SyntheticSite`` renders tiny articles on request, for crawls of 100k URLs.
Both expose robots.txt with a ``Sitemap:`` line, a sitemap index with child sitemaps, a homepage
linking section pages and an RSS feed, the way real outlets let crawlers discover articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, urlsplit

from bench.outlet_pages import (
    SECTION_LINKS,
    SECTIONS,
    SITEMAP_SIZE,
    Resource,
    article_path,
    homepage,
    html_page,
    load_pages,
    make_template,
    published,
    render_copy,
    robots_txt,
    rss_feed,
    sitemap_index,
    synthetic_article,
    urlset,
    vocabulary,
)

HTML = "text/html; charset=utf-8"
XML = "application/xml"
FEED_SIZE = 50


class Site(Protocol):
    def resolve(self, target: str) -> Resource | None: ...

    def article_urls(self) -> list[str]: ...


def iter_real_articles(base: str, pages_dir: Path, articles: int) -> Iterator[tuple[str, bytes]]:
    """``(url, body)`` of the ``articles`` copies, cycling through the stored pages."""
    pages = load_pages(pages_dir)
    templates = [make_template(html) for _, html in pages]
    slugs = [f"story-{page_id[:10]}" for page_id, _ in pages]
    for n in range(articles):
        i = n % len(pages)
        url = base + article_path(n, slugs[i])
        yield url, render_copy(templates[i], url, n)


class _Catalog:
    """Shared discovery pages over a list of article URLs (index = article number)."""

    def __init__(self, base: str, urls: list[str], sitemap_size: int) -> None:
        self.base = base
        self.urls = urls
        self.sitemap_size = sitemap_size
        self.sitemaps = (len(urls) + sitemap_size - 1) // sitemap_size

    def discovery(self, path: str, query: dict[str, list[str]]) -> Resource | None:
        if path == "/robots.txt":
            return Resource("robots", "text/plain", robots_txt(self.base))
        if path == "/":
            return Resource("home", HTML, homepage(self.base))
        if path == "/sitemap_index.xml":
            return Resource("sitemap", XML, sitemap_index(self.base, self.sitemaps))
        if path.startswith("/sitemaps/news-") and path.endswith(".xml"):
            return self._sitemap(path.removeprefix("/sitemaps/news-").removesuffix(".xml"))
        if path == "/feed.xml":
            entries = [(u, f"Story {n}", published(n)) for n, u in enumerate(self.urls[:FEED_SIZE])]
            return Resource("feed", "application/rss+xml", rss_feed(self.base, entries))
        if path.startswith("/section/"):
            page = int(query.get("page", ["1"])[0] or 1)
            return self._section(path.removeprefix("/section/"), page)
        return None

    def _sitemap(self, number: str) -> Resource | None:
        if not number.isdigit() or int(number) >= self.sitemaps:
            return None
        start = int(number) * self.sitemap_size
        chunk = range(start, min(start + self.sitemap_size, len(self.urls)))
        return Resource("sitemap", XML, urlset([(self.urls[n], published(n)) for n in chunk]))

    def _section(self, name: str, page: int) -> Resource | None:
        if name not in SECTIONS or page < 1:
            return None
        mine = range(SECTIONS.index(name), len(self.urls), len(SECTIONS))
        start = (page - 1) * SECTION_LINKS
        if start >= len(mine):
            return None
        links = [(self.urls[n], f"Story {n}") for n in mine[start : start + SECTION_LINKS]]
        if start + SECTION_LINKS < len(mine):
            links.append((f"{self.base}/section/{name}?page={page + 1}", "More stories"))
        return Resource("section", HTML, html_page(name.title(), links))


class RealPagesSite:
    """Copies of real stored pages, every body rendered up front."""

    def __init__(self, base: str, pages_dir: Path, articles: int) -> None:
        self._articles: dict[str, Resource] = {}
        urls: list[str] = []
        for url, body in iter_real_articles(base, pages_dir, articles):
            urls.append(url)
            self._articles[urlsplit(url).path] = Resource("article", HTML, body)
        self._catalog = _Catalog(base, urls, SITEMAP_SIZE)
        self._static: dict[str, Resource | None] = {}

    def resolve(self, target: str) -> Resource | None:
        parts = urlsplit(target)
        found = self._articles.get(parts.path)
        if found is not None:
            return found
        if target not in self._static:
            self._static[target] = self._catalog.discovery(parts.path, parse_qs(parts.query))
        return self._static[target]

    def article_urls(self) -> list[str]:
        return self._catalog.urls

    def body_bytes(self) -> int:
        return sum(len(r.body) for r in self._articles.values())


class SyntheticSite:
    """``articles`` tiny generated articles, rendered on request (cheap: ~50 µs each)."""

    def __init__(self, base: str, articles: int) -> None:
        self._words = vocabulary()
        self._catalog = _Catalog(
            base, [base + article_path(n, "story") for n in range(articles)], SITEMAP_SIZE
        )

    def resolve(self, target: str) -> Resource | None:
        parts = urlsplit(target)
        prefix = article_path(0, "")[: -len("0-")]
        if parts.path.startswith(prefix) and parts.path.endswith("-story"):
            number = parts.path.removeprefix(prefix).removesuffix("-story")
            if number.isdigit() and int(number) < len(self._catalog.urls):
                n = int(number)
                body = synthetic_article(self._catalog.urls[n], n, self._words)
                return Resource("article", HTML, body)
            return None
        return self._catalog.discovery(parts.path, parse_qs(parts.query))

    def article_urls(self) -> list[str]:
        return self._catalog.urls
