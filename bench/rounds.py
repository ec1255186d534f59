"""Run one benchmark round as a fresh subprocess and measure it.

Rates and CPU cover the work, not interpreter start-up: for crawls the clock starts at the
first request the outlet server sees and stops when the process exits (so work left after the
last fetch, like extraction still queued or a final commit, counts); CPU is the RUSAGE_CHILDREN
delta (the whole reaped process tree) minus what the tree had used before that first request.
Extraction-only rounds time themselves and report it. Peak RSS is the largest sum of RSS over
the live process tree, sampled every 0.1 s (and the same for PSS, which counts pages shared
by forked workers once). Call ``become_subreaper()`` first so orphaned workers are counted.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.outlet import REPO, Outlet
from bench.proctree import TreeSampler, children_cpu, reap_orphans, system_busy


@dataclass(frozen=True)
class Sample:
    """One round of one mode."""

    mode: str
    pages: int  # article pages processed (fetched, or extracted for extraction-only rounds)
    seconds: float
    cpu: float
    peak_rss: int
    peak_pss: int
    stored: int | None = None  # articles in the database afterwards
    requests: int | None = None  # all requests the server saw
    kinds: dict[str, int] | None = None  # requests by kind (article, sitemap, missing, ...)
    others: float = 0.0  # cores busy with processes outside the benchmark, on average
    server_cpu: float = 0.0
    startup: float = 0.0  # seconds from launch to first request
    main_cpu: float | None = None  # CPU of the top process alone (not its workers)
    error: str | None = None

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.cpu / self.pages if self.pages else 0.0


@dataclass(frozen=True)
class Finished:
    """What a measured subprocess left behind."""

    returncode: int
    stdout: str
    stderr: str
    launched: float
    ended: float
    cpu: float
    sampler: TreeSampler
    server_cpu: float
    busy: float  # CPU seconds the whole machine was busy

    @property
    def others(self) -> float:
        """Average cores used by processes other than the run's tree and the outlet."""
        foreign = self.busy - self.cpu - self.server_cpu
        return max(0.0, foreign / max(self.ended - self.launched, 1e-9))


def run_process(
    cmd: list[str], outlet: Outlet, env: dict[str, str] | None = None, timeout: float = 3600
) -> Finished:
    """Run ``cmd`` from the repo root with the outlet's counters zeroed; measure its tree."""
    outlet.reset()
    cpu0, server0, busy0 = children_cpu(), outlet.cpu_seconds(), system_busy()
    launched = time.time()
    proc = subprocess.Popen(
        cmd,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    sampler = TreeSampler(proc.pid, interval=0.1)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        err += f"\n[bench] killed after {timeout:.0f} s"
    ended = time.time()
    sampler.stop()
    if left := reap_orphans(keep={outlet.proc.pid}):
        err += f"\n[bench] descendants still running after exit: {left}"
    return Finished(
        proc.returncode,
        out,
        err,
        launched,
        ended,
        children_cpu() - cpu0,
        sampler,
        outlet.cpu_seconds() - server0,
        system_busy() - busy0,
    )


def crawl_sample(mode: str, done: Finished, outlet: Outlet, db: Path | None) -> Sample:
    """A crawl round (fetch, inline pipeline or the CLI), timed from its first request."""
    stats = outlet.stats()
    start = stats.first or done.launched
    error = None if done.returncode == 0 else _tail(done.stderr)
    return Sample(
        mode=mode,
        pages=stats.articles,
        seconds=done.ended - start,
        cpu=done.cpu - done.sampler.cpu_before(start),
        peak_rss=done.sampler.peak_rss,
        peak_pss=done.sampler.peak_pss,
        stored=count_articles(db) if db is not None else None,
        requests=stats.requests,
        kinds=stats.kinds,
        others=done.others,
        server_cpu=done.server_cpu,
        startup=start - done.launched,
        main_cpu=done.sampler.root_cpu_since(start),
        error=error,
    )


def extract_sample(mode: str, done: Finished) -> Sample:
    """An extraction-only round, timed by the round itself."""
    if done.returncode != 0:
        return Sample(
            mode,
            0,
            0.0,
            0.0,
            done.sampler.peak_rss,
            done.sampler.peak_pss,
            error=_tail(done.stderr),
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return Sample(
        mode,
        result["pages"],
        result["seconds"],
        result["cpu"],
        done.sampler.peak_rss,
        done.sampler.peak_pss,
        stored=result["articles"],
        others=done.others,
    )


def count_articles(db: Path) -> int | None:
    """Rows in the ``articles`` table of a SQLite file; None when there is no such table."""
    if not db.exists():
        return None
    with closing(sqlite3.connect(db)) as conn:
        try:
            row = conn.execute("SELECT count(*) FROM articles").fetchone()
        except sqlite3.Error:
            return None
    return int(row[0])


def _tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:]) or "(no output)"
