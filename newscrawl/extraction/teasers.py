"""Is an extracted body one story, or the blurbs of a list of stories?

A section, tag, author or home page extracts to a body too: the blurbs under its headlines.
A teaser is an item led by a link to another page (the headline) with some text of its own
(the blurb). The *teaser share* of a body is the part of its text that is such blurbs; an
article's body is its own prose, whatever rails of headlines sit beside it. Pure: a parsed
page and a body in, a number out.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

# A link this long reads as a headline, not as a menu entry ("World", "Sport").
MIN_HEADLINE_CHARS = 20
# A blurb adds at least this much text to its headline's item.
MIN_BLURB_CHARS = 20
# How far above a headline link its item may start (the <a>, its <h3>, the item's <div>).
_ITEM_LEVELS = 3
# A page with fewer teasers than this is no list of them.
MIN_TEASERS = 2
_SPACE = re.compile(r"\s+")
_PROBE_CHARS = 60
_LINKS = etree.XPath("//a[@href]", smart_strings=False)


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _headline_links(element: html.HtmlElement) -> int:
    return sum(1 for a in element.iter("a") if len(_norm(a.text_content())) >= MIN_HEADLINE_CHARS)


def _item_blurb(link: html.HtmlElement, link_text: str) -> str | None:
    """The text the item led by ``link`` adds to it, if the link leads an item of its own
    (a "« previous post" link beside "next post »" leads none: the post is not its blurb).
    Items may be flat: a headline followed by its blurb in a container of many."""
    item = link
    for _ in range(_ITEM_LEVELS):
        parent = item.getparent()
        if parent is None or parent.tag in ("body", "html") or _headline_links(parent) > 1:
            return _next_blurb(item) if item is not link else None
        item = parent
        text = _norm(item.text_content())
        if len(text) - len(link_text) >= MIN_BLURB_CHARS:
            # the headline leads its item: a link inside a sentence is not a headline
            return text[len(link_text) :] if text.startswith(link_text) else None
    return None


def _next_blurb(headline: html.HtmlElement) -> str | None:
    """The blurb right after a headline (``<h3><a>…</a></h3><p>…</p>``), if it leads nothing
    else itself."""
    after = headline.getnext()
    if after is None or not isinstance(after.tag, str) or _headline_links(after):
        return None
    text = _norm(after.text_content())
    return text if len(text) >= MIN_BLURB_CHARS else None


def _same_page(href: str, page: str) -> bool:
    """Does ``href`` lead back to the page itself (a post's title linking to its own URL)?
    Compared on path and query: a saved or mirrored page links to itself on its first host."""
    if not page:
        return False
    target = urlsplit(urljoin(page, href.strip()))
    here = urlsplit(page)
    return (target.path.rstrip("/"), target.query) == (here.path.rstrip("/"), here.query)


def teasers(tree: html.HtmlElement, url: str | None = None) -> list[tuple[str, str]]:
    """``(headline, blurb)`` of the page's teasers: items led by a link to another page."""
    found = []
    for link in _LINKS(tree):
        if _same_page(link.get("href") or "", url or ""):
            continue
        text = _norm(link.text_content())
        if len(text) >= MIN_HEADLINE_CHARS:
            blurb = _item_blurb(link, text)
            if blurb:
                found.append((text, blurb))
    return found


def teaser_share(tree: html.HtmlElement, body: str, url: str | None = None) -> float:
    """The share of ``body``'s characters in lines that are teasers' headlines or blurbs.

    A list has several teasers: one item led by a link (a "« previous post" link above a
    post, an author box) makes no list, and counts for nothing.
    """
    lines = [_norm(line) for line in body.split("\n")]
    lines = [line for line in lines if line]
    total = sum(len(line) for line in lines)
    found = teasers(tree, url)
    if not total or len(found) < MIN_TEASERS:
        return 0.0
    text = "\n".join(part for teaser in found for part in teaser)
    in_teasers = sum(len(line) for line in lines if line[:_PROBE_CHARS] in text)
    return in_teasers / total
