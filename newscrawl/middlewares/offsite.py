"""Requests only where the user pointed: target hosts and ports, public addresses.

Replaces Scrapy's OffsiteMiddleware, which checks host names only (any port, any address the
name resolves to). A request is let through when

1. its host and port belong to the crawl's scope (:class:`~newscrawl.discovery.scope.Scope`):
   a target's exact host and port, a declared domain (or its subdomains) on the standard
   ports or the target's port, or an ``ALLOWED_HOSTS`` entry; and
2. the address its host resolves to is public, or is exactly a target's own address and
   port, or lies in ``ALLOWED_NETWORKS``.

Redirects come back through here, so they are checked the same way. The name is resolved
through Scrapy's caching resolver, the one the download itself uses, so a name that
rebinds to a private address after the check is still fetched from the checked address.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from typing import Any, cast
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import reactor

from newscrawl.discovery.scope import Scope, address_allowed, default_port, literal_address

logger = logging.getLogger(__name__)
STATS = "newscrawl/"


class RefusedRequest(IgnoreRequest):
    """A request outside the crawl's scope, or to a non-public address."""


def spider_targets(spider: Spider | None) -> list[str]:
    """The URLs the user pointed this spider at."""
    start = getattr(spider, "start_url", None)
    return [start] if start else list(getattr(spider, "start_urls", []) or [])


class OffsiteGuardMiddleware:
    """Refuse (and count) requests to other hosts, other ports and non-public addresses."""

    def __init__(
        self, crawler: Crawler, allowed_hosts: list[str], allowed_networks: list[str]
    ) -> None:
        self.crawler = crawler
        self.allowed_hosts = tuple(allowed_hosts)
        self.networks = tuple(ipaddress.ip_network(n, strict=False) for n in allowed_networks)
        self._scope: Scope | None = None
        self._pinned: dict[tuple[str, int], str] = {}  # target (host, port) -> its address
        self._logged: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteGuardMiddleware:
        s = crawler.settings
        return cls(crawler, s.getlist("ALLOWED_HOSTS"), s.getlist("ALLOWED_NETWORKS"))

    @property
    def scope(self) -> Scope:
        if self._scope is None:
            spider = self.crawler.spider
            self._scope = Scope.for_targets(
                spider_targets(spider),
                tuple(getattr(spider, "allowed_domains", None) or ()),
                self.allowed_hosts,
            )
        return self._scope

    async def process_request(self, request: Request) -> None:
        parts = urlparse_cached(request)
        if parts.scheme not in {"http", "https"}:
            return None  # data:, file: and the like are never sent over the network
        host = (parts.hostname or "").lower()
        port = parts.port or default_port(parts.scheme)
        if not self.scope.allows(host, port):
            self._refuse(request, "offsite", f"{host}:{port} is not a host of this crawl")
        address = literal_address(host) or await self._resolve(host)
        if address is None:
            return None  # unresolvable: the download fails the same way, as a DNS error
        # A target the user named may be on any address, e.g. 127.0.0.1 for a local site;
        # its first answer is pinned, so the name can't be rebound elsewhere mid-crawl.
        target = (host, port) in self.scope.targets
        if target and self._pinned.setdefault((host, port), address) == address:
            return None
        if not address_allowed(address, port, (), self.networks):
            self._refuse(
                request, "private_address", f"{host} resolves to non-public address {address}"
            )
        return None

    async def _resolve(self, host: str) -> str | None:
        try:
            # Scrapy installs its caching resolver on the reactor: the download reuses the answer.
            # (twisted's module-level reactor is typed loosely: resolve() is IReactorCore's)
            address = await maybe_deferred_to_future(cast(Any, reactor).resolve(host))
        except (OSError, socket.gaierror, Exception):  # twisted's DNSLookupError and friends
            return None
        return str(address)

    def _refuse(self, request: Request, kind: str, why: str) -> None:
        stats = self.crawler.stats
        stats.inc_value(STATS + "refused")
        stats.inc_value(f"{STATS}refused/{kind}")
        if kind not in self._logged:  # one line per kind and site; the rest are counted
            self._logged.add(kind)
            targets = spider_targets(self.crawler.spider)
            site = urlsplit(targets[0]).netloc if targets else "?"
            logger.warning(
                "%s: refused %s (%s); further refused requests are counted, not logged",
                site, request.url, why,
            )  # fmt: skip
        raise RefusedRequest(f"refused: {why}")
