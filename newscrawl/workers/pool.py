"""A process pool for CPU-heavy work (extraction, hashing), driven from the reactor's loop.

trafilatura holds the GIL and is not thread-safe, so the work runs in worker processes,
never in threads. Each worker has a pipe in and a pipe out; the event loop writes tasks and
reads results itself (non-blocking, ``add_reader``/``add_writer``), so no helper thread takes
the GIL from the crawler and a result costs one loop callback. Each worker holds up to
``DEPTH`` tasks, the next one waiting in its pipe, so it never idles between pages.

A worker that dies or hangs is replaced; the task it was running is tried again
``retries`` times and then reported as failed, the tasks queued behind it go to the next
worker. Nothing here imports Scrapy.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import multiprocessing
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing import forkserver, resource_tracker
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from newscrawl.workers.child import HEADER, frame, serve

logger = logging.getLogger(__name__)
T = TypeVar("T")

DEPTH = 2  # tasks held by one worker: the running one and the next, waiting in its pipe
_PIPE_BYTES = 1 << 20  # pipe capacity asked for: a typical page fits in one write
_READ_CHUNK = 1 << 18


class TaskFailed(RuntimeError):
    """A task's worker died or hung on every try."""


# --- the crawler side --------------------------------------------------------------------
@dataclass(eq=False)
class _Job:
    id: int
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    future: asyncio.Future[Any]
    tries: int = 0


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    tasks: Connection  # our end: write
    results: Connection  # our end: read
    held: deque[_Job] = field(default_factory=deque)  # the first one is running
    outgoing: deque[memoryview] = field(default_factory=deque)
    incoming: bytearray = field(default_factory=bytearray)
    timer: asyncio.TimerHandle | None = None
    watched: bool = False  # its pipes are registered with the loop


class WorkerPool:
    """``await pool.run(fn, *args)`` runs ``fn`` in a worker process with a time limit."""

    def __init__(self, workers: int, timeout: float, retries: int = 1) -> None:
        if workers < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.workers = workers
        self.timeout = timeout
        self.retries = retries
        self.restarts = 0
        self._context = start_forkserver()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queue: deque[_Job] = deque()
        self._next_id = 0
        self._closed = False
        self._pool = [self._start_worker() for _ in range(workers)]  # started now, not later

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._closed:
            raise TaskFailed("the worker pool is closed")
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        self._next_id += 1
        job = _Job(self._next_id, fn, args, self._loop.create_future())
        self._queue.append(job)
        self._dispatch()
        result: T = await job.future
        return result

    def close(self) -> None:
        """Stop every worker; tasks still waiting fail with ``TaskFailed``."""
        self._closed = True
        for job in [*self._queue, *(job for worker in self._pool for job in worker.held)]:
            _fail(job, "the worker pool was closed")
        self._queue.clear()
        for worker in self._pool:
            self._stop_worker(worker, kill=False)
        self._pool = []

    # --- workers ----------------------------------------------------------------------------
    def _start_worker(self) -> _Worker:
        task_reader, task_writer = self._context.Pipe(duplex=False)
        result_reader, result_writer = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=serve, args=(task_reader, result_writer), daemon=True, name="newscrawl-worker"
        )
        with _sigint_blocked():
            process.start()
        task_reader.close()  # the worker's ends: a dead worker then reads as end-of-file
        result_writer.close()
        _widen_pipe(task_writer.fileno())
        os.set_blocking(task_writer.fileno(), False)
        os.set_blocking(result_reader.fileno(), False)
        return _Worker(process, task_writer, result_reader)

    def _watch(self, worker: _Worker) -> None:
        if not worker.watched and self._loop is not None:
            self._loop.add_reader(worker.results.fileno(), self._readable, worker)
            worker.watched = True

    def _stop_worker(self, worker: _Worker, *, kill: bool) -> None:
        if worker.timer is not None:
            worker.timer.cancel()
        if worker.watched and self._loop is not None and not self._loop.is_closed():
            self._loop.remove_reader(worker.results.fileno())
            self._loop.remove_writer(worker.tasks.fileno())
        worker.watched = False
        if kill:
            worker.process.kill()
        worker.tasks.close()  # end-of-file: an idle worker exits by itself
        worker.results.close()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(timeout=5)

    def _replace(self, worker: _Worker, why: str, *, kill: bool) -> None:
        """Swap a dead or hung worker for a new one; its tasks go back to the queue."""
        if worker not in self._pool:
            return
        self._pool.remove(worker)
        self._stop_worker(worker, kill=kill)
        if not kill:
            why += f" (exit code {worker.process.exitcode})"
        self.restarts += 1
        held = list(worker.held)
        if not held:
            logger.warning("%s while idle; restarting it", why)
        else:
            running = held[0]
            running.tries += 1
            logger.warning("%s (try %d); restarting it", why, running.tries)
            if running.tries > self.retries:
                _fail(running, f"gave up after {running.tries} tries: {why}")
                held = held[1:]
        self._queue.extendleft(reversed([job for job in held if not job.future.done()]))
        if not self._closed:
            self._pool.append(self._start_worker())
            self._dispatch()

    # --- tasks ------------------------------------------------------------------------------
    def _dispatch(self) -> None:
        while self._queue:
            worker = min(self._pool, key=lambda w: len(w.held), default=None)
            if worker is None or len(worker.held) >= DEPTH:
                return
            job = self._queue.popleft()
            if job.future.done():  # its caller went away
                continue
            try:
                data = pickle.dumps((job.id, job.fn, job.args), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:
                job.future.set_exception(exc)
                continue
            self._watch(worker)
            worker.held.append(job)
            if len(worker.held) == 1:
                self._arm(worker)
            worker.outgoing.append(memoryview(frame(data)))
            worker.outgoing.append(memoryview(data))
            self._send(worker)

    def _send(self, worker: _Worker) -> None:
        fd = worker.tasks.fileno()
        try:
            while worker.outgoing:
                chunk = worker.outgoing[0]
                sent = os.write(fd, chunk)
                if sent < len(chunk):
                    worker.outgoing[0] = chunk[sent:]
                    break
                worker.outgoing.popleft()
        except BlockingIOError:
            pass
        except OSError:
            self._replace(worker, "a worker process died", kill=False)
            return
        assert self._loop is not None
        if worker.outgoing:
            self._loop.add_writer(fd, self._send, worker)
        else:
            self._loop.remove_writer(fd)

    def _readable(self, worker: _Worker) -> None:
        try:
            while chunk := os.read(worker.results.fileno(), _READ_CHUNK):
                worker.incoming += chunk
        except BlockingIOError:
            chunk = b"-"
        self._deliver(worker)
        if not chunk and worker in self._pool:  # end-of-file: the worker is gone
            self._replace(worker, "a worker process died", kill=False)

    def _deliver(self, worker: _Worker) -> None:
        buffer = worker.incoming
        while len(buffer) >= HEADER.size and worker in self._pool:
            size = HEADER.unpack_from(buffer)[0]
            end = HEADER.size + size
            if len(buffer) < end:
                return
            with memoryview(buffer) as view:
                job_id, ok, value = pickle.loads(view[HEADER.size : end])
            del buffer[:end]
            job = worker.held.popleft()
            assert job.id == job_id, "a worker answered out of order"
            self._arm(worker)
            if not job.future.done():
                if ok:
                    job.future.set_result(value)
                else:
                    job.future.set_exception(value)
            self._dispatch()

    def _arm(self, worker: _Worker) -> None:
        """Time the task the worker runs now (the first it holds)."""
        if worker.timer is not None:
            worker.timer.cancel()
            worker.timer = None
        if worker.held and self._loop is not None:
            worker.timer = self._loop.call_later(self.timeout, self._hung, worker)

    def _hung(self, worker: _Worker) -> None:
        self._replace(worker, f"a worker hung for {self.timeout:.0f}s", kill=True)


def start_forkserver() -> multiprocessing.context.ForkServerContext:
    """The forkserver context, its server started (if it was not): the server imports the
    extraction modules (``warmup``) in the background while the crawler sets up, so the
    first worker need not wait seconds for them. Starts no worker."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newscrawl.workers.warmup"])  # workers start warm
    with _sigint_blocked():
        # multiprocessing.forkserver.ensure_running (in its __all__, not in the docs): what
        # the first Process.start() calls; a test pins that it starts no worker.
        forkserver.ensure_running()
    return context


@contextlib.contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Ctrl-C reaches the whole process group: a worker (or the forkserver) caught while
    starting up would die with a traceback and the crawl with an EOFError. Started with
    SIGINT blocked, they inherit the mask (``serve`` then ignores SIGINT); the crawler gets
    the signal when it is unblocked here, and stops the workers. The resource tracker is
    started first: starting it unblocks SIGINT (multiprocessing's own trick)."""
    resource_tracker.ensure_running()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _fail(job: _Job, why: str) -> None:
    if not job.future.done():
        job.future.set_exception(TaskFailed(why))


def _widen_pipe(fd: int) -> None:
    """Ask Linux for a pipe that holds a whole page (fewer partial writes); optional."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None:
        return
    with contextlib.suppress(OSError):  # above /proc/sys/fs/pipe-max-size: the default works
        fcntl.fcntl(fd, set_size, _PIPE_BYTES)
