"""Crawler traps, by URL: pagination and calendar series, dates out of range, growing URLs.

Pure functions; :mod:`newscrawl.middlewares.traps` keeps the per-site state. A *series* is a
listing URL with its page number or date taken out (``/archive/?page=7`` and
``/archive/?page=8`` are one series; so are ``/calendar/2026/11/03/`` and
``/calendar/2026/11/04/``). A series that keeps answering pages without a new link is a trap.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from urllib.parse import parse_qsl, urlsplit

_PAGE_QUERY = re.compile(r"(?i)(?<![^?&])(page|p|pg|paged|start|offset)=(\d{1,9})(?=&|$)")
_PAGE_PATH = re.compile(r"(?i)/page/(\d{1,9})/?$")
_DATE = re.compile(
    r"(?<!\d)((?:1[89]|2\d)\d{2})([/-])(0?[1-9]|1[0-2])(?:\2(0?[1-9]|[12]\d|3[01]))?(?!\d)"
)
_HREF = re.compile(rb"""href\s*=\s*["']?([^"'\s>#]+)""", re.IGNORECASE)


def pagination(url: str) -> tuple[str, int] | None:
    """(series, page number) of a paginated listing URL, or None."""
    parts = urlsplit(url)
    found = _PAGE_PATH.search(parts.path)
    if found:
        series = parts._replace(path=parts.path[: found.start()] + "/page/*").geturl()
        return series, int(found.group(1))
    query = _PAGE_QUERY.search(parts.query)
    if query:
        rest = parts.query[: query.start()] + f"{query.group(1)}=*" + parts.query[query.end() :]
        return parts._replace(query=rest).geturl(), int(query.group(2))
    return None


def url_date(url: str) -> tuple[str, date] | None:
    """(series, date) of a URL holding a year-month(-day) in its path or query, or None."""
    parts = urlsplit(url)
    for text, field in ((parts.path, "path"), (parts.query, "query")):
        found = _DATE.search(text)
        if found is None:
            continue
        year, month, day = int(found.group(1)), int(found.group(3)), int(found.group(4) or 1)
        try:
            when = date(year, month, day)
        except ValueError:
            return None
        rest = text[: found.start()] + "*" + text[found.end() :]
        series = parts._replace(path=rest) if field == "path" else parts._replace(query=rest)
        return series.geturl(), when
    return None


def date_out_of_range(when: date, today: date, oldest_year: int, future_days: int) -> bool:
    """A date the site can't have pages for: in the future, or before ``oldest_year``."""
    return when.year < oldest_year or (when - today).days > future_days


def growing_url(url: str, max_query: int, max_repeats: int) -> str | None:
    """Why a URL looks built by a loop (a query too long, a key or path segment repeated)."""
    parts = urlsplit(url)
    if max_query and len(parts.query) > max_query:
        return f"query of {len(parts.query)} characters"
    keys = Counter(key for key, _ in parse_qsl(parts.query, keep_blank_values=True))
    segments = Counter(s for s in parts.path.split("/") if s)
    for what, counts in (("query key", keys), ("path segment", segments)):
        if counts and max_repeats:
            name, times = counts.most_common(1)[0]
            if times > max_repeats:
                return f"{what} {name!r} {times} times"
    return None


def page_links(body: bytes, limit: int = 2 * 1024 * 1024) -> set[str]:
    """The raw href values of an HTML page (cheap: no parsing), for telling new links apart."""
    return {m.group(1).decode("latin-1") for m in _HREF.finditer(body, 0, limit)}
