"""Re-join article bodies that a page splits into several sibling containers.

Some layouts cut the body into chunks ("body__container" repeated between ad slots);
body extractors keep only the best chunk. Chunks share the main container's tag and
class, so their paragraphs are moved into the main container, in document order.
"""

from __future__ import annotations

from lxml import html

from newscrawl.extraction.boilerplate import class_tokens
from newscrawl.extraction.container import main_text_element

_CONTENT_TOKENS = frozenset(
    ("body", "content", "article", "text", "story", "entry", "post", "chunk", "chunks")
)
_MIN_CHUNK_TEXT = 150
_MIN_SPLIT_SHARE = 0.3  # chunks must carry a real share of the text, not a stray box
_MAX_LEVELS = 2


def _paragraph_text(element: html.HtmlElement) -> int:
    return sum(len(p.text_content().strip()) for p in element.iter("p"))


def _chunk_container(main: html.HtmlElement) -> html.HtmlElement | None:
    """``main`` or a close ancestor whose class names it as article content."""
    element: html.HtmlElement | None = main
    for _ in range(_MAX_LEVELS + 1):
        if element is None or element.tag in {"body", "html"}:
            return None
        if class_tokens(element) & _CONTENT_TOKENS and element.get("class"):
            return element
        element = element.getparent()
    return None


def _siblings_like(container: html.HtmlElement, body: html.HtmlElement) -> list[html.HtmlElement]:
    klass = container.get("class")
    ancestors = set(container.iterancestors())
    return [
        e
        for e in body.iter(container.tag)
        if e is not container
        and e.get("class") == klass
        and e not in ancestors
        and not any(a is container for a in e.iterancestors())
        and _paragraph_text(e) >= _MIN_CHUNK_TEXT
    ]


def find_body_chunks(tree: html.HtmlElement) -> list[html.HtmlElement]:
    """[main container, look-alike chunks...] when the body is split; else []."""
    body = tree.find("body")
    main = main_text_element(body) if body is not None else None
    container = _chunk_container(main) if main is not None else None
    if body is None or container is None:
        return []
    chunks = _siblings_like(container, body)
    chunk_text = sum(_paragraph_text(c) for c in chunks)
    if not chunks or chunk_text < _MIN_SPLIT_SHARE * _paragraph_text(container):
        return []
    return [container, *chunks]


def chunks_missing(chunks: list[html.HtmlElement], extracted: str) -> bool:
    """True when a chunk (the main container included) is absent from ``extracted``."""
    flat = " ".join(extracted.split())
    missing = 0
    for chunk in chunks:
        first = next((p for p in chunk.iter("p") if len(p.text_content().strip()) > 40), None)
        if first is not None and " ".join(first.text_content().split())[:80] not in flat:
            missing += 1
    return missing > 0


def merge_body_chunks(chunks: list[html.HtmlElement]) -> None:
    """Move the content of the look-alike chunks into the main container (in place)."""
    container = chunks[0]
    for chunk in chunks[1:]:
        for child in list(chunk):
            container.append(child)
        chunk.drop_tree()
