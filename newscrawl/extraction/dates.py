"""Publication and modification dates: declared values first, htmldate's guess last."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dc.date",
    "date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "lastmod",
    "last-modified",
    "dc.date.modified",
)
# "Tue Nov 19 2019 03:05:46 GMT+0000" (JavaScript Date.toString)
_JS_DATE = re.compile(r"^\w{3} (\w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{4})")
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)


def parse_date(value: object) -> datetime | None:
    """A timezone-aware datetime from an ISO 8601, RFC 2822 or JS date string (naive = UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    parsed = _parse(value.strip())
    if parsed is None:
        return None
    parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return parsed if parsed >= _EARLIEST else None


def _parse(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace(" ", "T", 1) if len(value) > 10 else value)
    except ValueError:
        pass
    js = _JS_DATE.match(value)
    if js:
        return datetime.strptime(f"{js.group(1)} {js.group(2)}", "%b %d %Y %H:%M:%S %z")
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def _first_date(*values: object) -> datetime | None:
    for value in values:
        parsed = parse_date(value)
        if parsed is not None:
            return parsed
    return None


def published_date(
    ld: dict[str, Any], tags: dict[str, str], guess: str | None, now: datetime | None = None
) -> datetime | None:
    """JSON-LD datePublished, then meta tags, then htmldate's guess; never in the future."""
    declared = [ld.get("datePublished"), ld.get("dateCreated")]
    declared += [tags.get(k) for k in _PUBLISHED_META]
    found = _first_date(*declared, guess)
    limit = now or datetime.now(UTC)
    return found if found is None or found <= limit else _first_date(guess)


def modified_date(
    ld: dict[str, Any], tags: dict[str, str], published: datetime | None
) -> datetime | None:
    """JSON-LD dateModified or a modification meta tag, when not before publication."""
    declared = [ld.get("dateModified"), *(tags.get(k) for k in _MODIFIED_META)]
    found = _first_date(*declared)
    if found is None or (published is not None and found < published):
        return None
    return found
