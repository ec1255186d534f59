"""Put back subheadings and lists that the body extractor dropped.

On plain pages trafilatura can fall back to a paragraph-only extraction and lose the
article's own section headings and bullet lists. Those that sit between two extracted
paragraphs of the main container are restored in place.
"""

from __future__ import annotations

from lxml import html

from newscrawl.extraction.body import Block
from newscrawl.extraction.container import main_text_element
from newscrawl.extraction.textnorm import words

_RESTORABLE = {
    "h2": "head",
    "h3": "head",
    "h4": "head",
    "h5": "head",
    "h6": "head",
    "ul": "list",
    "ol": "list",
}
_MAX_BLOCK_CHARS = 2000
_PROBE_WORDS = 4


def _norm(text: str) -> str:
    return " ".join(text.split())


def _mostly_links(element: html.HtmlElement) -> bool:
    text = len(_norm(element.text_content()))
    linked = sum(len(_norm(a.text_content())) for a in element.iter("a"))
    return text == 0 or linked > text / 2


def _pieces(element: html.HtmlElement) -> list[Block]:
    kind = _RESTORABLE[element.tag]
    if _mostly_links(element) or next(element.iter("img", "figure", "picture"), None) is not None:
        return []
    if kind == "list":
        items = (_norm(li.text_content()) for li in element.iter("li"))
        return [Block(kind, f"- {item}") for item in items if item]
    text = _norm(element.text_content())
    return [Block(kind, text)] if text and len(text) <= _MAX_BLOCK_CHARS else []


def _present(piece: Block, flat: str) -> bool:
    """The piece's first words already appear in the extracted text (``flat``)."""
    head = words(piece.text)[:_PROBE_WORDS]
    return not head or f" {' '.join(head)} " in flat


def restore_structure(tree: html.HtmlElement, blocks: list[Block]) -> list[Block]:
    """``blocks`` with the main container's missing headings and text lists re-inserted.

    Lists of links or of images (galleries, related stories) are not restored.
    """
    body = tree.find("body")
    main = main_text_element(body) if body is not None else None
    if main is None or not blocks:
        return blocks
    position = {_norm(b.text): i for i, b in enumerate(blocks)}
    flat = " " + " ".join(" ".join(words(b.text)) for b in blocks) + " "
    inserts: list[tuple[int, list[Block]]] = []
    pending: list[Block] = []
    seen_paragraph = False
    for child in main:
        if child.tag == "p":
            index = position.get(_norm(child.text_content()))
            if index is not None:
                if pending and seen_paragraph:
                    inserts.append((index, pending))
                seen_paragraph, pending = True, []
        elif child.tag in _RESTORABLE:
            pieces = _pieces(child)
            if pieces and not any(_present(p, flat) for p in pieces):
                pending.extend(pieces)
    result = list(blocks)
    for index, pieces in sorted(inserts, key=lambda x: x[0], reverse=True):
        result[index:index] = pieces
    return result
