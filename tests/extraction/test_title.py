"""Titles: the headline, not the blog's name in a banner nor a section word."""

from __future__ import annotations

from newscrawl.extraction import extract

BODY = "".join(
    f"<p>Paragraph {i}: the mayor said the works would start in spring and last two years, "
    "closing the bridge to cars but not to bikes.</p>"
    for i in range(4)
)


def _page(title: str, banner: str, headline: str = "", head: str = "") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><header>{banner}</header>"
        f"<article>{headline}{BODY}</article></body></html>"
    )


def test_a_blog_name_heading_that_links_home_is_not_the_headline() -> None:
    page = _page(
        "Ann's Blog: The bridge closes in spring",
        '<h1 id="banner"><a href="https://blog.example/anns-blog/">Ann\'s Blog</a></h1>',
        "<h2>The bridge closes in spring</h2>",
    )
    article = extract(page, "https://blog.example/anns-blog/2012/07/bridge.html")
    assert article is not None and article.title == "The bridge closes in spring"


def test_a_shorter_form_of_the_site_name_is_cut_from_the_title() -> None:
    page = _page(
        "By the Numbers: 10,000 | The City Hall",
        '<h1><a href="/blog">The City Hall Blog</a></h1>',
    )
    article = extract(page, "https://city.example/blog/2012/07/18/numbers")
    assert article is not None and article.title == "By the Numbers: 10,000"


def test_a_section_heading_is_not_the_headline() -> None:
    title = "GoldenEye remake canned after two years - Xbox"
    page = _page(title, "<h1>Xbox</h1>", head=f'<meta property="og:title" content="{title}">')
    article = extract(page, "https://games.example/news/2008/01/goldeneye")
    assert article is not None and article.title == "GoldenEye remake canned after two years"


def test_the_visible_headline_still_wins() -> None:
    page = _page(
        "Bridge to close in spring | City Paper",
        '<h1><a href="/">City Paper</a></h1>',
        "<h1>Bridge to close in spring</h1>",
    )
    article = extract(page, "https://city.example/news/2024/03/01/bridge")
    assert article is not None and article.title == "Bridge to close in spring"
