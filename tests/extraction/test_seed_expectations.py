"""The seed pages' acceptance criteria, stated as behaviour (see shared/seeds/README.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newscrawl.extraction import extract
from newscrawl.items import Article

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"


def _extract(relative: str, url: str) -> Article:
    article = extract((PAGES / relative).read_bytes(), url)
    assert article is not None
    return article


def test_aggregator_body_starts_at_the_article_and_points_to_the_source() -> None:
    article = _extract(
        "asian-news/putin-wants-to-get-closer-to-the-taliban.html",
        "https://asian-news.net/2024/05/10/putin/",
    )
    assert article.text.startswith("Russia is currently considering")
    assert [(a.name, a.kind) for a in article.attribution] == [("asiatimes.com", "read-more")]


def test_republished_article_keeps_body_and_records_the_conversation() -> None:
    article = _extract(
        "asiatimes/putin-wants-to-get-closer-to-the-taliban.html",
        "https://asiatimes.com/2024/05/putin/",
    )
    assert article.text.rstrip().endswith("Northumbria University, Newcastle.")
    assert ("The Conversation", "republished") in [(a.name, a.kind) for a in article.attribution]


def test_portal_author_and_no_lists() -> None:
    article = _extract("viewus/putins-taliban-outreach.html", "https://www.viewusglobal.com/a")
    assert article.authors == ["Daniel Kim"]
    assert "Popular Now" not in article.text and "Share it on" not in article.text


def test_monitoring_site_date_author_source() -> None:
    article = _extract(
        "khorasan-diary/russia-moves-to-establish-full-fledged-relations.html",
        "https://thekhorasandiary.com/en/russia-moves/",
    )
    assert article.published_at is not None and article.published_at.date() == date(2024, 5, 29)
    assert article.authors == []  # "By TKD Team": a desk, not a person (issue 9)
    assert [(a.name, a.kind) for a in article.attribution] == [("TASS News Agency", "source")]


def test_subheadings_are_paragraphs_and_source_lines_are_attribution() -> None:
    article = _extract(
        "aajtak/russia-may-remove-taliban-from-terror-list.html",
        "https://www.aajtak.in/world/story/x",
    )
    assert "\n\nThe Next Phase in This Dynamic\n\n" in article.text
    assert "Source: aajtak" not in article.text
    assert [(a.name, a.kind) for a in article.attribution] == [("aajtak", "source")]
