"""``newscrawl run`` (lock), ``newscrawl schedule``, and what Ctrl-C / SIGTERM leave behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.news_site import NewsSite, serve_news_site
from newscrawl.exit_codes import ExitCode
from newscrawl.runlock import run_lock
from tests.cli.run import REPO
from tests.cli.run import newscrawl as run_cli


def test_a_second_overlapping_run_exits_at_once_with_its_own_code(tmp_path: Path) -> None:
    env = {"NEWSCRAWL_DATA_DIR": str(tmp_path)}
    with run_lock(tmp_path):  # a run in progress
        result = run_cli("run", "http://127.0.0.1:9/", env=env)
    assert result.returncode == ExitCode.LOCKED
    assert "another newscrawl run is in progress" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_needs_sites_or_all() -> None:
    result = run_cli("run")
    assert result.returncode == ExitCode.USAGE
    assert "--all" in result.stderr


def test_schedule_runs_again_and_the_rerun_downloads_no_article(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    env = {"NEWSCRAWL_DATA_DIR": str(tmp_path), "NEWSCRAWL_EXTRACT_WORKERS": "1"}
    with serve_news_site(NewsSite(articles=12)) as site:
        result = run_cli(
            "schedule", site.base + "/", "--every", "0.1s", "--runs", "2", "--db", db, env=env
        )
    assert result.returncode == ExitCode.OK, result.stderr[-2000:]
    assert "run 1:" in result.stderr and "run 2:" in result.stderr
    assert sorted(set(site.article_requests().values())) == [1]  # each article fetched once
    assert site.requests["/sitemap.xml"] == 2


def _default_signals() -> None:
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _interrupt(
    tmp_path: Path, site: NewsSite, signum: int, after: float, at_first_line: bool = False
) -> tuple[int, str]:
    """Run a crawl and send it ``signum``: ``after`` seconds after the site saw its first
    request, or (``at_first_line``) as soon as it said its first line, when start-up is under
    way whatever the machine's load."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    environ.update(NEWSCRAWL_DATA_DIR=str(tmp_path), NEWSCRAWL_EXTRACT_WORKERS="1")
    db = f"sqlite:///{tmp_path / 'news.db'}"
    crawl = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "crawl", site.base + "/", "--db", db],
        env=environ,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_signals,  # a test runner in the background may ignore SIGINT
    )
    first = ""
    if at_first_line:
        assert crawl.stderr is not None
        first = crawl.stderr.readline()
    else:  # mid-crawl: ``after`` seconds after the site got its first request
        deadline = time.monotonic() + 120
        while not site.requests and time.monotonic() < deadline and crawl.poll() is None:
            time.sleep(0.01)  # polling the site's counter, not waiting for timing
        deadline = time.monotonic() + after
        while time.monotonic() < deadline and crawl.poll() is None:
            time.sleep(0.01)
    crawl.send_signal(signum)
    out, err = crawl.communicate(timeout=60)
    return crawl.returncode, out + first + err


def test_ctrl_c_at_start_up_and_sigterm_mid_crawl_exit_130_without_a_traceback(
    tmp_path: Path,
) -> None:
    with serve_news_site(NewsSite(articles=400, latency=0.3)) as site:
        code, output = _interrupt(tmp_path, site, signal.SIGINT, after=0, at_first_line=True)
        assert code == ExitCode.INTERRUPTED, output
        assert "interrupted" in output and "Traceback" not in output
        code, output = _interrupt(tmp_path, site, signal.SIGTERM, after=1.0)
        assert site.requests  # the crawl got as far as the site
        assert code == ExitCode.INTERRUPTED, output
        assert "interrupted" in output and "Traceback" not in output
    assert "summary" in output  # what the run did before it stopped is reported
