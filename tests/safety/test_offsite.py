"""A crawled site links and redirects to another port and to 127.0.0.2: nothing goes there."""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.run import newscrawl as run_cli
from tests.safety.site import (
    Served,
    article_html,
    article_paths,
    listing_html,
    news_routes,
    page,
    serve,
)


@dataclass
class OffsiteRun:
    done: subprocess.CompletedProcess[str]
    stored: list[str]
    other_port: Served
    other_host: Served


def _redirect(location: str) -> object:
    return page("", status=302, headers={"Location": location})


@pytest.fixture(scope="module")
def offsite_run(tmp_path_factory: pytest.TempPathFactory) -> OffsiteRun:
    db = f"sqlite:///{Path(tmp_path_factory.mktemp('offsite')) / 'news.db'}"
    trap = {"/": page(article_html("Internal service")), "/admin": page("secret")}
    with serve(trap) as other_port, serve(trap, host="127.0.0.2") as other_host:
        slug = "/news/a-story-on-another-service-entirely"
        stories = article_paths(3)
        links = (*stories, "/news/moved-to-another-port-for-good",
                 "/news/moved-to-another-address-for-good",
                 other_port.url(slug), other_host.url(slug))  # fmt: skip
        routes = {
            "/robots.txt": page("User-agent: *\nAllow: /\n", ctype="text/plain"),
            "/": page(listing_html("Front page", links)),
            links[3]: _redirect(other_port.url("/admin")),
            links[4]: _redirect(other_host.url("/admin")),
        }
        for n, path in enumerate(stories):
            routes[path] = page(article_html(f"Harbour story {n}", (other_port.url(slug),)))
        with serve(routes) as site:
            done = run_cli("crawl", site.url("/"), "--db", db)
    export = run_cli("export", "--db", db, "--format", "jsonl")
    stored = [json.loads(line)["url"] for line in export.stdout.splitlines()]
    return OffsiteRun(done, stored, other_port, other_host)


def test_no_request_reaches_another_port_or_address(offsite_run: OffsiteRun) -> None:
    assert offsite_run.other_port.paths == []
    assert offsite_run.other_host.paths == []


def test_the_site_is_still_crawled(offsite_run: OffsiteRun) -> None:
    assert offsite_run.done.returncode == 0, offsite_run.done.stderr
    assert len(offsite_run.stored) == 3


def test_refused_requests_are_counted_and_logged_once(offsite_run: OffsiteRun) -> None:
    out, err = offsite_run.done.stdout, offsite_run.done.stderr
    refused = re.search(r"(\d+) requests refused", out)
    assert refused is not None and int(refused.group(1)) >= 2, out
    assert err.count("further refused requests are counted") == 1, err


def test_a_target_named_by_host_name_is_resolved_and_crawled(tmp_path: Path) -> None:
    """localhost resolves to a loopback address: allowed, because the user named it."""
    db = f"sqlite:///{tmp_path / 'news.db'}"
    with serve(news_routes(2)) as site:
        done = run_cli("crawl", f"http://localhost:{site.port}/", "--db", db)
    assert done.returncode == 0, done.stderr
    assert "refused" not in done.stdout + done.stderr
    export = run_cli("export", "--db", db, "--format", "jsonl")
    assert len(export.stdout.splitlines()) == 2
