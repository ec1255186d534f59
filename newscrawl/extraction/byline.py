"""Visible byline and date lines ("By | TKD Team", "Published | May 29,2024").

Used only when the page's metadata (JSON-LD, meta tags) names no author or date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.sax.saxutils import escape

from htmldate import find_date
from lxml import html

_BY_LABEL = r"^(?:written |posted |reported |story )?(?:by|von|por|par)\b"
_DATE_LABEL = r"^(?:published|posted|posted on|date|created|publié le|veröffentlicht)\b"
_REST = r"\s*(?:on\b)?\s*[:|]?\s*(?P<rest>\S.{%d,80})$"
_BYLINE = (re.compile(_BY_LABEL, re.I), re.compile(_BY_LABEL + _REST % 0, re.I))
_DATELINE = (re.compile(_DATE_LABEL, re.I), re.compile(_DATE_LABEL + _REST % 5, re.I))
_TAGS = frozenset({"p", "span", "div", "li", "address", "time", "small", "strong"})
_MAX_CHARS = 90
_MAX_SCAN = 3000


def _labelled(
    tree: html.HtmlElement, patterns: tuple[re.Pattern[str], re.Pattern[str]]
) -> Iterator[str]:
    """What follows the label in each short element whose own text starts with it."""
    label, line = patterns
    body = tree.find("body")
    if body is None:
        return
    for count, element in enumerate(body.iter()):
        if count > _MAX_SCAN:
            return
        if element.tag not in _TAGS or not label.match((element.text or "").strip()):
            continue
        text = " ".join(element.text_content().split())
        found = line.match(text) if len(text) <= _MAX_CHARS else None
        if found:
            yield found.group("rest")


def visible_byline(tree: html.HtmlElement) -> str | None:
    """The names in the first "By ..." line of the page."""
    return next(_labelled(tree, _BYLINE), None)


def visible_date(tree: html.HtmlElement) -> str | None:
    """The ISO day of the first "Published: ..." line that holds a parsable date."""
    for rest in _labelled(tree, _DATELINE):
        snippet = f"<html><body><p>{escape(rest)}</p></body></html>"
        found = find_date(snippet, extensive_search=True, original_date=True)
        if found:
            return str(found)
    return None
