"""The hostile-input corpus: one small local site per case, each with two ordinary articles.

Used by tests/safety/test_hostile_corpus.py (all cases in one run) and bench/hostile.py
(one run per case, peak RSS each). Every route is bounded: streams stop when the client
hangs up or after ``STREAM_SECONDS``.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from tests.safety.site import (
    CHALLENGE_PAGE,
    SOFT_404_PAGE,
    Handler,
    Route,
    article_html,
    article_paths,
    listing_html,
    news_routes,
    page,
)

STREAM_SECONDS = 20.0  # an endless response gives up after this long, client or not
HOSTILE = "/news/the-hostile-part-of-this-site-here"


@dataclass(frozen=True)
class Case:
    name: str
    routes: Callable[[str], dict[str, Route]]  # other service's base URL -> routes
    log: str  # words of the one log line that names the site
    counter: str  # the summary counter that counts it ("" when nothing is wrong to count)
    stored: int = 2  # articles of the site that must be stored


def _with(extra: dict[str, Route], home_links: tuple[str, ...] = (HOSTILE,),
          head: str = "") -> dict[str, Route]:  # fmt: skip
    routes = news_routes(2)
    routes["/"] = page(
        listing_html("Front page", (*article_paths(2), *home_links)).replace(
            "</head>", head + "</head>"
        )
    )
    routes.update(extra)
    return routes


@cache
def gzip_bomb() -> bytes:
    """~64 KB that inflates to 64 MB of zeros."""
    return gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)


def _bomb(handler: Handler) -> None:
    handler.send(200, gzip_bomb(), "text/html", {"Content-Encoding": "gzip"})


def _stream(chunked: bool) -> Route:
    def route(handler: Handler) -> None:
        headers = {"Transfer-Encoding": "chunked"} if chunked else {"Content-Length": "52428800"}
        handler.send(200, b"", "text/html", headers)
        block = b"<p>" + b"more words " * 800 + b"</p>\n"
        deadline = time.monotonic() + STREAM_SECONDS
        try:
            while time.monotonic() < deadline:
                data = b"%x\r\n%s\r\n" % (len(block), block) if chunked else block
                handler.wfile.write(data)
        except OSError:
            pass  # the crawler hung up: what we want
        handler.close_connection = True

    return route


def _redirect(location: str) -> Route:
    return page("", status=302, headers={"Location": location})


def _hops(handler: Handler) -> None:
    """An endless redirect loop: each hop sends to a new URL."""
    n = int(handler.path.rsplit("=", 1)[-1]) if "=" in handler.path else 0
    _redirect(f"{HOSTILE}?hop={n + 1}")(handler)


BOMB_FEED = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "lolololololololololol">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + ']>\n<rss version="2.0"><channel><title>&j;</title><item><title>x</title>'
    "<link>/news/a-feed-story-that-is-never-read</link></item></channel></rss>"
)


def _self_sitemap(base: str) -> dict[str, Route]:
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>/sitemap_index.xml</loc></sitemap>"
        "<sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>"
    )
    urls = "".join(f"<url><loc>{p}</loc></url>" for p in article_paths(2))
    child = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    return _with(
        {
            "/robots.txt": page("User-agent: *\nSitemap: /sitemap_index.xml\n", ctype="text/plain"),
            "/sitemap_index.xml": page(index, ctype="application/xml"),
            "/sitemap-news.xml": page(child, ctype="application/xml"),
        },
        home_links=(),
    )


WRONG_CHARSET_TEXT = "Zürich’s café owners — señor Núñez among them — welcomed the plan."


def _wrong_charset(handler: Handler) -> None:
    html = article_html("Zürich cafés welcome the new quay plan").replace(
        "<article><h1>", f"<article><p>{WRONG_CHARSET_TEXT}</p><h1>"
    )
    handler.send(200, html.encode("utf-8"), "text/html; charset=iso-8859-1", {})


def _pagination_trap() -> dict[str, Route]:
    def archive(handler: Handler) -> None:
        n = int(handler.path.rsplit("=", 1)[-1]) if "=" in handler.path else 1
        links = (*article_paths(2), f"/archive/?page={n + 1}")
        page(listing_html(f"Archive page {n}", links))(handler)

    routes = _with({}, home_links=("/archive/?page=1",))
    for n in range(1, 10_000):
        routes[f"/archive/?page={n}"] = archive
    return routes


def _json_feed() -> dict[str, Route]:
    """Not hostile: articles reachable only through a JSON Feed, read in the same run."""
    items = ",".join(
        f'{{"id": "{n}", "url": "{path}", "date_published": "2026-11-20T10:00:00Z"}}'
        for n, path in enumerate(article_paths(2))
    )
    feed = f'{{"version": "https://jsonfeed.org/version/1.1", "title": "H", "items": [{items}]}}'
    routes = news_routes(2)
    routes["/"] = page(
        '<html><head><title>Front</title><link rel="alternate" '
        'type="application/feed+json" href="/feed.json"></head><body>Front</body></html>'
    )
    routes["/feed.json"] = page(feed, ctype="application/feed+json")
    return routes


_HOPS = {HOSTILE: _hops, **{f"{HOSTILE}?hop={n}": _hops for n in range(1, 40)}}
_FEED_LINK = '<link rel="alternate" type="application/rss+xml" href="/bomb.xml">'
_BOMB_FEED = {"/bomb.xml": page(BOMB_FEED, ctype="application/rss+xml")}

CASES: tuple[Case, ...] = (
    Case("gzip_bomb", lambda o: _with({HOSTILE: _bomb}), "DOWNLOAD_MAXSIZE", "errors"),
    Case("page_50mb", lambda o: _with({HOSTILE: _stream(chunked=False)}), "failed", "errors"),
    Case("endless_chunked", lambda o: _with({HOSTILE: _stream(chunked=True)}), "failed", "errors"),
    Case("redirect_loop", lambda o: _with(_HOPS), "max redirections", "errors"),
    Case("entity_bomb_feed", lambda o: _with(_BOMB_FEED, (), _FEED_LINK), "bad feed", "errors"),
    Case("self_sitemap_index", _self_sitemap, "lists itself", "errors"),
    Case("wrong_charset", lambda o: _with({HOSTILE: _wrong_charset}), "", "", stored=3),
    Case("soft_404", lambda o: _with({HOSTILE: page(SOFT_404_PAGE)}), "soft 404", "not_found"),
    Case("challenge_200", lambda o: _with({HOSTILE: page(CHALLENGE_PAGE)}), "blocked", "blocked"),
    Case(
        "challenge_403",
        lambda o: _with({HOSTILE: page(CHALLENGE_PAGE, status=403)}),
        "blocked",
        "blocked",
    ),
    Case(
        "redirect_other_port",
        lambda o: _with({HOSTILE: _redirect(o + "/admin")}),
        "refused",
        "refused",
    ),
    Case("pagination_trap", lambda o: _pagination_trap(), "pagination trap", "limited"),
    Case("json_feed", lambda o: _json_feed(), "", ""),
)
