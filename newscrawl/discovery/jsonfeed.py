"""JSON Feed (1.0 and 1.1, https://jsonfeed.org/version/1.1) to article links.

The format is plain JSON: ``items`` with ``url`` (or ``external_url``), ``title`` and
``date_published`` (RFC 3339). No library is needed beyond :mod:`json`.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from newscrawl.discovery.dates import parse_feed_date

VERSION_PREFIX = "https://jsonfeed.org/version/"


def looks_like_json(body: bytes) -> bool:
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def json_feed_items(body: bytes, base_url: str) -> list[tuple[str, Any, str | None]]:
    """(url, published datetime or None, title) per item. Raises ValueError if not a JSON Feed."""
    try:
        document = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as exc:
        raise ValueError(f"not a JSON Feed: {exc.__class__.__name__}") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        VERSION_PREFIX
    ):
        raise ValueError("not a JSON Feed (no jsonfeed.org version)")
    items = document.get("items")
    if not isinstance(items, list):
        raise ValueError("JSON Feed without items")
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if not isinstance(link, str) or not link.strip():
            continue
        url = urljoin(base_url, link.strip())
        if not url.startswith(("http://", "https://")):
            continue
        published = item.get("date_published") or item.get("date_modified")
        title = item.get("title")
        found.append(
            (
                url,
                parse_feed_date(published if isinstance(published, str) else None),
                title if isinstance(title, str) else None,
            )
        )
    return found
