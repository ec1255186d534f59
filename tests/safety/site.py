"""A tiny local site for the politeness and safety tests: routes, request log, concurrency.

Every route is a function of the handler, so a case can stream, stall or misbehave. The
server records each request (time, path) and the peak number of requests in flight.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.cli.run import CRAWL_TIMEOUT, REPO

Route = Callable[["Handler"], None]

WORDS = (
    "The harbour authority said on Tuesday that the new quay would open next spring, "
    "after two years of work and a budget that grew by a third. Fishermen welcomed the "
    "deeper berths but warned that fees could rise. The council will vote on the plan. "
)


def article_html(title: str, links: tuple[str, ...] = ()) -> str:
    hrefs = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>"
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2026-11-20T10:00:00Z">'
        f"</head><body><nav><ul>{hrefs}</ul></nav><article><h1>{title}</h1>"
        f"<p>{WORDS * 4}</p><p>{WORDS * 3}</p><p>{WORDS * 3}</p></article></body></html>"
    )


def listing_html(title: str, links: tuple[str, ...]) -> str:
    items = "".join(f'<li><a href="{href}">{href.strip("/")}</a></li>' for href in links)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head>"
        f"<body><h1>{title}</h1><ul>{items}</ul></body></html>"
    )


def page(body: str | bytes, status: int = 200, ctype: str = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None, delay: float = 0.0) -> Route:  # fmt: skip
    data = body.encode() if isinstance(body, str) else body

    def route(handler: Handler) -> None:
        if delay:
            time.sleep(delay)
        handler.send(status, data, ctype, headers or {})

    return route


@dataclass
class Served:
    base_url: str
    port: int
    log: list[tuple[float, str]] = field(default_factory=list)
    in_flight: int = 0
    peak_in_flight: int = 0

    @property
    def paths(self) -> list[str]:
        return [path for _, path in self.log]

    def url(self, path: str) -> str:
        return self.base_url + path


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    fallback: Route | None
    served: Served
    lock: threading.Lock

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-response (size caps, timeouts) are expected."""


class Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        served = self.server.served
        with self.server.lock:
            served.log.append((time.monotonic(), self.path))
            served.in_flight += 1
            served.peak_in_flight = max(served.peak_in_flight, served.in_flight)
        try:
            route = self.server.routes.get(self.path) or self.server.fallback
            if route is None:
                self.send(404, b"<h1>404</h1>", "text/html", {})
            else:
                route(self)
        finally:
            with self.server.lock:
                served.in_flight -= 1

    def send(self, status: int, body: bytes, ctype: str, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if "Content-Length" not in headers and "Transfer-Encoding" not in headers:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """No access log on stderr."""


@contextmanager
def serve(
    routes: dict[str, Route], host: str = "127.0.0.1", fallback: Route | None = None
) -> Iterator[Served]:
    """Serve ``routes`` on ``host`` (a loopback address) and a free port until the block ends."""
    assert host.startswith("127."), "tests serve on loopback only"
    server = _Server((host, 0), Handler)
    port = server.server_address[1]
    server.routes, server.fallback, server.lock = routes, fallback, threading.Lock()
    server.served = Served(f"http://{host}:{port}", port)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def article_paths(count: int, prefix: str = "/news/") -> list[str]:
    return [f"{prefix}harbour-story-number-{n}-told-in-full" for n in range(count)]


def news_routes(count: int, robots: str = "User-agent: *\nAllow: /\n") -> dict[str, Route]:
    """A homepage listing ``count`` articles, the articles, and robots.txt."""
    paths = article_paths(count)
    routes: dict[str, Route] = {
        "/robots.txt": page(robots, ctype="text/plain"),
        "/": page(listing_html("Front page", tuple(paths))),
    }
    for n, path in enumerate(paths):
        routes[path] = page(article_html(f"Harbour story number {n} told in full"))
    return routes


CHALLENGE_PAGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    "<h1>Checking your browser before accessing the site.</h1>"
    "<p>This process is automatic. Your browser will redirect shortly.</p></body></html>"
)
SOFT_404_PAGE = (
    "<!DOCTYPE html><html><head><title>Page not found | Harbour News</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
    "<h1>Sorry, we couldn't find that page</h1><p>The page you were looking for has moved "
    "or never existed. Try the search or one of our most read stories.</p>"
    "<footer>Harbour News, 1 Quay Street. All rights reserved.</footer></body></html>"
)
_MEASURE = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(f'peak_rss_kib={peak}', file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)


def run_measured(
    *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run the ``newscrawl`` command as tests.cli.run does; also its peak RSS in KiB."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    environ["NEWSCRAWL_DATA_DIR"] = os.environ["NEWSCRAWL_DATA_DIR"]  # not the repo's data/
    environ.update({"NEWSCRAWL_DOWNLOAD_TIMEOUT": "3", "NEWSCRAWL_DOWNLOAD_MAXSIZE": "3000000"})
    environ.update({"NEWSCRAWL_PROFILE": "fast", **(env or {})})
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, sys.executable, "-m", "newscrawl.cli", *args],
        capture_output=True, text=True, env=environ, cwd=REPO, timeout=CRAWL_TIMEOUT,
        check=False,
    )  # fmt: skip
    match = re.search(r"peak_rss_kib=(\d+)", done.stderr)
    return done, int(match.group(1)) if match else 0
