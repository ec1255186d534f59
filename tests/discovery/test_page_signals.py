from newscrawl.discovery.page import PageSignals, page_signals
from newscrawl.extraction.core import parse_page

PROSE = "<p>" + "The council met on Tuesday to debate the harbour budget. " * 12 + "</p>"


def _signals(html: str) -> PageSignals:
    tree = parse_page(f"<html><head></head><body>{html}</body></html>")
    assert tree is not None
    return page_signals(tree)


def test_og_article_page_is_an_article_even_with_unknown_url_shape() -> None:
    html = f'<meta property="og:type" content="article">{PROSE}'
    assert _signals(html).is_article("https://x.com/world/europe")


def test_jsonld_graph_news_article() -> None:
    ld = '{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle"}]}'
    html = f'<script type="application/ld+json">{ld}</script>{PROSE}'
    assert _signals(html).jsonld_article


def test_listing_urls_are_never_articles_whatever_the_page_says() -> None:
    html = f'<meta property="og:type" content="article">{PROSE}'
    assert not _signals(html).is_article("https://x.com/tag/taliban/")
    assert not _signals(html).is_article("https://x.com/about/")


def test_article_shaped_url_needs_real_text() -> None:
    url = "https://x.com/world/2024/05/29/russia-taliban-talks"
    assert _signals(PROSE).is_article(url)
    assert not _signals("<p>Short teaser.</p>").is_article(url)


def test_unknown_shape_without_metadata_needs_one_long_article_element() -> None:
    url = "https://x.com/world/europe"
    assert not _signals(PROSE).is_article(url)
    assert _signals(f"<article>{PROSE * 3}</article>").is_article(url)
    assert not _signals(f"<article>{PROSE}</article><article>{PROSE}</article>").is_article(url)


def test_broken_jsonld_is_ignored() -> None:
    html = f'<script type="application/ld+json">{{"@type": "NewsArt</script>{PROSE}'
    assert not _signals(html).jsonld_article
