"""Pacing each site (robots.txt ``Crawl-delay``, AutoThrottle, backoff) and saying who we are.

Scrapy's AutoThrottle knows one floor for every site (``DOWNLOAD_DELAY``) and its robots.txt
middleware ignores ``Crawl-delay``. This extension replaces AutoThrottle and keeps a floor per
download slot (one slot per host): the site's ``Crawl-delay`` (capped by ``CRAWL_DELAY_MAX``),
raised for a while after a 429/503 by :func:`push_back`. Delays with a floor have no random
jitter, so no two requests to a site come closer than the floor.
"""

from __future__ import annotations

import logging
from time import monotonic
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response

logger = logging.getLogger(__name__)
STATS = "newscrawl/"


class PolitenessExtension:
    """Crawl-delay per host, AutoThrottle's latency-based delay when enabled, contact check."""

    def __init__(
        self,
        crawler: Crawler,
        *,
        crawl_delay_max: float,
        autothrottle: bool,
        target_concurrency: float,
        min_delay: float,
        max_delay: float,
        start_delay: float,
    ) -> None:
        self.crawler = crawler
        self.crawl_delay_max = crawl_delay_max
        self.autothrottle = autothrottle
        self.target_concurrency = max(target_concurrency, 0.01)
        self.min_delay = min_delay
        self.max_delay = max_delay
        self.start_delay = max(min_delay, start_delay)
        self.floors: dict[str, float] = {}  # download slot -> Crawl-delay

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PolitenessExtension:
        s = crawler.settings
        ext = cls(
            crawler,
            crawl_delay_max=s.getfloat("CRAWL_DELAY_MAX"),
            autothrottle=s.getbool("AUTOTHROTTLE_ENABLED"),
            target_concurrency=s.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY"),
            min_delay=s.getfloat("DOWNLOAD_DELAY"),
            max_delay=s.getfloat("AUTOTHROTTLE_MAX_DELAY"),
            start_delay=s.getfloat("AUTOTHROTTLE_START_DELAY"),
        )
        crawler.signals.connect(ext.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        if ext.autothrottle:
            crawler.signals.connect(ext.response_downloaded, signal=signals.response_downloaded)
        return ext

    def spider_opened(self) -> None:
        settings = self.crawler.settings
        if not settings.get("CONTACT") and settings.get("PROFILE") != "fast":
            logger.warning(
                "no contact in the User-Agent: set NEWSCRAWL_CONTACT to a URL or e-mail address "
                "where site owners can reach you"
            )
        if self.autothrottle:
            # As Scrapy's AutoThrottle: new slots start at AUTOTHROTTLE_START_DELAY.
            self.crawler.engine.downloader._delay = self.start_delay

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        user_agent = self.crawler.settings.get("ROBOTSTXT_USER_AGENT") or self.crawler.settings.get(
            "USER_AGENT"
        )
        delay = robotparser.crawl_delay(user_agent)
        if not delay or delay <= 0:
            return
        capped = min(float(delay), self.crawl_delay_max)
        key = self.crawler.engine.downloader.get_slot_key(request)
        self.floors[key] = capped
        self.crawler.stats.set_value(STATS + "crawl_delay", capped)
        logger.info("%s asks for Crawl-delay %s s: %.1f s between requests", key, delay, capped)
        downloader = self.crawler.engine.downloader
        # A slot made later (Scrapy drops idle slots) starts from the floor too.
        downloader.per_slot_settings.setdefault(key, {}).update(
            {"delay": max(capped, downloader._delay), "jitter": 0.0}
        )
        slot = downloader.slots.get(key)
        if slot is not None:
            slot.delay = max(slot.delay, capped)
            slot.jitter = 0.0

    def response_downloaded(self, response: Response, request: Request) -> None:
        key = str(request.meta.get("download_slot", ""))
        latency = request.meta.get("download_latency")
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is None or latency is None:
            return
        # Scrapy's AutoThrottle policy: move towards latency / target concurrency.
        target = latency / self.target_concurrency
        new_delay = max(target, (slot.delay + target) / 2.0)
        floor = max(self.min_delay, self.floors.get(key, 0.0))
        new_delay = min(max(floor, new_delay), max(self.max_delay, floor))
        if response.status != 200 and new_delay <= slot.delay:
            return  # error pages are fast: never let them speed the crawl up
        slot.delay = new_delay


def push_back(crawler: Crawler, request: Request, wait: float) -> None:
    """The site asked us to wait: no new request to its host for ``wait`` seconds from now.

    Only the start of the next request moves; the slot's delay itself stays, so the crawl
    goes on at its pace once the wait is over.
    """
    if wait <= 0 or crawler.engine is None:
        return
    slot = crawler.engine.downloader.slots.get(request.meta.get("download_slot") or "")
    if slot is None:
        return
    # Scrapy's downloader only waits when the slot has a delay; a millisecond is enough.
    slot.delay = max(slot.delay, 0.001)
    slot.lastseen = max(slot.lastseen, monotonic() + wait - slot.delay)
