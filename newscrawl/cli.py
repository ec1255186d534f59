"""newscrawl: crawl news sites, export what is stored, extract one page, run the offline demo.

Exit codes: 0 done; 1 nothing could be crawled (or an unexpected error); 2 bad usage;
3 database unreachable or not writable; 4 articles spooled to disk, not stored;
5 blocked by every site; 6 another run holds the lock; 130 interrupted.

The parser and the argument checks load neither Scrapy nor SQLAlchemy: a mistyped command
answers at once. Each command's module is imported when it runs.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import NoReturn

from newscrawl import __version__
from newscrawl.cli_checks import cursor, iso_date, page_source, positive_int, target, writable_file
from newscrawl.cli_errors import run_command, say
from newscrawl.exit_codes import ExitCode

EPILOG = """exit codes:
  0    done
  1    nothing could be crawled (or an unexpected error)
  2    bad usage: arguments, unknown site, missing file, missing driver
  3    database unreachable or not writable
  4    articles or the run's end could not be stored: spooled to disk (see: newscrawl db replay)
  5    every page of a target was refused (blocked)
  6    another run holds the lock
  130  interrupted (Ctrl-C or SIGTERM)
"""


class Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``newscrawl crawl: --max-articles: must be ...``."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see: {self.prog} --help)\n")
        sys.exit(ExitCode.USAGE)


def _command(name: str, module: str = "cli_commands") -> Callable[[argparse.Namespace], int]:
    """``newscrawl.<module>.<name>``, imported only when the command runs."""

    def run(args: argparse.Namespace) -> int:
        commands = importlib.import_module(f"newscrawl.{module}")
        return int(getattr(commands, name)(args))

    run.__name__ = name
    return run


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL, e.g. sqlite:///news.db or postgresql://user@host/db "
        "(default: NEWSCRAWL_DATABASE_URL or sqlite:///data/newscrawl.db under this directory)",
    )


def _debug_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,  # a subcommand's --debug must not reset the top-level one
        help="show the traceback of an unexpected error",
    )


def _add_crawl(commands: argparse._SubParsersAction[Parser]) -> None:
    crawl = commands.add_parser("crawl", help="crawl sites (bundled names or homepage URLs)")
    crawl.add_argument("targets", nargs="+", metavar="TARGET", type=target)
    _db_option(crawl)
    crawl.add_argument(
        "--max-articles", type=positive_int, metavar="N", help="stop a site after N articles"
    )
    crawl.add_argument(
        "--job-dir",
        metavar="DIR",
        help="keep each target's frontier under DIR/<site>/ (default: data/jobs/)",
    )
    crawl.add_argument(
        "--full", action="store_true", help="fetch every page again, even articles already stored"
    )
    crawl.add_argument(
        "--log-file", metavar="FILE", type=writable_file, help="write the full log to FILE"
    )
    crawl.add_argument("-v", "--verbose", action="store_true", help="log at INFO on stderr")
    _debug_option(crawl)
    crawl.set_defaults(func=_command("cmd_crawl"))


def _add_recurring(commands: argparse._SubParsersAction[Parser]) -> None:
    run = commands.add_parser(
        "run", help="crawl sites once, for cron: one run at a time (a lock), resumable"
    )
    run.add_argument("targets", nargs="*", metavar="TARGET", type=target)
    run.add_argument("--all", action="store_true", help="every bundled site")
    _db_option(run)
    run.add_argument("--max-articles", type=positive_int, metavar="N", help="as for crawl")
    run.add_argument("--job-dir", metavar="DIR", help="as for crawl (default: data/jobs/)")
    run.add_argument("--full", action="store_true", help="as for crawl")
    run.add_argument("--log-file", metavar="FILE", type=writable_file, help="as for crawl")
    run.add_argument("-v", "--verbose", action="store_true", help="log at INFO on stderr")
    _debug_option(run)
    run.set_defaults(func=_command("cmd_run", "cli_run"))

    every = commands.add_parser("schedule", help="newscrawl run in a loop, for hosts without cron")
    every.add_argument("targets", nargs="*", metavar="TARGET", type=target)
    every.add_argument("--all", action="store_true", help="every bundled site")
    every.add_argument("--every", required=True, metavar="DURATION", help="e.g. 30m, 2h")
    every.add_argument("--jitter", metavar="DURATION", help="a random delay up to this, per run")
    every.add_argument("--runs", type=positive_int, default=0, metavar="N", help="stop after N")
    _db_option(every)
    every.add_argument("--job-dir", metavar="DIR", help="as for crawl")
    every.add_argument("--full", action="store_true", help="as for crawl")
    _debug_option(every)
    every.set_defaults(func=_command("cmd_schedule", "cli_run"))


def _add_check(commands: argparse._SubParsersAction[Parser]) -> None:
    check = commands.add_parser(
        "check",
        help="what a crawl of SITE would find: sources, URLs new and already stored "
        "(discovery only: no article downloaded, nothing written)",
    )
    check.add_argument("site", metavar="SITE", type=target, help="a bundled site or a URL")
    _db_option(check)
    check.add_argument("-v", "--verbose", action="store_true", help="log at INFO on stderr")
    _debug_option(check)
    check.set_defaults(func=_command("cmd_check", "cli_check"))


def _add_export(commands: argparse._SubParsersAction[Parser]) -> None:
    export = commands.add_parser(
        "export", help="write stored articles (all, or those changed since a cursor)"
    )
    _db_option(export)
    export.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    export.add_argument("--site", help="only this crawl target's articles (as `crawl` shows it)")
    export.add_argument(
        "-o", "--output", metavar="FILE", type=writable_file, help="write here, not to stdout"
    )
    export.add_argument(
        "--since", type=cursor, metavar="CURSOR", help="only articles changed after CURSOR"
    )
    export.add_argument(
        "--cursor-file",
        metavar="FILE",
        help="read the cursor from FILE; write the next one back after a complete export",
    )
    _debug_option(export)
    export.set_defaults(func=_command("cmd_export", "cli_storage"))


def _add_storage_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    runs = commands.add_parser("runs", help="list recent crawl runs")
    _db_option(runs)
    runs.add_argument("--limit", type=positive_int, default=20, metavar="N", help="default 20")
    _debug_option(runs)
    runs.set_defaults(func=_command("cmd_runs", "cli_storage"))


def _add_dupes(commands: argparse._SubParsersAction[Parser]) -> None:
    dupes = commands.add_parser("dupes", help="list stored stories with their copies")
    _db_option(dupes)
    dupes.add_argument("--format", choices=["text", "jsonl"], default="text")
    _debug_option(dupes)
    dupes.set_defaults(func=_command("cmd_dupes", "cli_dupes"))


def _add_small_commands(commands: argparse._SubParsersAction[Parser]) -> None:
    sites = commands.add_parser("sites", help="list the bundled sites")
    sites.set_defaults(func=_command("cmd_sites"))

    extract = commands.add_parser("extract", help="extract articles from files or URLs")
    extract.add_argument("sources", nargs="+", metavar="FILE_OR_URL", type=page_source)
    extract.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    extract.add_argument("--url", help="the page's URL when extracting a single file")
    _debug_option(extract)
    extract.set_defaults(func=_command("cmd_extract", "cli_extract"))

    demo = commands.add_parser("demo", help="crawl a bundled sample outlet served on 127.0.0.1")
    _db_option(demo)
    demo.add_argument(
        "--serve",
        action="store_true",
        help="only serve the sample outlet (until Ctrl-C), to crawl and experiment against",
    )
    demo.add_argument(
        "--port", type=positive_int, default=8931, help="port to serve on (default: 8931)"
    )
    _debug_option(demo)
    demo.set_defaults(func=_command("cmd_demo", "cli_demo"))

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="create or upgrade the schema")
    _db_option(upgrade)
    _debug_option(upgrade)
    upgrade.set_defaults(func=_command("cmd_db_upgrade"))
    current = db_commands.add_parser("current", help="print the schema revision")
    _db_option(current)
    _debug_option(current)
    current.set_defaults(func=_command("cmd_db_current", "cli_storage"))
    replay = db_commands.add_parser("replay", help="load spooled articles (data/unsaved/)")
    _db_option(replay)
    replay.add_argument("--spool-dir", metavar="DIR", help="default: DATA_DIR/unsaved")
    _debug_option(replay)
    replay.set_defaults(func=_command("cmd_db_replay", "cli_storage"))

    again = commands.add_parser(
        "reextract", help="run the current extractor over the pages kept in WARC files"
    )
    _db_option(again)
    again.add_argument("--site", help="only this crawl target's pages (as `crawl` shows it)")
    again.add_argument(
        "--since", type=iso_date, metavar="DATE", help="only pages fetched on or after DATE"
    )
    again.add_argument("--warc-dir", metavar="DIR", help="default: DATA_DIR/warc")
    _debug_option(again)
    again.set_defaults(func=_command("cmd_reextract", "cli_storage"))


def build_parser() -> Parser:
    parser = Parser(
        prog="newscrawl",
        description=(__doc__ or "").splitlines()[0],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newscrawl {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_crawl(commands)
    _add_recurring(commands)
    _add_check(commands)
    _add_export(commands)
    _add_dupes(commands)
    _add_small_commands(commands)
    _add_storage_commands(commands)
    return parser


def _terminated(signum: int, frame: object) -> NoReturn:
    """SIGTERM before a crawl installs its own handlers: nothing has been fetched yet, so stop
    at once with the interrupt's line and code. (Raising KeyboardInterrupt here instead can
    land inside a library's lock or a thread pool's start and hang the exit.)"""
    say("interrupted")
    sys.stderr.flush()
    os._exit(ExitCode.INTERRUPTED)


def main(argv: Sequence[str] | None = None) -> int:
    # systemd and kill stop a run with SIGTERM, possibly while it is still starting up (imports,
    # database checks); until Scrapy installs its shutdown handlers that ends the run with the
    # interrupt's line and exit code, not a silent death by signal.
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if in_main_thread else None
    try:
        args = build_parser().parse_args(argv)
        return run_command(args.func, args)
    except KeyboardInterrupt:  # Ctrl-C before the command started (or after it returned)
        say("interrupted")
        return int(ExitCode.INTERRUPTED)
    finally:
        if in_main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)


def program() -> NoReturn:
    """The ``newscrawl`` program: ``main()``, then exit without a last walk of the heap.

    A crawler process holds a few million objects (Scrapy, Twisted, SQLAlchemy, lxml...) and
    the interpreter's final garbage collections walk them all: 0.5-2 s per run, measured, a
    good part of a re-run that finds nothing new. Frozen, they are left to the process's
    end; atexit handlers and the plain deallocation of what the modules hold still run.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    program()
