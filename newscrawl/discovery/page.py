"""Page signals that tell an article from a listing: og:type, JSON-LD, <article>, text density."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class PageSignals:
    og_article: bool
    jsonld_article: bool
    article_elements: int
    paragraph_chars: int

    def is_article(self, url: str) -> bool:
        """Decide with the URL's shape and what the page says about itself."""
        kind = url_kind(url)
        if kind in (UrlKind.LISTING, UrlKind.FILE):
            return False
        if self.paragraph_chars < MIN_ARTICLE_TEXT // 2:
            return False
        if self.og_article or self.jsonld_article:
            return True
        if kind is UrlKind.ARTICLE:
            return self.paragraph_chars >= MIN_ARTICLE_TEXT
        return self.article_elements == 1 and self.paragraph_chars >= 3 * MIN_ARTICLE_TEXT


def _og_type(tree: html.HtmlElement) -> str:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            return (meta.get("content") or "").strip().lower()
    return ""


def page_signals(tree: html.HtmlElement) -> PageSignals:
    """Signals of a parsed page (the tree is not modified)."""
    return PageSignals(
        og_article=_og_type(tree) == "article",
        jsonld_article=bool(page_types(json_ld_nodes(tree)) & ARTICLE_TYPES),
        article_elements=sum(1 for _ in tree.iter("article")),
        paragraph_chars=sum(len(t.strip()) for t in tree.xpath(_PARAGRAPH_TEXT)),
    )
