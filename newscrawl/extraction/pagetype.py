"""Is this page an article at all? Tag, author, section, search and about pages are not."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_LISTING_PATH = re.compile(
    r"/(?:tag|tags|category|categories|author|authors|topic|topics|section|sections|search"
    r"|archive|archives|page|label|labels)(?:/[^/]+)?/?$",
    re.IGNORECASE,
)
_ABOUT_PATH = re.compile(
    r"/(?:about|about-us|contact|contact-us|privacy|privacy-policy|terms|terms-of-service"
    r"|imprint|impressum|login|register|subscribe)(?:\.html?|\.php)?/?$",
    re.IGNORECASE,
)
_LISTING_TYPES = frozenset(
    {"collectionpage", "profilepage", "searchresultspage", "aboutpage", "contactpage"}
)
_ARTICLE_HINTS = ("article", "posting", "report")


def is_listing_url(url: str | None) -> bool:
    """A home, section, tag, author, search or about URL."""
    if not url:
        return False
    path = urlsplit(url).path or "/"
    if path in {"/", ""}:
        return True
    return bool(_LISTING_PATH.search(path) or _ABOUT_PATH.search(path))


def is_listing_kind(og_type: str | None, ld_types: set[str]) -> bool:
    """The page declares itself a collection, profile or about page, and no article."""
    if any(hint in kind for kind in ld_types for hint in _ARTICLE_HINTS):
        return False
    if ld_types & _LISTING_TYPES:
        return True
    return (og_type or "").lower() in {"profile", "books.author"}


def is_article_page(url: str | None, og_type: str | None, ld_types: set[str]) -> bool:
    """False for pages that are plainly not a single article."""
    declared_article = (og_type or "").lower() == "article" or any(
        hint in kind for kind in ld_types for hint in _ARTICLE_HINTS
    )
    if is_listing_url(url) and not declared_article:
        return False
    return not is_listing_kind(og_type, ld_types)
