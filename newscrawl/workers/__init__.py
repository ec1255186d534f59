"""Worker processes for CPU-heavy work, awaited from the crawler's event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from newscrawl.workers.pool import TaskFailed, WorkerPool

__all__ = ["InlineRunner", "TaskFailed", "WorkerPool", "make_runner"]
T = TypeVar("T")


class InlineRunner:
    """The same interface, running in this process (``EXTRACT_WORKERS = 0``; for debugging)."""

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return fn(*args)

    def close(self) -> None:
        """Nothing to release."""


def make_runner(workers: int, timeout: float, retries: int) -> WorkerPool | InlineRunner:
    """A worker pool of ``workers`` processes, or in-process running when ``workers`` is 0."""
    return WorkerPool(workers, timeout, retries) if workers > 0 else InlineRunner()
