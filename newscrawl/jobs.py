"""Job directories: each crawl target keeps its frontier in its own one, under the data dir.

``newscrawl crawl``, ``scrapy crawl news -a url=...`` and a Scrapyd job all pick the same
directory for a target, so any of them resumes what another left unfinished.
"""

from __future__ import annotations

import re
from pathlib import Path

from scrapy.settings import BaseSettings


def job_name(target: str) -> str:
    """A target's job directory name: the site name, or the URL's host and port."""
    name = re.sub(r"^https?://", "", target).split("/")[0] if "://" in target else target
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "site"


def jobs_root(settings: BaseSettings) -> Path:
    """``JOBS_DIR``; but ``DATA_DIR/jobs`` when ``DATA_DIR`` was set more specifically
    (e.g. ``-s DATA_DIR=...`` or Scrapyd's ``-d setting=DATA_DIR=...``) than ``JOBS_DIR``."""
    if (settings.getpriority("DATA_DIR") or 0) > (settings.getpriority("JOBS_DIR") or 0):
        return Path(settings.get("DATA_DIR")) / "jobs"
    return Path(settings.get("JOBS_DIR"))


def job_dir(target: str, settings: BaseSettings) -> str:
    """Where a target's frontier lives: ``<jobs root>/<site>``."""
    return str(jobs_root(settings) / job_name(target))


def use_job_dir(target: str, settings: BaseSettings) -> None:
    """Give a crawl its target's job directory as ``JOBDIR``, unless one was set explicitly
    (``-s JOBDIR=...``, also ``JOBDIR=`` for none): resumable without a flag."""
    settings.set("JOBDIR", job_dir(target, settings), priority="spider")
