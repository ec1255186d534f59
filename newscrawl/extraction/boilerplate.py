"""DOM-level boilerplate removal, run before the body extractor sees the tree.

Two generic signals: class/id names that sites give to their furniture (share bars,
newsletter boxes, related and popular lists, comments, bylines, captions, tag lists), and
blocks made almost entirely of links. The article containers found structurally
(``container.py``) and their ancestors are never removed, whatever their names say.
"""

from __future__ import annotations

import re

from lxml import html

from newscrawl.extraction.container import article_containers, with_ancestors

# Class/id tokens (split on spaces, "-" and "_") that mark furniture at any size.
_JUNK_TOKENS = frozenset(
    (
        "share",
        "sharing",
        "sharebar",
        "social",
        "socials",
        "sharetools",
        "newsletter",
        "newsletters",
        "subscribe",
        "subscription",
        "signup",
        "related",
        "recommended",
        "recommendations",
        "recirc",
        "popular",
        "trending",
        "mostread",
        "mostpopular",
        "readmore",
        "morestories",
        "outbrain",
        "taboola",
        "comment",
        "comments",
        "disqus",
        "respond",
        "breadcrumb",
        "breadcrumbs",
        "byline",
        "bylines",
        "caption",
        "captions",
        "figcaption",
        "credit",
        "credits",
        "tags",
        "tag",
        "taglist",
        "taxonomy",
        "categories",
        "advert",
        "advertisement",
        "ads",
        "ad",
        "dfp",
        "gpt",
        "sponsored",
        "promo",
        "cta",
        "sidebar",
        "rail",
        "widget",
        "modal",
        "popup",
        "overlay",
        "cookie",
        "consent",
        "copyright",
        "skip",
        "bio",
        "author",
        "authors",
        "meta",
        "dateline",
        "toolbar",
        "tools",
        "latest",
        "print",
    )
)
# Furniture that is short by nature: an element named only for one of these that holds more
# text than a long caption is misnamed (a post inside an unclosed caption), not furniture.
_SHORT_TOKENS = frozenset({"caption", "captions", "figcaption", "byline", "bylines", "dateline"})
_MAX_SHORT_FURNITURE = 1000  # characters
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_LINK_BLOCK_TAGS = frozenset({"ul", "ol", "div", "section", "aside", "nav", "table", "dl"})
_MIN_LINKS = 3
_MAX_LINK_DENSITY = 0.7


def class_tokens(element: html.HtmlElement) -> set[str]:
    """Lower-cased tokens of an element's class and id."""
    names, ident = element.get("class"), element.get("id")
    if not names and not ident:
        return set()  # most elements: no split, no regex
    raw = f"{names or ''} {ident or ''}".lower()
    return {token for token in _TOKEN_SPLIT.split(raw) if token}


class _Stats:
    """Text length, linked text length and link count of every element, in one pass.

    Elements are visited in reverse document order, so each one's children are done first.
    """

    def __init__(self, root: html.HtmlElement) -> None:
        self._counts: dict[html.HtmlElement, tuple[int, int, int]] = {}
        counts = self._counts
        for element in reversed(list(root.iter())):
            text = len((element.text or "").strip())
            linked = links = 0
            for child in element:
                child_text, child_linked, child_links = counts[child]
                text += child_text + len((child.tail or "").strip())
                linked += child_linked
                links += child_links
            if element.tag == "a":
                linked, links = text, links + 1
            counts[element] = (text, linked, links)

    def text(self, element: html.HtmlElement) -> int:
        return self._counts[element][0]

    def is_link_block(self, element: html.HtmlElement) -> bool:
        """A list or box that is mostly links: related stories, menus, tag clouds."""
        if element.tag not in _LINK_BLOCK_TAGS:
            return False
        text, linked, links = self._counts[element]
        return links >= _MIN_LINKS and text > 0 and linked / text >= _MAX_LINK_DENSITY


def _candidates(tree: html.HtmlElement, keep: set[html.HtmlElement]) -> list[html.HtmlElement]:
    stats = _Stats(tree)
    found: list[html.HtmlElement] = []
    for element in tree.iter("*"):
        if element in keep or not isinstance(element.tag, str):
            continue
        junk = class_tokens(element) & _JUNK_TOKENS
        if junk and junk <= _SHORT_TOKENS and stats.text(element) > _MAX_SHORT_FURNITURE:
            junk = set()
        if junk or stats.is_link_block(element):
            found.append(element)
    return found


def remove_boilerplate(tree: html.HtmlElement, ld_body: str | None = None) -> None:
    """Remove furniture and link blocks from ``tree`` in place.

    The article containers (``container.article_containers``) and their ancestors are found
    first and never removed, whatever their class names say.
    """
    body = tree.find("body")
    if body is None:
        return
    keep = with_ancestors(article_containers(body, ld_body)) | {body}
    for element in _candidates(body, keep):
        element.drop_tree()
