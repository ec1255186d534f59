"""Where Alembic finds the bundled migrations.

Alembic reads a real folder. Installed normally, that is the package's own ``migrations/``;
run from a zip (an egg deployed to Scrapyd), the folder is copied out of the archive once
per process into a temporary directory, removed at exit.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

PACKAGED = Path(__file__).resolve().parent / "migrations"


def migrations_dir() -> Path:
    """The folder holding ``env.py`` and ``versions/``."""
    return PACKAGED if PACKAGED.is_dir() else _extracted()


@functools.cache
def _extracted() -> Path:
    target = Path(tempfile.mkdtemp(prefix="newscrawl-migrations-"))
    atexit.register(shutil.rmtree, target, True)
    _copy(resources.files("newscrawl.db").joinpath("migrations"), target)
    return target


def _copy(source: Traversable, target: Path) -> None:
    for entry in source.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                (target / entry.name).mkdir()
                _copy(entry, target / entry.name)
        else:
            (target / entry.name).write_bytes(entry.read_bytes())
