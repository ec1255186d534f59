"""ArticleStore on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from newscrawl.db import (
    ArticleStore,
    RunStore,
    StorageError,
    WriteContext,
    article_id,
    make_engine,
    upgrade,
)
from newscrawl.items import ExtractionFailure
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


def test_a_changed_article_keeps_its_old_version_as_a_revision(store: ArticleStore) -> None:
    later = datetime(2024, 6, 1, tzinfo=UTC)
    store.save_batch([make_article(1), make_article(2)])
    result = store.save_batch(
        [make_article(1, text="Corrected body.", fetched_at=later), make_article(2)]
    )
    assert (result.stored, result.updated) == ([], ["https://example.com/news/1"])
    assert result.already_stored == ["https://example.com/news/2"]
    (old,) = store.revisions_of("https://example.com/news/1")
    assert (old["revision"], old["text"]) == (1, make_article(1).text)
    assert old["reason"] == "recrawl"
    current = {r["canonical_url"]: r for r in store.iter_records()}
    assert current["https://example.com/news/1"]["text"] == "Corrected body."
    assert current["https://example.com/news/1"]["revision"] == 2
    assert current["https://example.com/news/1"]["first_seen_at"] < later
    assert store.revisions_of("https://example.com/news/2") == []
    assert store.count() == 2


def test_a_recrawl_keeps_the_stored_date_unless_its_source_is_as_trusted(
    store: ArticleStore,
) -> None:
    """A feed's date survives a changed page that only lets the date be guessed; the page's
    own declared date then replaces it."""
    feed_day, guessed, declared = (datetime(2024, 5, d, 9, tzinfo=UTC) for d in (1, 7, 2))
    versions = [("v1", feed_day, "feed"), ("v2", guessed, "guessed"), ("v3", declared, "page")]
    kept = []
    for n, (text, date, source) in enumerate(versions, start=1):
        fetched = datetime(2024, 6, n, tzinfo=UTC)
        changes = {"published_at": date, "published_source": source, "fetched_at": fetched}
        store.save_batch([make_article(1, text=text, **changes)])
        (record,) = store.iter_records()
        kept.append((record["text"], record["published_at"], record["published_source"]))
    assert kept == [("v1", feed_day, "feed"), ("v2", feed_day, "feed"), ("v3", declared, "page")]


def test_an_unchanged_article_only_moves_last_seen_at(store: ArticleStore) -> None:
    store.save_batch([make_article(1)])
    (before,) = store.iter_records()
    later = datetime(2025, 1, 1, tzinfo=UTC)
    store.save_batch([make_article(1, fetched_at=later, description="other teaser")])
    (after,) = store.iter_records()
    assert after["last_seen_at"] == later
    assert {k: v for k, v in after.items() if k != "last_seen_at"} == {
        k: v for k, v in before.items() if k != "last_seen_at"
    }


def test_a_new_extractor_version_alone_is_no_change(store: ArticleStore) -> None:
    store.save_batch([make_article(1)], WriteContext("v1"))
    result = store.save_batch([make_article(1)], WriteContext("v2"))
    assert result.already_stored == ["https://example.com/news/1"]
    (record,) = store.iter_records()
    assert (record["extractor_version"], record["revision"]) == ("v1", 1)


def test_an_older_fetch_never_replaces_a_newer_version(store: ArticleStore) -> None:
    store.save_batch([make_article(1, text="new text")])
    older = make_article(1, text="old text", fetched_at=datetime(2020, 1, 1, tzinfo=UTC))
    assert store.save_batch([older]).already_stored == ["https://example.com/news/1"]
    assert [a.text for a in store.iter_articles()] == ["new text"]


def test_ids_are_derived_from_the_canonical_url(store: ArticleStore) -> None:
    store.save_batch([make_article(1)], WriteContext("v1", site="target", run_id=None))
    (record,) = store.iter_records()
    assert record["id"] == article_id("https://example.com/news/1")
    assert len(record["id"]) == 32
    assert (record["site"], record["site_name"]) == ("target", "example.com")


def test_runs_record_targets_counts_and_stop_reason(engine: Engine) -> None:
    upgrade(engine)
    runs = RunStore(engine)
    run_id = runs.start(["asiatimes", "http://127.0.0.1:1/"], host="box")
    runs.add_counts(run_id, {"pages": 3, "articles_new": 2}, {"not_found": 1})
    runs.add_counts(run_id, {"pages": 4, "blocked": 1}, {"not_found": 2})
    (running,) = runs.recent()
    assert running.stop_reason is None and running.ended_at is None
    runs.finish(run_id, "interrupted")
    (run,) = runs.recent()
    assert (run.id, run.targets, run.host, run.stop_reason) == (
        run_id,
        ["asiatimes", "http://127.0.0.1:1/"],
        "box",
        "interrupted",
    )
    assert (run.counts["pages"], run.counts["articles_new"], run.counts["blocked"]) == (7, 2, 1)
    assert run.ended_at is not None and run.ended_at >= run.started_at


def test_articles_record_the_runs_that_stored_and_changed_them(store: ArticleStore) -> None:
    runs = RunStore(store.engine)
    first, second = runs.start(["a"]), runs.start(["a"])
    store.save_batch([make_article(1), make_article(2)], WriteContext("v", run_id=first))
    store.save_batch(
        [make_article(1, text="changed"), make_article(2)], WriteContext("v", run_id=second)
    )
    rows = {r["canonical_url"]: r for r in store.iter_records()}
    one, two = rows["https://example.com/news/1"], rows["https://example.com/news/2"]
    assert (one["first_run_id"], one["changed_run_id"]) == (first, second)
    assert (two["first_run_id"], two["changed_run_id"]) == (first, first)


def test_extraction_failures_are_kept_until_the_page_gives_an_article(
    store: ArticleStore,
) -> None:
    page = make_article(1)
    failure = ExtractionFailure(url=page.url, site="example.com", reason="no_body")
    store.record_failures([failure], None)
    store.record_failures([failure], None)
    (row,) = store.extraction_failures()
    assert (row["url"], row["reason"], row["attempts"]) == (page.url, "no_body", 2)
    store.save_batch([page])
    assert store.extraction_failures() == []
