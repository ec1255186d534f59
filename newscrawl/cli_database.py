"""Database checks the CLI runs before any work: a URL we support, its driver, its file.

``check_database`` turns ``--db`` (or ``NEWSCRAWL_DATABASE_URL``) into a URL or raises a
:class:`~newscrawl.cli_errors.CliError`: exit 2 for a value that is wrong (not a URL, a scheme
newscrawl does not store to, a driver that is not installed, a file that is not SQLite, a
database that does not exist where one is read), exit 3 for a database that cannot be
created or written (``prepare_database``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from newscrawl.cli_errors import CliError
from newscrawl.exit_codes import ExitCode

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

SQLITE_HEADER = b"SQLite format 3\x00"
SUPPORTED = "SQLite (sqlite:///path/to/news.db) or PostgreSQL (postgresql://user@host/dbname)"
POSTGRES_INSTALL = "pip install 'newscrawl[postgres]' (or: pip install 'psycopg[binary]')"


def describe(url: URL) -> str:
    """Where articles go, for people: the SQLite file's absolute path, or the URL sans password."""
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return f"{Path(url.database).expanduser().absolute()} (SQLite)"
    return url.render_as_string(hide_password=True)


def check_database(raw: str, source: str = "--db", *, create: bool) -> URL:
    """The parsed URL of ``raw``; ``create``: a command that may create and write it."""
    url = _parse(raw, source)
    backend = url.get_backend_name()
    if backend == "sqlite":
        _check_sqlite_file(url, create=create)
    elif backend == "postgresql":
        _check_postgres_driver(url, source)
    else:
        raise CliError(
            f"{source} {_safe(url)}: newscrawl does not store to {url.drivername}:// databases; "
            f"use {SUPPORTED}"
        )
    return url


def _parse(raw: str, source: str) -> URL:
    from sqlalchemy.exc import ArgumentError

    from newscrawl.db.session import normalize_url

    example = f"sqlite:///{raw}" if raw and "://" not in raw else "sqlite:///path/to/news.db"
    problem = f"{source} {raw!r} is not a database URL: give one like {example}"
    if "://" not in raw:
        raise CliError(problem)
    try:
        return normalize_url(raw)
    except (ArgumentError, ValueError):
        raise CliError(problem) from None


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def _check_postgres_driver(url: URL, source: str) -> None:
    if url.get_driver_name() != "psycopg":
        raise CliError(
            f"{source} {_safe(url)}: the {url.get_driver_name()} driver is not supported; "
            "use postgresql://user@host/dbname (psycopg 3)"
        )
    try:
        import psycopg  # noqa: F401 - only checks that the driver is installed
    except ImportError:
        raise CliError(
            f"PostgreSQL needs the psycopg driver, which is not installed: {POSTGRES_INSTALL}"
        ) from None


def _check_sqlite_file(url: URL, *, create: bool) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database).expanduser()
    if path.exists():
        _check_existing_file(path, create=create)
    elif not create:
        raise CliError(f"no such database: {path} (check --db; `newscrawl crawl` creates it)")
    else:
        _check_creatable(path)


def _check_existing_file(path: Path, *, create: bool) -> None:
    if path.is_dir():
        raise CliError(f"{path} is a directory, not a SQLite database file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise CliError(
            f"cannot read the SQLite database file {path}: {exc.strerror}", ExitCode.DATABASE
        ) from None
    if header and header != SQLITE_HEADER:
        raise CliError(f"{path} is not a SQLite database (check --db)")
    if create:
        _check_writable_dir(path, path.parent)


def _check_creatable(path: Path) -> None:
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next(p for p in (folder, *folder.parents) if p.exists())
        raise CliError(
            f"cannot create the SQLite database file {path}: {blocker} is a file, not a directory",
            ExitCode.DATABASE,
        ) from None
    except OSError as exc:
        raise CliError(
            f"cannot create the SQLite database file {path}: {exc.strerror}", ExitCode.DATABASE
        ) from None
    _check_writable_dir(path, folder)


def _check_writable_dir(path: Path, folder: Path) -> None:
    """SQLite writes its journal next to the file: the directory must take new files."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise CliError(
            f"cannot write the SQLite database file {path}: directory {folder}: {exc.strerror}",
            ExitCode.DATABASE,
        ) from None


def prepare_database(url: URL) -> None:
    """Create or upgrade the schema and make sure the database takes writes (exit 3 if not)."""
    from newscrawl.db.errors import StorageError
    from newscrawl.db.preflight import check_writable
    from newscrawl.db.schema import ensure_schema
    from newscrawl.db.session import make_engine

    engine = make_engine(url)
    try:
        ensure_schema(engine)
        check_writable(engine)
    except StorageError as exc:
        raise CliError(_storage_problem(url, exc), ExitCode.DATABASE) from None
    finally:
        engine.dispose()


def _storage_problem(url: URL, exc: Exception) -> str:
    reason = str(getattr(exc.__cause__, "orig", None) or exc).strip()
    if url.get_backend_name() == "sqlite":
        return f"cannot use the SQLite database file {describe(url)}: {reason}"
    return (
        f"cannot use the database {_safe(url)}: {reason} "
        "(fix: check --db / NEWSCRAWL_DATABASE_URL and that the server is up)"
    )
