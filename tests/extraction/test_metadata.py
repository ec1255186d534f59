"""Metadata: titles, authors, dates kept apart and timezone-aware."""

from __future__ import annotations

from datetime import date

from newscrawl.extraction import extract
from newscrawl.extraction.authors import clean_authors
from newscrawl.extraction.dates import parse_date, url_date
from newscrawl.extraction.title import strip_site_name

BODY = "".join(
    f"<p>Paragraph {i}: the mayor said the works would start in spring and last two years, "
    "closing the bridge to cars but not to bikes.</p>"
    for i in range(4)
)


def test_authors_are_split_and_cleaned() -> None:
    assert clean_authors(["By Jane Roe and John Doe"]) == ["Jane Roe", "John Doe"]
    assert clean_authors(["Staff", "jane@example.com", "Monday, November 18"]) == []
    assert clean_authors(["JANE ROE; JOHN DOE Associated Press"]) == ["Jane Roe", "John Doe"]
    assert clean_authors(["Jane Roe, CNN Business"], exclude=["CNN"]) == ["Jane Roe"]


def test_title_loses_the_site_name() -> None:
    assert strip_site_name("Bridge to close | City Paper", "City Paper", None) == "Bridge to close"
    assert strip_site_name("Bridge to close - example.com", None, "example.com") == (
        "Bridge to close"
    )


def test_dates_parse_to_aware_datetimes() -> None:
    for raw in ("2019-11-20T09:29:08+0000", "Mon, 18 Nov 2019 16:07:38 -0600", "2019-11-20"):
        parsed = parse_date(raw)
        assert parsed is not None and parsed.tzinfo is not None
    assert parse_date("not a date") is None
    assert url_date("https://x.example/2019/nov/18/story") == date(2019, 11, 18)


def test_page_metadata_from_json_ld_and_meta() -> None:
    head = (
        '<meta property="og:site_name" content="City Paper">'
        '<meta property="og:image" content="/img/bridge.jpg">'
        '<meta name="description" content="The bridge closes to cars in spring.">'
        '<link rel="canonical" href="https://city.example/bridge">'
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"headline": "Bridge to close", "datePublished": "2024-03-01T08:00:00+01:00", '
        '"dateModified": "2024-03-02T10:00:00+01:00", "author": [{"@type": "Person", '
        '"name": "Ana Lima"}, {"@type": "Person", "name": "Bo Berg"}], '
        '"keywords": "bridge, traffic"}</script>'
    )
    html = (
        f'<html lang="pt-BR"><head><title>Bridge to close | City Paper</title>{head}</head>'
        f"<body><article><h1>Bridge to close</h1>{BODY}</article></body></html>"
    )
    article = extract(html, "https://city.example/bridge?utm=x")
    assert article is not None
    assert article.title == "Bridge to close"
    assert article.authors == ["Ana Lima", "Bo Berg"]
    assert article.published_at is not None and article.published_at.isoformat() == (
        "2024-03-01T08:00:00+01:00"
    )
    assert article.modified_at is not None and article.modified_at > article.published_at
    assert article.language == "en"  # the text is English; <html lang="pt-BR"> is a hint only
    assert article.site == "City Paper"
    assert article.canonical_url == "https://city.example/bridge"
    assert article.image_url == "https://city.example/img/bridge.jpg"
    assert article.tags == ["bridge", "traffic"]
    assert article.description == "The bridge closes to cars in spring."
