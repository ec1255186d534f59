"""Run one or more crawls in this process and collect each site's summary."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from scrapy import Spider
from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

# First, while few modules are loaded: Scrapy's HTTP/1.1 handler module defines deprecated
# aliases whose creation calls inspect.stack(), which reads every frame's source and walks
# sys.modules per frame. Imported later, deep in the engine's set-up with a thousand modules
# loaded, that alone took ~0.2 s of CPU of every run.
from newscrawl import handlers  # noqa: F401
from newscrawl.settings import profile_settings, user_agent
from newscrawl.spiders.base import NewsSpider
from newscrawl.summary import SiteSummary


def project_settings(**overrides: Any) -> Settings:
    """newscrawl's settings (with ``NEWSCRAWL_*`` applied) plus command-line overrides."""
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    if overrides.get("PROFILE"):  # e.g. PROFILE="fast" for local sites, benchmarks, the demo
        settings.update(profile_settings(overrides["PROFILE"]), priority="project")
    for name, value in overrides.items():
        if value is not None:
            settings.set(name, value, priority="cmdline")
    if overrides.get("CONTACT") and not overrides.get("USER_AGENT"):
        settings.set("USER_AGENT", user_agent(overrides["CONTACT"]), priority="cmdline")
    return settings


def bundled_sites(settings: Settings) -> list[str]:
    """Names of the bundled site spiders (the generic ``news`` spider is not a site)."""
    return [name for name in SpiderLoader.from_settings(settings).list() if name != NewsSpider.name]


class UnknownTarget(ValueError):
    """A crawl target that is neither a bundled site nor an http(s) URL."""


def resolve_targets(targets: Sequence[str], settings: Settings) -> list[tuple[str, type[Spider]]]:
    """Each target's spider class; raises ``UnknownTarget`` for the first bad one."""
    loader = SpiderLoader.from_settings(settings)
    known = set(loader.list())
    resolved: list[tuple[str, type[Spider]]] = []
    for target in dict.fromkeys(targets):  # a target named twice is crawled once
        if target in known and target != NewsSpider.name:
            resolved.append((target, loader.load(target)))
        elif target.startswith(("http://", "https://")):
            resolved.append((target, NewsSpider))
        else:
            raise UnknownTarget(target)
    return resolved


def run_crawls(targets: Sequence[str], settings: Settings) -> list[SiteSummary]:
    """Crawl every target (site name or homepage URL) concurrently; one summary each.

    Each target's spider picks its own ``JOBDIR`` (``newscrawl.jobs``), so several targets
    in one run never share a job directory.
    """
    resolved = resolve_targets(targets, settings)
    process = AsyncCrawlerProcess(settings)
    crawlers: list[tuple[str, Crawler, asyncio.Task[None]]] = []
    for target, spidercls in resolved:
        crawler = Crawler(spidercls, settings)  # a copy of the settings each
        if spidercls is NewsSpider:
            task = process.crawl(crawler, url=target)
        else:
            task = process.crawl(crawler)
        crawlers.append((target, crawler, task))
    process.start()
    return [_summary(target, crawler, task) for target, crawler, task in crawlers]


def _summary(target: str, crawler: Crawler, task: asyncio.Task[None]) -> SiteSummary:
    # Before (or when) a crawl fails to start, reading Crawler.stats raises RuntimeError;
    # Scrapy's own code reads the underscore attributes then (see scrapy.crawler._LateAttribute).
    stats = crawler._stats.get_stats() if crawler._stats is not None else {}
    site = getattr(crawler.spider, "site", None) or target
    summary = SiteSummary.from_stats(site, stats)
    error = _startup_error(task)
    return replace(summary, startup_error=error) if error else summary


def _startup_error(task: asyncio.Task[None]) -> str | None:
    """Why a crawl could not start (a spider's or component's error); retrieving the
    exception also stops asyncio from printing its traceback at exit."""
    if not task.done() or task.cancelled() or task.exception() is None:
        return None
    exc = task.exception()
    return f"{type(exc).__name__}: {exc}"
