"""Schema management through Alembic, configured in code (no alembic.ini needed).

To write a new migration after changing ``models.py``::

    from newscrawl.db.schema import new_revision
    new_revision("sqlite:///data/dev.db", "add article revisions")

Every crawl checks that its database is at head. That check loads no Alembic (~0.2 s of
CPU to import, at every run): the version row is read with one query, and head is the
highest-numbered migration file (``new_revision`` numbers them one after the other; a test
checks that Alembic agrees). Alembic itself is imported only to upgrade or write a migration.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Connection, Engine

from newscrawl.db.errors import StorageError, storage_errors
from newscrawl.db.migration_files import migrations_dir
from newscrawl.db.session import make_engine

if TYPE_CHECKING:
    from alembic.config import Config

_MIGRATION_LOCK_KEY = 0x6E657773  # "news": serializes upgrades of one PostgreSQL database


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the bundled migrations; ``env.py`` runs on ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    """The newest migration shipped with this package: the highest-numbered file name."""
    numbered = [path.name.split("_", 1)[0] for path in _version_files()]
    revisions = [name for name in numbered if name.isdigit()]
    if not revisions:  # pragma: no cover - the package always ships migrations
        raise StorageError(f"no Alembic migrations found in {migrations_dir()}")
    return max(revisions, key=int)


def _version_files() -> list[Path]:
    return sorted((migrations_dir() / "versions").glob("*_*.py"))


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty database."""
    with storage_errors(engine, "read the schema version"), engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise StorageError(f"database schema has several versions {rows}; expected one")
    return str(rows[0]) if rows else None


def upgrade(target: str | URL | Engine, revision: str = "head") -> None:
    """Run ``alembic upgrade <revision>`` on a URL or an engine."""
    with (
        _engine_for(target) as engine,
        storage_errors(engine, "upgrade the schema", bounded=False),
        engine.begin() as conn,
    ):
        if conn.dialect.name == "postgresql":  # concurrent crawls starting on an empty DB
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        from alembic import command

        command.upgrade(alembic_config(conn), revision)


def ensure_schema(engine: Engine) -> bool:
    """Upgrade an empty or outdated database to head; return whether anything ran."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return False
    if current is not None and not _is_known(current):
        raise StorageError(
            f"database schema is at revision {current!r}, which this version of newscrawl "
            f"does not know (its newest is {head!r}); upgrade newscrawl"
        )
    upgrade(engine)
    return True


def new_revision(target: str | URL | Engine, message: str, autogenerate: bool = True) -> None:
    """Write the next numbered migration, diffing the models against ``target``."""
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    rev_id = f"{len(list(script.walk_revisions())) + 1:04d}"
    with _engine_for(target) as engine, engine.begin() as conn:
        command.revision(
            alembic_config(conn), message=message, autogenerate=autogenerate, rev_id=rev_id
        )


def _is_known(revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


@contextmanager
def _engine_for(target: str | URL | Engine) -> Iterator[Engine]:
    if isinstance(target, Engine):
        yield target
        return
    engine = make_engine(target)
    try:
        yield engine
    finally:
        engine.dispose()
