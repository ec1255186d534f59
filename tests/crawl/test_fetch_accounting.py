"""The summary's "pages fetched" adds up: each response the site sent is in one part.

A local site answers with every kind of page a crawl meets: articles, a section page, a feed,
a sitemap, a redirect, a page that fails once then works, one that always fails, a 404, a
page behind a challenge and a soft 404. The site counts what it served; the run's line
``<site>: N pages fetched: ...`` must name the same N, and its parts must sum to it.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from newscrawl.fetch_accounting import FetchedParts
from tests.cli.run import newscrawl as run_cli
from tests.safety.site import (
    CHALLENGE_PAGE,
    SOFT_404_PAGE,
    Handler,
    Route,
    Served,
    article_html,
    article_paths,
    listing_html,
    news_routes,
    page,
    serve,
)

ARTICLES = 6
_LINE = re.compile(r"^(?P<site>\S+): (?P<total>\d+) pages fetched: (?P<parts>.*)$", re.M)


def _fails_once(real: Route) -> Route:
    calls = [0]
    lock = threading.Lock()

    def route(handler: Handler) -> None:
        with lock:
            calls[0] += 1
            first = calls[0] == 1
        (page("<h1>busy</h1>", status=503) if first else real)(handler)

    return route


def _site(base: str) -> dict[str, Route]:
    paths = article_paths(ARTICLES)
    routes = news_routes(ARTICLES)
    routes["/robots.txt"] = page(
        f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n", ctype="text/plain"
    )
    odd = [
        "/world",
        "/old-story",
        "/news/a-story-behind-a-challenge-page",
        "/news/a-story-that-was-taken-down-last-week",
        "/news/a-story-whose-server-is-broken-today",
        "/news/a-story-that-never-existed-at-all",
    ]
    routes["/"] = page(listing_html("Front page", (*paths[:3], *odd)))
    routes["/world"] = page(listing_html("World", tuple(paths[3:])))
    routes["/old-story"] = page("", status=301, headers={"Location": paths[5]})
    routes[odd[2]] = page(CHALLENGE_PAGE, status=403)
    routes[odd[3]] = page(SOFT_404_PAGE)
    routes[odd[4]] = page("<h1>Internal error</h1>", status=500)
    routes[paths[1]] = _fails_once(page(article_html("Harbour story number 1 told in full")))
    items = "".join(f"<item><title>t</title><link>{base}{p}</link></item>" for p in paths[:2])
    routes["/feed.xml"] = page(
        f"<rss version='2.0'><channel><title>News</title>{items}</channel></rss>",
        ctype="application/rss+xml",
    )
    locs = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    routes["/sitemap.xml"] = page(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>',
        ctype="application/xml",
    )
    return routes


def _fetched_line(stdout: str) -> tuple[int, dict[str, int]]:
    found = _LINE.search(stdout)
    assert found, stdout
    parts: dict[str, int] = {}
    for part in found["parts"].split(", "):
        count, name = part.split(" ", 1)
        parts[name] = int(count)
    return int(found["total"]), parts


def _crawl(served: Served, db: Path) -> tuple[int, dict[str, int], int]:
    """One run: (pages fetched as the summary says, its parts, requests the site served)."""
    before = len(served.log)
    done = run_cli("crawl", served.url("/"), "--db", f"sqlite:///{db}")
    assert done.returncode == 0, done.stderr
    total, parts = _fetched_line(done.stdout)
    return total, parts, len(served.log) - before


def test_the_parts_of_pages_fetched_add_up_to_what_the_site_served(tmp_path: Path) -> None:
    routes: dict[str, Route] = {}
    with serve(routes) as served:
        routes.update(_site(served.base_url))
        total, parts, requests = _crawl(served, tmp_path / "news.db")
        assert total == requests
        assert "unaccounted" not in parts
        assert sum(parts.values()) == total
        assert parts["new"] == ARTICLES
        assert parts["blocked"] == 1 and parts["soft 404"] == 1
        assert parts["redirected"] == 1
        assert parts["retried"] >= 2  # the page that failed once, the broken one (each once)
        assert parts["failed"] == 2  # the broken page in the end, the missing page
        assert parts["feed paths absent"] >= 1  # common feed paths tried, not on this site
        assert parts["non-article"] >= 2  # the front page and the section
        assert parts["robots/feeds/sitemaps"] >= 4  # robots.txt twice, the feed, the sitemap

        again, parts, requests = _crawl(served, tmp_path / "news.db")  # all stored now
        assert again == requests and sum(parts.values()) == again
        assert "new" not in parts and "unaccounted" not in parts


def test_not_modified_pages_are_a_part_of_their_own() -> None:
    stats = {
        "downloader/response_count": 10,
        "robotstxt/response_count": 1,
        "newscrawl/fetched/discovery": 2,
        "newscrawl/not_modified": 3,
        "newscrawl/articles_already_stored": 4,
    }
    fetched = FetchedParts.from_stats(stats)
    assert fetched.unaccounted == 0
    assert fetched.line("site") == (
        "site: 10 pages fetched: 4 unchanged, 3 robots/feeds/sitemaps, 3 not modified"
    )
    more = FetchedParts.from_stats({**stats, "downloader/response_count": 12})
    assert more.line("site").endswith(", 2 unaccounted")
