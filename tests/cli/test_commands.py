"""CLI commands that need no outlet: sites, usage errors, dead servers, extract."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

from tests.cli.run import REPO, newscrawl

PROSE = " ".join(["Harbour officials said the new ferry terminal would open in June."] * 12)
ARTICLE = f"""<html lang="en"><head><title>Ferry terminal to open in June | Harbour Herald</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Harbour Herald">
</head><body><nav><a href="/">Home</a> <a href="/world/">World</a></nav>
<article><h1>Ferry terminal to open in June</h1><p class="byline">By Ana Lima</p>
<p>{PROSE}</p><p>{PROSE}</p></article><footer>Contacts: desk@herald.example</footer></body></html>
"""


def test_sites_lists_bundled_spiders_and_matches_readme() -> None:
    result = newscrawl("sites")
    assert result.returncode == 0
    sites = result.stdout.split()
    assert "asiatimes" in sites and "news" not in sites
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Bundled sites", 1)[1].split("\n## ", 1)[0]
    assert sorted(re.findall(r"^- `([a-z_]+)`", section, re.M)) == sorted(sites)


def test_unknown_target_is_a_usage_error() -> None:
    result = newscrawl("crawl", "no-such-site", "--db", "sqlite://")
    assert result.returncode == 2
    assert "unknown target no-such-site" in result.stderr
    assert "asiatimes" in result.stderr


def test_dead_server_means_nothing_crawled(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = newscrawl(
        "crawl",
        f"http://127.0.0.1:{port}/",
        "--db",
        f"sqlite:///{tmp_path / 'dead.db'}",
        env={"NEWSCRAWL_RETRY_TIMES": "0"},
    )
    assert result.returncode == 1, result.stderr
    assert "127.0.0.1" in result.stdout and "errors" in result.stdout


def test_unreachable_database_is_exit_3_with_a_fix(tmp_path: Path) -> None:
    result = newscrawl(
        "crawl", "http://127.0.0.1:9/", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    assert result.returncode == 3
    assert "fix:" in result.stderr


def test_extract_file_prints_json(tmp_path: Path) -> None:
    page = tmp_path / "ferry.html"
    page.write_text(ARTICLE, encoding="utf-8")
    result = newscrawl("extract", str(page), "--url", "https://herald.example/2024/06/ferry-opens")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"] == "Ferry terminal to open in June"
    assert "new ferry terminal would open in June" in record["text"]
    assert "desk@herald.example" not in record["text"]
    assert record["url"] == "https://herald.example/2024/06/ferry-opens"


def test_extract_non_article_fails(tmp_path: Path) -> None:
    page = tmp_path / "menu.html"
    page.write_text("<html><body><a href='/'>Home</a></body></html>")
    result = newscrawl("extract", str(page), "--format", "text")
    assert result.returncode == 1
    assert "not an article" in result.stderr
