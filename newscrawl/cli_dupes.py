"""``newscrawl dupes``: thin over ``db.dupes.iter_clusters`` and ``dupes_report``."""

from __future__ import annotations

import argparse
import sys

from newscrawl.cli_errors import say
from newscrawl.cli_storage import _database, open_read_only
from newscrawl.exit_codes import ExitCode


def cmd_dupes(args: argparse.Namespace) -> int:
    from newscrawl.db.dupes import iter_clusters
    from newscrawl.dupes_report import write_clusters

    engine = open_read_only(_database(args))
    try:
        groups, copies = write_clusters(iter_clusters(engine), args.format, sys.stdout)
    finally:
        engine.dispose()
    say(f"{groups} stories with copies, {copies} copies")
    return ExitCode.OK
