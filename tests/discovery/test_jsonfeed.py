"""JSON Feed 1.1 (application/feed+json) is read like RSS and Atom."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from newscrawl.discovery import parse_feed

FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Harbour News",
    "home_page_url": "https://example.com/",
    "items": [
        {
            "id": "1",
            "url": "https://example.com/news/quay-opens-next-spring",
            "title": "Quay opens next spring",
            "date_published": "2026-11-20T10:00:00Z",
        },
        {"id": "2", "url": "/news/relative-link-to-a-story", "title": "Relative"},
        {"id": "3", "external_url": "https://example.com/news/linked-elsewhere-story"},
        {"id": "4", "content_text": "no link at all"},
        "not an object",
    ],
}


def test_json_feed_items_become_links_with_dates() -> None:
    feed = parse_feed(json.dumps(FEED).encode(), "https://example.com/feed.json")
    assert [e.url for e in feed.entries] == [
        "https://example.com/news/quay-opens-next-spring",
        "https://example.com/news/relative-link-to-a-story",
        "https://example.com/news/linked-elsewhere-story",
    ]
    assert feed.entries[0].published_at == datetime(2026, 11, 20, 10, tzinfo=UTC)
    assert feed.entries[0].title == "Quay opens next spring"


@pytest.mark.parametrize(
    "body",
    [b'{"version": "1", "items": []}', b'{"items": [}', b"[" * 100_000 + b"]" * 100_000],
)
def test_other_json_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(ValueError, match="JSON Feed"):
        parse_feed(body, "https://example.com/feed.json")
