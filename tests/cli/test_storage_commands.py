"""The storage commands as a user runs them: export's change feed, runs, db current/replay.

Most run ``newscrawl.cli.main`` in this process (the command's own output and exit code,
without paying the interpreter start-up for each call); one runs the real executable.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from newscrawl.cli import main
from newscrawl.db import ArticleStore, RunStore, WriteContext, make_engine, upgrade
from newscrawl.db.spool import spool_items
from newscrawl.run_counts import run_counts
from tests.cli.run import newscrawl as newscrawl_process
from tests.db.sample_articles import make_article


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def newscrawl(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's own errors
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture
def db(db_url: str) -> str:
    """A database at head on each backend."""
    upgrade(db_url)
    return db_url


def _save(db: str, *articles: object, site: str = "target") -> None:
    engine = make_engine(db)
    try:
        ArticleStore(engine).save_batch(list(articles), WriteContext("v1", site=site))  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _urls(stdout: str) -> list[str]:
    return [json.loads(line)["canonical_url"] for line in stdout.splitlines()]


def test_cursor_file_gives_every_change_exactly_once(
    db: str, tmp_path: Path, newscrawl: Callable[..., Result]
) -> None:
    cursor = tmp_path / "feed.cursor"
    _save(db, make_article(1), make_article(2))
    first = newscrawl("export", "--db", db, "--cursor-file", str(cursor))
    assert first.returncode == 0, first.stderr
    assert _urls(first.stdout) == ["https://example.com/news/1", "https://example.com/news/2"]
    assert "next_cursor=2" in first.stderr
    assert cursor.read_text().strip() == "2"
    empty = newscrawl("export", "--db", db, "--cursor-file", str(cursor))
    assert (empty.returncode, empty.stdout) == (0, "")
    _save(db, make_article(1, text="Changed."), make_article(2), make_article(3))
    changed = newscrawl("export", "--db", db, "--cursor-file", str(cursor))
    assert _urls(changed.stdout) == ["https://example.com/news/1", "https://example.com/news/3"]
    assert cursor.read_text().strip() == "4"
    since = newscrawl("export", "--db", db, "--since", "2")
    assert _urls(since.stdout) == ["https://example.com/news/1", "https://example.com/news/3"]


def test_a_failed_export_does_not_move_the_cursor(
    tmp_path: Path, newscrawl: Callable[..., Result]
) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    upgrade(db)
    _save(db, make_article(1))
    cursor = tmp_path / "feed.cursor"
    cursor.write_text("0\n")
    result = newscrawl("export", "--db", db, "--cursor-file", str(cursor), "--site", "nope")
    assert result.returncode == 2
    assert cursor.read_text() == "0\n"


def test_site_is_the_crawl_target_and_unknown_sites_are_refused(
    db: str, newscrawl: Callable[..., Result]
) -> None:
    _save(db, make_article(1), site="127.0.0.1:8950")
    result = newscrawl("export", "--db", db, "--site", "127.0.0.1:8950")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["site"], record["site_name"]) == ("127.0.0.1:8950", "example.com")
    unknown = newscrawl("export", "--db", db, "--site", "example.com")
    assert unknown.returncode == 2
    assert "unknown site 'example.com'" in unknown.stderr and "127.0.0.1:8950" in unknown.stderr


def test_export_never_creates_or_migrates_a_database(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    result = newscrawl_process("export", "--db", f"sqlite:///{empty}")
    assert result.returncode == 3
    assert "newscrawl db upgrade" in result.stderr
    assert empty.stat().st_size == 0  # no table was created


def test_parquet_export(db: str, tmp_path: Path, newscrawl: Callable[..., Result]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    _save(db, make_article(1), make_article(2))
    out = tmp_path / "news.parquet"
    result = newscrawl("export", "--db", db, "--format", "parquet", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert pq.read_table(out).column("canonical_url").to_pylist() == [
        "https://example.com/news/1",
        "https://example.com/news/2",
    ]


def test_db_upgrade_then_current(tmp_path: Path, newscrawl: Callable[..., Result]) -> None:
    db = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert newscrawl("db", "upgrade", "--db", db).returncode == 0
    result = newscrawl("db", "current", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def test_runs_lists_recent_runs(db: str, newscrawl: Callable[..., Result]) -> None:
    engine = make_engine(db)
    try:
        runs = RunStore(engine)
        run_id = runs.start(["asiatimes"], host="crawler-7")
        runs.add_counts(run_id, {"pages": 12, "articles_new": 5}, {})
        runs.finish(run_id, "finished")
    finally:
        engine.dispose()
    result = newscrawl("runs", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "asiatimes" in result.stdout and "crawler-7" in result.stdout
    assert "finished" in result.stdout and "12" in result.stdout


def test_runs_show_what_the_pages_fetched_were(db: str, newscrawl: Callable[..., Result]) -> None:
    stats = {  # a crawler's stats at its end, as the storage pipeline records them
        "downloader/response_count": 20,
        "robotstxt/response_count": 1,
        "newscrawl/fetched/discovery": 2,
        "newscrawl/articles_stored": 9,
        "newscrawl/articles_already_stored": 3,
        "newscrawl/not_modified": 2,
        "newscrawl/non_article_pages": 1,
        "newscrawl/blocked": 1,
        "newscrawl/errors/http_500": 1,
        "newscrawl/errors": 2,  # one of them got no response (a timeout)
    }
    engine = make_engine(db)
    try:
        runs = RunStore(engine)
        run_id = runs.start(["asiatimes"])
        runs.add_counts(run_id, *run_counts(stats))
        runs.finish(run_id, "finished")
    finally:
        engine.dispose()
    result = newscrawl("runs", "--db", db)
    assert result.returncode == 0, result.stderr
    cells = [cell.strip() for line in result.stdout.splitlines() for cell in line.split("│")]
    assert "pages fetched" in result.stdout and "20" in cells
    for part in ("9 new", "3 unchanged", "1 non-article", "3 robots/feeds/sitemaps",
                 "2 not modified", "1 blocked", "1 failed"):  # fmt: skip
        assert part in cells, part
    assert "unaccounted" not in result.stdout  # the parts add up to the pages fetched


def test_replay_loads_the_spool_exactly_once(
    db: str, tmp_path: Path, newscrawl: Callable[..., Result]
) -> None:
    spool = tmp_path / "unsaved"
    context = WriteContext("v1", site="target")
    spool_items([make_article(1), make_article(2)], context, spool, "target")
    spool_items([make_article(2), make_article(3)], context, spool, "target")
    first = newscrawl("db", "replay", "--db", db, "--spool-dir", str(spool))
    assert first.returncode == 0, first.stderr
    assert "replayed 2 spool files" in first.stderr and "3 new" in first.stderr
    again = newscrawl("db", "replay", "--db", db, "--spool-dir", str(spool))
    assert again.returncode == 0 and "replayed 0 spool files" in again.stderr
    exported = newscrawl("export", "--db", db)
    assert _urls(exported.stdout) == [f"https://example.com/news/{n}" for n in (1, 2, 3)]
    assert {json.loads(line)["site"] for line in exported.stdout.splitlines()} == {"target"}
