"""URL checks: validators for conditional GET and the revisit schedule, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from newscrawl.db import ArticleStore
from newscrawl.db.checks import Check, CheckStore, RevisitPolicy, Validators, checks_table
from newscrawl.db.store import articles
from newscrawl.items import Article
from tests.db.sample_articles import make_article

HOUR = timedelta(hours=1)
POLICY = RevisitPolicy(window=48 * HOUR, first=HOUR)
SITE = "example.com"


def _row(store: ArticleStore, url: str) -> dict[str, object]:
    with store.engine.connect() as conn:
        query = select(checks_table).where(checks_table.c.url == url)
        return dict(conn.execute(query).one()._mapping)


def test_the_revisit_interval_doubles_until_the_window_is_over() -> None:
    first_seen = datetime(2024, 5, 1, tzinfo=UTC)
    until = POLICY.until(first_seen)
    schedule, now, interval = [], first_seen, None
    while True:
        interval, due = POLICY.next_check(until, interval, now)
        if due is None:
            break
        schedule.append(due - now)
        now = due
    assert schedule == [HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR]  # 31 h; the next: 63 h
    off = RevisitPolicy(window=timedelta(0))
    assert off.until(first_seen) is None
    assert off.next_check(until, None, first_seen) == (None, None)
    published_earlier = POLICY.until(first_seen, first_seen - 10 * HOUR)
    assert published_earlier == first_seen + 38 * HOUR  # an article's age counts from then


def test_a_304_keeps_the_validators_and_links_of_the_last_200(store: ArticleStore) -> None:
    checks = CheckStore(store.engine, POLICY)
    now = datetime.now(UTC)
    links = (("https://example.com/sitemap-2024.xml", "sitemap", 0),)
    feed = Validators('"abc"', "Wed, 01 May 2024 08:00:00 GMT", links)
    checks.record([Check("https://example.com/sitemap.xml", SITE, "sitemap", now, feed)])
    checks.record([Check("https://example.com/sitemap.xml", SITE, "sitemap", now + HOUR)])
    assert checks.load(SITE, now + HOUR) == {"https://example.com/sitemap.xml": feed}
    assert checks.load("other.org", now + HOUR) == {}
    row = _row(store, "https://example.com/sitemap.xml")
    assert row["checked_at"] == now + HOUR and row["first_seen_at"] == now
    assert row["next_revisit_at"] is None  # discovery pages are fetched every run anyway


def test_a_young_article_is_due_at_growing_intervals(store: ArticleStore) -> None:
    checks = CheckStore(store.engine, POLICY)
    url = "https://example.com/news/1"
    start = datetime.now(UTC) - 10 * HOUR
    checks.record([Check(url, SITE, "article", start, Validators('"v1"'))])
    assert checks.due(SITE, start + 0.5 * HOUR) == []
    assert checks.due(SITE, start + HOUR) == [url]
    assert checks.due_among([url, "https://example.com/news/2"], start + HOUR) == {url}
    checks.record([Check(url, SITE, "article", start + HOUR)])  # a 304
    row = _row(store, url)
    assert row["revisit_interval"] == 2 * 3600 and row["next_revisit_at"] == start + 3 * HOUR
    assert row["etag"] == '"v1"' and row["first_seen_at"] == start
    assert checks.due(SITE, start + 2 * HOUR) == []
    assert url in checks.load(SITE, start + 2 * HOUR)
    assert url not in checks.load(SITE, start + 49 * HOUR)  # out of the window: not asked
    assert checks.due(SITE, start + 49 * HOUR) == []


def _stored_long_ago(store: ArticleStore, n: int) -> tuple[Article, datetime]:
    """Article ``n`` stored, then aged 72 hours (first and last seen)."""
    article = make_article(n)
    store.save_batch([article])
    old = datetime.now(UTC) - 72 * HOUR
    with store.engine.begin() as conn:
        conn.execute(update(articles).values(first_seen_at=old, last_seen_at=old))
    return article, old


def test_an_article_stored_long_ago_keeps_its_age(store: ArticleStore) -> None:
    """An article stored before its URL was first checked (an upgraded database, a --full
    crawl) is not revisited as if it were new."""
    article, old = _stored_long_ago(store, 1)
    checks = CheckStore(store.engine, POLICY)
    now = datetime.now(UTC)
    checks.record([Check(article.url, SITE, "article", now, Validators('"v"'))])
    row = _row(store, article.url)
    assert row["first_seen_at"] == old and row["next_revisit_at"] is None
    assert checks.due_among([article.url], now + 10 * HOUR) == set()


def test_an_article_published_before_the_window_is_not_revisited(store: ArticleStore) -> None:
    checks = CheckStore(store.engine, POLICY)
    now = datetime.now(UTC)
    url = "https://example.com/archive/2019/story"
    checks.record([Check(url, SITE, "article", now, Validators('"v"'), now - 72 * HOUR)])
    assert _row(store, url)["next_revisit_at"] is None
    assert checks.due(SITE, now + 2 * HOUR) == [] and url not in checks.load(SITE, now)


def test_an_unchanged_article_is_marked_seen(store: ArticleStore) -> None:
    article = make_article(2)
    store.save_batch([article])
    checks = CheckStore(store.engine, POLICY)
    seen = datetime.now(UTC) + 2 * HOUR
    checks.record([Check(article.url, SITE, "article", seen - HOUR, Validators('"v"'))])
    checks.record([Check(article.url, SITE, "article", seen)])  # 304
    with store.engine.connect() as conn:
        last_seen = conn.execute(select(articles.c.last_seen_at)).scalar_one()
    assert last_seen == seen


def test_without_revisits_no_article_is_due_or_loaded(store: ArticleStore) -> None:
    checks = CheckStore(store.engine, RevisitPolicy(window=timedelta(0)))
    now = datetime.now(UTC)
    checks.record([Check("https://example.com/news/3", SITE, "article", now, Validators('"v"'))])
    assert _row(store, "https://example.com/news/3")["next_revisit_at"] is None
    assert checks.load(SITE, now) == {} and checks.due(SITE, now + 5 * HOUR) == []


def test_articles_past_the_window_are_pruned_and_discovery_pages_kept(
    store: ArticleStore,
) -> None:
    checks = CheckStore(store.engine, POLICY)
    now = datetime.now(UTC)
    long_ago = now - 72 * HOUR
    old = [f"https://example.com/news/old-{n}" for n in range(3)]
    checks.record([Check(url, SITE, "article", long_ago, Validators('"v"')) for url in old])
    checks.record([Check("https://example.com/news/young", SITE, "article", now - HOUR)])
    checks.record([Check("https://other.org/news/old", "other.org", "article", long_ago)])
    for kind in ("feed", "sitemap", "section"):  # read every run, however old
        checks.record([Check(f"https://example.com/{kind}", SITE, kind, long_ago, Validators())])

    assert checks.prune(now, limit=2) == 2  # bounded: one statement, at most `limit` rows
    assert checks.prune(now) == 2  # the rest, whatever the site
    assert checks.prune(now) == 0
    with store.engine.connect() as conn:
        left = set(conn.execute(select(checks_table.c.url)).scalars())
    assert left == {
        "https://example.com/news/young",
        "https://example.com/feed",
        "https://example.com/sitemap",
        "https://example.com/section",
    }
    assert "https://example.com/news/young" in checks.load(SITE, now)


def test_a_pruned_article_that_is_stored_keeps_its_age(store: ArticleStore) -> None:
    article, old = _stored_long_ago(store, 4)
    checks = CheckStore(store.engine, POLICY)
    checks.record([Check(article.url, SITE, "article", old, Validators('"v"'))])
    now = datetime.now(UTC)
    assert checks.prune(now) == 1
    checks.record([Check(article.url, SITE, "article", now, Validators('"v"'))])  # --full
    assert _row(store, article.url)["next_revisit_at"] is None  # not young again
