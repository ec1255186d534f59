"""Run the ``newscrawl`` command as a user would: a fresh process, its output and exit code."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CRAWL_TIMEOUT = 240  # seconds: a hard bound for one CLI run in tests
# Job directories (frontiers) of test crawls: never the repository's data/ directory.
JOBS_DIR = tempfile.mkdtemp(prefix="newscrawl-test-jobs-")


def cli_env(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment a test's ``newscrawl`` runs in: no stray NEWSCRAWL_*, short timeouts."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("NEWSCRAWL_")}
    environ["NEWSCRAWL_DATA_DIR"] = os.environ["NEWSCRAWL_DATA_DIR"]  # the test's (conftest)
    environ.update({"NEWSCRAWL_DOWNLOAD_TIMEOUT": "3", "NEWSCRAWL_DOWNLOAD_MAXSIZE": "3000000"})
    environ["NEWSCRAWL_PROFILE"] = "fast"  # local sites: never the polite defaults' pace
    environ["NEWSCRAWL_JOBS_DIR"] = JOBS_DIR
    environ["NEWSCRAWL_WARC_ENABLED"] = "false"  # tests of the archive turn it on
    environ.update(env or {})
    return environ


def newscrawl(
    *args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    environ = cli_env(env)
    return subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=cwd or REPO,
        timeout=CRAWL_TIMEOUT,
        check=False,
    )
