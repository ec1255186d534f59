"""What each ``newscrawl`` command does: thin over the same functions the tests call."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table
from scrapy.settings import Settings

from newscrawl.cli_checks import check_directory, check_targets
from newscrawl.cli_console import install_console_log, site_problems
from newscrawl.cli_database import check_database, describe, prepare_database
from newscrawl.cli_errors import CliError, say
from newscrawl.crawl import UnknownTarget, bundled_sites, project_settings, run_crawls
from newscrawl.db.run_end import Retry, record_run_end
from newscrawl.db.runs import RunEnd, RunStore, stop_reason
from newscrawl.db.schema import upgrade
from newscrawl.db.session import make_engine, timeouts_from_settings
from newscrawl.exit_codes import ExitCode
from newscrawl.summary import SiteSummary

EXIT_OK, EXIT_NOTHING_CRAWLED, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3


def _err(message: str) -> None:
    say(message)


def _database_url(args: argparse.Namespace) -> str:
    return str(args.db or project_settings().get("DATABASE_URL"))


def _db_source(args: argparse.Namespace) -> str:
    return "--db" if args.db else "NEWSCRAWL_DATABASE_URL / default database"


def cmd_crawl(args: argparse.Namespace) -> int:
    settings = project_settings(
        DATABASE_URL=args.db,
        MAX_ARTICLES=args.max_articles,
        JOBS_DIR=args.job_dir,
        INCREMENTAL=False if getattr(args, "full", False) else None,
        LOG_FILE=args.log_file,
        PROGRESS=True,
        PROFILE=getattr(args, "profile", None),
        **getattr(args, "extra_settings", {}),  # e.g. the demo's origin rewriting
    )
    check_targets(args.targets, lambda: bundled_sites(settings))
    if args.job_dir:
        check_directory(args.job_dir, "--job-dir")
    url = check_database(settings.get("DATABASE_URL"), _db_source(args), create=True)
    prepare_database(url)
    say(f"storing articles in {describe(url)}")
    if not args.log_file:
        if not args.verbose:
            settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
        debug = bool(getattr(args, "debug", False))
        install_console_log(settings, verbose=args.verbose, debug=debug)
    engine = make_engine(url, timeouts=timeouts_from_settings(settings))
    runs = RunStore(engine)
    run_id = runs.start(args.targets)  # one crawl_runs row for all targets; crawlers add counts
    settings.set("RUN_ID", run_id, priority="cmdline")
    summaries: list[SiteSummary] = []
    try:
        summaries = run_crawls(args.targets, settings)
    except UnknownTarget as exc:  # checked above; kept for callers that skip the check
        raise CliError(f"unknown target {exc}") from None
    finally:
        run_spooled = _finish_run(runs, run_id, summaries, settings)
        engine.dispose()
    print_summary(summaries, Console(width=None if sys.stdout.isatty() else 120))
    for line in site_problems(summaries):
        say(line)
    for s in summaries:
        print(s.explanation())
        print(s.fetched.line(s.site))
    for note in (note for s in summaries for note in s.safety_notes()):
        print(note)
    spooled = sum(s.spooled for s in summaries)
    if spooled:  # first: it needs an action (db replay) before anything is lost
        say(
            f"{spooled} articles could not be written and were spooled to "
            f"{Path(settings.get('DATA_DIR')) / 'unsaved'}; load them with "
            "`newscrawl db replay` when the database is back"
        )
        return ExitCode.SPOOLED
    if run_spooled or any(s.run_spooled for s in summaries):
        say(
            f"the end of crawl run {run_id} (its counts, stop reason) could not be recorded "
            f"and was spooled to {Path(settings.get('DATA_DIR')) / 'unsaved'}; load it with "
            "`newscrawl db replay` when the database is back"
        )
        return ExitCode.SPOOLED
    if any(s.interrupted for s in summaries):
        say("interrupted")
        return ExitCode.INTERRUPTED
    if any(s.all_blocked for s in summaries):
        return ExitCode.BLOCKED
    return EXIT_OK if any(s.crawled_anything for s in summaries) else EXIT_NOTHING_CRAWLED


def _finish_run(
    runs: RunStore, run_id: int, summaries: list[SiteSummary], settings: Settings
) -> bool:
    """Record the run's end (retried; spooled if the database stays down): spooled?"""
    reasons = [stop_reason(s.finish_reason) for s in summaries] or ["failed"]
    reason = next((r for r in ("failed", "interrupted") if r in reasons), "finished")
    end = RunEnd(run_id, stop_reason=reason, ended_at=datetime.now(UTC))
    failing = any(s.spooled or s.run_spooled for s in summaries)  # one try: don't wait long
    retries = 0 if failing else settings.getint("DB_WRITE_RETRIES")
    retry = Retry(retries, settings.getfloat("DB_RETRY_BACKOFF"))
    spool_dir = Path(settings.get("DATA_DIR")) / "unsaved"
    return record_run_end(runs, end, retry, spool_dir, f"run-{run_id}") is not None


def print_summary(summaries: list[SiteSummary], console: Console) -> None:
    table = Table(title="newscrawl summary")
    table.add_column("site", no_wrap=True)
    for column in (
        "pages\nfetched",
        "articles\nnew",
        "articles\nupdated",
        "articles\nalready stored",
        "non-article\npages",
        "errors",
    ):
        table.add_column(column, justify="right")
    for s in summaries:
        table.add_row(
            s.site,
            str(s.pages_fetched),
            str(s.articles_stored),
            str(s.updated),
            str(s.already_stored),
            str(s.non_article_pages),
            str(s.errors),
        )
    console.print(table)


def cmd_sites(args: argparse.Namespace) -> int:
    for name in bundled_sites(project_settings()):
        print(name)
    return EXIT_OK


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    url = check_database(_database_url(args), _db_source(args), create=True)
    upgrade(url)
    print(f"schema is up to date in {describe(url)}", file=sys.stderr)
    return EXIT_OK
