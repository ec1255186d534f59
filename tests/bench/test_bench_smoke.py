"""Smoke test for the benchmark's fake outlet: it serves robots.txt, sitemaps and articles.

The benchmarks themselves are not run here (they take minutes); see bench/throughput.py.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import extract_round, memory, rounds, scrapy_rounds, throughput  # noqa: F401 (imports)
from bench.outlet_pages import make_template, render_copy
from bench.outlet_server import OutletProtocol, Stats
from bench.outlet_site import RealPagesSite, SyntheticSite
from bench.proctree import tree_usage

PAGE = (
    "<html><head><title>A story</title><link rel='canonical' href='https://x.example/a'>"
    "</head><body><article><h1>A story</h1><p>" + "Words of a real story. " * 40 + "</p>"
    "</article><script>var x = 'not words';</script></body></html>"
)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()
        return body


@pytest.fixture
def outlet(tmp_path: Path) -> Iterator[str]:
    (tmp_path / "story.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    site, stats = RealPagesSite(base, tmp_path, 3), Stats()
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(lambda: OutletProtocol(site, stats), sock=sock)
    )
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    yield base
    loop.call_soon_threadsafe(loop.stop)
    thread.join(5)
    server.close()
    loop.run_until_complete(server.wait_closed())
    loop.close()


def test_outlet_serves_robots_sitemaps_and_articles(outlet: str) -> None:
    assert f"Sitemap: {outlet}/sitemap_index.xml" in _get(outlet + "/robots.txt").decode()
    assert f"{outlet}/sitemaps/news-0.xml" in _get(outlet + "/sitemap_index.xml").decode()
    urls = _get(outlet + "/__urls").decode().split()
    assert len(urls) == 3
    sitemap = _get(outlet + "/sitemaps/news-0.xml").decode()
    assert all(f"<loc>{url}</loc>" in sitemap for url in urls)
    page = _get(urls[1]).decode()
    assert f"href='{urls[1]}'" in page  # canonical points at the copy's own URL
    assert " q1z" in page and "not words" in page
    with pytest.raises(urllib.error.HTTPError):
        _get(outlet + "/nope")
    stats = json.loads(_get(outlet + "/__stats"))
    assert stats["kinds"] == {"robots": 1, "sitemap": 2, "article": 1, "missing": 1}
    assert stats["missing"] == {"/nope": 1}


def test_copies_differ_only_by_url_and_marker_words() -> None:
    template = make_template(PAGE)
    one, two = render_copy(template, "http://h/1", 1), render_copy(template, "http://h/2", 2)
    assert one != two
    assert one.replace(b" q1z", b"").replace(b"http://h/1", b"https://x.example/a") == PAGE.encode()


def test_synthetic_site_resolves_articles_and_sections() -> None:
    site = SyntheticSite("http://h", 600)
    article = site.resolve(site.article_urls()[7].removeprefix("http://h"))
    assert article is not None and article.kind == "article"
    section = site.resolve("/section/world?page=2")
    assert section is not None and b"page=3" in section.body
    assert site.resolve("/news/2024/05/600-story") is None


def test_tree_usage_reads_this_process() -> None:
    cpu, rss, pss = tree_usage(os.getpid())
    assert cpu > 0 and rss > 0 and pss > 0


def test_targets_are_judged_on_medians_and_on_each_rounds_own_ratio() -> None:
    from bench.report import verdicts
    from bench.rounds import Sample

    def runs(mode: str, *rates: float) -> list[Sample]:
        return [Sample(mode, int(rate * 100), 100.0, 1.0, 1, 1) for rate in rates]

    results = {
        "a": runs("a", 300, 300, 300),
        "ball": runs("ball", 60, 40, 50),  # the machine slowed down in round 2
        "c": runs("c", 20, 20, 20),
        "d": runs("d", 54, 36, 40),
    }
    lines = verdicts(results)
    assert lines[0].endswith("0.80   target >= 0.85  FAIL")  # 40 / 50
    assert "per round: 0.90 0.90 0.80" in lines[1] and lines[1].endswith(
        "0.90   target >= 0.85  PASS"
    )
    assert lines[2].endswith("2.00   target >= 1.6   PASS")


def test_rounds_alternate_direction_so_neighbours_stay_neighbours() -> None:
    modes = ["a", "b1", "c", "ball", "d"]
    orders = [throughput.round_order(modes, n) for n in range(3)]
    assert orders[0] == modes and orders[2] == modes
    assert orders[1] == ["d", "ball", "c", "b1", "a"]
    assert all(abs(o.index("d") - o.index("ball")) == 1 for o in orders)
