"""``newscrawl check SITE``: the sources a crawl would read and what their URLs are, as a
user sees it, against local sites; no article is downloaded and nothing is written."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from bench.news_site import NewsSite, serve_news_site
from newscrawl.exit_codes import ExitCode
from tests.cli.run import newscrawl as run_cli
from tests.safety.site import CHALLENGE_PAGE, news_routes, page, serve

ARTICLES = 30


def _row(stdout: str, source: str) -> tuple[int, ...]:
    """(read, URLs, new, already stored) of a source's row; the total row has no 'read'."""
    found = re.search(rf"^{source}\s+([\d\s]+)$", stdout, re.M)
    assert found, stdout
    return tuple(int(n) for n in found[1].split())


def _tables(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {
            table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("articles", "crawl_runs")
        }


@pytest.mark.slow
def test_check_before_and_after_crawls_counts_new_and_stored_without_downloading(
    tmp_path: Path,
) -> None:
    db = tmp_path / "news.db"
    with serve_news_site(NewsSite(articles=ARTICLES)) as site:
        first = run_cli("check", site.base + "/", env={"NEWSCRAWL_DATA_DIR": str(tmp_path)})
        assert first.returncode == ExitCode.OK, first.stderr
        assert "no database yet" in first.stderr and "every URL counts as new" in first.stderr
        assert _row(first.stdout, "sitemap") == (1, ARTICLES, ARTICLES, 0)
        assert _row(first.stdout, "feed") == (1, ARTICLES, ARTICLES, 0)
        assert _row(first.stdout, "news sitemap") == (0, 0, 0, 0)  # none on this site
        assert _row(first.stdout, r"all \(distinct\)") == (ARTICLES, ARTICLES, 0)
        assert f"{ARTICLES} new article URLs, 0 already stored" in first.stdout
        assert "robots.txt disallows 1 URL\n" in first.stdout  # /private/, linked everywhere
        assert not (tmp_path / "newscrawl.db").exists()  # nothing written, not even a file

        crawl = run_cli("crawl", site.base + "/", "--db", f"sqlite:///{db}", "--max-articles", "10")
        assert crawl.returncode == ExitCode.OK, crawl.stderr
        before, downloaded = _tables(db), sum(site.article_requests().values())
        second = run_cli("check", site.base + "/", "--db", f"sqlite:///{db}")
        assert second.returncode == ExitCode.OK, second.stderr
        assert _row(second.stdout, "sitemap") == (1, ARTICLES, ARTICLES - 10, 10)
        assert f"{ARTICLES - 10} new article URLs, 10 already stored" in second.stdout
        assert "no new article" not in second.stdout
        assert _tables(db) == before  # no article and no crawl run written

        run_cli("crawl", site.base + "/", "--db", f"sqlite:///{db}")
        third = run_cli("check", site.base + "/", "--db", f"sqlite:///{db}")
        assert third.returncode == ExitCode.OK, third.stderr
        assert "no new article: everything listed is already stored" in third.stdout
        assert _row(third.stdout, r"all \(distinct\)") == (ARTICLES, 0, ARTICLES)
        checks = [first, second, third]
        downloaded_by_crawls = sum(site.article_requests().values()) - downloaded
    assert downloaded_by_crawls == ARTICLES - 10  # the checks downloaded no article at all
    assert all(re.search(r"\d+ pages fetched: ", done.stdout) for done in checks)
    assert not any("unaccounted" in done.stdout for done in checks)


def test_check_says_why_a_site_gives_nothing_with_the_crawls_exit_codes(tmp_path: Path) -> None:
    robots = news_routes(3, robots="User-agent: *\nDisallow: /\n")
    blocked = news_routes(3)
    for path in blocked:
        blocked[path] = page(CHALLENGE_PAGE, status=403)
    with serve(robots) as closed, serve(blocked) as walled:
        disallowed = run_cli("check", closed.url("/"), env={"NEWSCRAWL_DATA_DIR": str(tmp_path)})
        refused = run_cli("check", walled.url("/"), env={"NEWSCRAWL_DATA_DIR": str(tmp_path)})
        port = walled.port
    assert disallowed.returncode == ExitCode.OK, disallowed.stderr
    assert "no new article: robots.txt disallows the pages" in disallowed.stdout
    assert set(closed.paths) == {"/robots.txt"}  # nothing else was requested
    assert refused.returncode == ExitCode.BLOCKED, refused.stderr
    assert "no new article: every page was blocked" in refused.stdout

    gone = run_cli("check", f"http://127.0.0.1:{port}/", env={"NEWSCRAWL_DATA_DIR": str(tmp_path)})
    assert gone.returncode == ExitCode.NOTHING_CRAWLED
    assert "nothing crawled" in gone.stderr


def test_check_with_an_unreachable_store_exits_3(tmp_path: Path) -> None:
    with serve_news_site(NewsSite(articles=3)) as site:
        done = run_cli(
            "check", site.base + "/", "--db", "postgresql://nobody@127.0.0.1:1/news",
            env={"NEWSCRAWL_DB_CONNECT_TIMEOUT": "2"},
        )  # fmt: skip
    assert done.returncode == ExitCode.DATABASE, done.stdout + done.stderr
    assert "could not compare with the stored articles" in done.stderr


def test_check_of_an_unknown_site_is_a_usage_error() -> None:
    done = run_cli("check", "no-such-site")
    assert done.returncode == ExitCode.USAGE
    assert "unknown target no-such-site" in done.stderr
