"""Polite defaults: Crawl-delay, Retry-After, AutoThrottle, a User-Agent with a contact, and
nothing listening. Crawls run the real command against a local site (fast profile, as every
test against a local site does)."""

from __future__ import annotations

import itertools
import json
import subprocess
import time
from pathlib import Path

import pytest

from newscrawl.crawl import project_settings
from newscrawl.settings import profile_settings
from tests.cli.run import newscrawl as run_cli
from tests.safety.site import Handler, Route, article_paths, news_routes, page, serve


def _stored(db: str) -> list[str]:
    done = run_cli("export", "--db", db, "--format", "jsonl")
    return [json.loads(line)["url"] for line in done.stdout.splitlines()]


def test_defaults_are_polite_and_the_fast_profile_is_explicit() -> None:
    polite = project_settings()
    assert polite.getbool("ROBOTSTXT_OBEY") and polite.getbool("AUTOTHROTTLE_ENABLED")
    assert 2 <= polite.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 4
    assert polite.getfloat("DOWNLOAD_DELAY") > 0
    assert not polite.getbool("TELNETCONSOLE_ENABLED")
    assert not polite.getbool("REMOTE_CONTROL_ENABLED")
    assert polite.get("USER_AGENT").startswith("newscrawl/")
    fast = project_settings(PROFILE="fast")
    assert not fast.getbool("AUTOTHROTTLE_ENABLED")
    assert fast.getint("CONCURRENT_REQUESTS_PER_DOMAIN") > 4
    assert fast.getbool("ROBOTSTXT_OBEY")  # robots.txt and Crawl-delay hold in every profile


def test_the_user_agent_names_the_contact_the_user_set() -> None:
    settings = project_settings(CONTACT="mailto:news-team@example.org")
    assert settings.get("USER_AGENT") == "newscrawl/0.1 (+mailto:news-team@example.org)"


def test_an_explicit_environment_setting_beats_the_profile() -> None:
    env = {"NEWSCRAWL_CONCURRENT_REQUESTS_PER_DOMAIN": "3"}
    assert "CONCURRENT_REQUESTS_PER_DOMAIN" not in profile_settings("fast", env)
    with pytest.raises(SystemExit, match="polite, fast"):
        profile_settings("turbo", {})


@pytest.fixture(scope="module")
def delayed_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[float], list[str], str]:
    """A site whose robots.txt asks for Crawl-delay: 1, crawled with the fast profile."""
    tmp = tmp_path_factory.mktemp("delay")
    db, log = f"sqlite:///{tmp / 'news.db'}", tmp / "crawl.log"
    agents: list[str] = []
    routes = news_routes(3, robots="User-agent: *\nCrawl-delay: 1\nAllow: /\n")
    home = routes["/"]

    def homepage(handler: Handler) -> None:
        agents.append(handler.headers.get("User-Agent", ""))
        home(handler)

    routes["/"] = homepage
    with serve(routes) as site:
        done = run_cli(
            "crawl", site.url("/"), "--db", db, "--log-file", str(log),
            env={"NEWSCRAWL_CONTACT": "https://example.org/crawler"},
        )  # fmt: skip
        times = [t for t, _ in site.log]
    assert done.returncode == 0, done.stderr
    assert len(_stored(db)) == 3
    return times, agents, log.read_text()


def test_crawl_delay_spaces_every_request(
    delayed_crawl: tuple[list[float], list[str], str],
) -> None:
    times = delayed_crawl[0]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert len(times) >= 5
    assert min(gaps) >= 0.9, gaps


def test_the_user_agent_carries_the_contact(
    delayed_crawl: tuple[list[float], list[str], str],
) -> None:
    assert delayed_crawl[1] == ["newscrawl/0.1 (+https://example.org/crawler)"]


def test_no_telnet_console_or_remote_control(
    delayed_crawl: tuple[list[float], list[str], str],
) -> None:
    log = delayed_crawl[2]
    enabled = log.split("Enabled extensions:", 1)[1].split("]", 1)[0]
    assert "CoreStats" in enabled
    assert "TelnetConsole" not in enabled and "RemoteControl" not in enabled


def _crawl(site_routes: dict[str, Route], tmp: Path, env: dict[str, str]) -> tuple[
    subprocess.CompletedProcess[str], list[tuple[float, str]], int, list[str]
]:  # fmt: skip
    db = f"sqlite:///{tmp / 'news.db'}"
    with serve(site_routes) as site:
        done = run_cli("crawl", site.url("/"), "--db", db, env=env)
        log, peak = list(site.log), site.peak_in_flight
    return done, log, peak, _stored(db)


def test_retry_after_is_honoured_on_429(tmp_path: Path) -> None:
    routes = news_routes(2)
    target = article_paths(2)[0]
    calls: list[int] = []
    ok = routes[target]
    busy = page("slow down", status=429, headers={"Retry-After": "2"})

    def throttled(handler: Handler) -> None:
        calls.append(1)
        (busy if len(calls) == 1 else ok)(handler)

    routes[target] = throttled
    done, log, _, stored = _crawl(routes, tmp_path, {})
    assert done.returncode == 0, done.stderr
    hits = [t for t, path in log if path == target]
    assert len(hits) == 2 and hits[1] - hits[0] >= 1.9
    assert len(stored) == 2


def test_autothrottle_keeps_one_site_within_its_concurrency(tmp_path: Path) -> None:
    """The polite profile with 200 ms answers: never more than 2 requests in flight."""
    routes = {path: page_with_latency(route) for path, route in news_routes(10).items()}
    env = {"NEWSCRAWL_PROFILE": "polite", "NEWSCRAWL_DOWNLOAD_DELAY": "0",
           "NEWSCRAWL_AUTOTHROTTLE_START_DELAY": "0.1"}  # fmt: skip
    done, _log, peak, stored = _crawl(routes, tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert len(stored) == 10
    assert 1 <= peak <= project_settings().getint("CONCURRENT_REQUESTS_PER_DOMAIN")
    assert "set NEWSCRAWL_CONTACT" in done.stderr  # no contact set: one warning


def page_with_latency(route: Route, latency: float = 0.2) -> Route:
    def slow(handler: Handler) -> None:
        time.sleep(latency)
        route(handler)

    return slow


def test_only_remote_control_is_left_out_of_scrapys_base_extensions() -> None:
    """newscrawl's EXTENSIONS_BASE is Scrapy's without RemoteControl (its module imports
    aiohttp at every start); a Scrapy that adds or renames a base extension fails here."""
    from scrapy.settings import default_settings

    scrapy_base = dict(default_settings.EXTENSIONS_BASE)
    assert scrapy_base.pop("scrapy.extensions.remote_control.RemoteControl") == 0
    assert project_settings().getdict("EXTENSIONS_BASE") == scrapy_base


def test_only_cookies_are_left_out_of_scrapys_base_downloader_middlewares() -> None:
    """COOKIES_ENABLED is off and its middleware's module imports tldextract at every start;
    a Scrapy that adds or renames a base downloader middleware fails here."""
    from scrapy.settings import default_settings

    scrapy_base = dict(default_settings.DOWNLOADER_MIDDLEWARES_BASE)
    assert scrapy_base.pop("scrapy.downloadermiddlewares.cookies.CookiesMiddleware") == 700
    assert not project_settings().getbool("COOKIES_ENABLED")
    assert project_settings().getdict("DOWNLOADER_MIDDLEWARES_BASE") == scrapy_base
