"""The article body: trafilatura over the pre-cleaned tree, as typed blocks of text."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import trafilatura
from lxml import etree, html
from trafilatura.xml import xmltotxt

_COMMENTS = etree.XPath("//comment()|//processing-instruction()")


@dataclass(frozen=True)
class Block:
    """One paragraph-level unit of the body: ``kind`` is trafilatura's tag (p, head, list...)."""

    kind: str
    text: str


def body_blocks(tree: html.HtmlElement, url: str | None) -> list[Block]:
    """Main-text blocks of ``tree`` (which is not modified), in document order."""
    document = trafilatura.bare_extraction(
        _as_loaded(tree),
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
    )
    body = getattr(document, "body", None)  # a Document (as_dict is off), or None
    if body is None:
        return []
    return [block for child in body for block in _blocks(child)]


def _as_loaded(tree: html.HtmlElement) -> html.HtmlElement:
    """A copy of ``tree`` as trafilatura's loader builds it from the tree's markup.

    Its parser drops comments and processing instructions (their neighbouring texts join);
    handed a tree that still holds them, trafilatura misreads some pages. Copying and
    dropping them costs less than serialising the tree and parsing it again.
    """
    loaded = copy.deepcopy(tree)
    for node in _COMMENTS(loaded):
        parent = node.getparent()
        if parent is None:
            continue
        if node.tail:
            previous = node.getprevious()
            if previous is None:
                parent.text = (parent.text or "") + node.tail
            else:
                previous.tail = (previous.tail or "") + node.tail
        parent.remove(node)
    return loaded


def _blocks(element: etree._Element) -> list[Block]:
    kind = str(element.tag)
    text = xmltotxt(element, False) or ""
    return [Block(kind, line.strip()) for line in text.splitlines() if line.strip()]
