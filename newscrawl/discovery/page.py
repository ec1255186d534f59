"""Page signals that tell an article from a listing: og:type, JSON-LD, <article>, text density."""

from __future__ import annotations

import json
from dataclasses import dataclass

from parsel import Selector

from newscrawl.discovery.urls import UrlKind, url_kind

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


def _jsonld_types(selector: Selector) -> set[str]:
    found: set[str] = set()
    for raw in selector.xpath('//script[@type="application/ld+json"]/text()').getall()[:10]:
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        _collect_types(data, found, depth=0)
    return found


def _collect_types(node: object, found: set[str], depth: int) -> None:
    if depth > 4:
        return
    if isinstance(node, list):
        for child in node[:50]:
            _collect_types(child, found, depth + 1)
    elif isinstance(node, dict):
        kind = node.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        found.update(k.lower() for k in kinds if isinstance(k, str))
        if "@graph" in node:
            _collect_types(node["@graph"], found, depth + 1)


def page_signals(selector: Selector) -> PageSignals:
    og_type = selector.xpath('//meta[@property="og:type"]/@content').get("") or ""
    paragraphs = selector.xpath("//p[not(ancestor::nav or ancestor::footer)]//text()").getall()
    return PageSignals(
        og_article=og_type.strip().lower() == "article",
        jsonld_article=bool(_jsonld_types(selector) & ARTICLE_TYPES),
        article_elements=len(selector.xpath("//article")),
        paragraph_chars=sum(len(t.strip()) for t in paragraphs),
    )
