"""A client-side deadline for database calls that a stuck server would hang forever.

A database behind a dead NAT or load balancer keeps the TCP socket open and never answers:
no error, no reset, and the server-side ``statement_timeout`` never fires. ``SocketGuard``
tracks the engine's open PostgreSQL connections; when one store call has run longer than
its deadline, it shuts their sockets down, so the blocked driver call fails at once with a
disconnect error (and SQLAlchemy drops those connections from its pool).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)
_guards: weakref.WeakKeyDictionary[Engine, SocketGuard] = weakref.WeakKeyDictionary()


class SocketGuard:
    """Shuts down the sockets of an engine's connections when a call overruns ``seconds``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._connections: weakref.WeakSet[Any] = weakref.WeakSet()
        self._lock = threading.Lock()

    def track(self, dbapi_connection: Any, _record: Any = None) -> None:
        with self._lock:
            self._connections.add(dbapi_connection)

    @contextmanager
    def deadline(self) -> Iterator[threading.Event]:
        """Arm the deadline for one call; the event is set when it fired."""
        fired = threading.Event()
        timer = threading.Timer(self.seconds, self._abort, args=(fired,))
        timer.daemon = True
        timer.start()
        try:
            yield fired
        finally:
            timer.cancel()

    def _abort(self, fired: threading.Event) -> None:
        fired.set()
        with self._lock:
            connections = list(self._connections)
        logger.error("database call exceeded %.0f s: closing its connections", self.seconds)
        for connection in connections:
            _shutdown(connection)


def _shutdown(dbapi_connection: Any) -> None:
    try:
        fd = dbapi_connection.pgconn.socket
    except Exception:  # closed already, or not a psycopg connection
        return
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()


def register_guard(engine: Engine, guard: SocketGuard) -> None:
    _guards[engine] = guard
    event.listen(engine, "connect", guard.track)


def guard_of(engine: Engine) -> SocketGuard | None:
    return _guards.get(engine)


@contextmanager
def deadline(engine: Engine, bounded: bool = True) -> Iterator[threading.Event | None]:
    """The engine's deadline around one call (``None``: the engine has none, e.g. SQLite)."""
    guard = _guards.get(engine)
    if guard is None or not bounded:
        yield None
        return
    with guard.deadline() as fired:
        yield fired
