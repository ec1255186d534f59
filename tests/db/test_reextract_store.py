"""``reextract`` over a stored crawl: revisions only where the text changed, and a date that
came from the feed (the page shows none) survives; extraction runs in a worker process."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from newscrawl.archive import WarcArchive, iter_index, read_page
from newscrawl.db import ArticleStore, WriteContext
from newscrawl.extraction import SiteRules
from newscrawl.extraction.version import EXTRACTOR_VERSION
from newscrawl.reextract import Workers, extract_page, reextract

PROSE = " ".join(["Harbour officials said the new ferry terminal would open in June."] * 12)
HEADERS = [("Content-Type", "text/html; charset=utf-8")]
FERRY, BRIDGE = "https://a.example/news/ferry", "https://a.example/news/bridge"
FEED_DATE = datetime(2024, 5, 2, 7, 30, tzinfo=UTC)


def _page(title: str, extra: str) -> bytes:
    """An article page that states no publication date."""
    return (
        f"<html lang='en'><head><title>{title}</title><meta property='og:type' "
        f"content='article'></head><body><article><h1>{title}</h1><p>{PROSE}</p>"
        f"<p>{extra} {PROSE}</p></article></body></html>"
    ).encode()


def _archive(folder: Path, run: str, ferry_extra: str, when: datetime) -> list[Path]:
    archive = WarcArchive(folder, run, max_bytes=10**8)
    archive.write(FERRY, 200, HEADERS, _page("Ferry", ferry_extra), when, "a")
    archive.write(BRIDGE, 200, HEADERS, _page("Bridge", "Steel."), when, "a")
    archive.close()
    return archive.paths


def _crawl(store: ArticleStore, paths: list[Path]) -> None:
    """Store the archived pages as the crawl did: the feed gave the ferry story its date."""
    found = [extract_page(read_page(e.path, e.offset), SiteRules()) for e in iter_index(paths)]
    articles = [a for a in found if a is not None]
    assert all(a.published_at is None for a in articles)  # the pages show no date
    dated = [replace(a, published_at=FEED_DATE) if a.url == FERRY else a for a in articles]
    store.save_batch(dated, WriteContext(EXTRACTOR_VERSION, site="a"))


def test_reextract_revises_only_changed_text_and_keeps_the_feed_date(
    store: ArticleStore, tmp_path: Path
) -> None:
    may, june = datetime(2024, 5, 2, 8, tzinfo=UTC), datetime(2024, 6, 1, tzinfo=UTC)
    first = _archive(tmp_path / "warc", "run1", "Old.", may)
    _crawl(store, first)
    later = _archive(tmp_path / "warc", "run2", "Corrected.", june)  # the ferry text changed
    result = reextract(
        store, first + later, lambda site: SiteRules(), workers=Workers(1, timeout=60)
    )
    assert (result.pages, result.changed, result.unchanged, result.new) == (2, 1, 1, 0)
    records = {r["url"]: r for r in store.iter_records()}
    assert "Corrected." in records[FERRY]["text"]
    assert records[FERRY]["published_at"] == FEED_DATE  # the page has none: the feed's stays
    assert [r["reason"] for r in store.revisions_of(FERRY)] == ["reextract"]
    assert "Old." in store.revisions_of(FERRY)[0]["text"]
    assert store.revisions_of(BRIDGE) == []  # same text: no revision
    assert records[BRIDGE]["revision"] == 1
