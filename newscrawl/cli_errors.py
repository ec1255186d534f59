"""The CLI's one error path: every known failure becomes one stderr line and its exit code.

Commands raise :class:`CliError` for what they detect themselves (bad arguments, missing
files, drivers, ...); :func:`run_command` turns that, storage errors, Ctrl-C and anything
unexpected into one ``newscrawl: ...`` line on stderr and an :class:`ExitCode`. The traceback
of an unexpected error goes to the log file (``--log-file``) or, with ``--debug``, to stderr.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime

from newscrawl.exit_codes import ExitCode

Command = Callable[[argparse.Namespace], int]


class CliError(Exception):
    """A failure the user can fix: one line of explanation and the exit code to return."""

    def __init__(self, message: str, code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def say(message: str) -> None:
    """One line on stderr, prefixed like every newscrawl message (a driver's multi-line
    error, like psycopg's "connection refused ... Is the server running", is joined)."""
    line = re.sub(r"\s*\n\s*", " ", message.strip())
    print(f"newscrawl: {line}", file=sys.stderr, flush=True)


def run_command(func: Command, args: argparse.Namespace) -> int:
    """Run a command; map whatever it raises to one line and an exit code."""
    try:
        return int(func(args))
    except CliError as exc:
        say(exc.message)
        return int(exc.code)
    except KeyboardInterrupt:
        say("interrupted")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:  # ``newscrawl export | head``: the reader has what it wanted
        _silence_stdout()
        return int(ExitCode.OK)
    except SystemExit as exc:  # a bad NEWSCRAWL_* variable (settings.py) or a library's exit
        if isinstance(exc.code, str):
            say(exc.code)
            return int(ExitCode.USAGE)
        raise
    except Exception as exc:
        known = _known_failure(exc)
        if known is not None:
            say(known.message)
            return int(known.code)
        return _unexpected(exc, args)


def _known_failure(exc: Exception) -> CliError | None:
    from newscrawl.db.errors import StorageError  # imported here: it loads SQLAlchemy

    if isinstance(exc, StorageError):
        return CliError(str(exc), ExitCode.DATABASE)
    return None


def _unexpected(exc: Exception, args: argparse.Namespace) -> int:
    """A bug or an unforeseen failure: a short line; the traceback only where asked for."""
    details = "".join(traceback.format_exception(exc))
    log_file = getattr(args, "log_file", None)
    where = _append_to_log(log_file, details) if log_file else None
    if getattr(args, "debug", False):
        sys.stderr.write(details)
        hint = ""
    elif where:
        hint = f" (traceback in {where})"
    else:
        hint = " (run again with --debug to see the traceback)"
    say(f"unexpected error: {type(exc).__name__}: {exc}{hint}")
    return int(ExitCode.NOTHING_CRAWLED)


def _append_to_log(path: str, details: str) -> str | None:
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{datetime.now(UTC).isoformat()} [newscrawl.cli] CRITICAL: {details}")
    except OSError:
        return None
    return path


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
