"""RSS 2.0, Atom, RDF (RSS 1.0) and JSON Feed documents to article links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from newscrawl.discovery.dates import parse_feed_date
from newscrawl.discovery.jsonfeed import json_feed_items, looks_like_json
from newscrawl.discovery.xml import child_text, local_name, parse_xml

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
)
COMMON_FEED_PATHS = ("/feed/", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml")


@dataclass(frozen=True)
class FeedEntry:
    url: str
    published_at: datetime | None = None
    title: str | None = None


def _entry_link(item: etree._Element, base_url: str) -> str | None:
    for child in item:
        if local_name(child) != "link":
            continue
        href = child.get("href")  # Atom
        if href and child.get("rel", "alternate") == "alternate":
            return urljoin(base_url, str(href).strip())
        if child.text and child.text.strip():  # RSS / RDF
            return urljoin(base_url, str(child.text).strip())
    about = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    return urljoin(base_url, str(about)) if about else None


def _entry(item: etree._Element, base_url: str) -> FeedEntry | None:
    link = _entry_link(item, base_url)
    if not link or not link.startswith(("http://", "https://")):
        return None
    published = child_text(item, "pubdate", "published", "date", "issued", "updated")
    return FeedEntry(link, parse_feed_date(published), child_text(item, "title"))


@dataclass
class Feed:
    entries: list[FeedEntry]
    damage: str | None = None  # set when the XML was broken and only partly readable


def parse_feed(body: bytes, base_url: str) -> Feed:
    """Entries of an RSS, Atom, RDF or JSON feed. Raises ValueError when it is not a feed."""
    if looks_like_json(body):
        return Feed([FeedEntry(*item) for item in json_feed_items(body, base_url)])
    root, damage = parse_xml(body)
    if root is None or local_name(root) not in {"rss", "feed", "rdf"}:
        raise ValueError("not an RSS, Atom or RDF feed")
    items = [el for el in root.iter() if local_name(el) in {"item", "entry"}]
    entries = [entry for item in items if (entry := _entry(item, base_url)) is not None]
    return Feed(entries, damage)
