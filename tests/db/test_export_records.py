"""newscrawl.export: JSON Lines, CSV and Parquet carry every exported column."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from newscrawl.db import ArticleStore
from newscrawl.export import EXPORT_FIELDS, write_export
from tests.db.sample_articles import make_article

JSON_FIELDS = {"authors", "tags", "attribution"}
INT_FIELDS = {"change_seq", "revision", "first_run_id", "changed_run_id"}
TEXT_FIELDS = {"url", "canonical_url", "text"}  # never None, so an empty cell means ""


def _from_csv_row(row: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, cell in row.items():
        if key in JSON_FIELDS:
            record[key] = json.loads(cell)
        elif key in INT_FIELDS:
            record[key] = int(cell) if cell else None
        else:
            record[key] = cell if cell or key in TEXT_FIELDS else None
    return record


@pytest.fixture
def filled(store: ArticleStore) -> ArticleStore:
    store.save_batch(
        [make_article(1), make_article(2, "other.org", title=None, text=""), make_article(3)]
    )
    return store


def _jsonl(store: ArticleStore, **kwargs: Any) -> list[dict[str, Any]]:
    out = io.StringIO()
    result = write_export(store, "jsonl", out, **kwargs)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert result.count == len(records)
    return records


def test_jsonl_has_every_column_and_the_article_fields(filled: ArticleStore) -> None:
    records = _jsonl(filled)
    assert [list(r) for r in records] == [list(EXPORT_FIELDS)] * 3
    stored = list(filled.iter_articles())
    article = stored[0].to_record()
    assert {k: records[0][k] for k in article if k != "site"} == {
        k: v for k, v in article.items() if k != "site"
    }
    assert [r["change_seq"] for r in records] == [1, 2, 3]
    assert records[0]["revision"] == 1
    assert records[0]["first_seen_at"] == records[0]["fetched_at"]


def test_csv_round_trips_every_field(filled: ArticleStore) -> None:
    out = io.StringIO(newline="")
    assert write_export(filled, "csv", out).count == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0]) == list(EXPORT_FIELDS)
    assert [_from_csv_row(r) for r in rows] == _jsonl(filled)


def test_parquet_holds_the_same_records(filled: ArticleStore) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = io.BytesIO()
    assert write_export(filled, "parquet", out).count == 3
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.column_names == list(EXPORT_FIELDS)
    rows = table.to_pylist()
    expected = _jsonl(filled)
    assert [r["canonical_url"] for r in rows] == [r["canonical_url"] for r in expected]
    assert rows[0]["published_at"].isoformat() == expected[0]["published_at"]
    assert rows[0]["attribution"] == expected[0]["attribution"]


def test_export_of_one_site(filled: ArticleStore) -> None:
    (record,) = _jsonl(filled, site="other.org")
    assert record["site"] == "other.org"


def test_unknown_format_is_refused(filled: ArticleStore) -> None:
    with pytest.raises(ValueError, match="xml"):
        write_export(filled, "xml", io.StringIO())  # type: ignore[arg-type]


def test_the_cursor_returns_each_change_once(filled: ArticleStore) -> None:
    first = write_export(filled, "jsonl", io.StringIO())
    assert first.next_cursor == 3
    assert _jsonl(filled, since=first.next_cursor) == []
    changed = make_article(2, "other.org", title="New title", text="")
    filled.save_batch([changed, make_article(1), make_article(4)])
    records = _jsonl(filled, since=first.next_cursor)
    assert [(r["canonical_url"], r["revision"]) for r in records] == [
        ("https://other.org/news/2", 2),
        ("https://example.com/news/4", 1),
    ]
    again = write_export(filled, "jsonl", io.StringIO(), since=first.next_cursor)
    assert again.next_cursor == 5
    assert _jsonl(filled, since=again.next_cursor) == []
