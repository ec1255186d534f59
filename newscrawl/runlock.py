"""One run at a time: ``newscrawl run`` holds an exclusive lock on ``DATA_DIR/run.lock``.

A second, overlapping run (cron starting the next one while the last is still going) finds
the lock taken and exits at once with ``ExitCode.LOCKED``. The lock is the operating
system's (``flock``): a killed run releases it with its process, no stale file to clean up.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = "run.lock"


class RunLocked(RuntimeError):
    """Another process holds the run lock."""

    def __init__(self, path: Path, holder: str) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"another newscrawl run is in progress (pid {holder}, lock {path})")


@contextmanager
def run_lock(data_dir: str | Path) -> Iterator[Path]:
    """Hold the run lock of ``data_dir`` for the block; raise ``RunLocked`` if it is taken."""
    path = Path(data_dir) / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise RunLocked(path, holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the lock
