"""The hostile-input corpus, crawled in one run of the real command (one site per case).

For every case: the one log line naming the site, its counter in the summary, the site's
other articles stored, and the run's peak memory bounded.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.cli.run import newscrawl as run_cli
from tests.safety.hostile import CASES, HOSTILE, WRONG_CHARSET_TEXT, Case
from tests.safety.site import page, run_measured, serve

PEAK_RSS_MB = 700  # the whole run, twelve sites, extraction in-process
NOTE_WORDS = {
    "blocked": "pages blocked",
    "not_found": "soft 404 pages",
    "refused": "requests refused",
    "limited": "requests dropped by trap",
}


@dataclass
class CorpusRun:
    code: int
    stdout: str
    stderr: str
    peak_rss_mb: float
    sites: dict[str, str]  # case name -> host:port
    stored: Counter[str]  # host:port -> articles stored
    texts: dict[str, str]  # url path -> stored text
    other_service_requests: list[str]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusRun:
    db = f"sqlite:///{Path(tmp_path_factory.mktemp('hostile')) / 'news.db'}"
    with ExitStack() as stack:
        other = stack.enter_context(serve({"/admin": page("internal")}))
        served = {c.name: stack.enter_context(serve(c.routes(other.base_url))) for c in CASES}
        targets = [site.url("/") for site in served.values()]
        env = {"NEWSCRAWL_EXTRACT_WORKERS": "0"}  # one process: its peak RSS is the run's
        done, peak_kib = run_measured("crawl", *targets, "--db", db, env=env)
        other_requests = list(other.paths)
    records = [json.loads(line) for line in run_cli("export", "--db", db).stdout.splitlines()]
    return CorpusRun(
        done.returncode,
        done.stdout,
        done.stderr,
        peak_kib / 1024,
        {name: urlsplit(site.base_url).netloc for name, site in served.items()},
        Counter(urlsplit(r["url"]).netloc for r in records),
        {urlsplit(r["url"]).path: r["text"] for r in records},
        other_requests,
    )


def _row(output: str, site: str) -> list[int]:
    line = next(line for line in output.splitlines() if site in line and "│" in line)
    return [int(cell) for cell in line.replace("│", " ").split()[1:]]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_case_keeps_the_sites_other_articles(corpus: CorpusRun, case: Case) -> None:
    assert corpus.stored[corpus.sites[case.name]] == case.stored, corpus.stdout


@pytest.mark.parametrize("case", [c for c in CASES if c.log], ids=lambda c: c.name)
def test_each_case_is_logged_with_its_site(corpus: CorpusRun, case: Case) -> None:
    site = corpus.sites[case.name]
    lines = [line for line in corpus.stderr.splitlines() if site in line and case.log in line]
    assert lines, corpus.stderr


@pytest.mark.parametrize("case", [c for c in CASES if c.counter], ids=lambda c: c.name)
def test_each_case_is_counted_in_the_summary(corpus: CorpusRun, case: Case) -> None:
    site = corpus.sites[case.name]
    if case.counter == "errors":
        assert _row(corpus.stdout, site)[5] >= 1, corpus.stdout  # errors
    else:
        note = re.compile(rf"{re.escape(site)}: [1-9]\d* {NOTE_WORDS[case.counter]}")
        assert note.search(corpus.stdout), corpus.stdout


def test_memory_stays_bounded(corpus: CorpusRun) -> None:
    assert corpus.peak_rss_mb < PEAK_RSS_MB


def test_the_run_finishes_and_the_other_service_is_never_asked(corpus: CorpusRun) -> None:
    assert corpus.code == 0, corpus.stderr
    assert corpus.other_service_requests == []


def test_a_wrong_charset_is_read_right(corpus: CorpusRun) -> None:
    assert WRONG_CHARSET_TEXT in corpus.texts[HOSTILE]
