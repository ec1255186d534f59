"""trafilatura's metadata guesses, each field computed only when a caller asks for it.

``trafilatura.metadata.extract_metadata`` computes every field at once, and some cost as much
as extracting the body: htmldate's date search (a deep copy of the page plus, for some
languages, dateparser), the author search (another deep copy) and the tag links. We read its
guesses only as fallbacks, after JSON-LD and meta tags, so most pages never need most of them.

``Guessed`` gives the same values ``extract_metadata(tree, url)`` would, field by field and on
demand, by calling the same trafilatura steps in the same order. They are trafilatura's
internal functions (it exports only ``extract_metadata``); ``tests/extraction/test_guessed.py``
compares the two on stored pages and fails when trafilatura changes them.
"""

from __future__ import annotations

import logging
from functools import cached_property

from htmldate import find_date
from lxml import html
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_catstags,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document, set_date_params

from newscrawl.extraction.guessed_author import author_in_page

LOGGER = logging.getLogger(__name__)


class Guessed:
    """trafilatura's metadata of ``tree`` (not modified), each field read once when asked."""

    def __init__(self, tree: html.HtmlElement, url: str | None) -> None:
        self._tree = tree
        self._url = url

    @cached_property
    def _declared(self) -> Document:
        """Meta tags, then JSON-LD over them: the cheap part every other field starts from."""
        metadata = examine_meta(self._tree)
        if metadata.author and " " not in metadata.author:
            metadata.author = None  # as extract_metadata: a one-word meta author is dropped
        try:
            metadata = extract_meta_json(self._tree, metadata)
        except Exception as err:  # trafilatura's own guard: bugs in its JSON-LD reader
            LOGGER.debug("error in JSON metadata extraction: %s", err)
        return metadata

    @cached_property
    def title(self) -> str | None:
        return self._declared.title or extract_title(self._tree)

    @cached_property
    def author(self) -> str | None:
        return self._declared.author or author_in_page(self._tree)

    @cached_property
    def url(self) -> str | None:
        return self._declared.url or extract_url(self._tree, self._url)

    @cached_property
    def date(self) -> str | None:
        """htmldate's guess, with the options extract_metadata gives it."""
        return find_date(self._tree, **{**set_date_params(True), "url": self.url})

    @cached_property
    def sitename(self) -> str | None:
        name = self._declared.sitename or extract_sitename(self._tree)
        if name:
            name = name.lstrip("@")
            if name and "." not in name and not name[0].isupper():
                name = name.title()
            return name
        found = META_URL.match(self.url) if self.url else None
        return found[1] if found else None

    @cached_property
    def tags(self) -> list[str]:
        return list(self._declared.tags or extract_catstags("tag", self._tree))
