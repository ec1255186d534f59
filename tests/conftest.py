"""Test-wide guards: no test talks to anything but this machine, and none writes runtime
files (spool, WARC, jobs, the default database) into the repository's ``data/``."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before newscrawl.settings is first imported (it reads the environment once): the process's
# default DATA_DIR; each test then gets its own (``_data_dir``).
os.environ["NEWSCRAWL_DATA_DIR"] = tempfile.mkdtemp(prefix="newscrawl-test-data-")

_real_connect = socket.socket.connect


def _is_local(address: Any) -> bool:
    if isinstance(address, str | bytes):  # AF_UNIX paths
        return True
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise ConnectionRefusedError(f"tests may only connect to 127.0.0.1, not {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    yield


@pytest.fixture(autouse=True)
def _data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The test's own DATA_DIR: in this process's settings and in every ``newscrawl`` it
    starts (``tests.cli.run.cli_env`` passes it on unless the test sets another)."""
    from newscrawl import settings

    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("NEWSCRAWL_DATA_DIR", str(data))
    monkeypatch.setattr(settings, "DATA_DIR", str(data))
    monkeypatch.setattr(settings, "DATABASE_URL", f"sqlite:///{data / 'newscrawl.db'}")
    monkeypatch.setattr(settings, "JOBS_DIR", str(data / "jobs"))
    yield data
