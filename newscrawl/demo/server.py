"""Serve an ``Outlet`` on a loopback address, in a background thread, for tests and demos."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from newscrawl.demo.model import Outlet, Resource

NOT_FOUND = Resource(404, "text/html; charset=utf-8", b"<!DOCTYPE html><h1>404 Not Found</h1>\n")


@dataclass
class RunningOutlet:
    """A served outlet: its base URL and every path requested so far (GET and HEAD)."""

    base_url: str
    host: str
    requests: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return self.base_url + path

    def requested(self, path: str) -> bool:
        return path in list(self.requests)


def ensure_loopback(host: str) -> None:
    """Refuse to serve on anything but a loopback IP address (no DNS names, no 0.0.0.0)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"refusing to serve on {host!r}: give a loopback IP address") from None
    if not address.is_loopback:
        raise ValueError(f"refusing to serve on {host!r}: not a loopback address")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, host: str, port: int, routes: dict[str, Resource], running: RunningOutlet
    ) -> None:
        self.routes = routes
        self.running = running
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        super().__init__((host, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-response (timeouts, size caps) are expected: stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.respond(body=True)

    def do_HEAD(self) -> None:
        self.respond(body=False)

    def respond(self, *, body: bool) -> None:
        path = self.path.split("#", 1)[0]
        with self.server.lock:
            self.server.running.requests.append(path)
        resource = self.server.routes.get(path, NOT_FOUND)
        if resource.delay and self.server.stopping.wait(resource.delay):
            self.close_connection = True
            return
        self.send_response(resource.status)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(len(resource.body)))
        for name, value in resource.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(resource.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log."""


def _bind(host: str, port: int, running: RunningOutlet) -> _Server:
    """Bind ``port``; when it is taken, any free port instead."""
    try:
        return _Server(host, port, {}, running)
    except OSError:
        if port == 0:
            raise
        return _Server(host, 0, {}, running)


@contextmanager
def serve_outlet(
    outlet: Outlet, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[RunningOutlet]:
    """Serve ``outlet`` on ``host`` (loopback only) and ``port`` (0: any free); stop on exit."""
    ensure_loopback(host)
    running = RunningOutlet(base_url="", host=host)
    server = _bind(host, port, running)
    port = server.server_address[1]
    netloc = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    running.base_url = f"http://{netloc}"
    server.routes = outlet.render(running.base_url)
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="outlet-server", daemon=True
    )
    thread.start()
    try:
        yield running
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
