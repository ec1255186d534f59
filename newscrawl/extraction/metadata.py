"""Article metadata from the untouched tree: JSON-LD and meta tags first, guesses last."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import html

from newscrawl.extraction.authors import Byline, ld_authors, read_bylines
from newscrawl.extraction.byline import visible_byline, visible_date
from newscrawl.extraction.dates import dated_published, modified_date
from newscrawl.extraction.guessed import Guessed
from newscrawl.extraction.jsonld import article_node, json_ld_nodes, names, page_types, text_value
from newscrawl.extraction.metatags import (
    banner_headings,
    canonical_link,
    first_meta,
    headings,
    html_lang,
    meta_all,
    meta_tags,
)
from newscrawl.extraction.title import choose_title


@dataclass
class PageMetadata:
    """Everything about the article except its body."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    published_source: str | None = None  # dates.PUBLISHED_SOURCES
    modified_at: datetime | None = None
    language: str | None = None
    description: str | None = None
    image_url: str | None = None
    tags: list[str] = field(default_factory=list)
    site: str | None = None
    canonical_url: str | None = None
    h1s: list[str] = field(default_factory=list)
    og_type: str | None = None
    ld_types: set[str] = field(default_factory=set)
    ld_body: str | None = None  # JSON-LD articleBody: a second opinion on the body


def page_metadata(tree: html.HtmlElement, url: str | None, site_name: str | None) -> PageMetadata:
    """Read the metadata of ``tree`` (which is not modified)."""
    tags = meta_tags(tree)
    nodes = json_ld_nodes(tree)
    ld = article_node(nodes)
    guessed = Guessed(tree, url)  # trafilatura's guesses, each computed only if read
    host = urlsplit(url or guessed.url or "").hostname
    site = site_name or first_meta(tags, "og:site_name") or _publisher(ld) or guessed.sitename
    h1s = headings(tree)
    published, published_source = dated_published(
        ld,
        tags,
        lambda: guessed.date,
        url,
        visible=lambda: _visible_date(ld, tags, tree),
        shown_day=lambda: visible_date(tree),
    )
    return PageMetadata(
        title=_title(tree, url, tags, ld, guessed.title, (site, host)),
        authors=_authors(ld, guessed, site, tree),
        published_at=published,
        published_source=published_source,
        modified_at=modified_date(ld, tags, published),
        language=html_lang(tree) or _locale_lang(tags),
        description=first_meta(tags, "og:description", "description", "twitter:description")
        or text_value(ld, "description"),
        image_url=_absolute(
            url, first_meta(tags, "og:image", "twitter:image") or text_value(ld, "image")
        ),
        tags=_tags(tree, ld, guessed.tags),
        site=site or host,
        canonical_url=_absolute(url, canonical_link(tree) or first_meta(tags, "og:url")),
        h1s=h1s,
        og_type=tags.get("og:type"),
        ld_types=page_types(nodes),
        ld_body=text_value(ld, "articleBody"),
    )


def _title(
    tree: html.HtmlElement,
    url: str | None,
    tags: dict[str, str],
    ld: dict[str, Any],
    guessed: str | None,
    site_host: tuple[str | None, str | None],
) -> str | None:
    """The headline; a heading that links home (the blog's name) is not one."""
    banners = banner_headings(tree, url or canonical_link(tree) or tags.get("og:url"))
    headlines = [h for h in headings(tree) if h not in banners]
    document_title = " ".join((tree.findtext(".//title") or "").split())
    declared = [text_value(ld, "headline"), first_meta(tags, "og:title", "twitter:title"), guessed]
    declared = [t for t in [*declared, document_title] if t and t not in banners]
    return choose_title(headlines, declared, *site_host, banners)


def _visible_date(ld: dict[str, Any], tags: dict[str, str], tree: html.HtmlElement) -> str | None:
    """A "Published: ..." line, looked for only when nothing declares the date."""
    declared = ld.get("datePublished") or first_meta(tags, "article:published_time", "date")
    return None if declared else visible_date(tree)


def _publisher(ld: dict[str, Any]) -> str | None:
    found = names(ld.get("publisher"))
    return found[0].strip() if found and found[0].strip() else None


def _authors(
    ld: dict[str, Any], guessed: Guessed, site: str | None, tree: html.HtmlElement
) -> list[str]:
    """People from JSON-LD, else the meta tags (trafilatura's guess), else a "By" line.

    A source naming only organisations is used when no later source names a person; after
    one, a later source must give a full name (a lone "By randallbrink" is a commenter).
    """
    fallback: list[str] = []
    for byline in _bylines(ld, guessed, [site, _publisher(ld)], tree):
        names = byline.authors()
        if byline.people and (not fallback or any(len(n.split()) >= 2 for n in names)):
            return names
        fallback = fallback or byline.organisations
    return fallback


def _bylines(
    ld: dict[str, Any], guessed: Guessed, exclude: list[str | None], tree: html.HtmlElement
) -> Iterator[Byline]:
    """The page's author sources, most trusted first, each read only when asked for."""
    people, organisations = ld_authors(ld.get("author"))
    yield read_bylines(people, exclude, organisations)
    yield read_bylines((guessed.author or "").split(";"), exclude)
    yield read_bylines([visible_byline(tree)], exclude)


def _tags(tree: html.HtmlElement, ld: dict[str, Any], guessed: list[str] | None) -> list[str]:
    keywords = ld.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    raw = [
        *meta_all(tree, "article:tag"),
        *(keywords if isinstance(keywords, list) else []),
        *(guessed or []),
    ]
    seen: dict[str, str] = {}
    for tag in raw:
        if isinstance(tag, str) and tag.strip() and tag.strip().lower() not in seen:
            seen[tag.strip().lower()] = tag.strip()
    return list(seen.values())


def _locale_lang(tags: dict[str, str]) -> str | None:
    locale = first_meta(tags, "og:locale", "content-language", "language")
    primary = (locale or "").replace("_", "-").split("-")[0].lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None


def _absolute(base: str | None, link: str | None) -> str | None:
    if not link:
        return None
    absolute = urljoin(base or "", link.strip())
    return absolute if absolute.startswith(("http://", "https://")) else None
