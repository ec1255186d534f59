"""XML sitemaps, sitemap indexes and Google News sitemaps (gzipped or not)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from newscrawl.discovery.dates import parse_feed_date
from newscrawl.discovery.xml import child_text, local_name, parse_xml


@dataclass(frozen=True)
class SitemapEntry:
    url: str
    published_at: datetime | None = None
    modified_at: datetime | None = None
    title: str | None = None


@dataclass
class Sitemap:
    """A parsed sitemap: either an index (``sitemaps``) or a URL set (``urls``)."""

    sitemaps: list[str] = field(default_factory=list)
    urls: list[SitemapEntry] = field(default_factory=list)
    damage: str | None = None  # set when the XML was broken and only partly readable


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """Parse a sitemap or sitemap index. Raises ValueError when it is neither."""
    root, damage = parse_xml(body)
    if root is None or local_name(root) not in {"urlset", "sitemapindex"}:
        raise ValueError("not an XML sitemap")
    result = Sitemap(damage=damage)
    is_index = local_name(root) == "sitemapindex"
    for node in root:
        loc = child_text(node, "loc")
        if not loc:
            continue
        url = urljoin(base_url, loc)
        if not url.startswith(("http://", "https://")):
            continue
        if is_index:
            result.sitemaps.append(url)
        else:
            result.urls.append(_entry(node, url))
    return result


def _entry(node: etree._Element, url: str) -> SitemapEntry:
    news_date = child_text(node, "publication_date")
    return SitemapEntry(
        url=url,
        published_at=parse_feed_date(news_date),
        modified_at=parse_feed_date(child_text(node, "lastmod")),
        title=child_text(node, "title"),
    )


def sitemaps_from_robots(body: bytes, base_url: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt."""
    found = []
    for raw in body.decode("utf-8", "replace").splitlines():
        key, _, value = raw.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return found
