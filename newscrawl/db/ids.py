"""Stable identifiers and content fingerprints of stored articles. Pure functions."""

from __future__ import annotations

import hashlib

from newscrawl.dedup.urls import url_key

ARTICLE_ID_LENGTH = 32  # hex characters: the first 128 bits of SHA-256


def article_id(canonical_url: str) -> str:
    """The article's id: derived from its canonical URL alone, the same on every database.

    Recrawls, re-extraction, replays and other machines all give one URL the same id, so
    downstream systems and later tables (duplicate links, revisions) can key on it. The
    hash is of the URL's identity (``dedup.url_key``): one page under two addresses (http and
    https, ``www.`` or not, ``127.0.0.1`` or ``localhost``, query parameters in another
    order) is one article.
    """
    key = url_key(canonical_url)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:ARTICLE_ID_LENGTH]


def content_hash(title: str | None, text: str) -> str:
    """What decides whether a re-fetched article changed: its title and its text."""
    digest = hashlib.sha256()
    digest.update((title or "").encode("utf-8"))
    digest.update(b"\x00")
    digest.update(text.encode("utf-8"))
    return digest.hexdigest()
