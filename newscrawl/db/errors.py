"""The one error the storage layer raises for database trouble."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError


class StorageError(RuntimeError):
    """The database could not be reached or refused the operation."""


@contextmanager
def storage_errors(engine: Engine, action: str) -> Iterator[None]:
    """Translate driver-level connection/operational errors into :class:`StorageError`."""
    try:
        yield
    except (OperationalError, InterfaceError) as exc:
        where = engine.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip() or type(exc.orig).__name__
        raise StorageError(
            f"could not {action} in {where}: {reason} "
            "(is the database running and reachable, and is the schema up to date?)"
        ) from exc
