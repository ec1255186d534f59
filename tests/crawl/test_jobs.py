"""Every way of starting a crawl picks the target's job directory under the data dir.

``newscrawl crawl``, ``scrapy crawl news -a url=...`` and a Scrapyd job (tests/deploy) build
the spider the same way; the directory is what they share, so one resumes another's job.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.crawler import Crawler

from newscrawl.crawl import project_settings
from newscrawl.spiders.asiatimes import AsiaTimesSpider
from newscrawl.spiders.base import NewsSpider


def _jobdir(spidercls: type[NewsSpider], url: str | None = None, **settings: object) -> str:
    crawler = Crawler(spidercls, project_settings(**settings))
    spidercls.from_crawler(crawler, url=url)
    return str(crawler.settings.get("JOBDIR"))


def test_a_url_gets_a_job_dir_named_for_its_host_and_port(_data_dir: Path) -> None:
    assert _jobdir(NewsSpider, "http://127.0.0.1:8080/") == str(_data_dir / "jobs/127.0.0.1_8080")


def test_a_bundled_site_gets_a_job_dir_named_for_the_site(_data_dir: Path) -> None:
    assert _jobdir(AsiaTimesSpider) == str(_data_dir / "jobs" / "asiatimes")


def test_the_job_dir_follows_a_data_dir_given_as_a_setting(tmp_path: Path) -> None:
    # Scrapyd: -d setting=DATA_DIR=..., never the daemon's working directory
    found = _jobdir(NewsSpider, "https://example.com/", DATA_DIR=str(tmp_path))
    assert found == str(tmp_path / "jobs" / "example.com")


def test_jobs_dir_and_an_explicit_jobdir_win(tmp_path: Path) -> None:
    found = _jobdir(NewsSpider, "https://example.com/", JOBS_DIR=str(tmp_path), DATA_DIR="/x")
    assert found == str(tmp_path / "example.com")  # --job-dir
    assert _jobdir(NewsSpider, "https://example.com/", JOBDIR="/y/z") == "/y/z"  # -s JOBDIR=
