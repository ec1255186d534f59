"""``newscrawl demo``: a busy port is said, and a re-run on another port stores nothing new;
``newscrawl demo --serve`` keeps the outlet up until Ctrl-C."""

from __future__ import annotations

import re
import signal
import socket
import sqlite3
import subprocess
import sys
import urllib.request
from pathlib import Path

from newscrawl.exit_codes import ExitCode
from tests.cli.run import REPO, cli_env, newscrawl


def _summary_row(stdout: str) -> list[int]:
    row = next(line for line in stdout.splitlines() if "127.0.0.1:" in line)
    return [int(cell) for cell in re.findall(r"│\s*(\d+)\s*(?=│)", row)]


def test_demo_on_a_busy_port_says_so_and_a_rerun_stores_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    with socket.socket() as busy:  # someone else holds the demo's port
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        runs = [newscrawl("demo", "--port", str(port), "--db", f"sqlite:///{db}") for _ in "12"]
    for run in runs:
        assert run.returncode == ExitCode.OK, run.stderr
        assert "Traceback" not in run.stderr
        moved = re.search(
            rf"port {port} is busy: serving the sample outlet on (\S+) instead", run.stderr
        )
        assert moved and f":{port}" not in moved.group(1), run.stderr
    first, second = (_summary_row(run.stdout) for run in runs)
    assert first[1] > 0 and first[3] == 0  # articles new, already stored
    assert second[1] == 0 and second[2] == 0 and second[3] == first[1]  # none new or updated
    with sqlite3.connect(db) as conn:
        hosts = {row[0].split("/")[2] for row in conn.execute("SELECT canonical_url FROM articles")}
    assert hosts == {f"127.0.0.1:{port}"}  # the usual origin, whatever port served them


def test_demo_serve_keeps_the_outlet_up_until_ctrl_c() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "newscrawl.cli", "demo", "--serve", "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=cli_env(),
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert f"serving the sample outlet at http://127.0.0.1:{port}/ until Ctrl-C" in line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert b"<html" in response.read().lower()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == ExitCode.OK
    assert err.strip() == "newscrawl: stopped"
