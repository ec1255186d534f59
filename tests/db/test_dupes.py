"""Copies linked in the database, on SQLite and PostgreSQL: stored, never dropped."""

from __future__ import annotations

import io
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import URL

from newscrawl.db import ArticleStore, make_engine
from newscrawl.db.dupes import DuplicateLinker, NewArticle, iter_clusters
from newscrawl.dedup.signature import compute_signature
from newscrawl.dupes_report import write_clusters
from newscrawl.export import write_export
from newscrawl.items import Article
from tests.db.sample_articles import make_article
from tests.dedup.texts import FOOTER, quoting, spun, story, teaser


def article(n: int, site: str, text: str, signed: bool = True) -> Article:
    signature = compute_signature(text).to_bytes() if signed else None
    return make_article(n, site=site, text=text, dedup_signature=signature)


def save_and_link(store: ArticleStore, linker: DuplicateLinker, articles: list[Article]) -> int:
    result = store.save_batch(articles)
    signatures = {a.canonical_url: a.dedup_signature for a in articles}
    return linker.link([NewArticle(url, signatures[url]) for url in result.stored])


def exported(store: ArticleStore) -> dict[str, dict[str, object]]:
    out = io.StringIO()
    write_export(store, "jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return {r["site"]: r for r in records}


def test_copies_are_stored_and_linked_to_the_earliest_seen(store: ArticleStore) -> None:
    linker = DuplicateLinker(store.engine)
    first = [article(1, "origin.example", story(4)), article(2, "other.example", story(1))]
    assert save_and_link(store, linker, first) == 0
    later = [
        article(3, "teaser.example", teaser(story(4), 0.4)),
        article(4, "spinner.example", spun(story(4), 0.3)),
        article(5, "same-topic.example", story(2)),
        article(6, "quoter.example", quoting(story(10), story(4))),
        article(7, "mirror.example", story(4) + "\n" + FOOTER),
    ]
    assert save_and_link(store, linker, later) == 3
    rows = exported(store)
    assert len(rows) == 7  # every article is stored, copies too
    original = rows["origin.example"]
    assert (original["duplicate_of"], original["cluster_id"]) == (None, original["id"])
    for site, relation in [
        ("teaser.example", "partial"),
        ("spinner.example", "near"),
        ("mirror.example", "near"),
    ]:
        row = rows[site]
        assert (row["duplicate_of"], row["duplicate_relation"]) == (original["id"], relation)
        assert row["cluster_id"] == original["id"]
        assert 0.3 < float(row["similarity"]) <= 1.0  # type: ignore[arg-type]
    for site in ("other.example", "same-topic.example", "quoter.example"):
        assert rows[site]["duplicate_of"] is None and rows[site]["cluster_id"] is None


def test_the_index_is_rebuilt_from_stored_signatures(store: ArticleStore) -> None:
    save_and_link(store, DuplicateLinker(store.engine), [article(1, "a.example", story(6))])
    restarted = DuplicateLinker(store.engine)  # a new crawl: its index starts empty
    assert save_and_link(store, restarted, [article(2, "b.example", spun(story(6), 0.1))]) == 1
    assert len(restarted.index) == 2


def test_articles_stored_without_a_signature_are_signed_and_linked(store: ArticleStore) -> None:
    store.save_batch([article(1, "a.example", story(7), signed=False)])
    linker = DuplicateLinker(store.engine)
    assert save_and_link(store, linker, [article(2, "b.example", teaser(story(7), 0.5))]) == 1
    assert exported(store)["b.example"]["duplicate_of"] == exported(store)["a.example"]["id"]


def test_clusters_merge_when_an_article_bridges_two(store: ArticleStore) -> None:
    linker = DuplicateLinker(store.engine)
    text = story(8)
    lines = text.split("\n")
    half = len(lines) // 2
    head, tail = "\n".join(lines[:half]), "\n".join(lines[half:])
    save_and_link(store, linker, [article(1, "head.example", head)])
    save_and_link(store, linker, [article(2, "tail.example", tail)])
    save_and_link(store, linker, [article(3, "full.example", text)])
    rows = exported(store)
    assert {r["cluster_id"] for r in rows.values()} == {rows["head.example"]["id"]}
    clusters = list(iter_clusters(store.engine))
    assert len(clusters) == 1 and len(clusters[0].articles) == 3
    out = io.StringIO()
    assert write_clusters(clusters, "jsonl", out) == (1, 2)
    record = json.loads(out.getvalue())
    assert [a["site"] for a in record["articles"]] == [
        "head.example",
        "tail.example",
        "full.example",
    ]


def _crawl(url: URL, n: int, site: str, text: str, barrier: threading.Barrier) -> None:
    """One crawler: its own engine, store and linker, storing one article."""
    engine = make_engine(url) if url.get_backend_name() != "sqlite" else create_engine(url)
    try:
        linker = DuplicateLinker(engine)
        barrier.wait(timeout=30)
        save_and_link(ArticleStore(engine), linker, [article(n, site, text)])
    finally:
        engine.dispose()


@pytest.mark.parametrize("rounds", [3])
def test_crawlers_writing_at_once_get_one_answer(store: ArticleStore, rounds: int) -> None:
    """Three crawlers (own engines, own indexes) store copies of one story at the same time:
    every round ends with all of them in one cluster around exactly one first-seen article."""
    for r in range(rounds):
        texts = [story(9 + r), spun(story(9 + r), 0.1, seed=r), teaser(story(9 + r), 0.5)]
        barrier = threading.Barrier(len(texts))
        with ThreadPoolExecutor(len(texts)) as pool:
            futures = [
                pool.submit(
                    _crawl, store.engine.url, 100 * r + i, f"s{i}-r{r}.example", text, barrier
                )
                for i, text in enumerate(texts)
            ]
            for future in futures:
                future.result(timeout=60)
        rows = [row for site, row in exported(store).items() if site.endswith(f"r{r}.example")]
        assert len(rows) == 3
        assert len({row["cluster_id"] for row in rows}) == 1
        assert sum(row["duplicate_of"] is None for row in rows) == 1


def test_one_page_under_two_addresses_is_one_article(store: ArticleStore) -> None:
    first = make_article(1, canonical_url="http://127.0.0.1:8950/news/1?b=2&a=1")
    second = make_article(1, canonical_url="https://localhost:8950/news/1?a=1&b=2")
    third = make_article(1, canonical_url="http://www.127.0.0.1:8950/news/1?a=1&b=2")
    store.save_batch([first])
    result = store.save_batch([second, third])
    assert result.stored == [] and store.count() == 1


def test_a_link_is_a_change_the_feed_carries(store: ArticleStore) -> None:
    linker = DuplicateLinker(store.engine)
    save_and_link(store, linker, [article(1, "a.example", story(11))])
    cursor = store.last_change()
    save_and_link(store, linker, [article(2, "b.example", spun(story(11), 0.1))])
    out = io.StringIO()
    result = write_export(store, "jsonl", out, since=cursor)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert result.count == 2  # the copy (with its link) and the original (now in a cluster)
    by_site = {r["site"]: r for r in records}
    assert by_site["b.example"]["duplicate_of"] == by_site["a.example"]["id"]
    assert by_site["a.example"]["cluster_id"] == by_site["a.example"]["id"]
