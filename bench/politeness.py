"""Politeness and hostile-input numbers, against local sites, each next to its baseline.

    .venv/bin/python -m bench.politeness            # everything (~2 minutes)
    .venv/bin/python -m bench.politeness --only rss

1. Crawl-delay: the gaps between requests to a site whose robots.txt says ``Crawl-delay: 1``,
   against the same site without it.
2. AutoThrottle: the most requests in flight at once on a site answering in 200 ms, with the
   polite defaults, against the fast profile.
3. Peak RSS of a crawl of each hostile case (one run per case), against an ordinary site.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.safety.hostile import CASES
from tests.safety.site import Handler, Route, news_routes, page, run_measured, serve


def _crawl(routes: dict[str, Route], env: dict[str, str]) -> tuple[list[float], int, float, int]:
    """(request times, peak in flight, wall seconds, peak RSS KiB) of one crawl."""
    with serve(routes) as site:
        started = time.monotonic()
        db = f"sqlite:///{Path(tempfile.mkdtemp(dir=os.environ['NEWSCRAWL_DATA_DIR'])) / 'n.db'}"
        done, peak_kib = run_measured("crawl", site.url("/"), "--db", db, env=env)
        wall = time.monotonic() - started
        times, peak = [t for t, _ in site.log], site.peak_in_flight
    if done.returncode not in (0, 5):
        print(f"  crawl exited {done.returncode}: {done.stderr.strip().splitlines()[-1:]}")
    return times, peak, wall, peak_kib


def _gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(times)]


def crawl_delay() -> None:
    print("1. Crawl-delay: 1 (fast profile; Crawl-delay holds in every profile)")
    delayed = news_routes(8, robots="User-agent: *\nCrawl-delay: 1\nAllow: /\n")
    times, _, wall, _ = _crawl(delayed, {})
    base, _, base_wall, _ = _crawl(news_routes(8), {})
    gaps, base_gaps = _gaps(times), _gaps(base)
    print(f"   with Crawl-delay: {len(times)} requests in {wall:.1f} s, gap min "
          f"{min(gaps):.3f} s, median {statistics.median(gaps):.3f} s")  # fmt: skip
    print(f"   without (baseline): {len(base)} requests in {base_wall:.1f} s, gap min "
          f"{min(base_gaps):.3f} s, median {statistics.median(base_gaps):.3f} s")  # fmt: skip
    print(f"   min gap >= 0.9 s: {'yes' if min(gaps) >= 0.9 else 'NO'}")


def _slow(route: Route, latency: float = 0.2) -> Route:
    def slow(handler: Handler) -> None:
        time.sleep(latency)
        route(handler)

    return slow


def autothrottle() -> None:
    print("2. AutoThrottle, 200 ms latency, 16 articles")
    routes = {path: _slow(route) for path, route in news_routes(16).items()}
    _, peak, wall, _ = _crawl(routes, {"NEWSCRAWL_PROFILE": "polite"})
    _, fast_peak, fast_wall, _ = _crawl(routes, {})
    print(f"   polite defaults: peak {peak} requests in flight, {wall:.1f} s")
    print(f"   fast profile (baseline): peak {fast_peak} in flight, {fast_wall:.1f} s")
    print(f"   peak / per-domain concurrency (2): {peak / 2:.2f}")


def peak_rss() -> None:
    print("3. Peak RSS per hostile case (one crawl each, extraction in-process)")
    # One process (its peak is the run's), and the real size cap, not the tests' 3 MB.
    env = {"NEWSCRAWL_EXTRACT_WORKERS": "0", "NEWSCRAWL_DOWNLOAD_MAXSIZE": str(10 * 1024 * 1024)}
    _, _, _, base_kib = _crawl(news_routes(2), env)
    print(f"   {'ordinary site (baseline)':<24} {base_kib / 1024:7.1f} MB")
    with serve({"/admin": page("internal")}) as other:
        for case in CASES:
            _, _, wall, kib = _crawl(case.routes(other.base_url), env)
            print(f"   {case.name:<24} {kib / 1024:7.1f} MB  x{kib / base_kib:.2f}  {wall:.1f} s")


PARTS: dict[str, Callable[[], None]] = {
    "delay": crawl_delay,
    "throttle": autothrottle,
    "rss": peak_rss,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(PARTS), action="append")
    parts = parser.parse_args().only or list(PARTS)
    with tempfile.TemporaryDirectory(prefix="bench-polite-") as scratch:
        # The crawls' DATA_DIR (run_measured passes it on): never the repository's data/.
        os.environ["NEWSCRAWL_DATA_DIR"] = scratch
        for name in parts:
            PARTS[name]()


if __name__ == "__main__":
    main()
