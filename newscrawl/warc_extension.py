"""``WarcExtension``: keeps every fetched article page (and every article page that gave no
body) in the run's WARC files, written on a thread of its own so the reactor never waits
for gzip or the disk. Off with ``WARC_ENABLED = False``."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from newscrawl.items import Article, ExtractionFailure

if TYPE_CHECKING:
    from newscrawl.archive import WarcArchive

logger = logging.getLogger(__name__)
STATS = "newscrawl/"


class WarcExtension:
    def __init__(self, crawler: Crawler, directory: Path, max_bytes: int, run_id: int) -> None:
        self.crawler = crawler
        self.directory = directory
        self.max_bytes = max_bytes
        self.run_id = run_id
        self.archive: WarcArchive | None = None
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="warc")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcExtension:
        settings = crawler.settings
        if not settings.getbool("WARC_ENABLED"):
            raise NotConfigured("WARC_ENABLED is off")
        extension = cls(
            crawler,
            Path(settings.get("DATA_DIR")) / "warc",
            settings.getint("WARC_MAX_BYTES"),
            settings.getint("RUN_ID"),
        )
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_scraped(self, item: Any, response: Any, spider: Spider) -> None:
        if not isinstance(item, Article | ExtractionFailure) or not isinstance(response, Response):
            return
        site = str(getattr(spider, "site", None) or spider.name)
        if self.archive is None:  # at the first page: a run storing none imports no warcio
            from newscrawl.archive import WarcArchive

            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            run = f"run{self.run_id}" if self.run_id else stamp
            self.archive = WarcArchive(self.directory, f"{run}-{site}", self.max_bytes)
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, values in response.headers.items()
            for v in values
        ]
        fetched = getattr(item, "fetched_at", None) or datetime.now(UTC)
        args = (response.url, response.status, headers, response.body, fetched, site)
        self.writer.submit(self._write, *args)

    def _write(self, *args: Any) -> None:
        assert self.archive is not None
        try:
            self.archive.write(*args)
        except OSError as exc:  # a full disk must not stop the crawl; the article is stored
            logger.error("could not write the WARC record of %s: %s", args[0], exc)
            return
        stats = self.crawler.stats
        if stats is not None:
            stats.inc_value(STATS + "warc_records")

    def spider_closed(self, spider: Spider) -> None:
        self.writer.shutdown(wait=True)
        if self.archive is not None:
            self.archive.close()
