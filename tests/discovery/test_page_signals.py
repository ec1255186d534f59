"""The crawl's decision on a page: skipped, extracted, or extracted and looked at twice."""

from newscrawl.discovery.page import PageVerdict, judge_page
from newscrawl.extraction.core import parse_page
from newscrawl.extraction.pagekind import Candidacy
from newscrawl.extraction.rules import SiteRules

PROSE = "<p>" + "The council met on Tuesday to debate the harbour budget. " * 12 + "</p>"
LINES = "<br>".join(
    f"Line {i}: the harbour commission heard evidence from ferry crews and dock workers."
    for i in range(20)
)


def _verdict(body: str, url: str, listed: bool = False, head: str = "") -> PageVerdict:
    tree = parse_page(f"<html><head>{head}</head><body>{body}</body></html>")
    assert tree is not None
    return judge_page(tree, url, SiteRules(), listed)


def _stored(body: str, url: str, listed: bool = False, head: str = "") -> bool:
    return _verdict(body, url, listed, head).article is not None


def test_og_article_page_is_an_article_even_with_unknown_url_shape() -> None:
    html = f'<meta property="og:type" content="article">{PROSE}'
    assert _stored(html, "https://x.com/world/europe")


def test_a_declared_article_without_a_body_is_an_extraction_failure() -> None:
    ld = '{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle"}]}'
    html = f'<script type="application/ld+json">{ld}</script><p>Short.</p>'
    verdict = _verdict(html, "https://x.com/world/europe")
    assert verdict.candidacy is Candidacy.ARTICLE
    assert verdict.article is None and verdict.extraction_failed


TEASERS = "".join(
    f'<h3><a href="/s/{i}">Harbour council story number {i} in the news</a></h3>'
    f"<p>Teaser {i}: what the council said about the ferries this week.</p>"
    for i in range(10)
)


def test_a_listing_url_is_vetoed_only_when_the_page_agrees() -> None:
    declared = '<meta property="og:type" content="article">'
    assert _verdict(PROSE, "https://x.com/about/").candidacy is Candidacy.SKIP  # no extraction
    assert _verdict(TEASERS, "https://x.com/tag/taliban/").candidacy is Candidacy.SKIP  # a list
    assert _stored(declared + PROSE, "https://x.com/archive/")  # one declared story


def test_article_shaped_url_needs_real_text() -> None:
    url = "https://x.com/world/2024/05/29/russia-taliban-talks"
    assert _stored(PROSE, url)
    assert not _stored("<p>Short teaser.</p>", url)


def test_text_outside_paragraphs_is_judged_on_what_extraction_finds() -> None:
    # a 2008 page: its story in a table cell and font tags, at a URL that looks like nothing
    lines = LINES.split("<br>")[:12]
    rows = "".join(f"<tr><td><font size='2'>{line}</font></td></tr>" for line in lines)
    story = f"<table>{rows}</table>"
    verdict = _verdict(story, "https://x.com/ent/celeb/winslet0109")
    assert verdict.candidacy is Candidacy.UNSURE
    assert verdict.article is not None and "ferry crews" in verdict.article.text


def test_teasers_are_a_list_whatever_the_url() -> None:
    assert not _stored(TEASERS, "https://x.com/news/local-news")
    # the same teasers as <article> elements at an article-shaped URL
    items = "".join(
        f'<article><h2><a href="/s/{i}">Harbour council story number {i} in the news</a>'
        f"</h2>{PROSE}</article>"
        for i in range(4)
    )
    assert not _stored(items, "https://x.com/news/story.html?id=f905634a")


def test_a_sparse_section_page_is_no_article() -> None:
    # one teaser, a line about the section and a newsletter box: nothing says "article"
    page = (
        "<h1>World</h1><p>The latest from around the world, by the Herald's reporters.</p>"
        '<div><h3><a href="/world/2024/05/29/talks">Russia and the Taliban resume talks in '
        "Doha</a></h3><p>Officials say a decision could come within weeks.</p></div>"
        "<p>The day's harbour news in your inbox at seven every morning.</p>"
    )
    for url in ("https://x.com/world/", "https://x.com/author/daniel-kim/"):
        assert _verdict(page, url).candidacy is Candidacy.UNSURE
        assert not _stored(page, url)


def test_a_blog_post_with_previous_and_next_links_is_an_article() -> None:
    post = (
        '<div class="nav"><a href="/2012/10/older-post.html">« On quadrille and fabric today</a>'
        ' | <a href="/">Main</a></div>'
        f'<div class="post"><h3>Flower magazine</h3>{LINES}</div>'
    )
    assert _stored(post, "https://x.com/2012/06/flower-magazine")


def test_a_soft_404_is_no_article() -> None:
    page = f"<h1>Page not found</h1><p>Sorry, we could not find that page.</p>{TEASERS[:400]}"
    for listed in (False, True):
        assert not _stored(page, "https://x.com/world/2024/05/29/gone", listed)


def test_broken_jsonld_declares_nothing() -> None:
    html = f'<script type="application/ld+json">{{"@type": "NewsArt</script>{PROSE}'
    assert _verdict(html, "https://x.com/world/europe").candidacy is Candidacy.UNSURE


def test_a_dated_feed_or_news_sitemap_entry_counts_as_declared() -> None:
    url = "https://x.com/world/europe"
    assert _verdict(PROSE, url).candidacy is Candidacy.UNSURE
    assert _verdict(PROSE, url, listed=True).candidacy is Candidacy.ARTICLE
    listing = _verdict(TEASERS, "https://x.com/tag/europe/", listed=True)
    assert listing.candidacy is Candidacy.SKIP and not listing.extraction_failed


SIDEBAR = "".join(
    f'<h3><a href="/s/{i}">Other harbour story number {i} today</a></h3>' for i in range(12)
)


def test_one_container_of_prose_is_an_article_whatever_its_sidebars() -> None:
    # a 2008 news page: no og:type, a rail of a dozen headline links beside the story
    story = f"<div class='story'>{PROSE * 3}</div><div class='rail'>{SIDEBAR}</div>"
    for url in (
        "https://x.com/news/story.html?id=f905634a",
        "https://x.com/nba/15017151/detail.html",
    ):
        verdict = _verdict(story, url)
        assert verdict.candidacy is Candidacy.ARTICLE and verdict.article is not None


def test_the_verdict_depends_on_the_page_alone_not_on_what_came_before() -> None:
    pages = [
        (PROSE, "https://x.com/world/europe"),
        (TEASERS, "https://x.com/news/local-news"),
        (f"<table><tr><td>{LINES}</td></tr></table>", "https://x.com/a/b"),
        (SIDEBAR, "https://x.com/world/"),
    ]
    first = [_stored(body, url) for body, url in pages]
    again = [_stored(body, url) for body, url in reversed(pages)][::-1]
    assert first == again == [True, False, True, False]
