"""Is a crawled page an article? Read what the page says of itself, then ask pagekind.

The words and thresholds live in ``newscrawl.extraction.pagekind``; this module gathers the
page's own declarations (og:type, JSON-LD types, title) from the parsed tree and applies the
crawl's decision: skip, or extract (and, for an unsure page, look at the body it gave).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import html

from newscrawl.extraction.core import extract_tree
from newscrawl.extraction.jsonld import json_ld_nodes, page_types
from newscrawl.extraction.pagekind import (
    Candidacy,
    Evidence,
    crawl_candidacy,
    page_evidence,
    reads_as_article,
)
from newscrawl.extraction.rules import SiteRules
from newscrawl.items import Article


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


@dataclass(frozen=True)
class PageVerdict:
    """The crawl's decision on one page: its candidacy, and its article if it is one."""

    candidacy: Candidacy
    article: Article | None
    says_article: bool  # the page or the crawl said "article": no body is a failure
    error: Exception | None = None  # what extraction raised, if it did

    @property
    def extraction_failed(self) -> bool:
        """An article page (the page or the crawl says so, and nothing vetoed it) that gave
        no article."""
        return self.candidacy is not Candidacy.SKIP and self.article is None and self.says_article


def page_candidacy(tree: html.HtmlElement, url: str, listed: bool = False) -> Candidacy:
    """Skip, extract, or extract and look twice? ``listed``: a feed or sitemap named it."""
    return crawl_candidacy(crawl_evidence(tree, url, listed), tree)


def judge_page(
    tree: html.HtmlElement, url: str | None, rules: SiteRules, listed: bool = False
) -> PageVerdict:
    """The crawl's decision: the same bytes, URL and evidence always give the same verdict.

    An unsure page is extracted too, and kept when its body reads as one story. Never
    raises: what extraction raised is handed back in ``error``.
    """
    evidence = crawl_evidence(tree, url or "", listed)
    candidacy = crawl_candidacy(evidence, tree)
    if candidacy is Candidacy.SKIP:
        return PageVerdict(candidacy, None, evidence.says_article)
    try:
        article = extract_tree(tree, url, rules, listed_as_article=listed)
    except Exception as exc:  # one page that breaks extraction must not stop a crawl
        return PageVerdict(candidacy, None, evidence.says_article, exc)
    if article is not None and candidacy is Candidacy.UNSURE:
        article = article if reads_as_article(evidence, article.text, url) else None
    return PageVerdict(candidacy, article, evidence.says_article)
