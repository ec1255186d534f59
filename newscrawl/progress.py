"""A live progress line on stderr while a crawl runs (``PROGRESS = True``)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from newscrawl.summary import SiteSummary


class ProgressExtension:
    """Rewrites one line per second on a terminal; prints a line every 30 s otherwise."""

    def __init__(self, crawler: Crawler, stream: TextIO) -> None:
        self.crawler = crawler
        self.stream = stream
        self.tty = stream.isatty()
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        if not crawler.settings.getbool("PROGRESS"):
            raise NotConfigured
        extension = cls(crawler, sys.stderr)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(1.0 if self.tty else 30.0, now=False)

    def spider_closed(self) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.tty:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()

    def show(self) -> None:
        stats = self.crawler.stats
        spider = self.crawler.spider
        if stats is None or spider is None:
            return
        summary = SiteSummary.from_stats(getattr(spider, "site", spider.name), stats.get_stats())
        rate = summary.pages_fetched / max(time.monotonic() - self.started, 1e-6)
        text = f"{summary.line()} ({rate:.0f} pages/s)"
        self.stream.write(f"\r\x1b[2K{text}" if self.tty else f"{text}\n")
        self.stream.flush()
