"""The exit codes of every ``newscrawl`` command: the one list cron, systemd and tests rely on."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented in the README; each one is tested through the real command."""

    OK = 0  # done
    NOTHING_CRAWLED = 1  # no target could be crawled at all
    USAGE = 2  # bad arguments, unknown site, missing file or driver
    DATABASE = 3  # database unreachable or not writable
    SPOOLED = 4  # articles or the run end could not be written: spooled to data/unsaved/
    BLOCKED = 5  # every page of a target was refused (challenge, 401/403/429, login wall)
    LOCKED = 6  # another run holds the lock
    INTERRUPTED = 130  # Ctrl-C or SIGTERM: what was fetched is flushed, the run marked so
