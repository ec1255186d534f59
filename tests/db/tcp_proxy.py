"""A TCP proxy in front of PostgreSQL that can refuse, reset or blackhole connections.

The faults a database behind a load balancer or NAT shows: ``refuse`` (nothing listens:
connection refused), ``reset`` (every connection is cut with a TCP RST), ``blackhole`` (the
socket stays open, what is sent is swallowed, nothing ever comes back). ``blackhole_on``
switches to blackhole when a client sends the given bytes for the n-th time, before that
chunk is forwarded: a fault at an exact point of a transaction. Everything on 127.0.0.1.
"""

from __future__ import annotations

import selectors
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

Mode = str  # "forward" | "refuse" | "reset" | "blackhole"


class FaultProxy:
    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.mode: Mode = "forward"
        self.trigger: tuple[bytes, int] | None = None
        self._seen = 0
        self._lock = threading.Lock()
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        self._listener = self._listen(0)
        self.port = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        listener.setblocking(False)
        return listener

    def set_mode(self, mode: Mode, cut: bool = True) -> None:
        """Switch faults; leaving blackhole or reset cuts every connection made so far
        (``cut=False``: the server's side of blackholed connections stays open, never
        answered, as behind a dead NAT)."""
        with self._lock:
            previous, self.mode = self.mode, mode
            if mode in ("reset", "refuse") or (cut and previous in ("blackhole", "reset")):
                self._cut_all(reset=mode == "reset")
            if mode == "refuse" and previous != "refuse":
                self._selector.unregister(self._listener)
                self._listener.close()
            elif previous == "refuse" and mode != "refuse":
                self._listener = self._listen(self.port)
                self._selector.register(self._listener, selectors.EVENT_READ)

    def blackhole_on(self, marker: bytes, occurrence: int = 1) -> None:
        with self._lock:
            self.trigger, self._seen = (marker, occurrence), 0

    def _cut_all(self, reset: bool) -> None:
        for pair in self._pairs:
            for sock in pair:
                self._close(sock, reset)
        self._pairs.clear()

    def _close(self, sock: socket.socket, reset: bool) -> None:
        with suppress(KeyError, ValueError):
            self._selector.unregister(sock)
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()

    def start(self) -> FaultProxy:
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        with self._lock:
            self._cut_all(reset=False)
            if self.mode != "refuse":
                self._listener.close()

    def _loop(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(timeout=0.05):
                with self._lock:
                    if key.fileobj is self._listener:
                        self._accept()
                    else:
                        self._relay(key.fileobj, key.data)  # type: ignore[arg-type]

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except OSError:
            return
        if self.mode == "reset":
            self._close(client, reset=True)
            return
        server = socket.create_connection(self.upstream)
        self._pairs.append((client, server))
        self._selector.register(client, selectors.EVENT_READ, (server, True))
        self._selector.register(server, selectors.EVENT_READ, (client, False))

    def _relay(self, source: socket.socket, data: tuple[socket.socket, bool]) -> None:
        target, from_client = data
        try:
            chunk = source.recv(65536)
        except OSError:
            chunk = b""
        if not chunk:
            if self.mode == "blackhole":  # the other side never learns of the close
                self._selector.unregister(source)
                return
            self._drop_pair(source)
            return
        if from_client and self.trigger is not None and self.trigger[0] in chunk:
            self._seen += 1
            if self._seen >= self.trigger[1]:
                self.mode, self.trigger = "blackhole", None
        if self.mode == "blackhole":
            return  # swallowed: the sender waits for an answer that never comes
        try:
            target.sendall(chunk)
        except OSError:
            self._drop_pair(source)

    def _drop_pair(self, sock: socket.socket) -> None:
        for pair in list(self._pairs):
            if sock in pair:
                self._pairs.remove(pair)
                for member in pair:
                    self._close(member, reset=False)


@contextmanager
def fault_proxy(upstream: tuple[str, int]) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream).start()
    try:
        yield proxy
    finally:
        proxy.stop()
