"""A crawl of an outlet nobody tuned to, made of real pages: every article is stored.

Real dev-corpus pages are served on 127.0.0.1 at their own paths (query strings included),
found from a homepage that links them all and a plain sitemap (no dates: nothing tells the
crawl these are articles but the pages themselves). The crawl must store every page
that ``extract`` calls an article: its decision is the same as the extractor's.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from w3lib.url import canonicalize_url

from bench.corpora import Corpus, load_corpora
from newscrawl.discovery.urls import UrlKind, url_kind
from newscrawl.extraction import extract
from tests.cli.run import newscrawl as run_cli


def _path(url: str) -> str:
    """Path and query, the query's parameters in a fixed order (servers ignore their order)."""
    parts = urlsplit(url)
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return (parts.path or "/") + (f"?{query}" if query else "")


def _same(url: str) -> str:
    """One spelling per page ("+" or "%20", parameter order) to compare stored and served URLs."""
    return _path(canonicalize_url(url))


def _site(corpus: Corpus) -> dict[str, tuple[str, bytes]]:
    pages: dict[str, tuple[str, bytes]] = {}
    for pid in corpus.ids:
        url = corpus.urls[pid]
        if url and _path(url) != "/":
            pages[_path(url)] = ("text/html", corpus.page_bytes(pid))
    links = "".join(f'<li><a href="{p}">story {i}</a></li>' for i, p in enumerate(pages))
    pages["/"] = (
        "text/html; charset=utf-8",
        f"<html><body><ul>{links}</ul></body></html>".encode(),
    )
    pages["/robots.txt"] = ("text/plain", b"User-agent: *\nSitemap: /sitemap.xml\n")
    return pages


class _Handler(BaseHTTPRequestHandler):
    site: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        found = self.site.get(_path(self.path))
        if self.path == "/sitemap.xml":
            host = f"http://{self.headers['Host']}"
            locs = "".join(f"<url><loc>{host}{p}</loc></url>" for p in self.site if p != "/")
            found = (
                "application/xml",
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.replace(
                    "&", "&amp;"
                ).encode(),
            )
        if found is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", found[0])
        self.send_header("Content-Length", str(len(found[1])))
        self.end_headers()
        self.wfile.write(found[1])

    def log_message(self, *args: object) -> None:
        pass


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SAMPLE = 60  # pages per corpus: a crawl of each stays within seconds


@pytest.fixture(scope="module", params=["article-bench"])
def corpus(request: pytest.FixtureRequest) -> Corpus:
    found = load_corpora(names=(request.param,))
    if not found:
        pytest.skip("the dev corpora are not beside this checkout")
    corpus = found[0]
    keep = set(corpus.ids[:: max(1, len(corpus.ids) // SAMPLE)][:SAMPLE])
    corpus.urls = {pid: url for pid, url in corpus.urls.items() if pid in keep}
    return corpus


@pytest.fixture
def outlet(corpus: Corpus) -> Iterator[str]:
    handler = type("Handler", (_Handler,), {"site": _site(corpus)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.timeout(300)
def test_every_article_of_an_unseen_outlet_is_stored(
    outlet: str, corpus: Corpus, tmp_path: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'real.db'}"
    crawl = run_cli("crawl", outlet + "/", "--db", db)
    assert crawl.returncode == 0, crawl.stderr
    export = run_cli("export", "--db", db, "--format", "jsonl")
    stored = {_same(json.loads(line)["url"]) for line in export.stdout.splitlines()}
    expected = {
        _same(outlet + _path(url))
        for pid, url in corpus.urls.items()
        if url
        and _path(url) != "/"
        and url_kind(url) is not UrlKind.FILE  # file-shaped links (".txt") are not fetched
        and extract(corpus.page_bytes(pid), url) is not None
    }
    with_url = [url for url in corpus.urls.values() if url and _path(url) != "/"]
    assert len(expected) >= 0.9 * len(with_url)
    assert expected - stored == set(), crawl.stdout
