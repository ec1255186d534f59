"""A run whose end cannot be written (the database is gone) is spooled, and ``db replay``
completes it exactly once, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newscrawl.db import ArticleStore, RunStore, make_engine
from newscrawl.db.replay import replay_spool
from newscrawl.db.run_end import Retry, record_run_end
from newscrawl.db.runs import RunEnd

GONE = "sqlite:////nonexistent-newscrawl-dir/news.db"  # every statement fails


def test_a_run_end_the_database_refuses_is_spooled_and_replayed_once(
    store: ArticleStore, tmp_path: Path
) -> None:
    runs = RunStore(store.engine)
    run_id = runs.start(["a"])
    spool = tmp_path / "unsaved"
    gone = RunStore(make_engine(GONE))
    ended = datetime(2024, 6, 1, 12, tzinfo=UTC)
    counts = RunEnd(run_id, counts={"pages": 9, "articles_new": 4}, counters={"feeds": 2})
    end = RunEnd(run_id, stop_reason="finished", ended_at=ended)
    for record in (counts, end):
        assert record_run_end(gone, record, Retry(1, 0.01), spool, f"run-{run_id}") is not None
    gone.engine.dispose()
    (running,) = runs.recent()
    assert running.stop_reason is None and running.counts["pages"] == 0
    for attempt in range(2):  # the second time the same files are replayed again
        result = replay_spool(store, spool)
        assert (len(result.files), result.run_ends) == (2, 2 if attempt == 0 else 0)
        (run,) = runs.recent()
        assert (run.stop_reason, run.ended_at) == ("finished", ended)
        assert (run.counts["pages"], run.counts["articles_new"]) == (9, 4)
        for done in (spool / "replayed").iterdir():
            done.rename(spool / done.name)


def test_a_recorded_run_end_is_not_spooled(store: ArticleStore, tmp_path: Path) -> None:
    runs = RunStore(store.engine)
    run_id = runs.start(["a"])
    end = RunEnd(run_id, counts={"pages": 3}, stop_reason="interrupted", ended_at=datetime.now(UTC))
    assert record_run_end(runs, end, Retry(0, 0), tmp_path / "unsaved", "run") is None
    assert not (tmp_path / "unsaved").exists()
    (run,) = runs.recent()
    assert (run.stop_reason, run.counts["pages"]) == ("interrupted", 3)
