"""Real faults between newscrawl and PostgreSQL: refused, reset and blackholed connections.

Every failure must surface as a ``StorageError`` within the configured deadline, commit
nothing half-way, and the store must work again as soon as the database answers.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import make_url

from newscrawl.db import ArticleStore, StorageError, make_engine, upgrade
from newscrawl.db.session import Timeouts
from tests.db.sample_articles import make_article
from tests.db.tcp_proxy import FaultProxy, fault_proxy
from tests.pg import fresh_postgres_url

pytestmark = pytest.mark.postgres
FAST = Timeouts(connect=1, statement=5, keepalive_idle=1, operation=1.5)
# The query for the stored versions, sent after the change counter's lock is taken (and as
# text: psycopg sends statements it prepared, after 5 runs, by name only).
CURRENT_ROWS_QUERY = b"SELECT articles.id, articles.title"
BOUND = 6.0  # seconds: the deadline, a connect timeout and slack on a busy machine


@pytest.fixture
def proxied() -> Iterator[tuple[FaultProxy, ArticleStore, ArticleStore]]:
    """(the proxy, a store through it, a store connected directly)."""
    with fresh_postgres_url() as url:
        upgrade(url)
        direct = make_url(url)
        assert direct.host and direct.port
        with fault_proxy((direct.host, direct.port)) as proxy:
            through = direct.set(port=proxy.port).update_query_dict({"sslmode": "disable"})
            store = ArticleStore(make_engine(through, timeouts=FAST))
            check = ArticleStore(make_engine(url))
            try:
                yield proxy, store, check
            finally:
                store.engine.dispose()
                check.engine.dispose()


def _fails_fast(store: ArticleStore, n: int, match: str) -> None:
    started = time.monotonic()
    with pytest.raises(StorageError, match=match):
        store.save_batch([make_article(n), make_article(n + 1)])
    assert time.monotonic() - started < BOUND


def test_a_blackholed_write_fails_by_the_deadline_and_commits_nothing(
    proxied: tuple[FaultProxy, ArticleStore, ArticleStore],
) -> None:
    proxy, store, check = proxied
    assert len(store.save_batch([make_article(1), make_article(2)]).stored) == 2
    proxy.blackhole_on(CURRENT_ROWS_QUERY)  # mid-transaction: the counter lock is held
    _fails_fast(store, 3, "deadline")
    assert check.count() == 2
    proxy.set_mode("forward")  # the database answers again
    assert len(store.save_batch([make_article(3), make_article(4)]).stored) == 2
    assert sorted(a.canonical_url for a in check.iter_articles()) == [
        f"https://example.com/news/{n}" for n in (1, 2, 3, 4)
    ]
    assert check.last_change() == 4  # no sequence number lost or reused


def test_a_write_blackholed_while_streaming_new_rows_fails_by_the_deadline(
    proxied: tuple[FaultProxy, ArticleStore, ArticleStore],
) -> None:
    """New articles go to PostgreSQL as one COPY: a stall there fails like any statement."""
    proxy, store, check = proxied
    proxy.blackhole_on(b"COPY ")
    _fails_fast(store, 1, "deadline")
    assert check.count() == 0
    proxy.set_mode("forward")
    assert len(store.save_batch([make_article(1), make_article(2)]).stored) == 2
    assert check.count() == 2 and check.last_change() == 2


def test_a_vanished_client_does_not_hold_the_change_counter(
    proxied: tuple[FaultProxy, ArticleStore, ArticleStore],
) -> None:
    """The server never learns that the blackholed client gave up: its transaction, which
    holds the change counter's lock, is ended by idle_in_transaction_session_timeout."""
    proxy, store, check = proxied
    proxy.blackhole_on(CURRENT_ROWS_QUERY)
    _fails_fast(store, 1, "deadline")
    proxy.set_mode("forward", cut=False)
    started = time.monotonic()
    assert len(store.save_batch([make_article(1), make_article(2)]).stored) == 2
    assert time.monotonic() - started < BOUND
    assert check.last_change() == 2


def test_a_blackholed_connect_fails_by_the_connect_timeout(
    proxied: tuple[FaultProxy, ArticleStore, ArticleStore],
) -> None:
    proxy, store, _check = proxied
    proxy.set_mode("blackhole")
    _fails_fast(store, 1, "could not save articles")
    proxy.set_mode("forward")
    assert len(store.save_batch([make_article(1)]).stored) == 1


def test_refused_connections_fail_at_once_and_recover(
    proxied: tuple[FaultProxy, ArticleStore, ArticleStore],
) -> None:
    proxy, store, check = proxied
    store.save_batch([make_article(1)])
    proxy.set_mode("refuse")
    _fails_fast(store, 2, "could not save articles")
    proxy.set_mode("forward")
    assert len(store.save_batch([make_article(2), make_article(3)]).stored) == 2
    assert check.count() == 3


def test_reset_connections_fail_at_once_and_recover(
    proxied: tuple[FaultProxy, ArticleStore, ArticleStore],
) -> None:
    proxy, store, check = proxied
    store.save_batch([make_article(1)])
    proxy.set_mode("reset")
    _fails_fast(store, 2, "could not save articles")
    proxy.set_mode("forward")
    assert len(store.save_batch([make_article(2), make_article(3)]).stored) == 2
    assert check.count() == 3
