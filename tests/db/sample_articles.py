"""Articles for the storage tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from newscrawl.items import Article, Attribution

PLUS_TWO = timezone(timedelta(hours=2))


def make_article(n: int, site: str = "example.com", **changes: object) -> Article:
    """A fully populated article; ``changes`` override fields."""
    article = Article(
        url=f"https://{site}/news/{n}?utm_source=feed",
        canonical_url=f"https://{site}/news/{n}",
        site=site,
        title=f"Headline {n}",
        authors=["Ana Pérez", "李雷"],
        published_at=datetime(2024, 5, 1, 12, 30, tzinfo=PLUS_TWO),
        published_source="page",
        modified_at=datetime(2024, 5, 2, 8, 0, tzinfo=UTC),
        language="en",
        description="A short summary",
        image_url=f"https://{site}/img/{n}.jpg",
        tags=["politics", "économie"],
        text=f"Body of article {n}.\nSecond paragraph with “quotes”, ümlauts and 日本語 🙂.",
        attribution=[Attribution(name="TASS", kind="source", url="https://tass.com/x")],
        fetched_at=datetime(2024, 5, 3, 9, 15, 30, 123456, tzinfo=UTC),
        text_hash=f"{n:064x}",
    )
    for key, value in changes.items():
        setattr(article, key, value)
    return article
