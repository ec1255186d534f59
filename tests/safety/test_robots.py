"""robots.txt is obeyed by every request, also those sent while it was being downloaded."""

from __future__ import annotations

from pathlib import Path

from scrapy.utils.test import get_crawler
from twisted.internet.defer import Deferred

from newscrawl.middlewares.robots import SharedRobotsTxtMiddleware, observed
from tests.cli.run import newscrawl as run_cli
from tests.safety.site import news_routes, serve


def test_a_site_that_disallows_everything_is_asked_for_robots_txt_only(tmp_path: Path) -> None:
    # The start requests (homepage, feed paths) all wait for robots.txt at once: with
    # Scrapy's own middleware all but the first went out unchecked.
    with serve(news_routes(3, robots="User-agent: *\nDisallow: /\n")) as site:
        done = run_cli("crawl", site.url("/"), "--db", f"sqlite:///{tmp_path / 'news.db'}")
    assert set(site.paths) == {"/robots.txt"}, site.paths
    assert "no new article: robots.txt disallows the pages" in done.stdout


def test_every_observer_of_a_deferred_gets_its_result() -> None:
    source: Deferred[str] = Deferred()
    results: list[str] = []
    for _ in range(3):
        observed(source).addCallback(results.append)
    source.addCallback(results.append)
    source.callback("parser")
    assert results == ["parser"] * 4


def test_scrapys_private_parser_map_is_still_there() -> None:
    """SharedRobotsTxtMiddleware reads Scrapy's private ``_parsers``: this fails if it goes."""
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True})
    middleware = SharedRobotsTxtMiddleware.from_crawler(crawler)
    assert isinstance(middleware._parsers, dict)
