from newscrawl.discovery.page import is_article_page
from newscrawl.extraction.core import parse_page

PROSE = "<p>" + "The council met on Tuesday to debate the harbour budget. " * 12 + "</p>"


def _is_article(body: str, url: str) -> bool:
    tree = parse_page(f"<html><head></head><body>{body}</body></html>")
    assert tree is not None
    return is_article_page(tree, url)


def test_og_article_page_is_an_article_even_with_unknown_url_shape() -> None:
    html = f'<meta property="og:type" content="article">{PROSE}'
    assert _is_article(html, "https://x.com/world/europe")


def test_jsonld_graph_news_article() -> None:
    ld = '{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle"}]}'
    html = f'<script type="application/ld+json">{ld}</script><p>Short.</p>'
    assert _is_article(html, "https://x.com/world/europe")


TEASERS = "".join(f'<h3><a href="/s/{i}">Story {i}</a></h3><p>Teaser {i}.</p>' for i in range(10))


def test_a_listing_url_is_vetoed_only_when_the_page_agrees() -> None:
    declared = '<meta property="og:type" content="article">'
    assert not _is_article(PROSE, "https://x.com/about/")  # nothing says article
    assert not _is_article(TEASERS, "https://x.com/tag/taliban/")  # a list
    assert _is_article(declared + PROSE, "https://x.com/archive/")  # one declared story


def test_article_shaped_url_needs_real_text() -> None:
    url = "https://x.com/world/2024/05/29/russia-taliban-talks"
    assert _is_article(PROSE, url)
    assert not _is_article("<p>Short teaser.</p>", url)


def test_unknown_shape_without_metadata_needs_one_long_article_element() -> None:
    url = "https://x.com/world/europe"
    assert not _is_article(PROSE, url)
    assert _is_article(f"<article>{PROSE * 3}</article>", url)
    assert not _is_article(f"<article>{PROSE}</article><article>{PROSE}</article>", url)


def test_broken_jsonld_is_ignored() -> None:
    html = f'<script type="application/ld+json">{{"@type": "NewsArt</script>{PROSE}'
    assert not _is_article(html, "https://x.com/world/europe")


def test_a_dated_feed_or_news_sitemap_entry_counts_as_declared() -> None:
    url = "https://x.com/world/europe"
    tree = parse_page(f"<html><body>{PROSE}</body></html>")
    assert tree is not None
    assert not is_article_page(tree, url)
    assert is_article_page(tree, url, dated_entry=True)
    listing = parse_page(f"<html><body>{TEASERS}</body></html>")
    assert listing is not None
    assert not is_article_page(listing, "https://x.com/tag/europe/", dated_entry=True)


SIDEBAR = "".join(f'<h3><a href="/s/{i}">Other story {i}</a></h3>' for i in range(12))


def test_one_container_of_prose_is_an_article_whatever_its_sidebars() -> None:
    # a 2008 news page: no og:type, a rail of a dozen headline links beside the story
    story = f"<div class='story'>{PROSE * 3}</div><div class='rail'>{SIDEBAR}</div>"
    assert _is_article(story, "https://x.com/news/story.html?id=f905634a")
    assert _is_article(story, "https://x.com/nba/15017151/detail.html")
    # the same prose cut into teasers, one paragraph per story, is a list
    teasers = "".join(
        f"<div><h3><a href='/s/{i}'>Story {i}</a></h3>{PROSE}</div>" for i in range(4)
    )
    assert not _is_article(teasers + SIDEBAR, "https://x.com/news/story.html?id=f905634a")
