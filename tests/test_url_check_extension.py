"""The ``UrlCheckExtension`` on its own: what it loads at open and what it leaves at close."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
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


class _Spider:
    name = "news"
    site = SITE


def test_at_open_the_validators_and_due_revisits_load_while_the_loop_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extension = _extension(tmp_path)
    young = datetime.now(UTC) - 2 * HOUR  # checked 2 h ago: its revisit is due
    feed = Validators('"f"', links=(("https://example.com/page/2", "listing", 1),))
    extension.store.record(
        [
            Check("https://example.com/feed/", SITE, "feed", young, feed),
            Check("https://example.com/news/1", SITE, "article", young, Validators('"a"')),
        ]
    )
    loop_ran = threading.Event()
    load = extension.store.load

    def slow_load(site: str, now: datetime) -> dict[str, Validators]:
        # finishes only once the event loop has run something else meanwhile
        assert loop_ran.wait(timeout=30), "the event loop was blocked while loading"
        return load(site, now)

    monkeypatch.setattr(extension.store, "load", slow_load)

    async def open_while_the_loop_runs() -> None:
        asyncio.get_running_loop().call_soon(loop_ran.set)
        await extension.spider_opened(_Spider())

    asyncio.run(open_while_the_loop_runs())
    assert extension.validators["https://example.com/feed/"] == feed
    assert extension.conditional("https://example.com/news/1") == Validators('"a"')
    assert extension.due == ["https://example.com/news/1"]
