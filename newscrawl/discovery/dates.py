"""Dates as feeds and sitemaps write them (W3C datetime, RFC 822)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_feed_date(value: str | None) -> datetime | None:
    """An aware datetime from ISO 8601 / W3C or RFC 822 text; None when unreadable."""
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
