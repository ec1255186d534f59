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
from typing import TYPE_CHECKING

from lxml import etree, html

from newscrawl.dedup import choose_canonical
from newscrawl.discovery.dates import parse_feed_date
from newscrawl.discovery.feeds import FEED_TYPES
from newscrawl.discovery.links import Link, LinkPolicy, absolute_links
from newscrawl.extraction import SiteRules
from newscrawl.extraction.dates import better_published
from newscrawl.items import Article

if TYPE_CHECKING:
    from newscrawl.discovery.page import PageVerdict

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
    published_hint_source: str | None = None  # "feed" | "sitemap": which one
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
    from newscrawl.discovery.page import judge_page
    from newscrawl.extraction.core import parse_page
    from newscrawl.extraction.pagekind import Candidacy

    tree = parse_page(task.body, task.encoding)
    if tree is None:
        return PageAnalysis(problem=_unreadable(task.body))
    listed = task.listed or task.published_hint is not None
    verdict = judge_page(tree, task.url, task.rules, listed)
    if verdict.error is not None:  # a page that breaks extraction is skipped; its links are kept
        logger.error("extraction failed for %s", task.url, exc_info=verdict.error)
    # An unsure page is followed as an article page only when it turned out to be one.
    is_article = verdict.candidacy is Candidacy.ARTICLE or verdict.article is not None
    base = (_BASE(tree) or [task.url])[0]
    hrefs = absolute_links(base, _HREFS(tree))
    return PageAnalysis(
        article=_article(verdict, task),
        is_article_page=is_article,
        links=list(task.policy.follow(hrefs, task.depth, from_article=is_article)),
        feeds=[] if is_article else list(absolute_links(task.url, _feed_links(tree))),
        extraction_failed=verdict.extraction_failed,
    )


def _unreadable(body: bytes) -> str:
    from newscrawl.extraction.decode import looks_binary

    if not body.strip():
        return "empty body"
    return "binary body served as text" if looks_binary(body) else "unparseable HTML"


def _feed_links(tree: html.HtmlElement) -> list[str]:
    return list(_FEED_LINKS(tree))


def _article(verdict: PageVerdict, task: PageTask) -> Article | None:
    from newscrawl.dedup.signature import compute_signature

    article = verdict.article
    if article is None:
        return None
    from_listing = parse_feed_date(task.published_hint), task.published_hint_source
    published_at, published_source = better_published(
        (article.published_at, article.published_source), from_listing
    )
    return replace(
        article,
        canonical_url=choose_canonical(task.url, article.canonical_url),
        published_at=published_at,
        published_source=published_source,
        dedup_signature=compute_signature(article.text).to_bytes(),  # here, not on the reactor
    )
