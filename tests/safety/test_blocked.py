"""Blocked is an outcome: a site behind a challenge, one that starts blocking, soft 404s.

One run of the real command crawls the three sites at once, as a user's run would.
"""

from __future__ import annotations

import json
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.cli.run import newscrawl as run_cli
from tests.safety.site import (
    CHALLENGE_PAGE as CHALLENGE,
)
from tests.safety.site import (
    SOFT_404_PAGE as SOFT_404,
)
from tests.safety.site import (
    Handler,
    Route,
    article_paths,
    news_routes,
    page,
    serve,
)

SERVED_BEFORE_BLOCKING = 5


@dataclass
class BlockedRun:
    done: subprocess.CompletedProcess[str]
    stored: dict[str, int]  # site (host:port) -> articles stored
    challenge: str
    midway: str
    soft404: str


def _challenge_site() -> dict[str, Route]:
    routes = news_routes(6)
    for path in routes:
        status = 200 if path in {"/", "/robots.txt"} else 403
        routes[path] = page(CHALLENGE, status=status)
    return routes


def _midway_site() -> dict[str, Route]:
    """Serves a few articles, then answers everything with a 403 challenge."""
    routes = news_routes(12)
    served = [0]
    lock = threading.Lock()
    blocked = page(CHALLENGE, status=403)
    for path in article_paths(12):
        real = routes[path]

        def route(handler: Handler, real: Route = real) -> None:
            with lock:
                served[0] += 1
                ok = served[0] <= SERVED_BEFORE_BLOCKING
            (real if ok else blocked)(handler)

        routes[path] = route
    return routes


def _soft404_site() -> dict[str, Route]:
    routes = news_routes(3)
    missing = "/news/a-story-that-was-taken-down-last-week"
    routes["/"] = page(
        "<html><head><title>Front</title></head><body>"
        + "".join(f"<a href='{p}'>{p}</a> " for p in [*article_paths(3), missing])
        + "</body></html>"
    )
    routes[missing] = page(SOFT_404)
    return routes


@pytest.fixture(scope="module")
def blocked_run(tmp_path_factory: pytest.TempPathFactory) -> BlockedRun:
    db = f"sqlite:///{Path(tmp_path_factory.mktemp('blocked')) / 'news.db'}"
    with serve(_challenge_site()) as a, serve(_midway_site()) as b, serve(_soft404_site()) as c:
        done = run_cli(
            "crawl", a.url("/"), b.url("/"), c.url("/"), "--db", db,
            env={"NEWSCRAWL_BLOCKED_STOP_AFTER": "4"},
        )  # fmt: skip
    export = run_cli("export", "--db", db, "--format", "jsonl")
    stored: dict[str, int] = {}
    for line in export.stdout.splitlines():
        site = urlsplit(json.loads(line)["url"]).netloc
        stored[site] = stored.get(site, 0) + 1
    names = [urlsplit(s.base_url).netloc for s in (a, b, c)]
    return BlockedRun(done, stored, *names)


def test_a_site_behind_a_challenge_ends_the_run_with_blocked(blocked_run: BlockedRun) -> None:
    assert blocked_run.done.returncode == 5, blocked_run.done.stderr
    assert f"{blocked_run.challenge}: blocked: all" in blocked_run.done.stdout
    assert blocked_run.challenge not in blocked_run.stored


def test_blocked_pages_are_logged_once_per_site(blocked_run: BlockedRun) -> None:
    lines = [line for line in blocked_run.done.stderr.splitlines() if "pages blocked" in line]
    assert len([line for line in lines if blocked_run.challenge in line]) == 1
    assert len([line for line in lines if blocked_run.midway in line]) == 1


def test_a_site_that_starts_blocking_keeps_what_was_stored(blocked_run: BlockedRun) -> None:
    assert blocked_run.stored[blocked_run.midway] == SERVED_BEFORE_BLOCKING
    assert f"{blocked_run.midway}: " in blocked_run.done.stdout
    assert "pages blocked (refused us)" in blocked_run.done.stdout
    assert "in a row refused us; stopping this site" in blocked_run.done.stderr


def test_soft_404s_are_counted_not_stored(blocked_run: BlockedRun) -> None:
    assert blocked_run.stored[blocked_run.soft404] == 3
    assert f"{blocked_run.soft404}: 1 soft 404 pages (not found)" in blocked_run.done.stdout
