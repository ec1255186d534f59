"""The storage commands: export (the change feed), runs, db current, db replay.

Like ``cli_commands``, each raises :class:`~newscrawl.cli_errors.CliError` for what the user
can fix; ``StorageError`` becomes exit 3 in ``cli_errors.run_command``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newscrawl.cli_database import check_database, describe
from newscrawl.cli_errors import CliError, say
from newscrawl.exit_codes import ExitCode

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Engine

    from newscrawl.extraction import SiteRules


def _database(args: argparse.Namespace, create: bool = False) -> URL:
    from newscrawl.crawl import project_settings

    raw = str(args.db or project_settings().get("DATABASE_URL"))
    source = "--db" if args.db else "NEWSCRAWL_DATABASE_URL / default database"
    return check_database(raw, source, create=create)


def open_read_only(url: URL) -> Engine:
    """An engine that runs no DDL and writes nothing; the schema must be at head."""
    from newscrawl.db import current_revision, head_revision, make_engine

    engine = make_engine(url, read_only=True)
    current, head = current_revision(engine), head_revision()
    if current != head:
        engine.dispose()
        raise CliError(
            f"the database schema in {describe(url)} is at "
            f"{current or 'nothing (an empty database)'}, not {head}: run "
            "`newscrawl db upgrade` (or a crawl) on it first",
            ExitCode.DATABASE,
        )
    return engine


def read_cursor(path: Path) -> int:
    """The cursor in ``path`` (``next_cursor=N`` or ``N``); 0 when the file does not exist."""
    if not path.exists():
        return 0
    raw = path.read_text(encoding="utf-8").strip().removeprefix("next_cursor=")
    try:
        return int(raw or 0)
    except ValueError:
        raise CliError(f"--cursor-file {path}: holds {raw[:40]!r}, not a cursor") from None


def write_cursor(path: Path, cursor: int) -> None:
    """Replace ``path`` atomically: a crash leaves the old cursor or the new one."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(f"{cursor}\n", encoding="utf-8")
    os.replace(partial, path)


@contextmanager
def _output(path: str | None, binary: bool) -> Iterator[IO[Any]]:
    if path is None:
        yield sys.stdout.buffer if binary else sys.stdout
        sys.stdout.flush()
        return
    mode = "wb" if binary else "w"
    encoding = None if binary else "utf-8"
    with open(path, mode, encoding=encoding, newline=None if binary else "") as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())  # on disk before the cursor moves past it


def cmd_export(args: argparse.Namespace) -> int:
    from newscrawl.db import ArticleStore
    from newscrawl.export import write_export
    from newscrawl.export_parquet import ParquetUnavailable, check_parquet

    cursor_file = Path(args.cursor_file) if args.cursor_file else None
    since = args.since
    if since is None:
        since = read_cursor(cursor_file) if cursor_file is not None else 0
    if args.format == "parquet":
        try:
            check_parquet()
        except ParquetUnavailable as exc:
            raise CliError(str(exc)) from None
    engine = open_read_only(_database(args))
    try:
        store = ArticleStore(engine)
        if args.site is not None and args.site not in (known := store.sites()):
            raise CliError(
                f"unknown site {args.site!r}: stored sites are {', '.join(known) or 'none'} "
                "(the target names `newscrawl crawl` shows)"
            )
        with _output(args.output, binary=args.format == "parquet") as out:
            result = write_export(store, args.format, out, args.site, since)
    finally:
        engine.dispose()
    if cursor_file is not None:  # only after the export is complete and on disk
        write_cursor(cursor_file, result.next_cursor)
    say(f"exported {result.count} articles")
    print(f"next_cursor={result.next_cursor}", file=sys.stderr)
    return ExitCode.OK


def cmd_runs(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from newscrawl.db import RunStore
    from newscrawl.fetch_accounting import FetchedParts
    from newscrawl.run_counts import recorded_stats

    engine = open_read_only(_database(args))
    try:
        runs = RunStore(engine).recent(args.limit)
    finally:
        engine.dispose()
    table = Table(title="crawl runs (newest first)", show_lines=True)  # a run spans lines
    for column in ("id", "started", "ended", "stop", "host", "targets", "pages fetched"):
        table.add_column(column, overflow="fold")
    table.add_column("what they were", overflow="fold")
    table.add_column("errors", justify="right")  # also requests that got no response
    for run in runs:
        ended = run.ended_at.strftime("%Y-%m-%d %H:%M:%S") if run.ended_at else "-"
        parts = FetchedParts.from_stats(recorded_stats(run.counts, run.counters))
        table.add_row(
            str(run.id),
            run.started_at.strftime("%Y-%m-%d %H:%M:%S"),
            ended,
            run.stop_reason or "running",
            run.host,
            " ".join(run.targets),
            str(parts.total),
            "\n".join(parts.shown()) or "-",  # one part a line: numbers that line up
            str(run.counts["errors"]),
        )
    Console(width=None if sys.stdout.isatty() else 200).print(table)
    return ExitCode.OK


def cmd_db_current(args: argparse.Namespace) -> int:
    from newscrawl.db import current_revision, head_revision, make_engine

    engine = make_engine(_database(args), read_only=True)
    try:
        current = current_revision(engine)
    finally:
        engine.dispose()
    head = head_revision()
    state = "up to date" if current == head else f"behind {head}: run `newscrawl db upgrade`"
    print(f"{current or 'empty'} ({state})")
    return ExitCode.OK


def cmd_db_replay(args: argparse.Namespace) -> int:
    from newscrawl.crawl import project_settings
    from newscrawl.db import ArticleStore, StorageError, make_engine, upgrade
    from newscrawl.db.replay import replay_spool

    directory = Path(args.spool_dir or Path(project_settings().get("DATA_DIR")) / "unsaved")
    url = _database(args, create=True)
    try:
        upgrade(url)
        engine = make_engine(url)
        try:
            result = replay_spool(ArticleStore(engine), directory)
        finally:
            engine.dispose()
    except StorageError as exc:
        raise CliError(
            f"{exc}; nothing was lost: the files not yet loaded stay in {directory}",
            ExitCode.DATABASE,
        ) from None
    say(
        f"replayed {len(result.files)} spool files from {directory}: {result.new} new, "
        f"{result.updated} updated, {result.unchanged} already stored articles, "
        f"{result.failures} extraction failures, {result.run_ends} crawl run ends"
    )
    return ExitCode.OK


def cmd_reextract(args: argparse.Namespace) -> int:
    from newscrawl.archive import warc_files
    from newscrawl.crawl import project_settings
    from newscrawl.db import ArticleStore, ensure_schema, make_engine
    from newscrawl.extraction.version import EXTRACTOR_VERSION
    from newscrawl.reextract import Workers, reextract

    settings = project_settings()
    directory = Path(args.warc_dir or Path(settings.get("DATA_DIR")) / "warc")
    files = warc_files(directory)
    if not files:
        raise CliError(
            f"no WARC files in {directory}: crawls keep the pages they fetch there "
            "unless WARC_ENABLED is off (or give --warc-dir)"
        )
    engine = make_engine(_database(args))
    try:
        ensure_schema(engine)
        workers = Workers(
            settings.getint("EXTRACT_WORKERS"),
            settings.getfloat("EXTRACT_TIMEOUT"),
            settings.getint("EXTRACT_RETRIES"),
        )
        rules = site_rules(settings)
        result = reextract(ArticleStore(engine), files, rules, args.site, args.since, workers)
    finally:
        engine.dispose()
    if args.site is not None and result.pages == 0:
        raise CliError(f"no archived pages of site {args.site!r} in {directory}")
    say(
        f"re-extracted {result.pages} archived pages with extractor {EXTRACTOR_VERSION}: "
        f"{result.changed} changed (old versions kept as revisions), {result.unchanged} "
        f"unchanged, {result.new} new (earlier extraction failures), {result.failed} "
        "without an article"
    )
    return ExitCode.OK


def site_rules(settings: Any) -> Callable[[str | None], SiteRules]:
    """The extraction rules of each crawl target: a bundled site's own, else the defaults."""
    from scrapy.spiderloader import SpiderLoader

    from newscrawl.extraction import SiteRules

    loader = SpiderLoader.from_settings(settings)
    names = set(loader.list())
    cache: dict[str | None, SiteRules] = {}

    def rules_for(site: str | None) -> SiteRules:
        if site not in cache:
            if site in names:
                spider: Any = loader.load(site)  # a NewsSpider subclass
                cache[site] = SiteRules(
                    drop=spider.drop_selectors,
                    body=spider.body_selector,
                    site_name=spider.site_name,
                )
            else:
                cache[site] = SiteRules()
        return cache[site]

    return rules_for
