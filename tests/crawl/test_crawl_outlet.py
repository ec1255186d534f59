"""End to end: ``newscrawl crawl`` on the fake outlet served on 127.0.0.1, as a user runs it.

The outlet (newscrawl.demo) has robots.txt with disallowed paths, a gzipped sitemap index, a
news sitemap, RSS/Atom/RDF feeds, paginated sections with "Popular Now" lists, tag and author
pages, an about page, a PDF, an image, and bad input: 404, 500, empty and binary bodies, a
12 MB page, a slow page, a truncated feed, a garbage sitemap, broken HTML, wrong charsets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import newscrawl
from newscrawl.demo import build_outlet, serve_outlet
from newscrawl.demo.outlet import Outlet
from tests.cli.run import REPO, cli_env
from tests.cli.run import newscrawl as run_cli
from tests.pg import fresh_postgres_url

pytestmark = pytest.mark.slow  # full crawls of the outlet


@dataclass
class CrawlRun:
    outlet: Outlet
    base_url: str
    requests: list[str]
    first: subprocess.CompletedProcess[str]
    second: subprocess.CompletedProcess[str]
    records: list[dict[str, Any]]
    served: dict[str, bytes]


def _export(db: str) -> list[dict[str, Any]]:
    result = run_cli("export", "--db", db, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _crawl_twice(db: str) -> CrawlRun:
    outlet = build_outlet(broken=True)
    with serve_outlet(outlet) as running:
        first = run_cli("crawl", running.base_url + "/", "--db", db)
        second = run_cli("crawl", running.base_url + "/", "--db", db)
        served = {path: r.body for path, r in outlet.render(running.base_url).items()}
        requests = list(running.requests)
        base = running.base_url
    return CrawlRun(outlet, base, requests, first, second, _export(db), served)


@pytest.fixture(scope="module")
def sqlite_run(tmp_path_factory: pytest.TempPathFactory) -> CrawlRun:
    db = f"sqlite:///{tmp_path_factory.mktemp('crawl') / 'news.db'}"
    return _crawl_twice(db)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _summary_row(output: str) -> list[int]:
    row = next(line for line in output.splitlines() if "127.0.0.1" in line)
    return [int(cell) for cell in row.replace("│", " ").split()[1:]]


def test_crawl_succeeds_and_prints_the_summary(sqlite_run: CrawlRun) -> None:
    assert sqlite_run.first.returncode == 0, sqlite_run.first.stderr
    fetched, stored, updated, already, non_article, errors = _summary_row(sqlite_run.first.stdout)
    assert stored == len(sqlite_run.outlet.articles)
    assert updated == already == 0
    assert non_article >= len(sqlite_run.outlet.non_article_paths) // 2
    assert errors >= 6  # 404, 500, empty, binary, oversize, slow, bad feed, bad sitemap
    assert fetched > stored + non_article


def test_every_article_is_stored_exactly_once(sqlite_run: CrawlRun) -> None:
    stored = sorted(_path(r["canonical_url"]) for r in sqlite_run.records)
    assert stored == sorted(a.path for a in sqlite_run.outlet.articles)


def test_no_non_article_page_is_stored(sqlite_run: CrawlRun) -> None:
    stored = {_path(r["url"]) for r in sqlite_run.records} | {
        _path(r["canonical_url"]) for r in sqlite_run.records
    }
    non_articles = set(sqlite_run.outlet.non_article_paths) | set(sqlite_run.outlet.bad_paths)
    assert not stored & non_articles


def test_disallowed_paths_are_never_requested(sqlite_run: CrawlRun) -> None:
    assert sqlite_run.outlet.disallowed_paths
    for path in sqlite_run.outlet.disallowed_paths:
        assert not any(r.startswith(path) for r in sqlite_run.requests), path


def test_pdf_and_image_are_never_fetched(sqlite_run: CrawlRun) -> None:
    assert not [r for r in sqlite_run.requests if r.endswith((".pdf", ".jpg", ".png"))]


def test_stored_text_is_clean_and_has_metadata(sqlite_run: CrawlRun) -> None:
    by_path = {_path(r["canonical_url"]): r for r in sqlite_run.records}
    for expected in sqlite_run.outlet.articles:
        record = by_path[expected.path]
        assert expected.key_sentence in record["text"], expected.path
        for junk in expected.junk:
            assert junk not in record["text"], (expected.path, junk)
        assert record["title"] == expected.title, expected.path
        assert record["fetched_at"] and record["published_at"]


def test_stored_text_equals_offline_extraction(sqlite_run: CrawlRun) -> None:
    for record in sqlite_run.records:
        path = _path(record["url"])
        offline = newscrawl.extract(sqlite_run.served[path], url=record["url"])
        assert offline is not None, path
        assert record["text"] == offline.text, path


def test_second_crawl_stores_nothing_new(sqlite_run: CrawlRun) -> None:
    assert sqlite_run.second.returncode == 0, sqlite_run.second.stderr
    _, stored, updated, already, _, _ = _summary_row(sqlite_run.second.stdout)
    assert stored == updated == 0
    assert already == len(sqlite_run.outlet.articles)
    assert len(sqlite_run.records) == len(sqlite_run.outlet.articles)


def test_bad_input_is_logged(sqlite_run: CrawlRun) -> None:
    log = sqlite_run.first.stderr
    assert "bad sitemap" in log and "bad feed" in log
    assert "failed" in log  # 404 / 500 / timeout lines
    assert "Traceback" not in log


@pytest.fixture
def postgres_db() -> Iterator[str]:
    with fresh_postgres_url() as url:
        yield url


def test_crawl_into_postgresql(postgres_db: str) -> None:
    run = _crawl_twice(postgres_db)
    assert run.first.returncode == 0, run.first.stderr
    stored = sorted(_path(r["canonical_url"]) for r in run.records)
    assert stored == sorted(a.path for a in run.outlet.articles)
    assert _summary_row(run.second.stdout)[1] == 0


def test_max_articles_stops_early(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'few.db'}"
    with serve_outlet(build_outlet(broken=False)) as running:
        result = run_cli("crawl", running.base_url + "/", "--db", db, "--max-articles", "3")
    assert result.returncode == 0, result.stderr
    assert len(_export(db)) == 3


def test_several_targets_in_one_run_each_get_a_summary_row(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'two.db'}"
    with (
        serve_outlet(build_outlet(broken=False)) as first,
        serve_outlet(build_outlet(broken=False)) as second,
    ):
        result = run_cli("crawl", first.base_url + "/", second.base_url + "/", "--db", db)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ 127.0.0.1:")]
    assert len(rows) == 2
    for base in (first.base_url, second.base_url):
        row = next(r for r in rows if base.removeprefix("http://") in r)
        stored = int(row.replace("│", " ").split()[2])
        assert stored == 14, result.stdout + result.stderr[-4000:]  # articles stored


def test_plain_scrapy_crawl_stores_the_same_articles(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'scrapy.db'}"
    scrapy = Path(sys.executable).with_name("scrapy")
    with serve_outlet(build_outlet(broken=False)) as running:
        result = subprocess.run(
            [
                str(scrapy),
                "crawl",
                "news",
                "-a",
                f"url={running.base_url}/",
                "-s",
                f"DATABASE_URL={db}",
                "-s",
                "LOG_LEVEL=WARNING",
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=cli_env(),  # the fast profile: a local site, not the polite defaults' pace
            timeout=240,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    assert len(_export(db)) == 14
