"""Download handlers."""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.crawler import Crawler


class PersistentHTTPDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, keeping enough idle connections to never reconnect.

    Scrapy sizes the connection pool to ``CONCURRENT_REQUESTS_PER_DOMAIN``. When a slot is
    full, the next request starts before the finished response's connection is back in the
    pool, so it opens a new connection and the pool then closes its oldest idle one: about
    one TCP connect per two pages on a busy site. Room for twice as many idle connections
    as there are concurrent requests per host ends that churn.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        per_host = crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        self._pool.maxPersistentPerHost = 2 * max(per_host, 1)
