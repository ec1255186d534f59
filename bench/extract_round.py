"""One extraction-only round (b) in a fresh process: ``newscrawl.extract`` over the outlet's bodies.

``python -m bench.extract_round --workers 1 --base URL --articles N`` renders the same bytes the
outlet serves (same pages, same copy markers, same URLs) one at a time and extracts them.
With 1 worker only the ``extract`` calls are timed; with more, a process pool is fed through a
bounded window (4 pages per worker in flight) and the whole pool lifetime is timed, its workers'
CPU included once they are reaped. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from bench.outlet_server import DEFAULT_PAGES
from bench.outlet_site import iter_real_articles
from newscrawl import extract


def _extract(url: str, body: bytes) -> bool:
    return extract(body, url=url) is not None


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_inline(pages: Iterable[tuple[str, bytes]]) -> dict[str, Any]:
    seconds = cpu = 0.0
    count = found = 0
    for url, body in pages:
        t0, c0 = time.perf_counter(), time.process_time()
        found += _extract(url, body)
        seconds += time.perf_counter() - t0
        cpu += time.process_time() - c0
        count += 1
    return {"pages": count, "articles": found, "seconds": seconds, "cpu": cpu}


def run_pool(pages: Iterable[tuple[str, bytes]], workers: int) -> dict[str, Any]:
    count = found = 0
    t0, c0 = time.perf_counter(), _cpu()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[bool]] = set()
        for url, body in pages:
            if len(pending) >= 4 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                found += sum(f.result() for f in done)
            pending.add(pool.submit(_extract, url, body))
            count += 1
        found += sum(f.result() for f in pending)
    return {
        "pages": count,
        "articles": found,
        "seconds": time.perf_counter() - t0,
        "cpu": _cpu() - c0,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the outlet's base URL")
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    args = parser.parse_args(argv)
    pages = iter_real_articles(args.base, args.pages, args.articles)
    result = run_inline(pages) if args.workers == 1 else run_pool(pages, args.workers)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
