"""One Scrapy round in a fresh process: (a) fetch only, or (c) the naive inline pipeline.

``python -m bench.scrapy_rounds fetch --urls FILE`` downloads every URL in FILE and discards it.
``python -m bench.scrapy_rounds inline --urls FILE --db sqlite:///x.db`` calls
``newscrawl.extract`` inline in the callback and commits each article on its own (SQLAlchemy,
one transaction per item). Settings mirror newscrawl's: robots.txt obeyed, 32 concurrent
requests, no autothrottle, no HTTP cache, asyncio reactor, cookies and telnet off.
Prints one JSON line: pages seen by the spider and seconds from start to finish.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from sqlalchemy import Column, Engine, Integer, MetaData, Table, Text, create_engine, insert

from newscrawl import extract

SETTINGS: dict[str, Any] = {
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "HTTPCACHE_ENABLED": False,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
}

METADATA = MetaData()
ARTICLES = Table(
    "articles",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("url", Text, unique=True, nullable=False),
    Column("title", Text),
    Column("published_at", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", Text),
)


class FetchOnlySpider(scrapy.Spider):
    """(a) Download every URL, keep nothing."""

    name = "bench_fetch_only"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls
        self.pages = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: Response, **kwargs: Any) -> Iterator[dict[str, Any]]:
        self.pages += 1
        yield from ()


class InlineExtractSpider(FetchOnlySpider):
    """(c) Extract in the callback, on the reactor thread, like a naive pipeline would."""

    name = "bench_inline_extract"

    def parse(self, response: Response, **kwargs: Any) -> Iterator[dict[str, Any]]:
        self.pages += 1
        article = extract(response.body, url=response.url)
        if article is not None:
            yield {
                "url": article.url,
                "title": article.title,
                "text": article.text,
                "text_hash": article.text_hash,
                "published_at": article.published_at.isoformat() if article.published_at else None,
            }


class CommitEachPipeline:
    """(c) One INSERT and one COMMIT per item."""

    def __init__(self, db_url: str) -> None:
        self.engine: Engine = create_engine(db_url)
        METADATA.create_all(self.engine)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CommitEachPipeline:
        return cls(crawler.settings["BENCH_DB_URL"])

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        with self.engine.begin() as conn:
            conn.execute(insert(ARTICLES).values(**item))
        return item


def run(mode: str, urls: list[str], db_url: str | None) -> dict[str, Any]:
    settings = dict(SETTINGS)
    spider_cls: type[FetchOnlySpider] = FetchOnlySpider
    if mode == "inline":
        spider_cls = InlineExtractSpider
        settings["ITEM_PIPELINES"] = {f"{__name__}.CommitEachPipeline": 300}
        settings["BENCH_DB_URL"] = db_url
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(spider_cls)
    started = time.perf_counter()
    process.crawl(crawler, urls=urls)
    process.start()
    spider = crawler.spider
    return {"pages": getattr(spider, "pages", 0), "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["fetch", "inline"])
    parser.add_argument("--urls", type=Path, required=True, help="file with one URL per line")
    parser.add_argument("--db", help="SQLAlchemy URL for the inline mode")
    args = parser.parse_args(argv)
    urls = args.urls.read_text().split()
    print(json.dumps(run(args.mode, urls, args.db)), flush=True)


if __name__ == "__main__":
    main()
