"""Write stored articles out as JSON Lines, CSV or Parquet. Pure over the store: no Scrapy.

Records have the columns of ``articles`` (``EXPORT_FIELDS``), datetimes as ISO 8601 strings
(Parquet: UTC timestamps). In CSV, list and dict fields (``authors``, ``tags``,
``attribution``) are JSON-encoded inside their cell, and ``None`` is an empty cell.
Rows are streamed in change order: memory stays constant whatever the size.

The change feed: ``since`` is a cursor (a change sequence number); the export holds every
article inserted or changed after it, each once in its current version, and
``ExportResult.next_cursor`` is the cursor to pass next time.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, Literal, Protocol

ExportFormat = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
EXPORT_FIELDS: tuple[str, ...] = (
    "id", "change_seq", "site", "site_name", "canonical_url", "url", "title", "authors",
    "published_at", "published_source", "modified_at", "language", "description", "image_url",
    "tags", "text", "attribution", "text_hash", "content_hash", "extractor_version", "revision",
    "fetched_at", "first_seen_at", "last_seen_at", "changed_at", "first_run_id", "changed_run_id",
    "duplicate_of", "duplicate_relation", "similarity", "cluster_id",
)  # fmt: skip
FIELDS = EXPORT_FIELDS


class RecordSource(Protocol):
    """Anything that streams stored rows, like :class:`newscrawl.db.store.ArticleStore`."""

    def iter_records(
        self, site: str | None = None, since: int = 0, until: int | None = None
    ) -> Iterator[dict[str, Any]]: ...

    def last_change(self) -> int: ...


@dataclass(frozen=True)
class ExportResult:
    count: int
    next_cursor: int


def write_export(
    store: RecordSource,
    fmt: ExportFormat,
    out: IO[Any],
    site: str | None = None,
    since: int = 0,
) -> ExportResult:
    """Write the articles changed after ``since`` (of ``site``, if given) to ``out``.

    ``out`` is a text stream for JSONL and CSV, a binary one for Parquet.
    """
    until = store.last_change()  # every change up to here is committed (see db/store.py)
    records = (_record(row) for row in store.iter_records(site, since=since, until=until))
    if fmt == "jsonl":
        count = _write_jsonl(records, out)
    elif fmt == "csv":
        count = _write_csv(records, out)
    elif fmt == "parquet":
        from newscrawl.export_parquet import write_parquet

        count = write_parquet(store.iter_records(site, since=since, until=until), out)
    else:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    return ExportResult(count=count, next_cursor=max(since, until))


def _record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        key: row[key].isoformat() if isinstance(row[key], datetime) else row[key]
        for key in EXPORT_FIELDS
    }


def _write_jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow({key: csv_cell(value) for key, value in record.items()})
        count += 1
    return count


def csv_cell(value: Any) -> str:
    """One CSV cell: lists and dicts as JSON, ``None`` as empty, the rest as text."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
