"""Schema management through Alembic, configured in code (no alembic.ini needed).

To write a new migration after changing ``models.py``::

    from newscrawl.db.schema import new_revision
    new_revision("sqlite:///data/dev.db", "add article revisions")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import text
from sqlalchemy.engine import URL, Connection, Engine

from newscrawl.db.errors import StorageError, storage_errors
from newscrawl.db.migration_files import migrations_dir
from newscrawl.db.session import make_engine

_MIGRATION_LOCK_KEY = 0x6E657773  # "news": serializes upgrades of one PostgreSQL database


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the bundled migrations; ``env.py`` runs on ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()).replace("%", "%%"))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration shipped with this package."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise StorageError(f"no Alembic migrations found in {migrations_dir()}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; ``None`` for an empty database."""
    with storage_errors(engine, "read the schema version"), engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(target: str | URL | Engine, revision: str = "head") -> None:
    """Run ``alembic upgrade <revision>`` on a URL or an engine."""
    with (
        _engine_for(target) as engine,
        storage_errors(engine, "upgrade the schema", bounded=False),
        engine.begin() as conn,
    ):
        if conn.dialect.name == "postgresql":  # concurrent crawls starting on an empty DB
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
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
    script = ScriptDirectory.from_config(alembic_config())
    rev_id = f"{len(list(script.walk_revisions())) + 1:04d}"
    with _engine_for(target) as engine, engine.begin() as conn:
        command.revision(
            alembic_config(conn), message=message, autogenerate=autogenerate, rev_id=rev_id
        )


def _is_known(revision: str) -> bool:
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
