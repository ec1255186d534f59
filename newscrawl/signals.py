"""newscrawl's own signals, sent through ``crawler.signals`` like Scrapy's."""

from __future__ import annotations

# A request's page was read, or its request finished for good (a permanent failure, a page
# skipped on purpose): ``request``, ``has_article`` (an article from it waits to be stored).
page_done = object()

# Articles were committed to the database (or spooled to disk): ``urls`` are their fetched
# URLs (``Article.url``).
articles_committed = object()
