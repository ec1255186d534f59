"""``newscrawl run`` (cron-friendly, locked) and ``newscrawl schedule`` (the same, in a loop)."""

from __future__ import annotations

import argparse
import sys

from newscrawl.cli_errors import say
from newscrawl.crawl import bundled_sites, project_settings
from newscrawl.exit_codes import ExitCode
from newscrawl.runlock import RunLocked, run_lock
from newscrawl.schedule import parse_duration, schedule


def _err(message: str) -> None:
    say(message)


def run_targets(args: argparse.Namespace) -> list[str] | None:
    """The sites of ``run``/``schedule``: the given ones, or every bundled site with --all."""
    if args.all == bool(args.targets):
        _err("give the sites to run, or --all for every bundled site (not both)")
        return None
    return bundled_sites(project_settings()) if args.all else list(args.targets)


def cmd_run(args: argparse.Namespace) -> int:
    from newscrawl.cli_commands import cmd_crawl

    targets = run_targets(args)
    if targets is None:
        return ExitCode.USAGE
    data_dir = project_settings().get("DATA_DIR")
    try:
        with run_lock(data_dir):
            crawl_args = argparse.Namespace(**{**vars(args), "targets": targets})
            return cmd_crawl(crawl_args)
    except RunLocked as exc:
        _err(f"{exc}; not starting another. Exit code {int(ExitCode.LOCKED)}.")
        return ExitCode.LOCKED


def cmd_schedule(args: argparse.Namespace) -> int:
    if run_targets(args) is None:
        return ExitCode.USAGE
    try:
        every = parse_duration(args.every)
        jitter = parse_duration(args.jitter) if args.jitter else 0.0
    except ValueError as exc:
        _err(str(exc))
        return ExitCode.USAGE
    run_args = ["--all"] if args.all else list(args.targets)
    for option, value in (("--db", args.db), ("--job-dir", args.job_dir)):
        if value:
            run_args += [option, value]
    if args.full:
        run_args.append("--full")
    log = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731 - a one-liner
    return schedule(run_args, every, jitter, runs=args.runs, log=log)
