"""Page signals that tell an article from a listing: og:type, JSON-LD, <article>, text density."""

from __future__ import annotations

from lxml import html

from newscrawl.discovery.urls import UrlKind, url_kind
from newscrawl.extraction.jsonld import json_ld_nodes, page_types

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "techarticle",
    }
)
MIN_ARTICLE_TEXT = 500  # characters of <p> text a page needs before it can be an article
_PARAGRAPH_TEXT = "//p[not(ancestor::nav or ancestor::footer)]//text()"


def _og_type(tree: html.HtmlElement) -> str:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            return (meta.get("content") or "").strip().lower()
    return ""


def _paragraph_chars(tree: html.HtmlElement) -> int:
    return sum(len(t.strip()) for t in tree.xpath(_PARAGRAPH_TEXT))


def declares_article(tree: html.HtmlElement) -> bool:
    """og:type "article" or a JSON-LD article type."""
    if _og_type(tree) == "article":
        return True
    return bool(page_types(json_ld_nodes(tree)) & ARTICLE_TYPES)


def is_article_page(tree: html.HtmlElement, url: str, dated_entry: bool = False) -> bool:
    """Decide with the URL's shape and what the page says about itself, cheapest first.

    Listing, file and search URLs never are; a page that declares itself an article, or that a news
    sitemap or feed listed with a publication date (``dated_entry``), is (extraction still
    needs real text); otherwise an article-shaped URL needs paragraph text, and an unknown
    shape needs a single long <article>.
    """
    kind = url_kind(url)
    if kind in (UrlKind.LISTING, UrlKind.FILE, UrlKind.SEARCH):
        return False
    if dated_entry or declares_article(tree):
        return True
    if kind is UrlKind.ARTICLE:
        return _paragraph_chars(tree) >= MIN_ARTICLE_TEXT
    articles = sum(1 for _ in tree.iter("article"))
    return articles == 1 and _paragraph_chars(tree) >= 3 * MIN_ARTICLE_TEXT
