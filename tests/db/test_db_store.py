"""ArticleStore on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newscrawl.db import ArticleStore, StorageError, make_engine
from tests.db.sample_articles import PLUS_TWO, make_article


def test_saving_a_batch_twice_stores_nothing_the_second_time(store: ArticleStore) -> None:
    batch = [make_article(1), make_article(2)]
    first = store.save_batch(batch)
    assert first.stored == [a.canonical_url for a in batch]
    assert first.already_stored == []
    second = store.save_batch(batch)
    assert second.stored == []
    assert second.already_stored == [a.canonical_url for a in batch]
    assert store.count() == 2


def test_duplicates_within_a_batch_first_wins(store: ArticleStore) -> None:
    first, other = make_article(1, title="first"), make_article(2)
    again = make_article(1, title="second", url="https://example.com/other-path")
    result = store.save_batch([first, other, again])
    assert result.stored == [first.canonical_url, other.canonical_url]
    assert result.already_stored == [first.canonical_url]
    assert [a.title for a in store.iter_articles()] == ["first", "Headline 2"]


def test_an_empty_batch_does_nothing(store: ArticleStore) -> None:
    result = store.save_batch([])
    assert (result.stored, result.already_stored) == ([], [])


def test_articles_round_trip_with_every_field(store: ArticleStore) -> None:
    article = make_article(7)
    store.save_batch([article])
    (loaded,) = store.iter_articles()
    assert loaded == article
    assert loaded.attribution[0].kind == "source"


def test_datetimes_come_back_as_the_same_instant_aware_utc(store: ArticleStore) -> None:
    published = datetime(2024, 5, 1, 23, 30, tzinfo=PLUS_TWO)
    store.save_batch([make_article(1, published_at=published, modified_at=None)])
    (loaded,) = store.iter_articles()
    assert loaded.published_at == published
    assert loaded.published_at is not None
    assert loaded.published_at.utcoffset() == timedelta(0)
    assert loaded.published_at.hour == 21
    assert loaded.modified_at is None


def test_naive_datetimes_are_taken_as_utc(store: ArticleStore) -> None:
    store.save_batch([make_article(1, published_at=datetime(2024, 1, 2, 3, 4, 5))])
    (loaded,) = store.iter_articles()
    assert loaded.published_at == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_fetched_at_defaults_to_now(store: ArticleStore) -> None:
    before = datetime.now(UTC)
    store.save_batch([make_article(1, fetched_at=None)])
    (loaded,) = store.iter_articles()
    assert loaded.fetched_at is not None
    assert before - timedelta(seconds=1) <= loaded.fetched_at <= datetime.now(UTC)


def test_unicode_text_is_kept_exactly(store: ArticleStore) -> None:
    text = "Ünïcödé — “quotes”, 日本語, עברית, emoji 🙂🇺🇦, NBSP:\u00a0end"
    store.save_batch([make_article(1, text=text, title="Заголовок", tags=["мир"])])
    (loaded,) = store.iter_articles()
    assert (loaded.text, loaded.title, loaded.tags) == (text, "Заголовок", ["мир"])


def test_iter_articles_by_site_in_id_order(store: ArticleStore) -> None:
    store.save_batch([make_article(3, "a.com"), make_article(1, "b.com"), make_article(2, "a.com")])
    assert [a.canonical_url for a in store.iter_articles("a.com")] == [
        "https://a.com/news/3",
        "https://a.com/news/2",
    ]
    assert len(list(store.iter_articles())) == 3
    assert list(store.iter_articles("nowhere.org")) == []
    assert store.count("a.com") == 2
    assert store.count() == 3
    assert store.sites() == ["a.com", "b.com"]


def test_known_urls_matches_canonical_and_fetched_urls(store: ArticleStore) -> None:
    article = make_article(1)
    store.save_batch([article])
    unknown = "https://example.com/news/404"
    assert store.known_urls([article.canonical_url, article.url, unknown]) == {
        article.canonical_url,
        article.url,
    }
    assert store.known_urls([]) == set()


def test_large_batches_are_stored_and_looked_up_in_chunks(store: ArticleStore) -> None:
    batch = [make_article(n) for n in range(1200)]
    assert len(store.save_batch(batch).stored) == 1200
    urls = [a.canonical_url for a in batch]
    assert store.known_urls(urls) == set(urls)
    assert sum(1 for _ in store.iter_articles()) == 1200


def test_unreachable_database_raises_storage_error() -> None:
    engine = make_engine("postgresql://postgres@127.0.0.1:1/test?connect_timeout=2")
    try:
        with pytest.raises(StorageError, match=r"127\.0\.0\.1:1"):
            ArticleStore(engine).save_batch([make_article(1)])
    finally:
        engine.dispose()
