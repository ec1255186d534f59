"""A process pool for CPU-heavy work (extraction, hashing), awaited from the reactor's loop.

trafilatura holds the GIL and is not thread-safe, so the work runs in worker processes,
never in threads. A worker that dies or hangs is replaced; the page it held is tried again
``retries`` times and then reported as failed. Nothing here imports Scrapy.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")


class TaskFailed(RuntimeError):
    """A task's worker died or hung on every try."""


def _worker_init() -> None:
    # Ctrl-C goes to the crawler, which shuts the pool down; workers must not die first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class WorkerPool:
    """``await pool.run(fn, *args)`` runs ``fn`` in a worker process with a time limit."""

    def __init__(self, workers: int, timeout: float, retries: int = 1) -> None:
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.workers = workers
        self.timeout = timeout
        self.retries = retries
        self.restarts = 0
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["newscrawl.extraction"])
        self._executor = self._new_executor()

    def _new_executor(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=self._context, initializer=_worker_init
        )
        for _ in range(self.workers):  # start the workers now, not when the first page waits
            executor.submit(os.getpid)
        return executor

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        for attempt in range(self.retries + 1):
            executor = self._executor
            loop = asyncio.get_running_loop()
            try:
                future = loop.run_in_executor(executor, fn, *args)
                return await asyncio.wait_for(future, self.timeout)
            except TimeoutError:
                logger.warning(
                    "worker hung for %.0fs (try %d); restarting it", self.timeout, attempt + 1
                )
                self._replace(executor, kill=True)
            except BrokenProcessPool:
                logger.warning("a worker process died (try %d); restarting it", attempt + 1)
                self._replace(executor, kill=False)
        raise TaskFailed(f"gave up after {self.retries + 1} tries")

    def _replace(self, broken: ProcessPoolExecutor, *, kill: bool) -> None:
        """Swap in a fresh executor, once per broken one (many tasks may notice together)."""
        if broken is not self._executor:
            return
        self.restarts += 1
        self._executor = self._new_executor()
        if kill:
            for process in list((broken._processes or {}).values()):  # no public API for this
                process.kill()
        broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class InlineRunner:
    """The same interface, running in this process (``EXTRACT_WORKERS = 0``; for debugging)."""

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return fn(*args)

    def close(self) -> None:
        """Nothing to release."""


def make_runner(workers: int, timeout: float, retries: int) -> WorkerPool | InlineRunner:
    """A worker pool of ``workers`` processes, or in-process running when ``workers`` is 0."""
    return WorkerPool(workers, timeout, retries) if workers > 0 else InlineRunner()
