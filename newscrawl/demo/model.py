"""The data shapes of a fake news outlet: what it serves and what a crawler should make of it."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field, replace
from datetime import datetime

#: Placeholder for the served base URL (``http://127.0.0.1:PORT``) in templated bodies.
BASE = "{base}"


@dataclass(frozen=True)
class Resource:
    """One response. ``templated`` bodies get ``{base}`` replaced at serve time and
    ``compress`` bodies are gzipped after that (so ``body`` holds the plain XML)."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    templated: bool = False
    compress: bool = False

    def render(self, base_url: str) -> Resource:
        """The bytes actually served from ``base_url``."""
        if not (self.templated or self.compress):
            return self
        body = self.body
        if self.templated:
            body = body.replace(BASE.encode(), base_url.rstrip("/").encode())
        if self.compress:
            body = gzip.compress(body, mtime=0)
        return replace(self, body=body, templated=False, compress=False)


@dataclass(frozen=True)
class ExpectedArticle:
    """What a crawler must store for one article page."""

    path: str
    title: str
    authors: list[str]
    published: datetime
    key_sentence: str
    junk: list[str]
    modified: datetime | None = None
    section: str = ""
    tags: list[str] = field(default_factory=list)
    #: other served paths with the same article (tracking parameters): store it once
    aliases: list[str] = field(default_factory=list)
    #: discovery sources (paths) that link to this article
    found_in: list[str] = field(default_factory=list)
    #: how the page is served when broken (e.g. "windows-1252, no charset"), else ""
    quirk: str = ""


@dataclass
class Outlet:
    """A whole fake outlet: every served path (with query) and the expected results."""

    name: str
    resources: dict[str, Resource]
    articles: list[ExpectedArticle]
    non_article_paths: list[str]
    disallowed_paths: list[str]
    bad_paths: dict[str, str]

    def render(self, base_url: str) -> dict[str, Resource]:
        """Every resource as served from ``base_url`` (e.g. ``http://127.0.0.1:8123``)."""
        return {path: res.render(base_url) for path, res in self.resources.items()}

    def article(self, path: str) -> ExpectedArticle:
        """The expected article at ``path`` (KeyError if none)."""
        for article in self.articles:
            if article.path == path or path in article.aliases:
                return article
        raise KeyError(path)
