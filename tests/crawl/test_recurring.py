"""Recurring crawls as a user runs them: re-runs skip what is stored, kill -9 resumes.

A local news site (bench/news_site.py) counts every request it serves, so the tests read
what each run downloaded from the site's side.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bench.news_site import NewsSite, article_path, serve_news_site
from tests.cli.run import REPO
from tests.cli.run import newscrawl as run_cli

BATCH = 10  # articles per database transaction in the kill -9 test


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _urls(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT canonical_url FROM articles")]


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "NEWSCRAWL_DATA_DIR": str(tmp_path / "data"),  # WARC files: not in the repo's data/
        "NEWSCRAWL_JOBS_DIR": str(tmp_path / "jobs"),
        "NEWSCRAWL_EXTRACT_WORKERS": "1",
        "NEWSCRAWL_PROFILE": "fast",  # a local site: not the polite pace
    }


def test_a_second_run_downloads_no_stored_article_and_full_downloads_them_all(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.db"
    with serve_news_site(NewsSite(articles=60)) as site:
        args = ("crawl", site.base + "/", "--db", f"sqlite:///{db}")
        first = run_cli(*args, env=_env(tmp_path))
        assert first.returncode == 0, first.stderr
        assert _count(db) == 60
        downloaded = site.article_requests()
        second = run_cli(*args, env=_env(tmp_path))  # the job finished: a new one starts
        assert second.returncode == 0, second.stderr
        assert site.article_requests() == downloaded  # no article downloaded again
        explained = next(line for line in second.stdout.splitlines() if "sources:" in line)
        # Discovery ran again, with conditional GETs: the sitemap, feed and both section
        # pages are unchanged (tests/crawl/test_conditional.py has the details).
        assert "0 new, 0 already stored (0 not downloaded), 4 not modified" in explained
        assert "no new article: the sources did not change" in explained
        assert site.requests["/sitemap.xml"] == 2 and site.unchanged["/sitemap.xml"] == 1
        site.articles = 61  # the sitemap and feed change: their stored articles are skipped
        third = run_cli(*args, env=_env(tmp_path))
        assert third.returncode == 0, third.stderr
        explained = next(line for line in third.stdout.splitlines() if "sources:" in line)
        assert "1 sitemap (61 URLs)" in explained and "1 feed (50 URLs)" in explained
        assert "1 new, 60 already stored (60 not downloaded)" in explained
        assert site.article_requests() - downloaded == Counter({article_path(60): 1})
        full = run_cli(*args, "--full", env=_env(tmp_path))
        assert full.returncode == 0, full.stderr
    assert all(count == 2 for count in site.article_requests().values())
    assert _count(db) == 61


def test_kill_9_then_the_same_command_finishes_every_target(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    sites = [NewsSite(articles=150, latency=0.02), NewsSite(articles=150, latency=0.02)]
    with serve_news_site(sites[0]) as one, serve_news_site(sites[1]) as two:
        args = ["crawl", one.base + "/", two.base + "/", "--db", f"sqlite:///{db}"]
        environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
        crawl = subprocess.Popen(
            [sys.executable, "-m", "newscrawl.cli", *args],
            env={**environ, **_env(tmp_path), "NEWSCRAWL_DB_BATCH_SIZE": str(BATCH)},
            cwd=REPO,
            start_new_session=True,  # its own process group: the crawler and its workers
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while _count(db) < 60 and crawl.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(crawl.pid, signal.SIGKILL)
        crawl.wait(timeout=10)
        stored_before = set(_urls(db))
        assert 0 < len(stored_before) < 300, "the crawl was not killed mid-way"
        before = [site.article_requests() for site in sites]
        again = run_cli(*args, env=_env(tmp_path))
        assert again.returncode == 0, again.stderr[-3000:]
        assert "resuming an unfinished job" in again.stderr
    stored = _urls(db)
    assert len(stored) == 300 == len(set(stored))  # none lost, none twice
    committed_refetched = 0
    for site, earlier in zip(sites, before, strict=True):
        fetched_again = Counter(site.article_requests()) - Counter(dict.fromkeys(earlier, 1))
        assert all(count == 1 for count in fetched_again.values())  # at most twice in all
        committed_refetched += len({site.base + p for p in fetched_again} & stored_before)
    # Articles committed just before the kill whose "done" had not reached the job dir yet:
    # the in-flight window (the last batch or two), never the whole crawl.
    assert committed_refetched <= 2 * BATCH, committed_refetched
