"""The one error the storage layer raises for database trouble."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from newscrawl.db.guard import deadline, guard_of


class StorageError(RuntimeError):
    """The database could not be reached or refused the operation."""


class DatabaseMissing(StorageError):
    """A read-only command was pointed at a SQLite file that does not exist."""


@contextmanager
def storage_errors(engine: Engine, action: str, bounded: bool = True) -> Iterator[None]:
    """Bound the call by the engine's deadline (unless ``bounded`` is false, for streams
    whose consumer sets the pace); driver connection errors become StorageError."""
    with deadline(engine, bounded) as fired:
        try:
            yield
        except (OperationalError, InterfaceError) as exc:
            raise _storage_error(engine, action, exc, fired) from exc
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            raise _storage_error(engine, action, exc, fired) from exc


def _storage_error(
    engine: Engine, action: str, exc: DBAPIError, fired: threading.Event | None
) -> StorageError:
    where = engine.url.render_as_string(hide_password=True)
    reason = str(exc.orig).strip() or type(exc.orig).__name__
    guard = guard_of(engine)
    if fired is not None and fired.is_set() and guard is not None:
        reason = f"no answer within the {guard.seconds:g} s deadline ({reason})"
    return StorageError(
        f"could not {action} in {where}: {reason} "
        "(is the database running and reachable, and is the schema up to date?)"
    )
