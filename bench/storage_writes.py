"""Write throughput into PostgreSQL: batched transactions vs one commit per article.

    python bench/storage_writes.py                      # fresh schema on the local server
    python bench/storage_writes.py --db postgresql://u@host/db --articles 50000

Both ways go through ``ArticleStore.save_batch`` (upsert, revisions, change sequence): (a)
one article per transaction, as a naive pipeline commits; (b) ``--batch`` articles per
transaction, as ``StoragePipeline`` does. Rounds alternate (a) and (b) so both see the same
machine speed; each round writes new articles into its own fresh schema. Targets: (b) at
least 10x (a), and at least 5,000 articles/s.

On a loaded machine the wall-clock rate says more about the other processes than about the
writes, so each round also prints the CPU time per article: this process's and, when the
server runs on this machine, its backend's (``/proc/<pid>/stat``), and the rate that CPU
time allows ("cpu-bound").
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python bench/x.py` finds newscrawl

from sqlalchemy import text
from sqlalchemy.engine import make_url

from newscrawl.db import ArticleStore, make_engine, upgrade
from newscrawl.items import Article

DEFAULT_DB = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PARAGRAPH = (
    "Harbour officials said on Tuesday that the new ferry terminal would open in June, "
    "after two years of delays caused by storms and a shortage of steel. "
)


def articles(start: int, count: int) -> list[Article]:
    now = datetime.now(UTC)
    return [
        Article(
            url=f"https://bench.example/news/{n}",
            canonical_url=f"https://bench.example/news/{n}",
            site="bench.example",
            title=f"Ferry terminal story {n}",
            authors=["Ana Lima"],
            language="en",
            tags=["harbour", "transport"],
            text=f"Story {n}. " + PARAGRAPH * 15,
            fetched_at=now,
        )
        for n in range(start, start + count)
    ]


@contextmanager
def fresh_schema(server: str) -> Iterator[str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def backend_cpu(pid: int) -> float:
    """CPU seconds used by the server process ``pid`` (NaN when it is not on this machine)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rate(server: str, total: int, batch: int) -> tuple[float, float, float]:
    """Writing ``total`` new articles, ``batch`` per transaction: (articles per second,
    client CPU us per article, server CPU us per article)."""
    with fresh_schema(server) as url:
        upgrade(url)
        engine = make_engine(url, pool_size=1)  # one connection: its backend is measured
        store = ArticleStore(engine)
        store.save_batch(articles(10**9, 10))  # connect and warm up outside the clock
        with engine.connect() as conn:
            pid = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
        pending = articles(0, total)
        started, cpu, server_cpu = time.perf_counter(), time.process_time(), backend_cpu(pid)
        for first in range(0, total, batch):
            result = store.save_batch(pending[first : first + batch])
            assert len(result.stored) == len(pending[first : first + batch])
        elapsed = time.perf_counter() - started
        cpu, server_cpu = time.process_time() - cpu, backend_cpu(pid) - server_cpu
        engine.dispose()
    return total / elapsed, cpu / total * 1e6, server_cpu / total * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=DEFAULT_DB, help="PostgreSQL server URL")
    parser.add_argument("--articles", type=int, default=20_000, help="per batched round")
    parser.add_argument("--single", type=int, default=2_000, help="per one-commit round")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    single: list[float] = []
    batched: list[float] = []
    cpu_bound: list[float] = []
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)")
    for n in range(args.rounds):
        order = [("single", args.single, 1), ("batched", args.articles, args.batch)]
        for name, total, size in order if n % 2 == 0 else order[::-1]:
            value, client_us, server_us = rate(args.db, total, size)
            (single if name == "single" else batched).append(value)
            if name == "batched":
                cpu_bound.append(1e6 / (client_us + server_us))
            print(
                f"round {n + 1}: {name:8s} {value:9.0f} articles/s; CPU per article: client "
                f"{client_us:.0f} us, server {server_us:.0f} us; load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    ratios = [b / s for b, s in zip(batched, single, strict=True)]
    ratio, speed = statistics.median(ratios), statistics.median(batched)
    print(f"\none commit per article: median {statistics.median(single):9.0f} articles/s")
    print(f"batches of {args.batch}:       median {speed:9.0f} articles/s")
    print(f"batches, cpu-bound:     median {statistics.median(cpu_bound):9.0f} articles/s")
    print(f"ratio (per round): {', '.join(f'{r:.1f}x' for r in ratios)}; median {ratio:.1f}x")
    ok = ratio >= 10 and speed >= 5000
    print(f"targets (>= 10x, >= 5000 articles/s): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
