"""An unexpected exception: a short line; the traceback only with --debug or in the log file.

In-process through ``main(argv)``: a bug can't be provoked through the real command, so the
command's function is replaced by one that fails.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from newscrawl import cli_commands
from newscrawl.cli import main
from newscrawl.exit_codes import ExitCode


def _bug(args: argparse.Namespace) -> int:
    raise ZeroDivisionError("a bug")


@pytest.fixture(autouse=True)
def _buggy_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_commands, "cmd_sites", _bug)
    monkeypatch.setattr(cli_commands, "cmd_crawl", _bug)


def test_unexpected_error_is_one_short_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sites"]) == ExitCode.NOTHING_CRAWLED
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "newscrawl: unexpected error: ZeroDivisionError: a bug "
        "(run again with --debug to see the traceback)"
    ]


@pytest.mark.parametrize("argv", [["--debug", "sites"], ["crawl", "asiatimes", "--debug"]])
def test_debug_shows_the_traceback(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == ExitCode.NOTHING_CRAWLED
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError: a bug" in err


def test_traceback_goes_to_the_log_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "crawl.log"
    assert main(["crawl", "asiatimes", "--log-file", str(log)]) == ExitCode.NOTHING_CRAWLED
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip() == (
        f"newscrawl: unexpected error: ZeroDivisionError: a bug (traceback in {log})"
    )
    assert "Traceback (most recent call last)" in log.read_text()
