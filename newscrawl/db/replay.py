"""``newscrawl db replay``: load spooled items into the database, each file exactly once.

A file is moved to ``replayed/`` only after its items were committed. Writes are upserts by
canonical URL, so a replay interrupted between the commit and the move stores nothing twice
when run again (the articles are then unchanged), and an older spooled version never
replaces a newer stored one. A spooled run end is applied once: the run keeps its key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newscrawl.db.runs import RunStore
from newscrawl.db.spool import SpoolItem, read_run_ends, read_spool
from newscrawl.db.store import ArticleStore
from newscrawl.db.writes import WriteContext
from newscrawl.items import Article, ExtractionFailure

REPLAY_BATCH = 500


@dataclass
class ReplayResult:
    files: list[Path] = field(default_factory=list)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: int = 0
    run_ends: int = 0  # crawl runs whose end (counts, stop reason) was recorded


def pending_spool_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl")) if directory.is_dir() else []


def replay_spool(store: ArticleStore, directory: Path) -> ReplayResult:
    """Replay every spool file in ``directory`` (oldest first); raises StorageError."""
    result = ReplayResult()
    done = directory / "replayed"
    for path in pending_spool_files(directory):
        _replay_file(store, path, result)
        done.mkdir(exist_ok=True)
        path.rename(done / path.name)
        result.files.append(path)
    return result


def _replay_file(store: ArticleStore, path: Path, result: ReplayResult) -> None:
    groups: dict[WriteContext, list[SpoolItem]] = {}
    for context, item in read_spool(path):
        groups.setdefault(context, []).append(item)
    for context, items in groups.items():
        found = [i for i in items if isinstance(i, Article)]
        for start in range(0, len(found), REPLAY_BATCH):
            saved = store.save_batch(found[start : start + REPLAY_BATCH], context)
            result.new += len(saved.stored)
            result.updated += len(saved.updated)
            result.unchanged += len(saved.already_stored)
        failures = [i for i in items if isinstance(i, ExtractionFailure)]
        store.record_failures(failures, context.run_id)
        result.failures += len(failures)
    runs = RunStore(store.engine)
    result.run_ends += sum(runs.end(end, once=True) for end in read_run_ends(path))
