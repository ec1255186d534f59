"""Find the article container structurally, before any class-token rule may touch it.

Several independent finders, each cheap; every element they find is protected together with
its ancestors, so no boilerplate rule can remove an ancestor of the main text:

- ``itemprop="articleBody"`` elements;
- the element holding the page's JSON-LD ``articleBody`` text;
- the ``<article>`` element holding most of the page's text;
- the page's one ``<main>`` element (HTML's own "this is the main content");
- the post a blog engine marks as one (``hentry``, ``type-post``, ``post``, ``entry``: WordPress,
  Blogger and TypePad put them beside taxonomy classes such as ``tag-…`` or
  ``entry-author-…`` that a class-token rule would otherwise read as furniture), when one such
  post holds most of the marked text;
- the element with the most text in paragraphs *or* in ``<br>``-separated lines of its own
  (posts formatted without ``<p>`` are not outweighed by a comment section's paragraphs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree, html

_ITEMPROP_BODY = etree.XPath(
    "//*[@itemprop='articleBody' or @itemprop='articlebody' or @itemprop='text']"
)
_SKIP = frozenset({"script", "style", "nav", "footer", "header", "aside", "form", "select"})
_WORD = re.compile(r"\w+")
# Whole class names blog engines and microformats give the element holding one post.
POST_CLASSES = frozenset({"hentry", "h-entry", "type-post", "post", "entry", "blog-post"})
_POST_MARKED = etree.XPath(
    "//*[contains(@class, 'entry') or contains(@class, 'post')]", smart_strings=False
)
_MIN_LD_BODY = 200  # characters of JSON-LD articleBody worth looking for
_PROBE_CHARS = 60


def _own_text(element: html.HtmlElement) -> int:
    """Text directly inside ``element``: its text and the tails of its inline children."""
    size = len((element.text or "").strip())
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            size += len((child.tail or "").strip())
    return size


def main_text_element(root: html.HtmlElement) -> html.HtmlElement | None:
    """The element whose paragraphs, or own ``<br>``-separated text, hold the most text."""
    found = main_text_block(root)
    return found[0] if found else None


def main_text_block(root: html.HtmlElement) -> tuple[html.HtmlElement, int] | None:
    """``main_text_element`` and the characters its own paragraphs (or lines) hold: one
    container's prose, which a list of teasers (one paragraph per item) never adds up to."""
    weights: dict[html.HtmlElement, int] = {}
    for element in root.iter("p", "br"):
        parent = element.getparent()
        if parent is None or parent.tag in _SKIP:
            continue
        if element.tag == "p":
            weights[parent] = weights.get(parent, 0) + len(element.text_content())
        elif parent not in weights or weights[parent] == 0:
            weights[parent] = _own_text(parent)
    if not weights:
        return None
    best = max(weights, key=weights.__getitem__)
    return (best, weights[best]) if weights[best] > 0 else None


def _largest_article(root: html.HtmlElement) -> html.HtmlElement | None:
    articles = [(len(a.text_content()), a) for a in root.iter("article")]
    if not articles:
        return None
    total = sum(size for size, _ in articles)
    size, best = max(articles, key=lambda pair: pair[0])
    return best if size >= 0.5 * total and size >= _MIN_LD_BODY else None


def _only_main(root: html.HtmlElement) -> html.HtmlElement | None:
    mains = list(root.iter("main"))
    return mains[0] if len(mains) == 1 else None


def _marked_post(root: html.HtmlElement) -> html.HtmlElement | None:
    """The outermost element marked as a post that holds most of the marked posts' text."""
    marked = [
        e for e in _POST_MARKED(root) if POST_CLASSES & set((e.get("class") or "").lower().split())
    ]
    inside = set(marked)
    outer = [e for e in marked if not any(a in inside for a in e.iterancestors())]
    if not outer:
        return None
    sizes = [(len(e.text_content()), e) for e in outer]
    size, best = max(sizes, key=lambda pair: pair[0])
    total = sum(s for s, _ in sizes)
    return best if size >= 0.5 * total and size >= _MIN_LD_BODY else None


def _ld_body_element(root: html.HtmlElement, ld_body: str | None) -> html.HtmlElement | None:
    """The smallest element whose text holds a probe from the JSON-LD articleBody."""
    if not ld_body or len(ld_body) < _MIN_LD_BODY:
        return None
    words = _WORD.findall(ld_body[: _PROBE_CHARS * 4])
    if len(words) < 8:
        return None
    probe = " ".join(words[2:8])
    for paragraph in root.iter("p", "div", "td", "section", "article"):
        text = " ".join(_WORD.findall(paragraph.text_content()[:5000]))
        if probe in text:
            parent = paragraph.getparent()
            return parent if paragraph.tag == "p" and parent is not None else paragraph
    return None


def article_containers(
    root: html.HtmlElement, ld_body: str | None = None
) -> list[html.HtmlElement]:
    """Every element the finders agree may hold the article (duplicates removed)."""
    found: list[html.HtmlElement | None] = [
        *_ITEMPROP_BODY(root),
        _ld_body_element(root, ld_body),
        _largest_article(root),
        _marked_post(root),
        _only_main(root),
        main_text_element(root),
    ]
    unique: dict[html.HtmlElement, None] = {}
    for element in found:
        if isinstance(element, html.HtmlElement):
            unique[element] = None
    return list(unique)


def with_ancestors(elements: Iterable[html.HtmlElement]) -> set[html.HtmlElement]:
    """The elements and all their ancestors: what no removal rule may touch."""
    kept: set[html.HtmlElement] = set()
    for element in elements:
        kept.add(element)
        kept.update(element.iterancestors())
    return kept
