"""Bound the work one page can cost, then parse it once.

Everything after this module works on the lxml tree built here. The caps make a
pathological page (megabytes of markup, huge inline scripts, absurd nesting) cost about
as much as a large normal page, and never more.
"""

from __future__ import annotations

import re

from lxml import etree, html

from newscrawl.extraction.decode import without_controls

MAX_RAW_CHARS = 10_000_000  # read at most this much markup, scripts included
MAX_HTML_CHARS = 2_000_000  # parse at most this much once scripts and styles are gone
MAX_ELEMENTS = 40_000  # beyond this, the rest of the page is cut off
MAX_JSON_LD_CHARS = 200_000

_DROPPED_BLOCKS = ("script", "style", "svg", "noscript", "template", "iframe", "object", "canvas")
_JSON_LD = re.compile(r"application/ld\+json", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_OPENERS = re.compile(r"<(!--|(?:" + "|".join(_DROPPED_BLOCKS) + r")\b)", re.IGNORECASE)


def strip_markup_noise(source: str) -> str:
    """Drop scripts (JSON-LD excepted), styles, inline SVG and comments in one linear scan.

    A block that is never closed swallows the rest of the page, as a browser would.
    """
    source = _XML_DECL.sub("", source[:MAX_RAW_CHARS], count=1)
    lowered = source.lower()
    parts: list[str] = []
    pos = 0
    for match in _OPENERS.finditer(lowered):
        start = match.start()
        if start < pos:
            continue
        tag = match.group(1)
        closer = "-->" if tag == "!--" else f"</{tag}"
        end = lowered.find(closer, match.end())
        end = len(source) if end < 0 else lowered.find(">", end) + 1 or len(source)
        parts.append(source[pos:start])
        if tag == "script" and _is_small_json_ld(source, start, end):
            parts.append(source[start:end])
        pos = end
    parts.append(source[pos:])
    return "".join(parts)[:MAX_HTML_CHARS]


def _is_small_json_ld(source: str, start: int, end: int) -> bool:
    head_end = source.find(">", start, end)
    return (
        head_end > 0
        and _JSON_LD.search(source, start, head_end) is not None
        and end - start <= MAX_JSON_LD_CHARS
    )


def parse_html(source: str) -> html.HtmlElement | None:
    """Parse cleaned markup into a bounded tree; None when nothing usable comes out."""
    source = without_controls(strip_markup_noise(source))
    if not source.strip():
        return None
    try:
        tree = html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return None
    if 2 * source.count("<") + 3 > MAX_ELEMENTS:  # else the tree cannot be over the cap
        _cap_elements(tree)
    return tree


def _cap_elements(tree: html.HtmlElement) -> None:
    """Remove everything after the first MAX_ELEMENTS elements, in document order.

    Only called when the markup may hold that many: each "<" opens at most one element, and
    the parser adds at most one more (a <p> around the text that follows it) plus <html>,
    <head> and <body>.
    """
    cut: list[html.HtmlElement] = []
    for count, element in enumerate(tree.iter(), start=1):
        if count > MAX_ELEMENTS:
            cut.append(element)
    for element in reversed(cut):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
