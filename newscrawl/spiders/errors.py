"""Counting and logging failed requests the same way for every spider."""

from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

from newscrawl.url_checks import NotModified

STATS = "newscrawl/"
# Scrapy drops these with IgnoreRequest, yet they are failures of the site, worth a line:
# an endless redirect chain, and a body (or a decompression bomb) past DOWNLOAD_MAXSIZE.
_IGNORED_FAILURES = (
    ("max redirections", "redirect_loop"),
    ("download_maxsize", "too_big"),
    ("max size", "too_big"),
)

_TRANSIENT_STATUSES = frozenset({408, 425, 429})


def is_permanent(reason: str) -> bool:
    """Whether a request that failed for ``reason`` is not worth trying in a later run:
    skipped on purpose, or a client error; server errors and timeouts are tried again."""
    if reason in ("ignored", "not_modified"):
        return True
    if reason.startswith("http_") and reason[5:].isdigit():
        status = int(reason[5:])
        return 400 <= status < 500 and status not in _TRANSIENT_STATUSES
    return False


def is_transient_status(status: int) -> bool:
    return status >= 500 or status in _TRANSIENT_STATUSES


def count_failure(stats: StatsCollector | None, failure: Failure, logger: logging.Logger) -> str:
    """Record why a request failed; returns the reason's short name."""
    request = getattr(failure, "request", None)
    url = request.url if request is not None else "?"
    probe = bool(request is not None and request.meta.get("nc_probe"))
    error = failure.value
    if isinstance(error, NotModified):  # a conditional GET's 304: counted where it was seen
        return "not_modified"
    if isinstance(error, HttpError):
        reason = f"http_{error.response.status}"
    elif isinstance(error, IgnoreRequest):
        text = str(error).lower()  # else robots.txt, offsite, binary link: skipped on purpose
        reason = next((name for words, name in _IGNORED_FAILURES if words in text), "ignored")
    else:
        reason = failure.type.__name__ if failure.type else "error"
    if stats is not None:
        if probe or reason == "ignored":
            stats.inc_value(f"{STATS}skipped/{reason}")
        else:
            stats.inc_value(STATS + "errors")
            stats.inc_value(f"{STATS}errors/{reason}")
    if not probe and reason != "ignored":
        message = failure.getErrorMessage() or reason
        logger.warning("failed %s: %s", url, message, extra={"nc_reason": reason})
    return reason
