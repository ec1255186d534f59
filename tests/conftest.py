"""Test-wide guards: no test talks to anything but this machine, and none writes runtime
files (spool, WARC, jobs, the default database) into the repository's ``data/``.

Also the storage fixtures every package's tests share: ``db_url`` (an empty database on each
backend) and ``postgres_url``."""

from __future__ import annotations

import ipaddress
import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.pg import fresh_postgres_url

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


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL URL (own schema, dropped afterwards); for any test, e2e too."""
    with fresh_postgres_url() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend: SQLite (a file under tmp_path whose directory does
    not exist yet) and the real PostgreSQL (a fresh schema, dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'news.db'}"
        return
    with fresh_postgres_url() as url:
        yield url


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with a ``slow`` test run first: pytest-xdist (``--dist loadfile``) hands files to
    the workers in this order, so the long ones start at once instead of ending the run alone.
    The order within a file is kept."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)
