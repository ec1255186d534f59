"""readability-lxml as a second opinion: its article HTML turned into text blocks.

readability-lxml (a port of Mozilla's Readability) finds the article container by scoring
paragraph-rich elements; it fails on different pages than trafilatura does, which is what makes
it worth asking when the two should agree.
"""

from __future__ import annotations

import logging

from lxml import etree
from lxml import html as lxml_html
from readability import Document
from readability.readability import Unparseable

LOGGER = logging.getLogger(__name__)

_BLOCKS = frozenset(
    {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "tr", "dd", "dt"}
    | {"section", "article", "figure", "figcaption", "table", "ul", "ol", "br", "td", "th"}
)


def _block_lines(root: lxml_html.HtmlElement) -> list[str]:
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if element.text and tag not in {"script", "style"}:
                parts.append(element.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if element.tail and element is not root:
                parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return [line for line in lines if line]


def readability_text(source: str | bytes, url: str | None = None) -> str:
    """The text readability-lxml finds as the article, one block per line ("" when none)."""
    try:
        summary = Document(source, url=url).summary(html_partial=True)
    except (Unparseable, ValueError, LookupError, etree.ParserError):
        return ""
    if not summary.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(summary, create_parent="div")
    except (etree.ParserError, ValueError, AssertionError):
        # lxml asserts on a summary it parses to no <body> ("too many bodies: []"): a
        # second opinion that cannot be read is no opinion, never a lost page
        return ""
    return "\n".join(_block_lines(root))
