"""What a crawl shows on the terminal: log lines without tracebacks, one line per failed site.

Without ``--log-file`` the CLI installs :class:`ConsoleLogHandler` instead of Scrapy's root
handler. Each request that could not be downloaded is counted in the summary's ``errors``
column instead of repeating it through the retry and robots.txt middlewares; a host that
cannot be reached gets one line per site saying why (``connection refused``, ``host name not
found``...) instead of one per request. Other failed pages keep their one ``failed`` line.
Tracebacks show only with ``--debug`` (or in the log file).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

from scrapy.settings import Settings

from newscrawl.summary import SiteSummary

# Loggers whose records each repeat one failed download, already counted per site.
_DOWNLOAD_FAILURE_LOGGERS = frozenset(
    {"scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt"}
)
_SPIDER_FAILURE = ("newscrawl.spiders.base", "failed %s: %s")  # spiders/errors.count_failure

# Reasons that mean the host itself is unreachable (lowercase fragments of the error's name).
_UNREACHABLE = ("connectionrefused", "dnslookup", "cannotresolvehost")

# Error reasons (``newscrawl/errors/<reason>`` stats) in words, matched on lowercase substrings.
_REASONS = (
    ("connectionrefused", "connection refused"),
    ("dnslookup", "host name not found"),
    ("cannotresolvehost", "host name not found"),
    ("timeout", "timed out"),
    ("connectionlost", "connection lost"),
    ("responseneverreceived", "connection closed without a response"),
    ("ssl", "TLS/SSL error"),
    ("tunnel", "proxy tunnel error"),
)


class ConsoleLogHandler(logging.StreamHandler):  # type: ignore[type-arg]  # stream type
    """stderr, Scrapy's format, no per-download failure lines, tracebacks only if ``debug``."""

    def __init__(self, settings: Settings, *, verbose: bool, debug: bool) -> None:
        super().__init__(sys.stderr)
        self.verbose = verbose
        self.debug = debug
        self.setLevel(settings.get("LOG_LEVEL"))
        self.setFormatter(
            logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT"))
        )

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.verbose and _is_download_failure(record):
            return False
        if not self.debug and record.exc_info:
            record.exc_info = None
            record.exc_text = None
        return bool(super().filter(record))


def _is_download_failure(record: logging.LogRecord) -> bool:
    """Lines the summary says better: retry and robots.txt repeats, and the spider's own
    line for a host that cannot be reached at all (said once per site after the summary)."""
    if record.levelno >= logging.CRITICAL:
        return False
    if record.name in _DOWNLOAD_FAILURE_LOGGERS:
        return True
    if (record.name, record.msg) != _SPIDER_FAILURE:
        return False
    reason = str(getattr(record, "nc_reason", "")).lower()
    return any(fragment in reason for fragment in _UNREACHABLE)


def install_console_log(settings: Settings, *, verbose: bool, debug: bool) -> logging.Handler:
    """Install the handler on the root logger; Scrapy is told to install none."""
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")
    handler = ConsoleLogHandler(settings, verbose=verbose, debug=debug)
    logging.root.addHandler(handler)
    logging.root.setLevel(handler.level)
    return handler


def site_problems(summaries: Iterable[SiteSummary]) -> list[str]:
    """One line per site that could not start, or from which nothing could be fetched."""
    lines = []
    for s in summaries:
        if s.startup_error:
            lines.append(f"{s.site}: could not start: {s.startup_error}")
        elif not s.crawled_anything and s.main_error:
            lines.append(f"{s.site}: nothing crawled: {reason_text(s.main_error)}")
    return lines


def reason_text(reason: str | None) -> str:
    """``DownloadConnectionRefusedError``: ``connection refused``; ``http_503``: ``HTTP 503``."""
    if not reason:
        return "no page could be fetched"
    if reason.startswith("http_"):
        return f"HTTP {reason.removeprefix('http_')}"
    key = reason.lower()
    for fragment, words in _REASONS:
        if fragment in key:
            return words
    return reason
