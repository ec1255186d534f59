"""What runs inside a worker process: read a task, run it, write back its outcome.

Messages both ways are one pickle behind an 8-byte length. The crawler side is ``pool.py``.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
from multiprocessing.connection import Connection
from typing import Any

HEADER = struct.Struct("!Q")  # length prefix of every message, both ways


def frame(data: bytes) -> bytes:
    return HEADER.pack(len(data))


def _read_exact(stream: Any, size: int) -> bytes | None:
    data = bytearray(size)
    view = memoryview(data)
    got = 0
    while got < size:
        n = stream.readinto(view[got:])
        if not n:
            return None
        got += n
    return bytes(data)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def serve(tasks: Connection, results: Connection) -> None:
    """A worker's life: read a task, run it, write its outcome; until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the crawler, which stops us
    with open(tasks.fileno(), "rb", buffering=0, closefd=False) as stream:
        while (header := _read_exact(stream, HEADER.size)) is not None:
            message = _read_exact(stream, HEADER.unpack(header)[0])
            if message is None:
                return
            job_id, fn, args = pickle.loads(message)
            try:
                outcome: tuple[Any, ...] = (job_id, True, fn(*args))
            except Exception as exc:
                outcome = (job_id, False, exc)
            try:
                data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an unpicklable result or exception
                failure = RuntimeError(f"{fn.__name__}: result could not be sent back: {exc!r}")
                data = pickle.dumps((job_id, False, failure))
            _write_all(results.fileno(), frame(data) + data)
