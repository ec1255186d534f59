"""One extraction pool per process, owned by an extension and shared by every crawl in it.

The pool's workers start when a running crawl first has a page to extract (constructing a
spider starts nothing; a re-run whose pages are all unchanged starts none) and stop when the
last crawl's engine stops. ``newscrawl crawl a b c`` therefore runs
``EXTRACT_WORKERS`` processes (the cores by default), not that many per site. The
forkserver the workers come from is started as soon as a crawl is set up: it imports the
extraction modules while the crawler loads its own (a re-run is mostly start-up).
``EXTRACT_WORKERS = 0`` switches the extension off: spiders then extract in-process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newscrawl.workers import InlineRunner, TaskFailed, WorkerPool
from newscrawl.workers.pool import start_forkserver

T = TypeVar("T")


class _ProcessPool:
    """The process's one pool, used while a crawl runs, its workers started at first use
    (a re-run whose pages are all unchanged starts none), stopped when the last crawl stops."""

    def __init__(self) -> None:
        self.users = 0
        self.pool: WorkerPool | None = None
        self._config: tuple[int, float, int] | None = None

    def join(self, workers: int, timeout: float, retries: int) -> None:
        if self.users == 0:
            self._config = (workers, timeout, retries)
        self.users += 1

    def get(self) -> WorkerPool:
        if self.pool is None:
            assert self._config is not None and self.users > 0, "no crawl is running"
            self.pool = WorkerPool(*self._config)
        return self.pool

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
        start_forkserver()  # no worker yet: the server warms up meanwhile
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
        return await _PROCESS_POOL.get().run(fn, *args)


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
