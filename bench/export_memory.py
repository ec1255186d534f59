"""Export memory: ``newscrawl export`` of 100k articles peaks no higher than of 10k.

    python bench/export_memory.py                 # 100k articles in a SQLite file
    python bench/export_memory.py --articles 30000 --formats jsonl

The database is filled once (through ``ArticleStore``). Then, for each format, the real
command runs in a child process twice: the last 10 % of the articles (``--since``) and all
of them; the peak RSS of each child is read from ``wait4``. Target: the full export peaks
at most 1.2x the 10 % export (streaming: memory does not grow with the row count).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python bench/x.py` finds newscrawl

from bench.storage_writes import articles
from newscrawl.db import ArticleStore, make_engine, upgrade

TARGET_RATIO = 1.2
MB = 1024  # ru_maxrss is in kB on Linux


def fill(url: str, total: int) -> None:
    upgrade(url)
    engine = make_engine(url)
    store = ArticleStore(engine)
    for first in range(0, total, 2000):
        store.save_batch(articles(first, min(2000, total - first)))
    engine.dispose()


def peak_rss_kb(args: list[str]) -> tuple[int, float]:
    """(peak RSS in kB, seconds) of ``newscrawl <args>`` run as a child process."""
    started = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        child = subprocess.Popen(
            [sys.executable, "-m", "newscrawl.cli", *args], stdout=sink, stderr=sink
        )
        _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"newscrawl {' '.join(args)} failed")
    return usage.ru_maxrss, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", default=["jsonl", "csv", "parquet"])
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory(prefix="newscrawl-export-bench-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'news.db'}"
        started = time.perf_counter()
        fill(url, args.articles)
        print(f"stored {args.articles} articles in {time.perf_counter() - started:.0f} s")
        tenth = args.articles - args.articles // 10
        for fmt in args.formats:
            out = str(Path(tmp) / f"out.{fmt}")
            base = ["export", "--db", url, "--format", fmt, "-o", out]
            small, small_s = peak_rss_kb([*base, "--since", str(tenth)])
            full, full_s = peak_rss_kb(base)
            size = Path(out).stat().st_size / 2**20
            ratio = full / small
            ok = ok and ratio <= TARGET_RATIO
            print(
                f"{fmt:8s} {args.articles // 10:>7} articles: {small / MB:6.0f} MB peak "
                f"({small_s:5.1f} s) | {args.articles:>7} articles: {full / MB:6.0f} MB peak "
                f"({full_s:5.1f} s, {size:.0f} MB written) | ratio {ratio:.2f}"
            )
    print(f"target (full / 10 % peak RSS <= {TARGET_RATIO}): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
