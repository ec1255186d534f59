"""Crawl an unseen outlet made of each dev corpus's pages: does the crawl store every article?

``python -m bench.corpus_outlet [--corpora l3s-gn1 dragnet ...] [--sample N]``

Each corpus's pages that have a URL are served on 127.0.0.1 at their own paths (query strings
included), found from a homepage that links them all and a plain sitemap (no dates: nothing
tells the crawl these are articles but the pages themselves). Per corpus it prints:

- pages ``extract()`` calls an article, and how many of them the crawl stored (target: all);
- pages stored that ``extract()`` does not call an article (target: 0);
- what the crawl's cheap check made of the pages (skipped / article / unsure: unsure pages are
  extracted and judged on their body; before, they were skipped) and the extraction CPU each
  group costs, measured in this process: the extra work the unsure pages add.

The same numbers for the demo outlet's HTML pages (where every non-article page must stay
unstored) come first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

from bench.corpora import Corpus, load_corpora
from newscrawl.discovery.page import judge_page
from newscrawl.discovery.urls import UrlKind, url_kind
from newscrawl.extraction import extract
from newscrawl.extraction.core import parse_page
from newscrawl.extraction.rules import SiteRules

REPO = Path(__file__).resolve().parents[1]
_ANY_HOST = "http://127.0.0.1"
Site = dict[str, tuple[str, bytes]]


def page_path(url: str) -> str:
    """Path and query, the query's parameters in a fixed order (servers ignore their order)."""
    parts = urlsplit(url)
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return (parts.path or "/") + (f"?{query}" if query else "")


def same_page(url: str) -> str:
    """One spelling per page ("+" or "%20", parameter order) to compare stored and served URLs."""
    return page_path(canonicalize_url(url))


class PageIndex:
    """Which served page a requested or stored URL is, however the crawler spelled it: percent
    encoding, parameter order, or a tracking parameter (``?ref=world``) its canonical form
    drops (a URL without a query then stands for the one page with its path, if one)."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._forms: dict[str, str] = {}
        bare: dict[str, list[str]] = {}
        for path in paths:
            form = same_page(_ANY_HOST + path)
            self._forms[form] = path
            bare.setdefault(form.split("?")[0], []).append(path)
        self._bare = {form: found[0] for form, found in bare.items() if len(found) == 1}

    def find(self, url: str) -> str | None:
        """The served path ``url`` (absolute, or a path) stands for, if any."""
        form = same_page(url if "://" in url else _ANY_HOST + url)
        return self._forms.get(form) or (None if "?" in form else self._bare.get(form))


def served_ids(corpus: Corpus) -> dict[str, str]:
    """``{path: page id}`` of the corpus pages the outlet serves: those with a URL of their own
    (not a homepage), one page per path."""
    served: dict[str, str] = {}
    for pid in corpus.ids:
        url = corpus.urls[pid]
        if url and page_path(url) != "/":
            served.setdefault(page_path(url), pid)
    return served


def corpus_site(corpus: Corpus) -> Site:
    pages: Site = {
        path: ("text/html", corpus.page_bytes(pid)) for path, pid in served_ids(corpus).items()
    }
    links = "".join(f'<li><a href="{p}">story {i}</a></li>' for i, p in enumerate(pages))
    pages["/"] = (
        "text/html; charset=utf-8",
        f"<html><body><ul>{links}</ul></body></html>".encode(),
    )
    pages["/robots.txt"] = ("text/plain", b"User-agent: *\nSitemap: /sitemap.xml\n")
    return pages


class _Handler(BaseHTTPRequestHandler):
    site: ClassVar[Site] = {}
    index: ClassVar[PageIndex]

    def do_GET(self) -> None:
        path = self.index.find(self.path)
        found = self.site.get(path) if path else None
        if self.path == "/sitemap.xml":
            host = f"http://{self.headers['Host']}"
            locs = "".join(
                f"<url><loc>{host}{p}</loc></url>".replace("&", "&amp;")
                for p in self.site
                if p != "/"
            )
            urlset = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
            found = ("application/xml", urlset.encode())
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


@contextmanager
def serve_site(site: Site) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = type("Handler", (_Handler,), {"site": site, "index": PageIndex(site)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def expected_articles(corpus: Corpus) -> set[str]:
    """Paths of the served pages ``extract()`` calls an article (file-shaped links are never
    fetched)."""
    return {
        path
        for path, pid in served_ids(corpus).items()
        if url_kind(_ANY_HOST + path) is not UrlKind.FILE
        and extract(corpus.page_bytes(pid), corpus.urls[pid]) is not None
    }


def stored_pages(urls: Iterable[str], corpus: Corpus) -> set[str]:
    """Paths of the served pages behind stored URLs (a URL that is no served page: itself)."""
    index = PageIndex(served_ids(corpus))
    return {index.find(url) or url for url in urls}


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=1800,
        check=False,
    )


def crawl_stored(base: str, workdir: Path) -> tuple[set[str], float]:
    """Crawl the outlet at ``base`` with the CLI; the stored URLs and the crawl's wall time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    env.update(
        NEWSCRAWL_DATA_DIR=str(workdir),
        NEWSCRAWL_JOBS_DIR=str(workdir / "jobs"),
        NEWSCRAWL_PROFILE="fast",
        NEWSCRAWL_WARC_ENABLED="false",
    )
    db = f"sqlite:///{workdir / 'outlet.db'}"
    start = time.perf_counter()
    crawl = _cli("crawl", base + "/", "--db", db, env=env)
    seconds = time.perf_counter() - start
    if crawl.returncode != 0:
        raise SystemExit(f"crawl failed ({crawl.returncode}):\n{crawl.stderr[-3000:]}")
    export = _cli("export", "--db", db, "--format", "jsonl", env=env)
    return {json.loads(line)["url"] for line in export.stdout.splitlines()}, seconds


def decisions(pages: list[tuple[str, bytes]]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """How the crawl sorts ``(url, body)`` pages before extraction, how many of each kind it
    keeps, and the CPU seconds of each kind's verdict (extraction included)."""
    kinds: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    cpu: Counter[str] = Counter()
    for url, body in pages:
        tree = parse_page(body)
        if tree is None:
            continue
        start = time.process_time()
        verdict = judge_page(tree, url, SiteRules())
        kind = verdict.candidacy.value
        cpu[kind] += time.process_time() - start
        kinds[kind] += 1
        kept[kind] += verdict.article is not None
    return kinds, kept, cpu


def _decision_line(name: str, pages: list[tuple[str, bytes]]) -> str:
    kinds, kept, cpu = decisions(pages)
    total = sum(cpu.values()) or 1.0
    parts = [
        f"{kind} {kinds[kind]} (kept {kept[kind]}, {cpu[kind]:.2f} s CPU)"
        for kind in ("skip", "article", "unsure")
    ]
    return (
        f"{name:<18} "
        + ", ".join(parts)
        + f"; unsure pages' share of CPU {cpu['unsure'] / total:.0%}"
    )


def demo_pages() -> tuple[list[tuple[str, bytes]], set[str]]:
    from newscrawl.demo import build_outlet

    outlet = build_outlet()
    pages = [
        ("http://127.0.0.1:8000" + path, res.body)
        for path, res in sorted(outlet.resources.items())
        if "html" in res.content_type and res.status == 200
    ]
    return pages, set(outlet.non_article_paths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="*", default=None)
    parser.add_argument("--sample", type=int, default=0, help="pages per corpus (0: all)")
    parser.add_argument("--no-crawl", action="store_true", help="decisions and CPU only")
    parser.add_argument("--crawl-only", action="store_true", help="the crawls only")
    args = parser.parse_args()
    names = tuple(args.corpora) if args.corpora else None
    corpora = load_corpora(names=names) if names else load_corpora()
    for corpus in corpora:
        if args.sample:
            keep = set(corpus.ids[:: max(1, len(corpus.ids) // args.sample)][: args.sample])
            corpus.urls = {pid: url for pid, url in corpus.urls.items() if pid in keep}
    if not args.crawl_only:
        _print_decisions(corpora)
    if not args.no_crawl:
        _print_crawls(corpora)


def _print_decisions(corpora: list[Corpus]) -> None:
    pages, non_articles = demo_pages()
    print("cheap check, then extraction (CPU in this process):")
    print(_decision_line("demo outlet", pages))
    demo_kept = [
        url
        for url, body in pages
        if urlsplit(url).path in non_articles
        and (tree := parse_page(body)) is not None
        and judge_page(tree, url, SiteRules()).article is not None
    ]
    print(f"{'':<18} demo non-article pages kept: {len(demo_kept)} {demo_kept}")
    for corpus in corpora:
        served = served_ids(corpus)
        pages = [(corpus.urls[pid] or "", corpus.page_bytes(pid)) for pid in served.values()]
        print(_decision_line(corpus.name, pages))


def _print_crawls(corpora: list[Corpus]) -> None:
    print("\ncrawl of each corpus as an outlet (pages with a URL of their own):")
    print(
        f"{'corpus':<18} {'served':>6} {'articles':>8} {'stored':>6} {'missing':>7} "
        f"{'non-art stored':>14} {'crawl s':>7}"
    )
    for corpus in corpora:
        site = corpus_site(corpus)
        with serve_site(site) as base, tempfile.TemporaryDirectory() as tmp:
            expected = expected_articles(corpus)
            urls, seconds = crawl_stored(base, Path(tmp))
            stored = stored_pages(urls, corpus)
        missing = sorted(expected - stored)
        extra = sorted(stored - expected)
        print(
            f"{corpus.name:<18} {len(site) - 2:>6} {len(expected):>8} {len(stored & expected):>6} "
            f"{len(missing):>7} {len(extra):>14} {seconds:>7.1f}"
        )
        for url in missing[:10]:
            print(f"{'':<18} missing: {url}")
        for url in extra[:10]:
            print(f"{'':<18} stored, not an article: {url}")


if __name__ == "__main__":
    main()
