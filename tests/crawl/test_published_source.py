"""Where a stored publication date came from, through a real crawl of a local site.

The site's feed and news sitemap give each entry a date; some pages declare their own, some
only show a day in their URL, some nothing. The page's declared date beats the feed's, the
feed's (or sitemap's) beats the URL's day, and the export says which one was kept.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from newscrawl.db import ArticleStore, make_engine
from newscrawl.export import write_export
from tests.cli.run import newscrawl
from tests.safety.site import WORDS, listing_html, page, serve

IN_PROCESS = {"NEWSCRAWL_EXTRACT_WORKERS": "0"}  # the same extraction, no pool to start
FEED_DATE = "Wed, 25 Nov 2026 08:00:00 +0000"


def _article(title: str, declared: str | None = None) -> str:
    date = f'<meta property="article:published_time" content="{declared}">' if declared else ""
    return (
        f'<!DOCTYPE html><html><head><title>{title}</title><meta property="og:type" '
        f'content="article">{date}</head><body><article><h1>{title}</h1>'
        f"<p>{WORDS * 4}</p><p>{WORDS * 3}</p><p>{WORDS * 3}</p></article></body></html>"
    )


def _feed(base: str, entries: dict[str, str]) -> str:
    items = "".join(
        f"<item><title>{path}</title><link>{base}{path}</link><pubDate>{date}</pubDate></item>"
        for path, date in entries.items()
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{items}</channel></rss>'
    )


def _news_sitemap(base: str, path: str, date: str) -> str:
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{base}{path}</loc><news:news><news:publication_date>{date}"
        "</news:publication_date></news:news></url></urlset>"
    )


def test_the_page_date_beats_the_feed_and_the_feed_beats_the_url_day(tmp_path: Path) -> None:
    declared = "/news/quay-vote-declares-its-date"
    undated = "/news/quay-fees-give-no-date"
    in_sitemap = "/news/quay-berths-in-the-news-sitemap"
    url_day = "/news/2026/11/23/quay-budget-has-a-day-in-its-url"
    only_url_day = "/news/2026/11/24/quay-fishermen-linked-from-home"
    routes = {
        declared: page(_article("Quay vote", declared="2026-11-20T10:00:00+00:00")),
        undated: page(_article("Quay fees")),
        in_sitemap: page(_article("Quay berths")),
        url_day: page(_article("Quay budget")),
        only_url_day: page(_article("Quay fishermen")),
    }
    with serve(routes) as site:
        feed = {p: FEED_DATE for p in (declared, undated)}
        feed[url_day] = "Mon, 23 Nov 2026 15:45:00 +0000"
        routes["/feed.xml"] = page(_feed(site.base_url, feed), ctype="application/rss+xml")
        sitemap = _news_sitemap(site.base_url, in_sitemap, "2026-11-22T07:00:00+00:00")
        routes["/news-sitemap.xml"] = page(sitemap, ctype="application/xml")
        robots = f"User-agent: *\nAllow: /\nSitemap: {site.base_url}/news-sitemap.xml\n"
        routes["/robots.txt"] = page(robots, ctype="text/plain")
        home = listing_html("Front page", (only_url_day,)).replace(
            "<head>", '<head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        )
        routes["/"] = page(home)
        db = f"sqlite:///{tmp_path / 'news.db'}"
        crawl = newscrawl("crawl", site.url("/"), "--db", db, env=IN_PROCESS)
        assert crawl.returncode == 0, crawl.stderr[-2000:]
    out = io.StringIO()
    store = ArticleStore(make_engine(db))
    try:
        write_export(store, "jsonl", out)
    finally:
        store.engine.dispose()
    records = map(json.loads, out.getvalue().splitlines())
    stored = {
        r["url"].removeprefix(site.base_url): (r["published_at"], r["published_source"])
        for r in records
    }
    assert stored == {
        declared: ("2026-11-20T10:00:00+00:00", "page"),
        undated: ("2026-11-25T08:00:00+00:00", "feed"),
        in_sitemap: ("2026-11-22T07:00:00+00:00", "sitemap"),
        url_day: ("2026-11-23T15:45:00+00:00", "feed"),
        only_url_day: ("2026-11-24T00:00:00+00:00", "url"),
    }
