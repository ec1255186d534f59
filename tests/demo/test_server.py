"""The outlet server: loopback only, records requests, HEAD and GET, delays without blocking."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest

from newscrawl.demo import Outlet, Resource, serve_outlet
from tests.demo.fetching import fetch


def tiny_outlet() -> Outlet:
    resources = {
        "/": Resource(200, "text/html", b"<a href='{base}/a'>a</a>", templated=True),
        "/slow": Resource(200, "text/plain", b"late", delay=5.0),
        "/q?x=1": Resource(200, "text/plain", b"query", headers={"X-Demo": "yes"}),
    }
    return Outlet("tiny", resources, [], list(resources), [], {})


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "localhost", "example.com"])
def test_refuses_non_loopback_hosts(host: str) -> None:
    with pytest.raises(ValueError, match="refusing"), serve_outlet(tiny_outlet(), host=host):
        pass


def test_serves_rendered_bytes_and_records_requests_in_order() -> None:
    with serve_outlet(tiny_outlet()) as running:
        assert running.host == "127.0.0.1"
        assert running.base_url.startswith("http://127.0.0.1:")
        home = fetch(running.url("/"))
        query = fetch(running.url("/q?x=1"))
        missing = fetch(running.url("/nope"))
        head = fetch(running.url("/"), method="HEAD")
    assert home.body == f"<a href='{running.base_url}/a'>a</a>".encode()
    assert home.headers["Content-Length"] == str(len(home.body))
    assert (query.body, query.headers["X-Demo"]) == (b"query", "yes")
    assert missing.status == 404
    assert head.status == 200 and head.body == b""
    assert head.headers["Content-Length"] == str(len(home.body))
    assert running.requests == ["/", "/q?x=1", "/nope", "/"]
    assert running.requested("/nope") and not running.requested("/slow")


def give_up_on(url: str) -> None:
    with contextlib.suppress(TimeoutError):
        fetch(url, timeout=0.2)


def test_a_slow_page_does_not_block_others_nor_shutdown() -> None:
    started = time.monotonic()
    with serve_outlet(tiny_outlet()) as running:
        slow = threading.Thread(target=give_up_on, args=(running.url("/slow"),))
        slow.start()
        time.sleep(0.05)
        assert fetch(running.url("/"), timeout=1).status == 200
        slow.join()
    assert time.monotonic() - started < 1.5
    assert running.requests[0] == "/slow"
