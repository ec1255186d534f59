"""One extraction pool per process, owned by an extension and shared by every crawl in it.

The pool starts when a running crawl first has a page to extract and stops when the last
crawl's engine stops. ``newscrawl crawl a b c`` therefore runs ``EXTRACT_WORKERS``
processes (the cores by default), not that many per site. Nothing starts before: not when a
spider is constructed, not when a crawl is set up. A re-run whose pages are all unchanged
starts no process at all, not even the forkserver, whose warm-up (the extraction modules,
dateparser's tables) costs seconds of CPU. The pool is started on a helper thread (the
first worker waits for that warm-up): the crawl keeps downloading meanwhile.
``EXTRACT_WORKERS = 0`` switches the extension off: spiders then extract in-process.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.workers import InlineRunner, TaskFailed, WorkerPool

T = TypeVar("T")


class _ProcessPool:
    """The process's one pool, used while a crawl runs, started at first use (a re-run whose
    pages are all unchanged starts none), stopped when the last crawl stops."""

    def __init__(self) -> None:
        self.users = 0
        self.pool: WorkerPool | None = None
        self._config: tuple[int, float, int] | None = None
        self._starting: asyncio.Future[WorkerPool] | None = None

    def join(self, workers: int, timeout: float, retries: int) -> None:
        if self.users == 0:
            self._config = (workers, timeout, retries)
        self.users += 1

    async def get(self) -> WorkerPool:
        if self.pool is None:
            if self._starting is None:
                assert self._config is not None and self.users > 0, "no crawl is running"
                # Off the loop's thread: starting the forkserver and forking the workers
                # blocks until the server's warm-up is done.
                loop = asyncio.get_running_loop()
                self._starting = loop.run_in_executor(None, WorkerPool, *self._config)
                self._starting.add_done_callback(self._started)
            starting = self._starting
            await asyncio.shield(starting)
            # Taken here too, not only in the callback: a task that finds the start already
            # done does not wait, and runs before the callback does.
            self._started(starting)
        if self.pool is None:
            raise TaskFailed("the extraction pool is not running (the crawl has stopped)")
        return self.pool

    def _started(self, starting: asyncio.Future[WorkerPool]) -> None:
        """The start has ended: the pool is the crawl's, or closed if none is left."""
        if self._starting is not starting:
            return  # already taken
        self._starting = None
        if starting.cancelled() or starting.exception() is not None:
            return  # the callers waiting for it get the error
        if self.users > 0:
            self.pool = starting.result()
        else:  # the last crawl stopped while its workers started
            starting.result().close()

    def leave(self) -> None:
        self.users -= 1
        if self.users <= 0:
            self.users = 0
            if self.pool is not None:
                self.pool.close()
                self.pool = None


_PROCESS_POOL = _ProcessPool()  # worker processes are per OS process by nature


class ExtractionPoolExtension:
    """Gives the crawl's spider ``await extension.run(fn, *args)`` on the shared pool."""

    def __init__(self, workers: int, timeout: float, retries: int) -> None:
        self.workers = workers
        self.timeout = timeout
        self.retries = retries
        self.running = False  # between this crawl's engine start and stop

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPoolExtension:
        settings = crawler.settings
        workers = settings.getint("EXTRACT_WORKERS")
        if workers <= 0:
            raise NotConfigured("EXTRACT_WORKERS is 0: extraction runs in the crawler process")
        extension = cls(
            workers, settings.getfloat("EXTRACT_TIMEOUT"), settings.getint("EXTRACT_RETRIES")
        )
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    @property
    def pool(self) -> WorkerPool | None:
        """The shared pool, once a page of a running crawl needed it."""
        return _PROCESS_POOL.pool if self.running else None

    def engine_started(self) -> None:
        if not self.running:
            self.running = True
            _PROCESS_POOL.join(self.workers, self.timeout, self.retries)

    def engine_stopped(self) -> None:
        if self.running:
            self.running = False
            _PROCESS_POOL.leave()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if not self.running:
            raise TaskFailed("the extraction pool is not running (the crawl has stopped)")
        pool = await _PROCESS_POOL.get()
        return await pool.run(fn, *args)


Runner = ExtractionPoolExtension | InlineRunner


def extraction_runner(crawler: Crawler | None) -> Runner:
    """The crawl's pool extension, or in-process extraction when it is switched off."""
    try:
        extensions = getattr(crawler, "extensions", None)
    except RuntimeError:  # a crawler that was never started (a callback called on its own)
        extensions = None
    for extension in getattr(extensions, "middlewares", ()):
        if isinstance(extension, ExtractionPoolExtension):
            return extension
    return InlineRunner()
