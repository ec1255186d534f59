"""``newscrawl check SITE``: what a crawl of SITE would find, without downloading articles.

A dry run of the crawl's own discovery (robots.txt, sitemaps, feeds, the homepage and its
sections), politeness and safety rules included. Article URLs are compared with the store
in one bulk lookup; nothing is written (no article, no run row, no WARC, no job directory
kept). Exit codes are the crawl's: 0 done, 1 nothing could be fetched, 3 the store could
not be read, 5 every page refused us, 130 interrupted.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from newscrawl.cli_checks import check_targets
from newscrawl.cli_console import install_console_log, site_problems
from newscrawl.cli_database import check_database, describe
from newscrawl.cli_errors import say
from newscrawl.crawl import bundled_sites, project_settings, run_crawls
from newscrawl.exit_codes import ExitCode
from newscrawl.summary import SiteSummary

# A check reads the homepage, the sections it links and their next pages, up to this many.
SECTION_DEPTH = 1
SECTION_PAGES = 100
WARC = "newscrawl.warc_extension.WarcExtension"


def _store_url(args: argparse.Namespace) -> str:
    """The database to compare with; "" when the default database does not exist yet."""
    raw, source = args.db, "--db"
    if not raw:
        raw, source = str(project_settings().get("DATABASE_URL")), "NEWSCRAWL_DATABASE_URL"
        url = make_url(raw)
        missing = url.database and not Path(url.database).expanduser().exists()
        if url.get_backend_name() == "sqlite" and missing:
            say(f"no database yet at {url.database}: every URL counts as new")
            return ""
    return str(check_database(raw, source, create=False).render_as_string(hide_password=False))


def cmd_check(args: argparse.Namespace) -> int:
    settings = project_settings()
    check_targets([args.site], lambda: bundled_sites(settings))
    store = _store_url(args)
    if store:
        say(f"comparing with the articles in {describe(make_url(store))}")
    with tempfile.TemporaryDirectory(prefix="newscrawl-check-") as jobs:
        settings = project_settings(
            DRY_RUN=True,
            DATABASE_URL=store,
            INCREMENTAL=False,  # the dry run compares every URL at once, at the end
            CONDITIONAL_GET=False,  # no validators sent or recorded: every source read whole
            ITEM_PIPELINES={},  # nothing is stored
            EXTENSIONS={**settings.getdict("EXTENSIONS"), WARC: None},  # no page kept
            JOBS_DIR=jobs,  # the frontier lives only as long as the check
            MAX_DEPTH=SECTION_DEPTH,
            MAX_SECTION_PAGES=SECTION_PAGES,
            LOG_LEVEL=None if args.verbose else "WARNING",
        )
        debug = bool(getattr(args, "debug", False))
        install_console_log(settings, verbose=args.verbose, debug=debug)
        summaries = run_crawls([args.site], settings)
    return report(summaries)


def report(summaries: list[SiteSummary]) -> int:
    """Print each site's check; the exit code a cron job or script can act on."""
    for line in site_problems(summaries):
        say(line)
    for summary in summaries:
        for line in summary.check_lines():
            print(line)
        print(summary.fetched.line(summary.site))
        for note in summary.safety_notes():
            print(note)
    if any(s.interrupted for s in summaries):
        say("interrupted")
        return ExitCode.INTERRUPTED
    errors = [s.check.store_error for s in summaries if s.check and s.check.store_error]
    if errors:
        say(f"could not compare with the stored articles: {errors[0]}")
        return ExitCode.DATABASE
    if any(s.all_blocked for s in summaries):
        return ExitCode.BLOCKED
    return ExitCode.OK if any(s.crawled_anything for s in summaries) else ExitCode.NOTHING_CRAWLED
