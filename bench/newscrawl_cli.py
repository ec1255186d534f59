"""How to invoke the real ``newscrawl`` CLI, and whether it is usable yet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.outlet import REPO


def cli_command() -> list[str]:
    """The venv's ``newscrawl`` entry point, else ``python -m newscrawl.cli``."""
    script = Path(sys.executable).parent / "newscrawl"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newscrawl.cli"]


def cli_problem() -> str | None:
    """Why ``newscrawl crawl`` cannot run (None when ``crawl --help`` works)."""
    try:
        done = subprocess.run(
            [*cli_command(), "crawl", "--help"],
            cwd=REPO,
            text=True,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`newscrawl crawl --help` failed: {exc}"
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return f"`newscrawl crawl --help` exited {done.returncode}: {last[0]}"
    return None
