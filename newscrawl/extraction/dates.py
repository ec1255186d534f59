"""Publication and modification dates: declared values first, htmldate's guess last."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
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
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](\d{1,2}|" + "|".join(_MONTHS) + r")[a-z]*[/-](\d{1,2})(?:/|-|\.|$)",
    re.IGNORECASE,
)
_MAX_WEST_HOURS = 12


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


def url_date(url: str | None) -> date | None:
    """The publication day many sites put in their article URLs (/2019/11/18/, /2019/nov/18/)."""
    found = _URL_DATE.search(url or "")
    if not found:
        return None
    year, month, day = found.groups()
    number = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def in_local_day(found: datetime, day: date | None) -> datetime:
    """Show a UTC timestamp in a west-of-UTC offset when the page's own day says it is local.

    A site publishing at 23:03 in California declares 07:03Z the next day while its URL and
    date line say the earlier day. The instant is kept; only the offset changes, and only by
    the smallest whole number of hours that lands on ``day``.
    """
    if day is None or found.utcoffset() != timedelta(0) or found.date() - day != timedelta(1):
        return found
    hours = found.hour + 1
    if hours > _MAX_WEST_HOURS:
        return found
    return found.astimezone(timezone(timedelta(hours=-hours)))


#: Where a publication date came from, most trusted first. ``page``: the page declares it
#: (JSON-LD, meta tags, a "Published" line); ``feed`` / ``sitemap``: the feed or news sitemap
#: that listed the page; ``url``: only the day in the URL; ``guessed``: htmldate's guess.
PUBLISHED_SOURCES = ("page", "feed", "sitemap", "url", "guessed")


_SOURCE_RANK = {"page": 0, "feed": 1, "sitemap": 1, "url": 2, "guessed": 3}
Dated = tuple[datetime | None, str | None]  # a publication date and its source


def better_published(first: Dated, second: Dated) -> Dated:
    """The more trusted of two (date, source) pairs, ``first`` on a tie: the page's own
    declared date over a feed's or news sitemap's, and theirs over the URL's day or a guess.
    A date of unknown source (stored before sources were kept) ranks as a guess."""
    return first if _rank(first) <= _rank(second) else second


def _rank(dated: Dated) -> int:
    found, source = dated
    if found is None:
        return len(_SOURCE_RANK) + 1
    return _SOURCE_RANK.get(source or "", _SOURCE_RANK["guessed"])


def dated_published(
    ld: dict[str, Any],
    tags: dict[str, str],
    guess: Callable[[], str | None],
    url: str | None = None,
    now: datetime | None = None,
    visible: Callable[[], str | None] | None = None,
    shown_day: Callable[[], str | None] | None = None,
) -> tuple[datetime | None, str | None]:
    """JSON-LD datePublished, meta tags, the URL's day, a "Published" line, htmldate's guess;
    and which of ``PUBLISHED_SOURCES`` it is (``None`` with no date).

    ``visible`` (a walk of the page) and ``guess`` (htmldate, costly) are called only when
    nothing before them gives a date. Never in the future. ``shown_day`` reads the day a
    "Published" line shows; it is asked only when a declared UTC time early in the day may be
    the previous day where the page is.
    """
    declared = [ld.get("datePublished"), ld.get("dateCreated")]
    declared += [tags.get(k) for k in _PUBLISHED_META]
    day = url_date(url)
    found, source = _first_date(*declared), "page"
    if found is not None:
        if day is None and shown_day is not None and _may_be_local_yesterday(found):
            day = _iso_day(shown_day())
        found = in_local_day(found, day)
    elif day is not None:
        found, source = datetime(day.year, day.month, day.day, tzinfo=UTC), "url"
    else:
        found = _first_date(visible() if visible else None)
        if found is None:
            found, source = _first_date(guess()), "guessed"
    limit = now or datetime.now(UTC)
    if found is not None and found > limit:
        found, source = _first_date(guess()), "guessed"
    return found, source if found is not None else None


def _may_be_local_yesterday(found: datetime) -> bool:
    return found.utcoffset() == timedelta(0) and found.hour < _MAX_WEST_HOURS


def _iso_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def modified_date(
    ld: dict[str, Any], tags: dict[str, str], published: datetime | None
) -> datetime | None:
    """JSON-LD dateModified or a modification meta tag, when not before publication."""
    declared = [ld.get("dateModified"), *(tags.get(k) for k in _MODIFIED_META)]
    found = _first_date(*declared)
    if found is None or (published is not None and found < published):
        return None
    return found
