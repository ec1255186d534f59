"""A small news site for recurring-crawl tests and benches, served on 127.0.0.1.

``articles`` article pages, linked from a sitemap, an RSS feed (the newest 50) and paginated
section pages; a robots.txt that disallows ``/private/`` (linked from every section page).
Optional per-request ``latency`` and a share of transient 503 errors (``error_rate``; a URL
fails on its first request only when chosen, so a retry or a later run gets it). ETag and
Last-Modified validators: a conditional GET of an unchanged page costs a 304 (by
If-None-Match, else If-Modified-Since). ``edit(n)`` changes article ``n`` (its text and
validators). Counts every request by path, the conditional ones and the 304s too.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PER_SECTION_PAGE = 50
LAST_MODIFIED = "Wed, 01 May 2024 08:00:00 GMT"
_PROSE = (
    "The harbour authority said on Tuesday that container traffic rose for a third month, "
    "as shipping lines added routes and the new quay opened ahead of schedule. "
)


def article_path(n: int) -> str:
    return f"/news/2024/05/{n:05d}-harbour-traffic-report-{n}"


EDITED = "Thu, 02 May 2024 09:30:00 GMT"  # Last-Modified of an edited article


PUBLISHED = "2024-05-01T08:00:00Z"


def article_page(n: int, edition: int = 0, published: str = PUBLISHED) -> bytes:
    body = "".join(f"<p>{_PROSE} Report number {n}, part {p}.</p>" for p in range(6))
    if edition:
        body += f"<p>Update {edition}: the port authority corrected the figures for report {n}.</p>"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>Harbour report {n}</title><meta property='og:type' content='article'>"
        f"<meta property='article:published_time' content='{published}'></head>"
        f"<body><article><h1>Harbour report {n}</h1>{body}</article>"
        "<a href='/'>Home</a> <a href='/section/1'>News</a></body></html>"
    ).encode()


class NewsSite:
    def __init__(
        self,
        articles: int,
        latency: float = 0.0,
        error_rate: float = 0.0,
        published: str = PUBLISHED,
    ) -> None:
        self.articles = articles
        self.published = published  # every article's publication time (ISO 8601)
        self.latency = latency
        self.error_rate = error_rate
        self.requests: Counter[str] = Counter()
        self.failed: Counter[str] = Counter()  # the transient 503s served, by path
        self.not_modified = 0
        self.conditional: Counter[str] = Counter()  # requests that sent validators, by path
        self.unchanged: Counter[str] = Counter()  # 304s, by path
        self.editions: Counter[int] = Counter()  # article number -> times edited
        self.lock = threading.Lock()
        self.base = ""

    def edit(self, n: int) -> None:
        """Change article ``n``: new text, new ETag and Last-Modified."""
        with self.lock:
            self.editions[n] += 1

    def last_modified(self, path: str) -> str:
        if path.startswith("/news/") and self.editions[_article_number(path)]:
            return EDITED
        return LAST_MODIFIED

    def sections(self) -> int:
        return max(1, -(-self.articles // PER_SECTION_PAGE))

    def fails_once(self, path: str) -> bool:
        """Whether ``path`` is one of the ``error_rate`` share that fail on first request."""
        digest = int.from_bytes(hashlib.sha1(path.encode()).digest()[:4], "big")
        return digest / 2**32 < self.error_rate and self.requests[path] == 1

    def article_requests(self) -> Counter[str]:
        return Counter({p: c for p, c in self.requests.items() if p.startswith("/news/")})

    def article_downloads(self) -> Counter[str]:
        """Article requests answered with the page (or a 304), not with a transient 503."""
        return self.article_requests() - self.failed

    def page(self, path: str) -> tuple[int, str, bytes]:
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            text = f"User-agent: *\nDisallow: /private/\nSitemap: {self.base}/sitemap.xml\n"
            return 200, "text/plain", text.encode()
        if path == "/sitemap.xml":
            locs = "".join(
                f"<url><loc>{self.base}{article_path(n)}</loc></url>" for n in range(self.articles)
            )
            body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
            return 200, "application/xml", body.encode()
        if path == "/feed.xml":
            items = "".join(
                f"<item><title>Report {n}</title><link>{self.base}{article_path(n)}</link></item>"
                for n in range(max(0, self.articles - 50), self.articles)
            )
            body = f"<rss version='2.0'><channel><title>News</title>{items}</channel></rss>"
            return 200, "application/rss+xml", body.encode()
        if path == "/" or path.startswith("/section/"):
            number = 1 if path == "/" else int(path.rsplit("/", 1)[1] or 0)
            if not 1 <= number <= self.sections():
                return 404, html, b"<h1>Not found</h1>"
            first = (number - 1) * PER_SECTION_PAGE
            links = "".join(
                f"<li><a href='{article_path(n)}'>Report {n}</a></li>"
                for n in range(first, min(first + PER_SECTION_PAGE, self.articles))
            )
            more = (
                f"<a href='/section/{number + 1}'>Next page</a>" if number < self.sections() else ""
            )
            body = (
                "<html><head><title>News</title>"
                "<link rel='alternate' type='application/rss+xml' href='/feed.xml'></head>"
                f"<body><ul>{links}</ul>{more}<a href='/private/admin'>Admin</a></body></html>"
            )
            return 200, html, body.encode()
        if path.startswith("/news/2024/05/"):
            n = _article_number(path)
            if n < self.articles:
                return 200, html, article_page(n, self.editions[n], self.published)
        return 404, html, b"<h1>Not found</h1>"


def _article_number(path: str) -> int:
    return int(path.rsplit("/", 1)[1].split("-", 1)[0])


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        path = self.path.split("#", 1)[0]
        with site.lock:
            site.requests[path] += 1
            fails = site.fails_once(path)
            site.failed[path] += fails
        if site.latency:
            time.sleep(site.latency)
        status, kind, body = (503, "text/html", b"busy") if fails else site.page(path)
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        validators = status == 200
        modified = site.last_modified(path)
        if self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"):
            with site.lock:
                site.conditional[path] += 1
        if validators and self._unchanged(etag, modified):
            with site.lock:
                site.not_modified += 1
                site.unchanged[path] += 1
            status, body = 304, b""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if validators:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
        self.end_headers()
        self.wfile.write(body)

    def _unchanged(self, etag: str, modified: str) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
            return match == etag
        return self.headers.get("If-Modified-Since") == modified

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: NewsSite

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up (a killed crawler) are expected."""


@contextmanager
def serve_news_site(site: NewsSite) -> Iterator[NewsSite]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = site
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
