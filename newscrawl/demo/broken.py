"""Bad input a crawler meets on a real site: broken pages, lying charsets, garbage feeds."""

from __future__ import annotations

import random
from html import escape

from newscrawl.demo.chrome import SITE, document, site_header
from newscrawl.demo.model import Resource

HTML = "text/html; charset=utf-8"

PATH_404 = "/world/2024/06/02/deleted-story"
PATH_500 = "/business/2024/06/04/markets-live"
PATH_EMPTY = "/local/2024/06/05/council-budget-vote"
PATH_BINARY = "/science/2024/06/06/lab-results-published"
PATH_OVERSIZE = "/world/2024/06/07/summit-full-transcript"
PATH_SLOW = "/local/2024/06/08/harbour-tunnel-inquiry"
PATH_BAD_FEED = "/feeds/breaking.xml"
PATH_BAD_SITEMAP = "/sitemaps/video.xml.gz"

SLOW_DELAY = 5.0
OVERSIZE_BYTES = 12 * 1024 * 1024


def truncate_mid_tag(page: bytes, key: bytes) -> bytes:
    """Cut ``page`` inside the tag that follows the third paragraph end after ``key``."""
    pos = page.index(key)
    for _ in range(3):
        pos = page.index(b"</p>", pos) + len(b"</p>")
    return page[: page.index(b"<", pos) + 2]


def windows_1252(page: str) -> Resource:
    """Served as bare ``text/html``: no charset in the header nor the page."""
    return Resource(200, "text/html", page.encode("cp1252"), templated=True)


def lying_header(page: str) -> Resource:
    """The header says ISO-8859-1, the bytes (and the page's meta) are UTF-8."""
    return Resource(200, "text/html; charset=iso-8859-1", page.encode("utf-8"), templated=True)


def error_page(status: int, message: str) -> bytes:
    main = f'<main id="main"><h1>{status}</h1><p>{escape(message)}</p></main>'
    return document(f"{message} – {SITE}", "", site_header() + main).encode()


def oversize_page() -> bytes:
    """About 12 MB of article-looking HTML (a verbatim transcript nobody trimmed)."""
    head = (
        b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Summit: full transcript</title>'
        b'<meta property="og:type" content="article"></head><body><article><h1>Summit: full '
        b"transcript</h1>"
    )
    line = (
        b"<p>DELEGATE: We return to item four of the agenda, the fisheries annex, once more.</p>\n"
    )
    return head + line * (OVERSIZE_BYTES // len(line)) + b"</article></body></html>"


def slow_page() -> bytes:
    paras = "".join(
        f"<p>{escape(p)}</p>"
        for p in [
            "The public inquiry into cost overruns on the harbour tunnel heard evidence from "
            "the project's former chief engineer on Monday.",
            "He told the panel that ground surveys had been cut short to save money in the "
            "first year, a decision he said led directly to two years of delays.",
        ]
        * 3
    )
    main = f'<main id="main"><article><h1>Tunnel Inquiry Hears From Engineer</h1>{paras}</article>'
    head = '<meta property="og:type" content="article">'
    return document(f"Tunnel Inquiry – {SITE}", head, site_header() + main + "</main>").encode()


def bad_resources(rss_feed: str) -> tuple[dict[str, Resource], dict[str, str]]:
    """The bad pages (404 is simply absent) and what is wrong with each."""
    rng = random.Random(1884)
    resources = {
        PATH_500: Resource(500, HTML, error_page(500, "Internal Server Error")),
        PATH_EMPTY: Resource(200, HTML, b""),
        PATH_BINARY: Resource(200, "text/html", b"\x00\x89PNG\r\n" + rng.randbytes(16_000)),
        PATH_OVERSIZE: Resource(200, HTML, oversize_page()),
        PATH_SLOW: Resource(200, HTML, slow_page(), delay=SLOW_DELAY),
        PATH_BAD_FEED: Resource(
            200, "application/rss+xml", rss_feed.encode()[: len(rss_feed) // 2], templated=True
        ),
        PATH_BAD_SITEMAP: Resource(
            200, "application/x-gzip", b"<html>Not a sitemap \x00\xff\xfe" + rng.randbytes(300)
        ),
    }
    reasons = {
        PATH_404: "404: linked from the homepage, page deleted",
        PATH_500: "500 Internal Server Error at an article-looking URL",
        PATH_EMPTY: "200 with an empty body at an article-looking URL",
        PATH_BINARY: "binary bytes served as text/html at an article-looking URL",
        PATH_OVERSIZE: f"~{OVERSIZE_BYTES >> 20} MB of HTML: must be cut off by the size cap",
        PATH_SLOW: f"responds after {SLOW_DELAY:g} s: beyond the test download timeout",
        PATH_BAD_FEED: "RSS feed truncated mid-document (malformed XML)",
        PATH_BAD_SITEMAP: "sitemap listed in the index that is garbage, not gzip nor XML",
    }
    return resources, reasons
