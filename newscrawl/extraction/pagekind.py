"""Is this page an article? The one home of that vocabulary and its thresholds.

Discovery (which pages to extract while crawling) and extraction (is what came out an article)
both decide here, with the same words and numbers:

- what a page may declare about itself (og:type, JSON-LD types) and what the crawl knows of it
  (a feed or news-sitemap entry) is *evidence*;
- a URL's shape may veto only when the page agrees: nothing declares an article and the page
  is laid out as a list of teasers, or has no body worth the name;
- error pages ("Page not found" served with status 200 in the full site template) are never
  articles.

While crawling, a page is first sorted by cheap signals (``crawl_candidacy``): skipped, an
article candidate, or *unsure*. An unsure page is extracted all the same (the work is done in
worker processes) and kept when its body reads as one story (``reads_as_article``), so a page
whose text sits in tables or font tags at a URL that does not look like an article's is not
lost for want of ``<p>`` text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from urllib.parse import urlsplit

from lxml import etree, html

from newscrawl.discovery.refusal import ERROR_CODE_TITLE
from newscrawl.discovery.urls import UrlKind, url_kind
from newscrawl.extraction.container import main_text_block, main_text_element
from newscrawl.extraction.teasers import teaser_share

# JSON-LD @type values (lower-cased) that declare one article, the most article-like first
# (metadata reads the best-ranked node); og:type "article" declares one too.
ARTICLE_TYPE_RANK = (
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "report",
    "scholarlyarticle",
    "techarticle",
    "review",
    "recipe",
    "videoobject",
)
ARTICLE_TYPES = frozenset(ARTICLE_TYPE_RANK)
# Types that, declared without any article type, say the page is not one article.
LISTING_TYPES = frozenset(
    {"collectionpage", "profilepage", "searchresultspage", "aboutpage", "contactpage"}
)
LISTING_OG_TYPES = frozenset({"profile", "books.author", "website"})

# Characters of body text an extracted article needs: little when the page or the crawl says
# it is an article (an image post with a caption), more when nothing does.
MIN_DECLARED_BODY = 40
MIN_UNDECLARED_BODY = 80
# Characters of <p> text (outside nav and footer) a crawled page of unknown URL shape needs
# before it is worth extracting; an article-shaped URL needs a third of that.
MIN_DISCOVERY_TEXT = 1500
MIN_ARTICLE_URL_TEXT = 500
# An unsure page (nothing declares it an article) at a listing- or search-shaped URL needs an
# article's worth of body; a body mostly made of teasers' headlines and blurbs is a list.
MIN_LISTING_URL_BODY = 500
MAX_TEASER_SHARE = 0.5
# A page laid out as a list: this many headline links or <article> teasers.
LISTING_HEADLINE_LINKS = 8
LISTING_TEASERS = 4
LINK_TEXT_SHARE = 0.85  # a page whose visible text is mostly link text is a list of links
# An error page's body is short; a long text under such a title is an article about errors.
MAX_ERROR_PAGE_BODY = 1200

_ERROR_TITLE = re.compile(
    rf"(?:{ERROR_CODE_TITLE}|page not found|not be found|file not found|page (?:does not|doesn't)"
    r" exist|no longer (?:available|exists)|nothing (?:was )?found|oops|error (?:404|page)"
    r"|seite nicht gefunden|seite wurde nicht gefunden|fehler 404|p[áa]gina no encontrada"
    r"|page introuvable|pagina non trovata|pagina niet gevonden|strona nie istnieje"
    r"|страница не найдена|ページが見つかりません|页面不存在|找不到)",
    re.IGNORECASE,
)
_SERVICE_PATH = re.compile(
    r"/(?:about|about-us|contact|contact-us|privacy|privacy-policy|terms|terms-of-service"
    r"|terms-of-use|imprint|impressum|datenschutz|login|register|subscribe|account)"
    r"(?:\.html?|\.php)?/?$",
    re.IGNORECASE,
)
_PARAGRAPH_TEXT = etree.XPath(
    "//p[not(ancestor::nav or ancestor::footer)]//text()", smart_strings=False
)
_HEADLINE_LINKS = etree.XPath("count(//h2[.//a] | //h3[.//a] | //h4[.//a])", smart_strings=False)


# URL shapes that say "not one story". A file extension does not: a page served as HTML
# from ".../story.txt" is what it says it is.
_LISTING_SHAPES = frozenset({UrlKind.LISTING, UrlKind.SEARCH})


@dataclass(frozen=True)
class Evidence:
    """What is known about a page before its body is judged."""

    url_kind: UrlKind
    declared_article: bool  # og:type article or a JSON-LD article type
    declared_listing: bool  # a collection/profile/about type and no article type
    listed_as_article: bool  # a feed or news-sitemap entry named it
    error_page: bool  # its title or headline says "page not found"
    tree: html.HtmlElement = field(repr=False, compare=False)
    service_page: bool = False  # an about, contact, legal or account URL

    @cached_property
    def listing_layout(self) -> bool:
        """Headline links or <article> teasers in numbers: a walk over the page's links,
        made only when a decision needs it (most article pages never do)."""
        return has_listing_layout(self.tree)

    @property
    def listing_agrees(self) -> bool:
        """The URL's shape says listing and the page agrees: it does not declare an article,
        and is laid out as a list of stories or is an about/contact/legal page."""
        if self.url_kind not in _LISTING_SHAPES:
            return False
        if self.declared_article:
            return False  # the page's own og:type/JSON-LD outweighs its URL and sidebars
        return self.listing_layout or (self.service_page and not self.listed_as_article)

    @property
    def says_article(self) -> bool:
        """The page or the crawl says this is an article."""
        return self.declared_article or self.listed_as_article


def declared_types(og_type: str | None, ld_types: set[str]) -> tuple[bool, bool]:
    """(declares an article, declares a listing) from og:type and JSON-LD types."""
    og = (og_type or "").strip().lower()
    article = og == "article" or bool(ld_types & ARTICLE_TYPES)
    listing = not article and (bool(ld_types & LISTING_TYPES) or og in {"profile", "books.author"})
    return article, listing


def is_error_title(*titles: str | None) -> bool:
    """A title or headline that says the page is an error page."""
    return any(title and _ERROR_TITLE.search(title) for title in titles)


def has_listing_layout(tree: html.HtmlElement) -> bool:
    """Laid out as a list of stories: many headline links, several <article> teasers, or
    text that is mostly links."""
    if float(_HEADLINE_LINKS(tree)) >= LISTING_HEADLINE_LINKS:
        return True
    if sum(1 for _ in tree.iter("article")) >= LISTING_TEASERS:
        return True
    links = [len(a.text_content().strip()) for a in tree.iter("a")]
    if len(links) < LISTING_HEADLINE_LINKS:
        return False
    body = tree.find("body")
    text = len((body if body is not None else tree).text_content().strip())
    return text > 0 and sum(links) / text >= LINK_TEXT_SHARE


def paragraph_chars(tree: html.HtmlElement) -> int:
    return sum(len(t.strip()) for t in _PARAGRAPH_TEXT(tree))


def main_text_chars(tree: html.HtmlElement) -> int:
    """Text of the page's paragraphs, or of its main text element when that holds more
    (posts written with ``<br>`` or in table cells have few ``<p>``)."""
    main = main_text_element(tree)
    return max(paragraph_chars(tree), len(main.text_content().strip()) if main is not None else 0)


def main_block_chars(tree: html.HtmlElement) -> int:
    """Characters of prose in the page's main text element's own paragraphs or lines."""
    found = main_text_block(tree)
    return found[1] if found else 0


def page_evidence(
    tree: html.HtmlElement,
    url: str | None,
    og_type: str | None,
    ld_types: set[str],
    titles: tuple[str | None, ...] = (),
    listed_as_article: bool = False,
) -> Evidence:
    article, listing = declared_types(og_type, ld_types)
    return Evidence(
        url_kind=url_kind(url) if url else UrlKind.UNKNOWN,
        declared_article=article,
        declared_listing=listing,
        listed_as_article=listed_as_article,
        error_page=is_error_title(*titles),
        tree=tree,
        service_page=bool(url and _SERVICE_PATH.search(urlsplit(url).path)),
    )


class Candidacy(Enum):
    """What the crawl does with a fetched page, from signals read before extraction."""

    SKIP = "skip"  # a file, a declared listing, or a list at a listing-shaped URL
    ARTICLE = "article"  # extract; ``is_article`` decides on the body
    UNSURE = "unsure"  # extract; kept only when the body ``reads_as_article``


def crawl_candidacy(evidence: Evidence, tree: html.HtmlElement) -> Candidacy:
    """While crawling: skip, extract, or extract and look twice? Cheapest signals first.

    File URLs never are articles, and a listing-shaped URL is vetoed when the page agrees.
    The page or the crawl saying "article" is enough; so is one container of an article's
    prose, or (at an article-shaped URL) a third of that. Every other page is unsure.
    """
    if evidence.url_kind is UrlKind.FILE or evidence.listing_agrees:
        return Candidacy.SKIP
    if evidence.says_article:
        return Candidacy.ARTICLE
    if evidence.declared_listing:
        return Candidacy.SKIP
    if main_block_chars(tree) >= MIN_DISCOVERY_TEXT:
        return Candidacy.ARTICLE  # one container holds an article's prose: sidebars aside
    if evidence.listing_layout or evidence.url_kind is UrlKind.LISTING:
        return Candidacy.UNSURE
    if evidence.url_kind is UrlKind.ARTICLE:
        return _article_if(main_text_chars(tree) >= MIN_ARTICLE_URL_TEXT)
    articles = sum(1 for _ in tree.iter("article"))
    return _article_if(articles <= 1 and paragraph_chars(tree) >= MIN_DISCOVERY_TEXT)


def _article_if(enough_text: bool) -> Candidacy:
    return Candidacy.ARTICLE if enough_text else Candidacy.UNSURE


def reads_as_article(evidence: Evidence, body: str, url: str | None) -> bool:
    """An unsure page's extracted body: one story, or a list's blurbs and furniture?

    What ``is_article`` says, and: the body is not mostly teasers (items led by links to
    other pages), and at a listing- or search-shaped URL it holds an article's worth of text
    (a sparse section, tag or author page extracts to a few blurbs and a newsletter line).
    """
    if not is_article(evidence, body):
        return False
    if evidence.url_kind in _LISTING_SHAPES and len(body) < MIN_LISTING_URL_BODY:
        return False
    return teaser_share(evidence.tree, body, url) < MAX_TEASER_SHARE


def is_article(evidence: Evidence, body: str) -> bool:
    """Given the extracted body: is the page an article?

    The URL's shape never decides alone: a listing, file or search URL is vetoed only when
    the page agrees (laid out as a list, or no body worth the name).
    """
    if evidence.error_page and len(body) < MAX_ERROR_PAGE_BODY:
        return False
    if evidence.listing_agrees or (evidence.declared_listing and not evidence.says_article):
        return False
    if evidence.says_article:
        return len(body) >= MIN_DECLARED_BODY
    return len(body) >= MIN_UNDECLARED_BODY
