import gzip
from datetime import UTC, datetime

import pytest

from newscrawl.discovery import parse_sitemap
from newscrawl.discovery.sitemaps import sitemaps_from_robots
from newscrawl.discovery.xml import MAX_XML_BYTES, XmlTooLarge

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://example.com/sitemap-1.xml.gz</loc></sitemap>
<sitemap><loc>/sitemap-2.xml</loc></sitemap></sitemapindex>"""

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.com/world/russia-taliban-talks</loc>
<lastmod>2024-05-30T00:00:00Z</lastmod>
<news:news><news:publication><news:name>Herald</news:name><news:language>en</news:language>
</news:publication><news:publication_date>2024-05-29T09:30:00+02:00</news:publication_date>
<news:title>Russia and the Taliban</news:title></news:news></url>
<url><loc>https://example.com/plain</loc></url></urlset>"""


def test_index_lists_child_sitemaps_absolute() -> None:
    sitemap = parse_sitemap(INDEX, "https://example.com/sitemap_index.xml")
    assert sitemap.sitemaps == [
        "https://example.com/sitemap-1.xml.gz",
        "https://example.com/sitemap-2.xml",
    ]
    assert sitemap.urls == []


def test_news_sitemap_publication_date_and_lastmod_stay_apart() -> None:
    first, second = parse_sitemap(NEWS, "https://example.com/news.xml").urls
    assert first.published_at == datetime(2024, 5, 29, 7, 30, tzinfo=UTC)
    assert first.modified_at == datetime(2024, 5, 30, tzinfo=UTC)
    assert first.title == "Russia and the Taliban"
    assert second.url == "https://example.com/plain" and second.published_at is None


def test_gzipped_sitemap_is_read() -> None:
    sitemap = parse_sitemap(gzip.compress(NEWS), "https://example.com/s.xml.gz")
    assert len(sitemap.urls) == 2


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (MAX_XML_BYTES + 10))
    with pytest.raises(XmlTooLarge):
        parse_sitemap(bomb, "https://example.com/s.xml.gz")


@pytest.mark.parametrize("body", [b"", b"\x1f\x8bnot really gzip", b"garbage <<<", b"<rss/>"])
def test_malformed_sitemaps_raise_value_error(body: bytes) -> None:
    with pytest.raises(ValueError):
        parse_sitemap(body, "https://example.com/sitemap.xml")


def test_robots_sitemap_lines() -> None:
    robots = (
        b"User-agent: *\nDisallow: /private/\nSitemap: https://example.com/a.xml\nsitemap: /b.xml\n"
    )
    assert sitemaps_from_robots(robots, "https://example.com/robots.txt") == [
        "https://example.com/a.xml",
        "https://example.com/b.xml",
    ]
