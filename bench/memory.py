"""Memory check: ``newscrawl crawl`` over a synthetic outlet of 100k tiny articles.

    python bench/memory.py                 # 100k URLs, a few minutes
    python bench/memory.py --urls 20000    # quicker; checkpoints scale to 10 %, 50 %, 100 %

The outlet (own process) exposes the articles through robots.txt -> sitemap index -> child
sitemaps of 1000 URLs, and through a homepage linking paginated section pages. While the crawl
runs, the crawler's process tree is sampled; the report gives RSS of the crawler process
itself, summed RSS and PSS of its tree (with extraction workers) at 10k, 50k and 100k article
pages fetched, and the peaks. Target: peak RSS < 600 MB, for the crawler process and for the
whole tree (RSS summed, so pages shared by the forked workers count once per process).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `python bench/x.py` finds `bench`

from bench.newscrawl_cli import cli_command, cli_problem
from bench.outlet import REPO, Outlet
from bench.proctree import become_subreaper, reap_orphans, tree_usage
from bench.rounds import count_articles

TARGET_MB = 600
MB = 2**20


@dataclass(frozen=True)
class Point:
    """Memory at one moment of the crawl."""

    fetched: int
    seconds: float
    main_rss: int
    tree_rss: int
    tree_pss: int


def _main_rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def watch(
    proc: subprocess.Popen[bytes], outlet: Outlet, interval: float, timeout: float
) -> list[Point]:
    """Sample until the crawl exits (or is killed at ``timeout``); print progress every ~10 s."""
    points: list[Point] = []
    start = last_print = time.time()
    while proc.poll() is None:
        _, rss, pss = tree_usage(proc.pid)
        point = Point(outlet.stats().articles, time.time() - start, _main_rss(proc.pid), rss, pss)
        if point.main_rss:
            points.append(point)
        if time.time() - last_print >= 10:
            last_print = time.time()
            print(
                f"  {point.seconds:6.0f} s  {point.fetched:>7} articles fetched  "
                f"crawler {point.main_rss / MB:5.0f} MB  tree RSS {point.tree_rss / MB:5.0f} MB"
                f"  PSS {point.tree_pss / MB:5.0f} MB",
                flush=True,
            )
        if point.seconds > timeout:
            print(f"crawl killed after {timeout:.0f} s", flush=True)
            proc.kill()
        time.sleep(interval)
    return points


def report(points: list[Point], urls: int, stored: int | None, fetched: int) -> bool:
    marks = [urls // 10, urls // 2, urls] if urls >= 100 else [urls]
    print(f"\n{'articles fetched':>17} {'crawler RSS':>12} {'tree RSS':>9} {'tree PSS':>9}")
    for mark in marks:
        at = next((p for p in points if p.fetched >= mark), None)
        if at is None:
            print(f"{mark:>17} {'(not reached)':>12}")
            continue
        print(
            f"{mark:>17} {at.main_rss / MB:>9.0f} MB {at.tree_rss / MB:>6.0f} MB "
            f"{at.tree_pss / MB:>6.0f} MB"
        )
    peak_main = max((p.main_rss for p in points), default=0) / MB
    peak_rss = max((p.tree_rss for p in points), default=0) / MB
    peak_pss = max((p.tree_pss for p in points), default=0) / MB
    print(f"{'peak':>17} {peak_main:>9.0f} MB {peak_rss:>6.0f} MB {peak_pss:>6.0f} MB")
    print(f"fetched {fetched} of {urls} article URLs; {stored} articles stored")
    ok = 0 < peak_main < TARGET_MB and peak_rss < TARGET_MB
    for what, peak in (("crawler process", peak_main), ("whole tree (summed)", peak_rss)):
        verdict = "PASS" if 0 < peak < TARGET_MB else "FAIL"
        print(f"{what} peak RSS {peak:.0f} MB < {TARGET_MB} MB: {verdict}")
    print(
        "tree = crawler + extraction workers (+ forkserver); summed RSS counts pages the forked"
        " workers share once each, PSS splits them."
    )
    return ok


def crawl(outlet: Outlet, tmp: Path, args: argparse.Namespace) -> bool:
    db = tmp / "memory.db"
    cmd = [*cli_command(), "crawl", outlet.base + "/", "--db", f"sqlite:///{db}"]
    env = {
        **os.environ,
        "NEWSCRAWL_LOG_LEVEL": "WARNING",
        "NEWSCRAWL_PROFILE": "fast",  # a local outlet: the polite defaults would pace us
        "NEWSCRAWL_DATA_DIR": str(tmp),
    }
    print(f"outlet {outlet.base}: {args.urls} synthetic articles; {' '.join(cmd)}", flush=True)
    outlet.reset()
    log = tmp / "crawl.log"
    with log.open("wb") as err, subprocess.Popen(cmd, cwd=REPO, env=env, stderr=err) as proc:
        points = watch(proc, outlet, args.interval, args.timeout)
    reap_orphans(keep={outlet.proc.pid})
    if proc.returncode != 0:
        tail = log.read_text(errors="replace").splitlines()[-10:]
        print(f"crawl exited {proc.returncode}:\n" + "\n".join(tail))
    return report(points, args.urls, count_articles(db), outlet.stats().articles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--urls", type=int, default=100_000, help="synthetic article URLs")
    parser.add_argument("--interval", type=float, default=0.5, help="sampling period, seconds")
    parser.add_argument("--timeout", type=float, default=3600, help="kill the crawl after this")
    args = parser.parse_args(argv)
    if problem := cli_problem():
        print(f"memory check skipped: {problem}")
        return 2
    become_subreaper()
    tmp = Path(tempfile.mkdtemp(prefix="newscrawl-mem-"))
    try:
        with Outlet("synthetic", args.urls) as outlet:
            ok = crawl(outlet, tmp, args)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
