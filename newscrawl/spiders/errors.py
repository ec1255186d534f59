"""Counting and logging failed requests the same way for every spider."""

from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

STATS = "newscrawl/"


def count_failure(stats: StatsCollector | None, failure: Failure, logger: logging.Logger) -> str:
    """Record why a request failed; returns the reason's short name."""
    request = getattr(failure, "request", None)
    url = request.url if request is not None else "?"
    probe = bool(request is not None and request.meta.get("nc_probe"))
    error = failure.value
    if isinstance(error, HttpError):
        reason = f"http_{error.response.status}"
    elif isinstance(error, IgnoreRequest):
        reason = "ignored"  # robots.txt, offsite, binary link: skipped on purpose
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
