"""The demo's articles keep the URLs of the demo's usual port, whatever port served them.

``newscrawl demo`` serves its outlet on ``http://127.0.0.1:8931``; when that port is busy it
serves on another one and turns this pipeline on, so that a re-run stores nothing new: each
item's URLs are rewritten from the served origin to the usual one before storage.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.items import Article, ExtractionFailure


class DemoOriginPipeline:
    """Rewrite ``served`` (``http://127.0.0.1:PORT``) to ``public`` in stored URLs."""

    def __init__(self, served: str, public: str) -> None:
        self.served = served.rstrip("/")
        self.public = public.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DemoOriginPipeline:
        served = crawler.settings.get("DEMO_SERVED_ORIGIN")
        public = crawler.settings.get("DEMO_PUBLIC_ORIGIN")
        if not served or not public or served == public:
            raise NotConfigured  # served on its usual port (no message: Scrapy would warn)
        return cls(served, public)

    def public_url(self, url: str) -> str:
        if url == self.served or url.startswith(self.served + "/"):
            return self.public + url[len(self.served) :]
        return url

    def process_item(self, item: Any) -> Any:
        if isinstance(item, Article):
            image = self.public_url(item.image_url) if item.image_url else item.image_url
            return replace(
                item,
                url=self.public_url(item.url),
                canonical_url=self.public_url(item.canonical_url),
                image_url=image,
            )
        if isinstance(item, ExtractionFailure):
            return replace(item, url=self.public_url(item.url))
        return item
