"""The ``UrlCheckExtension`` on its own: what it loads at open and what it leaves at close."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from newscrawl.db import make_engine, upgrade
from newscrawl.db.checks import Check, CheckStore, RevisitPolicy, Validators, checks_table
from newscrawl.url_checks import UrlCheckExtension

HOUR = timedelta(hours=1)
SITE = "example.com"


def _extension(tmp_path: Path) -> UrlCheckExtension:
    engine = make_engine(f"sqlite:///{tmp_path / 'news.db'}")
    upgrade(engine)
    return UrlCheckExtension(CheckStore(engine, RevisitPolicy(48 * HOUR)), send=True)


def test_a_run_leaves_no_article_past_the_revisit_window(tmp_path: Path) -> None:
    extension = _extension(tmp_path)
    long_ago = datetime.now(UTC) - 72 * HOUR
    extension.store.record(
        [
            Check("https://example.com/news/old", SITE, "article", long_ago, Validators('"a"')),
            Check("https://example.com/feed/", SITE, "feed", long_ago, Validators('"f"')),
        ]
    )
    extension.site = SITE
    extension.checked("https://example.com/news/new", "article", Validators('"n"'))

    asyncio.run(extension.spider_closed())

    engine = make_engine(f"sqlite:///{tmp_path / 'news.db'}")
    with engine.connect() as conn:
        left = set(conn.execute(select(checks_table.c.url)).scalars())
    engine.dispose()
    assert left == {"https://example.com/feed/", "https://example.com/news/new"}
