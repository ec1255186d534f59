"""The article body: trafilatura over the pre-cleaned tree, as typed blocks of text."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura
from lxml import etree, html
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt


@dataclass(frozen=True)
class Block:
    """One paragraph-level unit of the body: ``kind`` is trafilatura's tag (p, head, list...)."""

    kind: str
    text: str


def body_blocks(tree: html.HtmlElement, url: str | None) -> list[Block]:
    """Main-text blocks of ``tree`` (which is not modified), in document order.

    trafilatura gets the tree serialised and parses it with its own loader: handed an lxml.html
    tree directly, it finds nothing on some pages that it reads well from markup.
    """
    loaded = load_html(html.tostring(tree, encoding="unicode"))
    if loaded is None:
        return []
    document = trafilatura.bare_extraction(
        loaded,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
    )
    body = getattr(document, "body", None)  # a Document (as_dict is off), or None
    if body is None:
        return []
    return [block for child in body for block in _blocks(child)]


def _blocks(element: etree._Element) -> list[Block]:
    kind = str(element.tag)
    text = xmltotxt(element, False) or ""
    return [Block(kind, line.strip()) for line in text.splitlines() if line.strip()]
