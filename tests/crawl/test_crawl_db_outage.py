"""A crawl into PostgreSQL whose connection is blackholed mid-crawl (socket open, no answer).

The crawl must end by itself, exit non-zero (SPOOLED), and lose nothing: after
``newscrawl db replay`` every article is stored exactly once.
"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy.engine import make_url

from newscrawl.db import RunStore, make_engine, upgrade
from newscrawl.demo import build_outlet, serve_outlet
from newscrawl.demo.model import Outlet
from newscrawl.exit_codes import ExitCode
from tests.cli.run import newscrawl
from tests.db.tcp_proxy import fault_proxy
from tests.pg import fresh_postgres_url

pytestmark = pytest.mark.slow  # two crawls that wait out database timeouts

CURRENT_ROWS_QUERY = b"SELECT articles.id, articles.title"  # sent inside each batch write
OUTAGE_SETTINGS = {
    "NEWSCRAWL_DB_BATCH_SIZE": "2",
    "NEWSCRAWL_DB_OPERATION_TIMEOUT": "1",
    "NEWSCRAWL_DB_CONNECT_TIMEOUT": "1",
    "NEWSCRAWL_DB_WRITE_RETRIES": "1",
    "NEWSCRAWL_DB_RETRY_BACKOFF": "0.1",
    "NEWSCRAWL_DB_OUTAGE_COOLDOWN": "600",
}


def _crawl_blackholed(
    outlet: Outlet, url: str, env: dict[str, str], query: bytes, occurrence: int = 1
) -> subprocess.CompletedProcess[str]:
    """Crawl ``outlet`` into the database at ``url`` through a proxy that blackholes the
    connection (socket open, no answer) at the ``occurrence``-th time ``query`` is sent."""
    upgrade(url)
    direct = make_url(url)
    assert direct.host and direct.port
    with fault_proxy((direct.host, direct.port)) as proxy, serve_outlet(outlet) as site:
        through = direct.set(port=proxy.port).update_query_dict({"sslmode": "disable"})
        proxy.blackhole_on(query, occurrence=occurrence)
        crawl = newscrawl(
            "crawl", site.base_url + "/", "--db", through.render_as_string(False), env=env
        )
        assert proxy.mode == "blackhole"  # the outage did happen during the crawl
    return crawl


def test_a_blackholed_database_spools_and_replay_stores_each_article_once(
    tmp_path: Path,
) -> None:
    outlet = build_outlet(broken=False)
    env = {**OUTAGE_SETTINGS, "NEWSCRAWL_DATA_DIR": str(tmp_path)}
    with fresh_postgres_url() as url:
        started = time.monotonic()
        # the 2nd batch, mid-write
        crawl = _crawl_blackholed(outlet, url, env, CURRENT_ROWS_QUERY, occurrence=2)
        elapsed = time.monotonic() - started
        assert crawl.returncode == ExitCode.SPOOLED, crawl.stderr[-3000:]
        assert elapsed < 90, elapsed
        assert "spooled" in crawl.stderr and "newscrawl db replay" in crawl.stderr
        assert list((tmp_path / "unsaved").glob("*.jsonl"))
        replay = newscrawl("db", "replay", "--db", url, env=env)
        assert replay.returncode == 0, replay.stderr
        exported = newscrawl("export", "--db", url)
    assert exported.returncode == 0, exported.stderr
    paths = [
        urlsplit(json.loads(line)["canonical_url"]).path for line in exported.stdout.splitlines()
    ]
    assert sorted(paths) == sorted(a.path for a in outlet.articles)  # each once, none lost


RUN_COUNTS_QUERY = b"SELECT crawl_runs.counters"  # the first statement of a run's end


def test_a_database_gone_at_the_very_end_spools_the_run_end_and_replay_completes_it(
    tmp_path: Path,
) -> None:
    """Every article is stored, then the database stops answering as the crawl records its
    run: the run end (counts, stop reason) is spooled, the exit code says so, and
    ``db replay`` completes the run row, once."""
    outlet = build_outlet(broken=False)
    env = {**OUTAGE_SETTINGS, "NEWSCRAWL_DATA_DIR": str(tmp_path)}
    with fresh_postgres_url() as url:
        crawl = _crawl_blackholed(outlet, url, env, RUN_COUNTS_QUERY)
        assert crawl.returncode == ExitCode.SPOOLED, crawl.stderr[-3000:]
        assert "could not be recorded" in crawl.stderr and "db replay" in crawl.stderr
        assert _run_row(url)["stop_reason"] is None  # still "running" until the replay
        replay = newscrawl("db", "replay", "--db", url, env=env)
        assert replay.returncode == 0, replay.stderr
        assert "2 crawl run ends" in replay.stderr  # the crawler's counts, the run's end
        for _ in range(2):  # a replay of the same file again changes nothing
            run = _run_row(url)
            assert run["stop_reason"] == "finished" and run["ended_at"] is not None
            assert run["articles_new"] == len(outlet.articles)
            assert run["pages"] > len(outlet.articles)
            for done in (tmp_path / "unsaved" / "replayed").glob("*.jsonl"):
                done.rename(tmp_path / "unsaved" / done.name)
            again = newscrawl("db", "replay", "--db", url, env=env)
            assert "0 crawl run ends" in again.stderr, again.stderr


def _run_row(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    try:
        (run,) = RunStore(engine).recent()
    finally:
        engine.dispose()
    return {"stop_reason": run.stop_reason, "ended_at": run.ended_at, **run.counts}
