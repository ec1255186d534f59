"""Recurring-crawl bench: re-run cost and kill -9 recovery on a local site of 2,000 articles.

    python bench/recurring.py [--articles 2000] [--latency 0.0] [--errors 0.0]

1. A first run, then a second run over the unchanged site (same database, same job dir):
   the second must download < 2 % of the articles and take < 10 % of the first's time.
2. A fresh database: a crawl killed with SIGKILL (with its workers) at a random point, then
   the same command again: 0 articles lost, 0 stored twice, and the articles downloaded
   twice no more than the in-flight window (reported).
The site (bench/news_site.py) counts what it serves; times are wall-clock per command.
Everything the crawls write (databases, job dirs, WARC, spool) goes into one scratch
directory, removed at the end; never into the repository's ``data/``.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.news_site import NewsSite, serve_news_site

REPO = Path(__file__).resolve().parents[1]


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    env.update(NEWSCRAWL_DATA_DIR=str(tmp), NEWSCRAWL_PROFILE="fast", NEWSCRAWL_LOG_LEVEL="ERROR")
    return env


def _crawl(site: NewsSite, db: Path, tmp: Path) -> float:
    started = time.monotonic()
    cmd = [
        sys.executable,
        "-m",
        "newscrawl.cli",
        "crawl",
        site.base + "/",
        "--db",
        f"sqlite:///{db}",
    ]
    subprocess.run(cmd, env=_env(tmp), cwd=REPO, capture_output=True, check=True, timeout=1800)
    return time.monotonic() - started


def _stored(db: Path) -> list[str]:
    try:
        with sqlite3.connect(db) as conn:
            return [r[0] for r in conn.execute("SELECT canonical_url FROM articles")]
    except sqlite3.Error:
        return []


def _scratch(parent: Path, name: str) -> Path:
    path = parent / name
    path.mkdir()
    return path


def rerun(articles: int, latency: float, errors: float, scratch: Path) -> tuple[bool, set[str]]:
    tmp = _scratch(scratch, "rerun")
    site = NewsSite(articles, latency=latency, error_rate=errors)
    with serve_news_site(site):
        first = _crawl(site, tmp / "news.db", tmp)
        fetched_first = sum(site.article_downloads().values())
        before = Counter(site.article_downloads())
        second = _crawl(site, tmp / "news.db", tmp)
        fetched_second = sum((Counter(site.article_downloads()) - before).values())
    share, ratio = fetched_second / articles, second / first
    print(f"first run:  {first:6.1f} s, {fetched_first} article downloads")
    print(f"second run: {second:6.1f} s, {fetched_second} article downloads")
    print(f"  downloads {share:.1%} of the articles (target < 2 %)  {_ok(share < 0.02)}")
    print(f"  time {ratio:.1%} of the first run (target < 10 %)  {_ok(ratio < 0.10)}")
    paths = {url.split("/", 3)[3] for url in _stored(tmp / "news.db")}
    return share < 0.02 and ratio < 0.10, paths


def kill_and_resume(
    articles: int, latency: float, errors: float, seed: int, expected: set[str], scratch: Path
) -> bool:
    """``expected``: the paths an uninterrupted run stored (the site may have pages that are
    never stored, e.g. ones a filter judges soft 404s)."""
    tmp = _scratch(scratch, "kill9")
    db = tmp / "news.db"
    site = NewsSite(articles, latency=latency, error_rate=errors)
    target = random.Random(seed).randint(articles // 10, articles * 9 // 10)
    with serve_news_site(site):
        cmd = [sys.executable, "-m", "newscrawl.cli", "crawl", site.base + "/"]
        crawl = subprocess.Popen(
            [*cmd, "--db", f"sqlite:///{db}"],
            env=_env(tmp),
            cwd=REPO,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        while crawl.poll() is None and sum(site.article_downloads().values()) < target:
            time.sleep(0.01)
        os.killpg(crawl.pid, signal.SIGKILL)
        crawl.wait()
        stored_at_kill = set(_stored(db))
        downloaded_at_kill = Counter(site.article_downloads())
        _crawl(site, db, tmp)
    stored = _stored(db)
    lost = len(expected - {url.split("/", 3)[3] for url in stored})
    twice = len(stored) - len(set(stored))
    again = Counter(site.article_downloads()) - Counter(dict.fromkeys(downloaded_at_kill, 1))
    committed_again = len({site.base + p for p in again} & stored_at_kill)
    print(
        f"kill -9 after {sum(downloaded_at_kill.values())} article downloads "
        f"({len(stored_at_kill)} stored): then {lost} lost, {twice} stored twice, "
        f"{len(again)} downloaded again, of which {committed_again} had been stored "
        f"(in flight: downloaded, not yet committed, or committed in the last instant)"
    )
    ok = lost == 0 and twice == 0 and max(again.values(), default=1) == 1
    print(f"  0 lost, 0 twice, each re-download once  {_ok(ok)}")
    return ok


def _ok(flag: bool) -> str:
    return "PASS" if flag else "FAIL"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds per request")
    parser.add_argument(
        "--errors", type=float, default=0.0, help="share of URLs whose first request gets a 503"
    )
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    print(
        f"site of {args.articles} articles, {args.latency * 1000:.0f} ms latency, "
        f"{args.errors:.0%} transient errors, seed {args.seed}"
    )
    with tempfile.TemporaryDirectory(prefix="newscrawl-recurring-") as scratch:
        ok, expected = rerun(args.articles, args.latency, args.errors, Path(scratch))
        print(f"an uninterrupted run stores {len(expected)} of the {args.articles} articles")
        ok = (
            kill_and_resume(
                args.articles, args.latency, args.errors, args.seed, expected, Path(scratch)
            )
            and ok
        )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
