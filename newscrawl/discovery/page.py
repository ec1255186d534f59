"""Should the crawl extract this page? Read what the page says of itself, then ask pagekind.

The words and thresholds live in ``newscrawl.extraction.pagekind``; this module only gathers
the page's own declarations (og:type, JSON-LD types, title) from the parsed tree.
"""

from __future__ import annotations

from lxml import html

from newscrawl.extraction.jsonld import json_ld_nodes, page_types
from newscrawl.extraction.pagekind import Evidence, page_evidence, worth_extracting


def _og_type(tree: html.HtmlElement) -> str:
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            return (meta.get("content") or "").strip().lower()
    return ""


def crawl_evidence(tree: html.HtmlElement, url: str, listed_as_article: bool = False) -> Evidence:
    """What the page and the crawl say about ``url`` before extraction."""
    title = tree.findtext(".//title")
    return page_evidence(
        tree,
        url,
        _og_type(tree),
        page_types(json_ld_nodes(tree)),
        (title,),
        listed_as_article,
    )


def is_article_page(tree: html.HtmlElement, url: str, dated_entry: bool = False) -> bool:
    """Is the page an article candidate? ``dated_entry``: a feed or news sitemap listed it."""
    return worth_extracting(crawl_evidence(tree, url, dated_entry), tree)
