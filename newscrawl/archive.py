"""WARC files of fetched article pages, as the server sent them (status, headers, body).

One file series per crawl run and target, ``<DATA_DIR>/warc/<label>-NNNNN.warc.gz``, a new
file when one reaches ``max_bytes``. Each file starts with a ``warcinfo`` record; each page
is a ``response`` record whose ``WARC-Date`` is the fetch time and whose
``WARC-Newscrawl-Site`` header names the crawl target. The body is stored decoded (Scrapy
removes transfer and content encodings), so those two headers are dropped and
``Content-Length`` is the stored body's length. Each record is its own gzip member,
compressed at ``GZIP_LEVEL`` (warcio's own gzip uses level 9: 6 ms of the crawler's CPU
for a 200 kB page, against 1.6 ms for a file 20 % larger). Pure: no Scrapy, no database.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SITE_HEADER = "WARC-Newscrawl-Site"
_DROPPED = {"content-encoding", "transfer-encoding", "content-length"}
GZIP_LEVEL = 1


@dataclass(frozen=True)
class ArchivedPage:
    url: str
    site: str | None
    fetched_at: datetime
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    path: Path
    offset: int

    @property
    def content_type(self) -> str:
        return next((v for k, v in self.headers if k.lower() == "content-type"), "")


class WarcArchive:
    """Appends response records to a rotating series of gzipped WARC files."""

    def __init__(self, directory: str | Path, label: str, max_bytes: int) -> None:
        self.directory = Path(directory)
        self.label = "".join(c if c.isalnum() or c in "-_." else "_" for c in label)
        self.max_bytes = max_bytes
        self.paths: list[Path] = []
        self._handle: IO[bytes] | None = None
        self._record = io.BytesIO()  # one uncompressed record, then gzipped to the file
        self._writer = WARCWriter(self._record, gzip=False, warc_version="WARC/1.1")

    def write(
        self,
        url: str,
        status: int,
        headers: Iterable[tuple[str, str]],
        body: bytes,
        fetched_at: datetime,
        site: str | None,
    ) -> None:
        """Archive one fetched page."""
        handle = self._current()
        kept = [(k, v) for k, v in headers if k.lower() not in _DROPPED]
        kept.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {_reason(status)}", kept, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": _warc_date(fetched_at)}
        if site:
            warc_headers[SITE_HEADER] = site
        record = self._writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),  # known: warcio then needs no unclosed temporary copy
            http_headers=http,
            warc_headers_dict=warc_headers,
        )
        self._append(handle, record)
        if handle.tell() >= self.max_bytes:
            self.close()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _current(self) -> IO[bytes]:
        if self._handle is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            path = self.directory / f"{self.label}-{len(self.paths):05d}.warc.gz"
            self._handle = path.open("ab")
            info = self._writer.create_warcinfo_record(
                path.name, {"software": "newscrawl", "format": "WARC File Format 1.1"}
            )
            self._append(self._handle, info)
            self.paths.append(path)
        return self._handle

    def _append(self, handle: IO[bytes], record: Any) -> None:
        """Write ``record`` to ``handle`` as one gzip member."""
        self._record.seek(0)
        self._record.truncate()
        self._writer.write_record(record)
        gzip = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        with self._record.getbuffer() as raw:
            handle.write(gzip.compress(raw) + gzip.flush())


def warc_files(directory: str | Path) -> list[Path]:
    """The WARC files under ``directory``, oldest series first."""
    folder = Path(directory)
    return sorted(folder.glob("*.warc.gz")) if folder.is_dir() else []


@dataclass(frozen=True)
class IndexEntry:
    url: str
    site: str | None
    fetched_at: datetime
    path: Path
    offset: int


def iter_index(paths: Iterable[Path]) -> Iterator[IndexEntry]:
    """Where each archived page is, without reading its body."""
    for path in paths:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                if record.rec_type == "response":
                    headers = record.rec_headers
                    yield IndexEntry(
                        url=headers.get_header("WARC-Target-URI"),
                        site=headers.get_header(SITE_HEADER),
                        fetched_at=_parse_date(headers.get_header("WARC-Date")),
                        path=path,
                        offset=records.get_record_offset(),
                    )


def iter_pages(paths: Iterable[Path]) -> Iterator[ArchivedPage]:
    """Every archived page in ``paths``, in file order."""
    for path in paths:
        with path.open("rb") as handle:
            records = ArchiveIterator(handle)
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                body = record.content_stream().read()  # before the offset: that reads on
                yield _page(record, body, path, records.get_record_offset())


def read_page(path: Path, offset: int) -> ArchivedPage:
    """The page recorded at ``offset`` of ``path``."""
    with path.open("rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        return _page(record, record.content_stream().read(), path, offset)


def _page(record: Any, body: bytes, path: Path, offset: int) -> ArchivedPage:
    http = record.http_headers
    date = record.rec_headers.get_header("WARC-Date")
    return ArchivedPage(
        url=record.rec_headers.get_header("WARC-Target-URI"),
        site=record.rec_headers.get_header(SITE_HEADER),
        fetched_at=_parse_date(date),
        status=int(http.get_statuscode() or 0),
        headers=list(http.headers),
        body=body,
        path=path,
        offset=offset,
    )


def _parse_date(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _warc_date(moment: datetime) -> str:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
