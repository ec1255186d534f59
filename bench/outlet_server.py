"""A minimal, fast HTTP/1.1 server for the fake outlet (asyncio Protocol, keep-alive, GET/HEAD).

Run in its own process (``python -m bench.outlet_server ...`` or ``Outlet.start``) so it never
shares a GIL with what is being measured. It counts requests by kind; ``/__stats`` returns the
counters as JSON, ``/__reset`` zeroes them, ``/__urls`` lists the article URLs. Those ``/__``
paths are not counted and robots.txt disallows them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import socket
import time
from collections import Counter
from pathlib import Path

from bench.outlet_pages import Resource
from bench.outlet_site import RealPagesSite, Site, SyntheticSite

DEFAULT_PAGES = Path(__file__).resolve().parents[1] / "../shared/datasets/article-bench-dev/html"
_REASONS = {200: "OK", 404: "Not Found", 405: "Method Not Allowed"}


class Stats:
    """Per-run counters: requests by kind, bytes sent, time of the first and last request."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.missing: Counter[str] = Counter()  # paths that were not found, first 1000
        self.bytes = 0
        self.first = 0.0
        self.last = 0.0

    def record(self, kind: str, size: int) -> None:
        now = time.time()
        self.first = self.first or now
        self.last = now
        self.kinds[kind] += 1
        self.bytes += size

    def as_json(self) -> bytes:
        data = {
            "kinds": dict(self.kinds),
            "requests": sum(self.kinds.values()),
            "bytes": self.bytes,
            "first": self.first,
            "last": self.last,
            "missing": dict(self.missing.most_common(20)),
        }
        return json.dumps(data).encode()


class OutletProtocol(asyncio.Protocol):
    """One connection: parse pipelined requests, answer each from the site."""

    def __init__(self, site: Site, stats: Stats) -> None:
        self.site = site
        self.stats = stats
        self.buffer = b""
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def pause_writing(self) -> None:
        if self.transport is not None:
            self.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.transport is not None:
            self.transport.resume_reading()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while self.transport is not None and b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            self.handle(head)

    def handle(self, head: bytes) -> None:
        assert self.transport is not None
        lines = head.decode("latin-1").split("\r\n")
        method, target, version = [*lines[0].split(" "), "", "", ""][:3]
        connection = ""
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "connection":
                connection = value.strip().lower()
        keep = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
        status, ctype, body = self.respond(method, target)
        header = (
            f"HTTP/1.1 {status} {_REASONS[status]}\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"Connection: {'keep-alive' if keep else 'close'}\r\n\r\n"
        ).encode()
        self.transport.write(header if method == "HEAD" else header + body)
        if not keep:
            self.transport.close()
            self.transport = None

    def respond(self, method: str, target: str) -> tuple[int, str, bytes]:
        if method not in ("GET", "HEAD"):
            return 405, "text/plain", b"GET or HEAD only\n"
        if target.startswith("/__"):
            return 200, "application/json", self.admin(target)
        found: Resource | None = self.site.resolve(target)
        if found is None:
            self.stats.record("missing", 0)
            if len(self.stats.missing) < 1000 or target in self.stats.missing:
                self.stats.missing[target] += 1
            return 404, "text/plain", b"not found\n"
        self.stats.record(found.kind, len(found.body))
        return 200, found.content_type, found.body

    def admin(self, target: str) -> bytes:
        if target == "/__reset":
            self.stats.reset()
        if target == "/__urls":
            return "\n".join(self.site.article_urls()).encode()
        return self.stats.as_json()


def build_site(mode: str, base: str, articles: int, pages_dir: Path) -> Site:
    if mode == "real":
        return RealPagesSite(base, pages_dir, articles)
    return SyntheticSite(base, articles)


async def serve(args: argparse.Namespace) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    site = build_site(args.mode, base, args.articles, args.pages)
    stats = Stats()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: OutletProtocol(site, stats), sock=sock, backlog=512)
    print(f"READY {base}", flush=True)
    async with server:
        await server.serve_forever()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mode", choices=["real", "synthetic"], default="real")
    parser.add_argument("--articles", type=int, default=2700, help="distinct article URLs")
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="dir of *.html.gz")
    parser.add_argument("--port", type=int, default=0)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
