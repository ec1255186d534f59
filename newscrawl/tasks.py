"""What runs in the worker processes: one fetched page in, its article and links out.

A page is decoded and parsed once; the same tree gives the page signals, the links to
follow and (for article pages) the extracted article. Arguments and results are plain,
picklable values: bytes, strings, dataclasses; never a Scrapy object.

The crawler process imports this module only to name ``analyze_page`` to the workers, so the
extraction modules (trafilatura, readability, htmldate...) and the MinHash are imported by
the functions that run them, in the workers (``workers/warmup.py`` does it before they fork):
~0.3 s of CPU the crawler no longer pays at every start.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from lxml import etree, html

from newscrawl.dedup import choose_canonical
from newscrawl.discovery.dates import parse_feed_date
from newscrawl.discovery.feeds import FEED_TYPES
from newscrawl.discovery.links import Link, LinkPolicy, absolute_links
from newscrawl.extraction import SiteRules
from newscrawl.items import Article

logger = logging.getLogger(__name__)
_FEED_LINKS = etree.XPath(
    "//link[@rel='alternate'][{}]/@href".format(" or ".join(f"@type='{t}'" for t in FEED_TYPES)),
    smart_strings=False,
)
_HREFS = etree.XPath("//a/@href", smart_strings=False)  # plain strings: cheaper, picklable
_BASE = etree.XPath("//base/@href", smart_strings=False)


@dataclass(frozen=True)
class PageTask:
    url: str
    body: bytes
    encoding: str | None  # the charset the HTTP header declared, if any
    rules: SiteRules
    policy: LinkPolicy
    depth: int = 0
    published_hint: str | None = None  # from a news sitemap or feed
    listed: bool = False  # a feed or (news) sitemap named this URL as an entry


@dataclass
class PageAnalysis:
    article: Article | None = None
    is_article_page: bool = False
    links: list[Link] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    problem: str | None = None  # why the page could not be read at all
    # An article page (listed by a feed or sitemap, or declaring itself one) with no body:
    # never counted as a non-article page.
    extraction_failed: bool = False


def analyze_page(task: PageTask) -> PageAnalysis:
    """Read one page: is it an article, what does it say, where does it link."""
    from newscrawl.discovery.page import crawl_evidence
    from newscrawl.extraction.core import parse_page
    from newscrawl.extraction.pagekind import worth_extracting

    tree = parse_page(task.body, task.encoding)
    if tree is None:
        return PageAnalysis(problem=_unreadable(task.body))
    listed = task.listed or task.published_hint is not None
    evidence = crawl_evidence(tree, task.url, listed_as_article=listed)
    is_article = worth_extracting(evidence, tree)
    base = (_BASE(tree) or [task.url])[0]
    hrefs = absolute_links(base, _HREFS(tree))
    analysis = PageAnalysis(
        is_article_page=is_article,
        links=list(task.policy.follow(hrefs, task.depth, from_article=is_article)),
        feeds=[] if is_article else list(absolute_links(task.url, _feed_links(tree))),
    )
    if is_article:
        analysis.article = _article(tree, task, listed)
        analysis.extraction_failed = analysis.article is None and evidence.says_article
    return analysis


def _unreadable(body: bytes) -> str:
    from newscrawl.extraction.decode import looks_binary

    if not body.strip():
        return "empty body"
    return "binary body served as text" if looks_binary(body) else "unparseable HTML"


def _feed_links(tree: html.HtmlElement) -> list[str]:
    return list(_FEED_LINKS(tree))


def _article(tree: html.HtmlElement, task: PageTask, listed: bool) -> Article | None:
    from newscrawl.dedup.signature import compute_signature
    from newscrawl.extraction.core import extract_tree

    try:
        article = extract_tree(tree, task.url, task.rules, listed_as_article=listed)
    except Exception:  # a page that breaks extraction is skipped; its links are kept
        logger.exception("extraction failed for %s", task.url)
        return None
    if article is None:
        return None
    return replace(
        article,
        canonical_url=choose_canonical(task.url, article.canonical_url),
        published_at=article.published_at or parse_feed_date(task.published_hint),
        dedup_signature=compute_signature(article.text).to_bytes(),  # here, not on the reactor
    )
