"""Publication day: the day the page shows, the instant the page declares."""

from __future__ import annotations

from datetime import UTC, date, datetime

from newscrawl.extraction import extract
from newscrawl.extraction.dates import better_published, dated_published

BODY = "".join(
    f"<p>Paragraph {i}: the mayor said the works would start in spring and last two years, "
    "closing the bridge to cars but not to bikes.</p>"
    for i in range(4)
)


def _page(declared: str, shown: str) -> str:
    return (
        "<html><head><title>Bridge to close</title>"
        f'<meta property="article:published_time" content="{declared}"></head>'
        f"<body><article><h1>Bridge to close</h1><p>Published: {shown}</p>{BODY}"
        "</article></body></html>"
    )


def test_a_utc_time_after_midnight_keeps_the_day_the_page_shows() -> None:
    page = _page("2019-11-20T04:26:47Z", "November 19, 2019 11:26 pm")
    article = extract(page, "https://news.example/sports/isles-win")
    assert article is not None and article.published_at is not None
    assert article.published_at.date() == date(2019, 11, 19)
    assert article.published_at == datetime(2019, 11, 20, 4, 26, 47, tzinfo=UTC)


def test_a_shown_day_that_agrees_changes_nothing() -> None:
    page = _page("2019-11-20T14:26:47Z", "November 20, 2019")
    article = extract(page, "https://news.example/sports/isles-win")
    assert article is not None and article.published_at is not None
    assert article.published_at.isoformat() == "2019-11-20T14:26:47+00:00"


def test_each_date_says_where_it_came_from_and_the_most_trusted_wins() -> None:
    def guess() -> str | None:
        return "2020-01-02"

    url = "https://news.example/2021/05/02/story"
    assert dated_published({"datePublished": "2021-05-02T10:00:00Z"}, {}, guess, url)[1] == "page"
    assert dated_published({}, {}, guess, url)[1] == "url"
    assert dated_published({}, {}, lambda: "2020-01-02", "https://n.example/s")[1] == "guessed"
    assert dated_published({}, {}, lambda: None, "https://n.example/s") == (None, None)
    day = datetime(2021, 5, 2, tzinfo=UTC)
    feed = (datetime(2021, 5, 2, 15, 45, tzinfo=UTC), "feed")
    assert better_published((day, "url"), feed) == feed  # a feed's exact time over a URL's day
    assert better_published((day, "page"), feed) == (day, "page")
    assert better_published((None, None), feed) == feed
    assert better_published((day, "sitemap"), feed) == (day, "sitemap")  # a tie: the first
