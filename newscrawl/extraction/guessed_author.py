"""trafilatura's author guess (``extract_author``) at a fraction of its cost.

trafilatura copies the whole page, deletes comment sections, dates and figures from the copy
(``AUTHOR_DISCARD_XPATHS``), then takes the first author element (``AUTHOR_XPATHS``) whose text
is plausible. Its XPaths run a Python regex for every element, several times over, which costs
about a third of a whole trafilatura extraction; most pages ask for it.

Here one walk over the page tests every element against the same conditions, with the same
regular expressions, and the copy is made only when an author element holds a discarded
element. Those XPaths test only an element's own name, attributes and ``rel`` children, so the
elements left in trafilatura's copy are those outside every discarded subtree, with the same
text. ``TRAFILATURA_XPATHS`` pins the sources of the XPaths mirrored here;
``tests/extraction/test_guessed.py`` fails when trafilatura changes them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from lxml import etree, html
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_author
from trafilatura.utils import trim

# Short sha1s of trafilatura.xpaths.AUTHOR_XPATHS + AUTHOR_DISCARD_XPATHS, as mirrored below.
TRAFILATURA_XPATHS = (
    "4f5c359594ee",
    "73fbf938a6e5",
    "f4cc58faa793",
    "c65fe99332df",
    "d5efb5fcce73",
)
_MAX_CHARS = 120  # extract_author's length limit for an author element's text

# AUTHOR_XPATHS[0]: specific author elements (and any <author>)
_TAGS_0 = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
_CLASS_0 = re.compile("author-?name|AuthorName|authorName")
_TEST_IDS_0 = frozenset({"AuthorCard", "AuthorURL"})
# AUTHOR_XPATHS[1]: almost generic
_TAGS_1 = frozenset({"a", "div", "h3", "h4", "p", "span"})
_CLASSES_1 = frozenset({"byline", "username", "byl", "BBL"})
_ID_1 = re.compile("author|zuozhe|bianji|xiaobian")
_CLASS_1 = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
# AUTHOR_XPATHS[2]: any element
_ID_2 = re.compile("[Aa]uthor")
_CLASS_2 = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# AUTHOR_DISCARD_XPATHS
_TAGS_D = frozenset({"a", "div", "section", "span"})
_CLASSES_D = frozenset({"comments", "title", "date"})
_ID_D = re.compile("^comments|comment-?list|ProductReviews")
_CLASS_D = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
_ALWAYS_D = frozenset({"time", "figure"})
# Any of the author patterns above (a quick test before the exact ones).
_CLASS_ANY = re.compile(
    "[Aa]uthor|[Bb]yline|screenname|writer|channel-name|zuozhe|bianji|xiaobian|submitted-by"
    "|posted-by|journalist-name"
)
_ID_ANY = re.compile("[Aa]uthor|zuozhe|bianji|xiaobian")
# Every element any of the above may match, when the page has no <rel> element.
_MAYBE = etree.XPath(
    "//*[@class or @id or @itemprop or @data-component or @rel or @data-testid]"
    "|//author|//time|//figure"
)


def xpath_fingerprints(xpaths: Iterable[etree.XPath]) -> tuple[str, ...]:
    """Short hashes of XPath sources, to notice when trafilatura changes its own."""
    return tuple(hashlib.sha1(x.path.encode()).hexdigest()[:12] for x in xpaths)


def _rel_me(element: html.HtmlElement) -> bool:
    """XPath ``rel='me'``: a ``<rel>`` child whose text is "me"."""
    return any(child.tag == "rel" and child.text_content() == "me" for child in element)


def _classify(
    tree: html.HtmlElement,
) -> tuple[list[list[html.HtmlElement]], set[html.HtmlElement]]:
    """Elements matching each author XPath (document order), and the discarded ones."""
    found: list[list[html.HtmlElement]] = [[], [], []]
    discarded: set[html.HtmlElement] = set()
    has_rel = tree.find(".//rel") is not None
    for element in tree.iter() if has_rel else _MAYBE(tree):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        attrib = element.attrib
        if not attrib:
            if tag == "author" or (has_rel and tag in _TAGS_0 and _rel_me(element)):
                found[0].append(element)
            if tag in _ALWAYS_D:
                discarded.add(element)
            continue
        cls, ident = attrib.get("class", ""), attrib.get("id", "")
        itemprop, component = attrib.get("itemprop", ""), attrib.get("data-component", "")
        author_class = cls if cls and _CLASS_ANY.search(cls) else ""
        author_id = ident if ident and _ID_ANY.search(ident) else ""
        if tag == "author" or (
            tag in _TAGS_0
            and (
                attrib.get("rel") == "author"
                or ident == "author"
                or cls == "author"
                or itemprop == "author name"
                or attrib.get("data-testid") in _TEST_IDS_0
                or _CLASS_0.search(author_class) is not None
                or (has_rel and _rel_me(element))
            )
        ):
            found[0].append(element)
        if tag in _TAGS_1 and (
            cls in _CLASSES_1
            or "author" in itemprop
            or _ID_1.search(author_id) is not None
            or _CLASS_1.search(author_class) is not None
        ):
            found[1].append(element)
        if (
            "Byline" in component
            or "author" in itemprop
            or _ID_2.search(author_id) is not None
            or _CLASS_2.search(author_class) is not None
        ):
            found[2].append(element)
        if tag in _ALWAYS_D or (
            tag in _TAGS_D
            and element is not tree
            and (
                ident == "comments"
                or cls in _CLASSES_D
                or (ident and _ID_D.search(ident) is not None)
                or (cls and _CLASS_D.search(cls) is not None)
                or "Figure" in component
            )
        ):
            discarded.add(element)
    return found, discarded


def author_in_page(tree: html.HtmlElement) -> str | None:
    """What ``trafilatura.metadata.extract_author(tree)`` returns; ``tree`` is not modified."""
    found, discarded = _classify(tree)
    for candidates in found:
        for element in candidates:
            if element in discarded or any(a in discarded for a in element.iterancestors()):
                continue  # not in trafilatura's copy
            if any(d in discarded for d in element.iterdescendants()):
                return extract_author(tree)  # its text differs in the copy: trafilatura's way
            content = trim(" ".join(element.itertext()))
            if content and 2 < len(content) < _MAX_CHARS:
                return normalize_authors(None, content)
    return None
