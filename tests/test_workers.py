"""The worker pool: results come back, hung or dead workers are replaced, pages retried once."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest

from newscrawl.workers import TaskFailed, WorkerPool


def square(x: int) -> int:
    return x * x


def hang_forever(x: int) -> int:
    time.sleep(3600)
    return x


def die(x: int) -> int:
    os._exit(3)


def die_once(marker: str) -> str:
    path = Path(marker)
    if not path.exists():
        path.write_text("died")
        os._exit(3)
    return "ok after restart"


def worker_pid(_: int) -> int:
    return os.getpid()


def test_runs_in_other_processes() -> None:
    async def main() -> None:
        pool = WorkerPool(workers=2, timeout=30)
        try:
            results = await asyncio.gather(*(pool.run(square, i) for i in range(20)))
            pids = await asyncio.gather(*(pool.run(worker_pid, i) for i in range(10)))
        finally:
            pool.close()
        assert results == [i * i for i in range(20)]
        assert os.getpid() not in pids

    asyncio.run(main())


def test_hung_task_is_killed_retried_once_then_failed_and_others_survive() -> None:
    async def main() -> None:
        pool = WorkerPool(workers=2, timeout=1.0, retries=1)
        try:
            hung, fine = await asyncio.gather(
                pool.run(hang_forever, 1), pool.run(square, 7), return_exceptions=True
            )
            after = await pool.run(square, 3)
        finally:
            pool.close()
        assert isinstance(hung, TaskFailed)
        assert fine == 49
        assert after == 9
        assert pool.restarts >= 2  # the first try and the retry each cost a worker

    asyncio.run(main())


def test_dead_worker_is_replaced_and_the_page_retried(tmp_path: Path) -> None:
    async def main() -> None:
        pool = WorkerPool(workers=1, timeout=30, retries=1)
        try:
            result = await pool.run(die_once, str(tmp_path / "marker"))
            with pytest.raises(TaskFailed):
                await pool.run(die, 0)
            after = await pool.run(square, 4)
        finally:
            pool.close()
        assert result == "ok after restart"
        assert after == 16

    asyncio.run(main())


def raise_value_error(x: int) -> int:
    raise ValueError(f"bad page {x}")


def unpicklable_result(x: int) -> object:
    return lambda: x  # a lambda can't travel back to the crawler


def big_echo(data: bytes) -> int:
    return len(data)


def test_errors_come_back_as_the_tasks_exception_and_the_worker_lives_on() -> None:
    async def main() -> None:
        pool = WorkerPool(workers=1, timeout=30)
        try:
            with pytest.raises(ValueError, match="bad page 3"):
                await pool.run(raise_value_error, 3)
            with pytest.raises(RuntimeError, match="could not be sent back"):
                await pool.run(unpicklable_result, 3)
            assert await pool.run(square, 5) == 25
        finally:
            pool.close()
        assert pool.restarts == 0

    asyncio.run(main())


def test_pages_larger_than_a_pipe_buffer_go_through_while_others_queue() -> None:
    pages = [bytes([n]) * (3_000_000 + n) for n in range(6)]  # 3 MB each, many in flight

    async def main() -> list[int]:
        pool = WorkerPool(workers=2, timeout=30)
        try:
            return await asyncio.gather(*(pool.run(big_echo, page) for page in pages))
        finally:
            pool.close()

    assert asyncio.run(main()) == [len(page) for page in pages]
