"""Which hosts, ports and addresses a crawl may request: pure functions, no Scrapy."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
STANDARD_PORTS = frozenset({80, 443})


def default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def literal_address(host: str) -> str | None:
    """``host`` itself when it is an IP address (no DNS involved), else None."""
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


def is_public(address: str) -> bool:
    """Whether an IP address is a public, unicast, routable one (not private, loopback,
    link-local, shared, reserved, multicast or unspecified)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def address_allowed(
    address: str, port: int, targets: Iterable[tuple[str, int]], networks: Sequence[IPNetwork]
) -> bool:
    """A public address, a target's own address and port, or one in ``networks``."""
    if is_public(address) or (address, port) in set(targets):
        return True
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in networks)


def _host_port(entry: str) -> tuple[str, int | None]:
    """``host``, ``host:port``, ``*.host`` or ``[v6]:port`` as (host, port or None)."""
    parts = urlsplit("//" + entry.strip().lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    return (parts.hostname or entry.strip().lower()), port


@dataclass(frozen=True)
class Scope:
    """The hosts and ports a crawl may request.

    ``targets``: the exact (host, port) of each target. ``domains``: declared domains, each
    also covering its subdomains, on the standard ports or a target's port (an IP address
    covers only itself, on a target's port). ``extra``: ``ALLOWED_HOSTS`` entries, as
    (host, port or None for any port); a host starting with ``*.`` covers its subdomains.
    """

    targets: frozenset[tuple[str, int]]
    domains: tuple[str, ...] = ()
    extra: tuple[tuple[str, int | None], ...] = ()

    @classmethod
    def for_targets(
        cls, urls: Sequence[str], domains: Sequence[str], allowed_hosts: Sequence[str] = ()
    ) -> Scope:
        targets = set()
        for url in urls:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            targets.add((host, parts.port or default_port(parts.scheme)))
        declared = tuple(d.lower().lstrip(".") for d in domains if d)
        return cls(frozenset(targets), declared, tuple(_host_port(h) for h in allowed_hosts))

    def allows(self, host: str, port: int) -> bool:
        host = host.lower()
        if (host, port) in self.targets:
            return True
        target_ports = {p for _, p in self.targets}
        for domain in self.domains:
            if literal_address(domain):
                if host == domain and port in target_ports:
                    return True
            elif (host == domain or host.endswith("." + domain)) and (
                port in STANDARD_PORTS or port in target_ports
            ):
                return True
        return any(self._extra_allows(pattern, want, host, port) for pattern, want in self.extra)

    @staticmethod
    def _extra_allows(pattern: str, want: int | None, host: str, port: int) -> bool:
        if want is not None and want != port:
            return False
        if pattern.startswith("*."):
            return host == pattern[2:] or host.endswith(pattern[1:])
        return host == pattern
