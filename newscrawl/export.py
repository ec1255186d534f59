"""Write stored articles out as JSON Lines or CSV. Pure over the store: no Scrapy.

Every record has all :class:`~newscrawl.items.Article` fields (``Article.to_record()``),
datetimes as ISO 8601 strings. In CSV, list and dict fields (``authors``, ``tags``,
``attribution``) are JSON-encoded inside their cell, so they round-trip exactly, and
``None`` is an empty cell.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import fields
from typing import Any, Literal, Protocol, TextIO

from newscrawl.items import Article

ExportFormat = Literal["jsonl", "csv"]
FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Article))


class ArticleSource(Protocol):
    """Anything that streams articles, like :class:`newscrawl.db.store.ArticleStore`."""

    def iter_articles(self, site: str | None = None) -> Iterator[Article]: ...


def write_export(
    store: ArticleSource, fmt: ExportFormat, out: TextIO, site: str | None = None
) -> int:
    """Write every stored article (of ``site``, if given) to ``out``; return the count."""
    records = (article.to_record() for article in store.iter_articles(site))
    if fmt == "jsonl":
        return _write_jsonl(records, out)
    if fmt == "csv":
        return _write_csv(records, out)
    raise ValueError(f"unknown export format {fmt!r}: use 'jsonl' or 'csv'")


def _write_jsonl(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(records: Iterator[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=FIELDS)
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
