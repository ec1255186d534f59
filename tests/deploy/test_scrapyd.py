"""scrapy.cfg's [deploy] target works with a real Scrapyd, as the README tells.

Scrapyd runs on 127.0.0.1 in a temporary directory with its own config; the project is
deployed with ``scrapyd-deploy`` from a copy of the repository (its scrapy.cfg pointed at
that Scrapyd), a job crawls a local news site, and the articles must be in the database the
job was given as a setting. Under CI a Scrapyd that cannot start fails the test.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.news_site import NewsSite, serve_news_site
from tests.cli.run import REPO

START_TIMEOUT = 60.0  # seconds for Scrapyd to answer
JOB_TIMEOUT = 180.0  # seconds for the crawl job to finish
ARTICLES = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _call(base: str, endpoint: str, **form: str | list[str]) -> dict[str, Any]:
    """GET ``endpoint`` (POST when ``form`` is given) and return its JSON."""
    data = urllib.parse.urlencode(form, doseq=True).encode() if form else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=data, timeout=30) as response:
        return dict(json.load(response))


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"Scrapyd could not be started: {reason}")
    pytest.skip(f"Scrapyd could not be started: {reason}")


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A Scrapyd on 127.0.0.1 (its eggs, logs and queues in ``tmp_path``); yields its URL."""
    port = _free_port()
    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\npoll_interval = 0.5\nitems_dir =\n"
        + "".join(f"{name}_dir = {home / name}\n" for name in ("eggs", "logs", "dbs"))
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    with (home / "scrapyd.out").open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "scrapyd"], cwd=home, env=environ, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server, home / "scrapyd.out")
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _wait_until_up(base: str, server: subprocess.Popen[bytes], output: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            _unavailable(f"exit code {server.returncode}: {output.read_text()[-2000:]}")
        try:
            if _call(base, "daemonstatus.json").get("status") == "ok":
                return
        except OSError:
            time.sleep(0.2)  # not listening yet
    _unavailable(f"no answer on {base} within {START_TIMEOUT:.0f} s")


def _deploy(base: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """``scrapyd-deploy`` from a copy of the project whose [deploy] url is ``base``."""
    project = tmp_path / "project"
    shutil.copytree(
        REPO / "newscrawl",
        project / "newscrawl",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    for name in ("setup.py", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, project / name)
    config = configparser.ConfigParser()
    config.read(REPO / "scrapy.cfg")
    assert config["deploy"]["project"] == "newscrawl"
    config["deploy"]["url"] = base + "/"
    with (project / "scrapy.cfg").open("w") as cfg:
        config.write(cfg)
    return subprocess.run(
        [sys.executable, "-m", "scrapyd_client.deploy", "--version", "r1"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _wait_for_job(base: str, job: str) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_TIMEOUT
    while time.monotonic() < deadline:
        jobs = _call(base, "listjobs.json?project=newscrawl")
        finished = [j for j in jobs["finished"] if j["id"] == job]
        if finished:
            return dict(finished[0])
        time.sleep(0.5)  # polling the job list, as a user's script would
    raise AssertionError(f"job {job} did not finish within {JOB_TIMEOUT:.0f} s: {jobs}")


def _scrapy_crawl(project: Path, url: str, data: Path, db: Path, *settings: str) -> str:
    """A plain ``scrapy crawl news -a url=...`` in the project, as a Scrapy user runs it."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    environ.update(NEWSCRAWL_DATA_DIR=str(data), NEWSCRAWL_DATABASE_URL=f"sqlite:///{db}")
    local = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False")  # a local site: no polite pace
    options = [arg for setting in (*local, *settings) for arg in ("-s", setting)]
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"url={url}", *options],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=JOB_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def _stored(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT canonical_url FROM articles")]


@pytest.mark.slow
@pytest.mark.timeout(240)  # Scrapyd's start and job, and a plain scrapy crawl before it
def test_deploy_schedule_and_the_articles_are_stored(scrapyd: str, tmp_path: Path) -> None:
    """Deployed and scheduled, a Scrapyd job stores the site's articles; like ``newscrawl
    crawl`` and a plain ``scrapy crawl``, it keeps the target's job directory under the data
    dir without being told, so it resumes the job a ``scrapy crawl`` left unfinished."""
    deployed = _deploy(scrapyd, tmp_path)
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert '"status": "ok"' in deployed.stdout + deployed.stderr
    spiders = _call(scrapyd, "listspiders.json?project=newscrawl")["spiders"]
    assert "news" in spiders and len(spiders) > 1  # the generic spider and the bundled sites

    db, data = tmp_path / "news.db", tmp_path / "data"
    with serve_news_site(NewsSite(articles=ARTICLES)) as site:
        # a first crawl stops early (as a killed one would) and leaves its job unfinished
        project, url = tmp_path / "project", site.base + "/"
        _scrapy_crawl(project, url, data, db, "CLOSESPIDER_PAGECOUNT=10", "EXTRACT_WORKERS=0")
        job_dir = data / "jobs" / site.base.removeprefix("http://").replace(":", "_")
        assert (job_dir / "frontier.sqlite3").is_file()
        first = set(_stored(db))
        assert len(first) < ARTICLES

        scheduled = _call(
            scrapyd,
            "schedule.json",
            project="newscrawl",
            spider="news",
            url=site.base + "/",  # a spider argument
            setting=[
                f"DATABASE_URL=sqlite:///{db}",
                f"DATA_DIR={data}",  # the job directory follows it: not Scrapyd's cwd
                "EXTRACT_WORKERS=1",
                "DOWNLOAD_DELAY=0",  # a local site: not the polite pace
                "AUTOTHROTTLE_ENABLED=False",
                "CONCURRENT_REQUESTS_PER_DOMAIN=8",
            ],
        )
        assert scheduled["status"] == "ok", scheduled
        job = _wait_for_job(scrapyd, scheduled["jobid"])
        logs = tmp_path / "scrapyd" / "logs" / "newscrawl" / "news"
        log = (logs / f"{job['id']}.log").read_text()
        assert "(bot: newscrawl)" in log  # the egg's settings module, found by its entry point
        assert "'finish_reason': 'finished'" in log, log[-3000:]
        assert "Traceback" not in log, log[-3000:]
        assert "resuming an unfinished job" in log, log[-3000:]  # the scrapy crawl's job
        assert not (tmp_path / "scrapyd" / "data").exists()  # nothing under Scrapyd's cwd
        assert site.requests["/private/admin"] == 0  # robots.txt is obeyed under Scrapyd too
        again = [url for url in first if site.requests[url.removeprefix(site.base)] > 1]
        assert again == []  # what the first crawl stored was not downloaded again
    stored = _stored(db)
    assert len(stored) == len(set(stored)) == ARTICLES
    assert all(url.startswith(site.base + "/news/") for url in stored)
