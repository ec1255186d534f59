"""The README's first screen stays true: its commands parse, its exit codes are the real ones."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from newscrawl.cli import build_parser
from newscrawl.exit_codes import ExitCode
from tests.cli.run import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _commands(section: str) -> list[list[str]]:
    found = []
    for block in re.findall(r"```bash\n(.*?)```", _section(section), re.S):
        for line in block.splitlines():
            command = line.split("  #", 1)[0].split("|", 1)[0].strip()
            if command.startswith("newscrawl "):
                found.append(shlex.split(command)[1:])
    return found


@pytest.mark.parametrize("section", ["Quickstart", "Commands"])
def test_readme_commands_parse(
    section: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    commands = _commands(section)
    assert commands
    monkeypatch.chdir(tmp_path)  # the example files a command names exist, as for a user
    for name in {a for argv in commands for a in argv if a.endswith((".html", ".htm"))}:
        (tmp_path / name).write_text("<html></html>")
    for argv in commands:
        try:
            build_parser().parse_args(argv)
        except SystemExit as exc:  # --version and --help exit 0; a usage error exits 2
            assert exc.code == 0, (argv, capsys.readouterr().err)


def test_quickstart_names_what_a_newcomer_needs() -> None:
    quickstart = _section("Quickstart")
    assert ". .venv/bin/activate" in quickstart and ".venv/bin/newscrawl" in quickstart
    assert "'.[postgres]'" in quickstart and "data/newscrawl.db" in quickstart
    assert "newscrawl demo --serve" in quickstart
    assert "project root only" in _section("Commands")


def test_readme_documents_every_exit_code() -> None:
    rows = re.findall(r"^\| (\d+) \| `([A-Z_]+)` \|", _section("Exit codes"), re.M)
    assert [(int(code), name) for code, name in rows] == [(c.value, c.name) for c in ExitCode]
