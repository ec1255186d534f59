"""newscrawl.archive: WARC records written, rotated by size, and read back exactly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newscrawl.archive import WarcArchive, iter_index, iter_pages, read_page, warc_files

HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Encoding", "gzip"),  # Scrapy stores the decoded body: the header must go
    ("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT"),
]


def _write(archive: WarcArchive, n: int, site: str = "harbour") -> bytes:
    body = f"<html><body><p>Page {n} — ünïcode</p></body></html>".encode() * 20
    fetched = datetime(2024, 5, 1, 10, 0, n, 123456, tzinfo=UTC)
    archive.write(f"https://herald.example/news/{n}", 200, HEADERS, body, fetched, site)
    return body


def test_pages_round_trip_with_headers_body_site_and_fetch_time(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path / "warc", "run7-harbour", max_bytes=10_000_000)
    bodies = [_write(archive, n) for n in (1, 2)]
    archive.close()
    (path,) = warc_files(tmp_path / "warc")
    assert path.name == "run7-harbour-00000.warc.gz"
    pages = list(iter_pages([path]))
    assert [p.body for p in pages] == bodies
    assert pages[0].url == "https://herald.example/news/1"
    assert pages[0].site == "harbour" and pages[0].status == 200
    assert pages[0].fetched_at == datetime(2024, 5, 1, 10, 0, 1, 123456, tzinfo=UTC)
    names = [k.lower() for k, _ in pages[0].headers]
    assert "content-encoding" not in names and "last-modified" in names
    assert pages[0].content_type == "text/html; charset=utf-8"
    entries = list(iter_index([path]))
    assert read_page(path, entries[1].offset).body == bodies[1]
    with path.open("rb") as handle:  # a standard WARC: warcinfo, then the responses
        types = [r.rec_type for r in ArchiveIterator(handle)]
    assert types == ["warcinfo", "response", "response"]


def test_files_rotate_by_size(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path, "run1-site", max_bytes=1)  # every record ends a file
    for n in range(3):
        _write(archive, n)
    archive.close()
    paths = warc_files(tmp_path)
    assert [p.name for p in paths] == [f"run1-site-0000{n}.warc.gz" for n in range(3)]
    assert [p.url for p in iter_pages(paths)] == [
        f"https://herald.example/news/{n}" for n in range(3)
    ]
