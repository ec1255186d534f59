"""``newscrawl``: crawl, export, list sites, extract a page, run the offline demo.

Exit codes: 0 done; 1 nothing could be crawled; 2 bad usage; 3 database unreachable.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from newscrawl.cli_commands import (
    cmd_crawl,
    cmd_db_upgrade,
    cmd_demo,
    cmd_export,
    cmd_extract,
    cmd_sites,
)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy database URL (default: NEWSCRAWL_DATABASE_URL "
        "or sqlite:///data/newscrawl.db)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newscrawl", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = commands.add_parser("crawl", help="crawl sites (bundled names or homepage URLs)")
    crawl.add_argument("targets", nargs="+", metavar="TARGET")
    _db_option(crawl)
    crawl.add_argument("--max-articles", type=int, metavar="N", help="stop a site after N articles")
    crawl.add_argument("--job-dir", metavar="DIR", help="keep the crawl frontier on disk here")
    crawl.add_argument("--log-file", metavar="FILE", help="write the full log to FILE")
    crawl.add_argument("-v", "--verbose", action="store_true", help="log at INFO on stderr")
    crawl.set_defaults(func=cmd_crawl)

    export = commands.add_parser("export", help="write stored articles as JSON lines or CSV")
    _db_option(export)
    export.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    export.add_argument("--site", help="only this site's articles")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    export.set_defaults(func=cmd_export)

    sites = commands.add_parser("sites", help="list the bundled sites")
    sites.set_defaults(func=cmd_sites)

    extract = commands.add_parser("extract", help="extract articles from files or URLs")
    extract.add_argument("sources", nargs="+", metavar="FILE_OR_URL")
    extract.add_argument("--format", choices=["json", "jsonl", "text"], default="json")
    extract.add_argument("--url", help="the page's URL when extracting a single file")
    extract.set_defaults(func=cmd_extract)

    demo = commands.add_parser("demo", help="crawl a bundled sample outlet served on 127.0.0.1")
    _db_option(demo)
    demo.set_defaults(func=cmd_demo)

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="create or upgrade the schema")
    _db_option(upgrade)
    upgrade.set_defaults(func=cmd_db_upgrade)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
