"""The end of a crawl run reaches the database, or the spool: never lost with the run row
left "running" because the database was down at the very end."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from newscrawl.db.errors import StorageError
from newscrawl.db.runs import RunEnd, RunStore
from newscrawl.db.spool import spool_run_end

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Retry:
    """How often a write is tried again, and the first wait (doubled each time)."""

    retries: int = 2
    backoff: float = 0.5


def record_run_end(
    runs: RunStore, end: RunEnd, retry: Retry, spool_dir: Path, label: str
) -> Path | None:
    """Record ``end``, retrying with backoff; when the database still fails, spool it for
    ``newscrawl db replay``. Returns the spool file, or None once recorded."""
    for attempt in range(retry.retries + 1):
        try:
            runs.end(end, once=True)  # a retry never counts twice
            return None
        except StorageError as exc:
            error = exc
            if attempt < retry.retries:
                delay = retry.backoff * 2**attempt
                logger.warning(
                    "could not record the crawl run (%s); retrying in %.1f s", exc, delay
                )
                time.sleep(delay)
    path = spool_run_end(end, spool_dir, label)
    logger.error(
        "could not record the end of crawl run %d: spooled to %s; load it with "
        "`newscrawl db replay` once the database is back (%s)",
        end.run_id,
        path,
        error,
    )
    return path
