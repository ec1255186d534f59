"""Every mistake gets one clear line and the documented exit code (issue 14's table).

Each test runs the real command in a subprocess and asserts the exit code, the one line
on stderr, and that no traceback was printed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.news_site import NewsSite, serve_news_site
from newscrawl import __version__
from newscrawl.exit_codes import ExitCode
from tests.cli.run import REPO, cli_env, newscrawl


def closed_port() -> int:
    with socket.socket() as sock:  # a port nobody listens on once this returns
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def one_line(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> str:
    """The one ``newscrawl: ...`` line on stderr, after checking code and no traceback."""
    output = result.stdout + result.stderr
    assert result.returncode == code, output
    assert "Traceback" not in output, output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, output
    for fragment in fragments:
        assert fragment in lines[0], output
    return lines[0]


@pytest.mark.parametrize("value", ["news.db", "foo"])
def test_db_path_instead_of_url(value: str) -> None:
    result = newscrawl("crawl", f"http://127.0.0.1:{closed_port()}/", "--db", value)
    one_line(result, ExitCode.USAGE, repr(value), "not a database URL", f"sqlite:///{value}")


@pytest.mark.parametrize("url", ["mysql://u@127.0.0.1/news", "redis://127.0.0.1:6379/0"])
def test_db_scheme_newscrawl_does_not_store_to(url: str) -> None:
    result = newscrawl("crawl", "http://127.0.0.1:1/", "--db", url)
    scheme = url.split(":", 1)[0]
    one_line(result, ExitCode.USAGE, f"{scheme}://", "sqlite:///", "postgresql://")


def test_postgres_without_driver_names_the_extra() -> None:
    """What ``pip install -e .`` (no extra) gives: psycopg missing."""
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from newscrawl.cli import main\n"
        "sys.exit(main(['export', '--db', 'postgresql://nobody@127.0.0.1:1/none']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    one_line(result, ExitCode.USAGE, "psycopg", "pip install 'newscrawl[postgres]'")


def test_sqlite_file_under_a_file_is_exit_3(tmp_path: Path) -> None:
    (tmp_path / "file.db").write_bytes(b"")
    db = tmp_path / "file.db" / "x.db"
    result = newscrawl("crawl", "http://127.0.0.1:1/", "--db", f"sqlite:///{db}")
    one_line(result, ExitCode.DATABASE, str(db), "is a file, not a directory")


def test_sqlite_in_unwritable_directory_talks_about_the_file() -> None:
    result = newscrawl("crawl", "http://127.0.0.1:1/", "--db", "sqlite:////sys/x.db")
    line = one_line(result, ExitCode.DATABASE, "/sys/x.db", "SQLite database file")
    assert "server" not in line


def test_read_only_database_is_refused_before_crawling(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    assert newscrawl("db", "upgrade", "--db", f"sqlite:///{db}").returncode == 0
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = newscrawl("crawl", f"http://127.0.0.1:{closed_port()}/", "--db", read_only)
    one_line(result, ExitCode.DATABASE, "readonly")


@pytest.mark.parametrize("url", ["http://", "http://[::1/", "https://exa mple.com/"])
def test_invalid_target_url(url: str) -> None:
    result = newscrawl("crawl", url, "--db", "sqlite://")
    one_line(result, ExitCode.USAGE, f"not a valid URL: {url}")


def test_connection_refused_is_one_line_per_site(tmp_path: Path) -> None:
    port = closed_port()
    result = newscrawl(
        "crawl",
        f"http://127.0.0.1:{port}/",
        "--db",
        f"sqlite:///{tmp_path / 'refused.db'}",
        env={"NEWSCRAWL_RETRY_TIMES": "0"},
    )
    assert result.returncode == ExitCode.NOTHING_CRAWLED, result.stderr
    assert "Traceback" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    problems = [line for line in result.stderr.splitlines() if "nothing crawled" in line]
    assert problems == [f"newscrawl: 127.0.0.1:{port}: nothing crawled: connection refused"]
    assert f"storing articles in {tmp_path / 'refused.db'}" in result.stderr  # where it goes


@pytest.mark.parametrize("value", ["-1", "0", "ten"])
def test_max_articles_must_be_positive(value: str) -> None:
    result = newscrawl("crawl", "http://127.0.0.1:1/", "--db", "sqlite://", "--max-articles", value)
    one_line(result, ExitCode.USAGE, "--max-articles", repr(value))


def test_export_mistyped_sqlite_path_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "news.db"
    result = newscrawl("export", "--db", f"sqlite:///{db}")
    one_line(result, ExitCode.USAGE, "no such database", str(db))
    assert not (tmp_path / "typo").exists()
    assert result.stdout == ""


def test_export_file_that_is_not_sqlite(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n" * 200)
    result = newscrawl("export", "--db", f"sqlite:///{notes}")
    one_line(result, ExitCode.USAGE, str(notes), "not a SQLite database")


def test_export_to_missing_directory(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    db.write_bytes(b"")  # an empty file is an empty SQLite database
    result = newscrawl("export", "--db", f"sqlite:///{db}", "-o", "nodir/x.jsonl", cwd=tmp_path)
    one_line(result, ExitCode.USAGE, "nodir/x.jsonl", "does not exist")


def test_extract_failure_keeps_stdout_empty(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<html><body><a href='/'>Home</a></body></html>")
    result = newscrawl("extract", str(page))
    one_line(result, ExitCode.NOTHING_CRAWLED, "not an article")
    assert result.stdout == ""


def test_log_file_in_unwritable_place() -> None:
    result = newscrawl(
        "crawl", "http://127.0.0.1:1/", "--db", "sqlite://", "--log-file", "/proc/x/log.txt"
    )
    one_line(result, ExitCode.USAGE, "--log-file", "/proc/x/log.txt", "does not exist")


def test_version() -> None:
    result = newscrawl("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"newscrawl {__version__}"


def test_help_is_plain_text_and_lists_exit_codes() -> None:
    result = newscrawl("--help")
    assert result.returncode == 0
    assert "``" not in result.stdout
    for code in ExitCode:
        assert f"\n  {int(code):<4} " in result.stdout, code


def test_scrapy_start_up_error_is_one_line(tmp_path: Path) -> None:
    """A spider or component that raises while the crawl starts: one line, exit 1."""
    code = (
        "import sys\n"
        "from newscrawl.spiders.base import NewsSpider\n"
        "def broken(self, *a, **k): raise ValueError('spider exploded')\n"
        "NewsSpider.__init__ = broken\n"
        "from newscrawl.cli import main\n"
        f"sys.exit(main(['crawl', 'http://127.0.0.1:{closed_port()}/', "
        f"'--db', 'sqlite:///{tmp_path / 'x.db'}']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == ExitCode.NOTHING_CRAWLED, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    problems = [line for line in result.stderr.splitlines() if "spider exploded" in line]
    assert len(problems) == 1, result.stderr
    assert "could not start" in problems[0]


def test_usage_errors_answer_without_loading_the_crawler() -> None:
    """The parser and argument checks import neither Scrapy, SQLAlchemy nor trafilatura."""
    code = (
        "import sys, newscrawl.cli\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('scrapy', 'sqlalchemy', 'trafilatura', 'twisted', 'rich')]\n"
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"


def _child_with(pid: int, marker: str, timeout: float = 60) -> bool:
    """Wait until a child of ``pid`` has ``marker`` in its command line (Linux /proc)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            for child in children.read_text().split():
                with contextlib.suppress(OSError):
                    if marker in Path(f"/proc/{child}/cmdline").read_text():
                        return True
        time.sleep(0.005)  # polling /proc, not waiting for timing
    return False


@contextlib.contextmanager
def _site_for(moment: str) -> Iterator[str]:
    """For the checks: a server that accepts connections and never answers. For the workers:
    a news site, whose first page to extract starts the pool (forkserver, then workers)."""
    if moment == "workers starting":
        with serve_news_site(NewsSite(articles=50, latency=0.3)) as site:
            yield site.base + "/"
        return
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        yield f"http://127.0.0.1:{silent.getsockname()[1]}/"


@pytest.mark.parametrize(
    ("moment", "signum"),
    [
        ("checks done", signal.SIGINT),
        ("workers starting", signal.SIGINT),
        ("checks done", signal.SIGTERM),  # systemd's stop, before Scrapy's own handlers
    ],
)
def test_ctrl_c_at_start_up_says_interrupted(
    tmp_path: Path, moment: str, signum: signal.Signals
) -> None:
    """Ctrl-C or SIGTERM (to the whole process group, workers included) while the crawl
    starts."""
    with _site_for(moment) as url:
        command = [sys.executable, "-m", "newscrawl.cli", "crawl", url]
        process = subprocess.Popen(
            [*command, "--db", f"sqlite:///{tmp_path / 'x.db'}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=cli_env({"NEWSCRAWL_EXTRACT_WORKERS": "2"}),
            start_new_session=True,  # its own process group, as a terminal gives it
        )
        assert process.stderr is not None
        first = process.stderr.readline()  # printed once the checks passed: the crawl starts
        if moment == "workers starting":  # the forkserver imports the extraction code
            assert _child_with(process.pid, "forkserver")
        os.killpg(process.pid, signum)
        out, err = process.communicate(timeout=60)
    assert "storing articles in" in first, first + err
    assert process.returncode == ExitCode.INTERRUPTED, err
    assert "newscrawl: interrupted" in err.splitlines()
    for noise in ("Traceback", "EOFError", "RuntimeError", "KeyboardInterrupt"):
        assert noise not in err + out


def test_extract_saved_homepage_without_url_answers_as_with_it(tmp_path: Path) -> None:
    from newscrawl.demo.outlet import build_outlet

    base = "http://127.0.0.1:8931"
    pages = build_outlet(broken=False).render(base)
    home = tmp_path / "home.html"
    home.write_bytes(pages["/"].body)
    answers = [newscrawl("extract", str(home)), newscrawl("extract", str(home), "--url", base)]
    for result in answers:
        one_line(result, ExitCode.NOTHING_CRAWLED, "home.html: not an article")
        assert result.stdout == ""


def test_unreachable_postgres_server_is_one_line() -> None:
    url = f"postgresql://nobody@127.0.0.1:{closed_port()}/none"
    result = newscrawl("crawl", "http://127.0.0.1:1/", "--db", url)
    one_line(result, ExitCode.DATABASE, "Connection refused", "server is up")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("no-such-page.html", "no such file: no-such-page.html"),
        ("http://[::1/", "not a valid URL: http://[::1/"),
    ],
)
def test_extract_bad_source_is_a_usage_error(source: str, message: str) -> None:
    result = newscrawl("extract", source)
    one_line(result, ExitCode.USAGE, message)
    assert result.stdout == ""
