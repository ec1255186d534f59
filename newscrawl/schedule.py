"""``newscrawl schedule --every 30m``: ``newscrawl run`` in a loop, for hosts without cron.

Each round is a fresh ``newscrawl run`` process (a Scrapy process runs one reactor, once),
started every ``every`` seconds from the previous start, plus a random ``jitter`` so that
many schedulers do not hit sites at the same second. A round that overruns the interval is
followed by the next at once; ``run``'s lock keeps rounds from overlapping anyway.
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)([smhd]?)$")


def parse_duration(text: str) -> float:
    """``90``, ``90s``, ``30m``, ``2h``, ``1d`` -> seconds; ValueError otherwise."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError(f"{text!r} is not a duration like 30m, 2h or 90s")
    seconds = float(match.group(1)) * _UNITS[match.group(2) or "s"]
    if seconds <= 0:
        raise ValueError(f"{text!r}: the duration must be above zero")
    return seconds


def run_command(run_args: Sequence[str]) -> list[str]:
    return [sys.executable, "-m", "newscrawl.cli", "run", *run_args]


def schedule(
    run_args: Sequence[str],
    every: float,
    jitter: float = 0.0,
    runs: int = 0,
    sleep: Callable[[float], None] = time.sleep,
    log: Callable[[str], None] = print,
) -> int:
    """Run ``newscrawl run <run_args>`` every ``every`` s (``runs``: stop after that many)."""
    done = 0
    code = 0
    while True:
        started = time.monotonic()
        log(f"{_now():%Y-%m-%d %H:%M:%S} run {done + 1}: newscrawl run {' '.join(run_args)}")
        code = _run_once(run_command(run_args))
        done += 1
        if runs and done >= runs:
            return code
        wait = max(0.0, every - (time.monotonic() - started)) + random.uniform(0, jitter)
        log(f"run exited {code}; next at {_now() + timedelta(seconds=wait):%H:%M:%S}")
        sleep(wait)


def _run_once(command: list[str]) -> int:
    process = subprocess.Popen(command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.wait()  # Ctrl-C reached the run too: it is flushing, let it finish
        raise


def _now() -> datetime:
    return datetime.now(UTC).astimezone()
