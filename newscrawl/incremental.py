"""Incremental crawling: article URLs already stored are not downloaded again.

The frontier asks ``StoredUrlFilter`` about every new page URL (article or listing link, as
a link of unknown shape may be an article) before handing it to the downloader: in bulk,
one query per ``CHECK_BATCH`` URLs, never one per URL, and after duplicate links were
dropped (a navigation link found on every page is looked up once). URLs stored are done
without a download, except articles due for a revisit (``newscrawl.conditional``), which are
fetched again with a conditional GET. ``INCREMENTAL = False`` (``newscrawl crawl --full``)
switches it off.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from scrapy.settings import BaseSettings

from newscrawl.db.checks import CheckStore, RevisitPolicy
from newscrawl.db.errors import StorageError
from newscrawl.db.session import Timeouts, make_engine, timeouts_from_settings
from newscrawl.db.store import ArticleStore
from newscrawl.url_checks import revisit_policy

logger = logging.getLogger(__name__)
PAGE_KINDS = frozenset({"article", "listing"})


class StoredUrlFilter:
    """``filter(urls)``: those of ``urls`` stored already (none when the store fails)."""

    def __init__(
        self,
        database_url: str,
        timeouts: Timeouts | None = None,
        revisits: RevisitPolicy | None = None,
    ) -> None:
        # The crawl's own database timeouts: a stuck database must not hold a lookup longer
        # than it holds a write.
        self.store = ArticleStore(make_engine(database_url, timeouts=timeouts))
        self.checks = CheckStore(self.store.engine, revisits) if revisits else None
        self.failed = False

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> StoredUrlFilter | None:
        if not settings.getbool("INCREMENTAL"):
            return None
        revisits = revisit_policy(settings) if settings.getbool("CONDITIONAL_GET") else None
        return cls(settings.get("DATABASE_URL"), timeouts_from_settings(settings), revisits)

    def __call__(self, urls: list[str]) -> set[str]:
        try:
            known = self.store.known_urls(urls)
            if known and self.checks is not None and self.checks.policy.enabled:
                known -= self.checks.due_among(known, datetime.now(UTC))
            return known
        except StorageError as exc:  # the crawl goes on; storing will report the database
            if not self.failed:
                logger.warning("could not look up stored URLs, fetching them: %s", exc)
            self.failed = True
            return set()

    def close(self) -> None:
        self.store.engine.dispose()
