"""Argument checks every command runs before any work: numbers, target URLs, output paths.

Each check raises :class:`~newscrawl.cli_errors.CliError` with one line naming the bad value.
Nothing here imports Scrapy or SQLAlchemy, so a mistyped command fails in a blink.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from newscrawl.cli_errors import CliError

URL_SCHEMES = ("http://", "https://")


def positive_int(text: str) -> int:
    """An ``argparse`` type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def cursor(text: str) -> int:
    """An ``argparse`` type: a change-feed cursor (``N`` or ``next_cursor=N``, N >= 0)."""
    try:
        value = int(text.strip().removeprefix("next_cursor="))
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"must be a cursor that `export` printed (next_cursor=N), not {text!r}"
        )
    return value


def iso_date(text: str) -> datetime:
    """An ``argparse`` type: an ISO 8601 date or date and time (UTC when no offset is given)."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a date like 2024-05-01 or 2024-05-01T12:00:00+02:00, not {text!r}"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def target(text: str) -> str:
    """An ``argparse`` type: a crawl target; one that looks like a URL must be a valid one."""
    if text.startswith(URL_SCHEMES):
        try:
            check_url(text)
        except CliError as exc:
            raise argparse.ArgumentTypeError(exc.message) from None
    return text


def page_source(text: str) -> str:
    """An ``argparse`` type for ``extract``: a valid http(s) URL or a file that exists."""
    if text.startswith(URL_SCHEMES):
        return target(text)
    path = Path(text).expanduser()
    if not path.exists():
        raise argparse.ArgumentTypeError(f"no such file: {text}")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text} is a directory, not a saved page")
    return text


def writable_file(text: str) -> str:
    """An ``argparse`` type: a file path that can be written (see ``check_output_file``)."""
    try:
        check_output_file(text)
    except CliError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None
    return text


def check_targets(targets: Sequence[str], sites: Callable[[], Sequence[str]]) -> None:
    """Every target is a valid http(s) URL or a bundled site name (``sites()``: the names)."""
    for target in targets:
        if target.startswith(URL_SCHEMES):
            check_url(target)
    names = [target for target in targets if not target.startswith(URL_SCHEMES)]
    known = sites() if names else []
    for name in names:
        if name not in known:
            raise CliError(
                f"unknown target {name}: give a bundled site ({', '.join(known)}) "
                "or a homepage URL starting with http:// or https://"
            )


def check_url(url: str) -> None:
    """An http(s) URL with a host name that could exist (``http://`` and ``http://[::1/`` fail)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        raise CliError(f"not a valid URL: {url} ({exc})") from None
    if parts.scheme.lower() not in ("http", "https") or not _valid_host(parts.hostname or ""):
        raise CliError(f"not a valid URL: {url} (give a homepage like https://example.com/)")


def _valid_host(host: str) -> bool:
    if not host:
        return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.removesuffix(".").split(".")
    return all(label and all(c.isalnum() or c in "-_" for c in label) for label in labels)


def check_output_file(path: str) -> None:
    """``path`` can be written: its directory exists and is writable, it is not a directory."""
    file = Path(path).expanduser()
    if file.is_dir():
        raise CliError(f"cannot write {path}: it is a directory")
    folder = file.parent
    if not folder.exists():
        raise CliError(f"cannot write {path}: directory {folder} does not exist")
    if not folder.is_dir():
        raise CliError(f"cannot write {path}: {folder} is not a directory")
    if not os.access(file if file.exists() else folder, os.W_OK):
        raise CliError(f"cannot write {path}: permission denied")


def check_directory(path: str, option: str) -> None:
    """``path`` is, or can be created as, a writable directory."""
    folder = Path(path).expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot use {option} {path}: {exc.strerror or exc}") from None
    if not os.access(folder, os.W_OK):
        raise CliError(f"cannot use {option} {path}: permission denied")
