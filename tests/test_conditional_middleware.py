"""The conditional GET middleware on its own: which validators it sends, what a 304 becomes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector

from newscrawl.conditional import ConditionalGetMiddleware
from newscrawl.db import make_engine, upgrade
from newscrawl.db.checks import CheckStore, RevisitPolicy, Validators
from newscrawl.url_checks import NotModified, UrlCheckExtension

FEED = "https://example.com/feed.xml"
SECTION = "https://example.com/world/"
LINKS = (("https://example.com/world/page/2", "listing", 2),)


class _Stats(StatsCollector):
    def __init__(self) -> None:
        self._stats = {}


def _middleware(tmp_path: Path, send: bool = True) -> tuple[ConditionalGetMiddleware, _Stats]:
    engine = make_engine(f"sqlite:///{tmp_path / 'news.db'}")
    upgrade(engine)
    store = CheckStore(engine, RevisitPolicy(timedelta(hours=48)))
    checks = UrlCheckExtension(store, send, flush_seconds=3600)  # no write: no event loop here
    checks.site = "example.com"
    checks.validators = {
        FEED: Validators(etag='"f1"'),
        SECTION: Validators(last_modified="Wed, 01 May 2024 08:00:00 GMT", links=LINKS),
    }
    stats = _Stats()
    return ConditionalGetMiddleware(checks, stats), stats


def _request(url: str, kind: str = "feed") -> Request:
    return Request(url, meta={"nc_kind": kind})


def test_the_stored_validators_are_sent(tmp_path: Path) -> None:
    middleware, stats = _middleware(tmp_path)
    feed, section = _request(FEED), _request(SECTION, "listing")
    middleware.process_request(feed)
    middleware.process_request(section)
    assert feed.headers[b"If-None-Match"] == b'"f1"' and b"If-Modified-Since" not in feed.headers
    assert section.headers[b"If-Modified-Since"] == b"Wed, 01 May 2024 08:00:00 GMT"
    assert stats.get_value("newscrawl/conditional_requests") == 2


def test_unknown_urls_robots_and_full_crawls_ask_plainly(tmp_path: Path) -> None:
    middleware, _ = _middleware(tmp_path)
    unknown, robots = _request("https://example.com/other.xml"), Request(FEED)  # no nc_kind
    for request in (unknown, robots):
        middleware.process_request(request)
        assert b"If-None-Match" not in request.headers
    full, _ = _middleware(tmp_path, send=False)
    request = _request(FEED)
    full.process_request(request)
    assert b"If-None-Match" not in request.headers


def test_a_redirect_hop_does_not_carry_the_last_urls_validators(tmp_path: Path) -> None:
    middleware, _ = _middleware(tmp_path)
    request = _request(FEED)
    middleware.process_request(request)
    moved = request.replace(url="https://example.com/rss/")  # as RedirectMiddleware builds it
    middleware.process_request(moved)
    assert b"If-None-Match" not in moved.headers


def test_a_304_is_not_modified_with_the_links_the_page_gave(tmp_path: Path) -> None:
    middleware, stats = _middleware(tmp_path)
    request = _request(SECTION, "listing")
    middleware.process_request(request)
    with pytest.raises(NotModified) as raised:
        middleware.process_response(request, Response(SECTION, status=304, request=request))
    assert raised.value.links == LINKS
    assert stats.get_value("newscrawl/not_modified") == 1
    assert stats.get_value("newscrawl/not_modified/listing") == 1
    assert stats.get_value("newscrawl/errors") is None
    ok = Response(SECTION, status=200, request=request)
    assert middleware.process_response(request, ok) is ok


def test_a_304_nobody_asked_for_is_left_to_the_error_handling(tmp_path: Path) -> None:
    middleware, _ = _middleware(tmp_path)
    request = _request("https://example.com/other.xml")
    middleware.process_request(request)
    odd = Response(request.url, status=304, request=request)
    assert middleware.process_response(request, odd) is odd
