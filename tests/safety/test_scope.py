"""Which hosts, ports and addresses a crawl may request (pure rules and the middleware)."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector

from newscrawl.crawl import project_settings
from newscrawl.discovery.scope import Scope, address_allowed, is_public
from newscrawl.middlewares.offsite import OffsiteGuardMiddleware, RefusedRequest
from newscrawl.spiders.base import NewsSpider


def test_a_target_allows_its_own_host_and_port_only() -> None:
    scope = Scope.for_targets(["http://127.0.0.1:8000/"], ["127.0.0.1"])
    assert scope.allows("127.0.0.1", 8000)
    assert not scope.allows("127.0.0.1", 8001)
    assert not scope.allows("127.0.0.1", 80)
    assert not scope.allows("127.0.0.2", 8000)


def test_declared_domains_cover_subdomains_on_standard_ports() -> None:
    scope = Scope.for_targets(["https://www.example.com/"], ["example.com"])
    assert scope.allows("www.example.com", 443)
    assert scope.allows("cdn.example.com", 80)
    assert not scope.allows("cdn.example.com", 8080)
    assert not scope.allows("example.com.evil.net", 443)
    assert not scope.allows("notexample.com", 443)


def test_allowed_hosts_widen_the_scope() -> None:
    scope = Scope.for_targets(
        ["https://news.example/"], ["news.example"], ["media.example:8443", "*.img.example"]
    )
    assert scope.allows("media.example", 8443)
    assert not scope.allows("media.example", 443)
    assert scope.allows("a.img.example", 8080)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1"],
)  # fmt: skip
def test_non_public_addresses_are_refused(address: str) -> None:
    assert not is_public(address)
    assert not address_allowed(address, 80, (), ())


def test_public_addresses_and_allowed_networks_pass() -> None:
    assert is_public("93.184.216.34") and is_public("2606:2800:220:1::1")
    import ipaddress

    assert address_allowed("10.1.2.3", 80, (), (ipaddress.ip_network("10.0.0.0/8"),))


class _FakeDnsGuard(OffsiteGuardMiddleware):
    answers: dict[str, str]

    async def _resolve(self, host: str) -> str | None:
        return self.answers.get(host)


def _guard(answers: dict[str, str], **settings: object) -> _FakeDnsGuard:
    crawler = Crawler(NewsSpider, project_settings(**settings))
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = NewsSpider.from_crawler(crawler, url="http://news.example.com/")
    guard = _FakeDnsGuard.from_crawler(crawler)
    assert isinstance(guard, _FakeDnsGuard)
    guard.answers = answers
    return guard


def _check(guard: OffsiteGuardMiddleware, url: str) -> None:
    asyncio.run(guard.process_request(Request(url)))


def test_a_name_in_scope_that_resolves_to_a_private_address_is_refused() -> None:
    guard = _guard({"news.example.com": "93.184.216.34", "cdn.news.example.com": "10.0.0.7"})
    _check(guard, "http://news.example.com/a-story-here")
    with pytest.raises(RefusedRequest):
        _check(guard, "http://cdn.news.example.com/internal")
    assert guard.crawler.stats.get_value("newscrawl/refused/private_address") == 1


def test_the_target_itself_is_pinned_to_its_first_address() -> None:
    guard = _guard({"news.example.com": "192.168.1.5"})
    _check(guard, "http://news.example.com/")  # the user named it: allowed
    guard.answers["news.example.com"] = "10.9.9.9"  # rebound mid-crawl
    with pytest.raises(RefusedRequest):
        _check(guard, "http://news.example.com/next")


def test_allowed_networks_widen_the_address_check() -> None:
    guard = _guard({"news.example.com": "93.184.216.34", "cdn.news.example.com": "10.0.0.7"},
                   ALLOWED_NETWORKS=["10.0.0.0/8"])  # fmt: skip
    _check(guard, "http://cdn.news.example.com/internal")
