"""newscrawl.export: JSON Lines and CSV carry every Article field."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from newscrawl.db import ArticleStore
from newscrawl.export import FIELDS, write_export
from tests.db.sample_articles import make_article

JSON_FIELDS = {"authors", "tags", "attribution"}
TEXT_FIELDS = {"url", "canonical_url", "text"}  # never None, so an empty cell means ""


def _from_csv_row(row: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, cell in row.items():
        if key in JSON_FIELDS:
            record[key] = json.loads(cell)
        else:
            record[key] = cell if cell or key in TEXT_FIELDS else None
    return record


@pytest.fixture
def filled(store: ArticleStore) -> ArticleStore:
    store.save_batch(
        [make_article(1), make_article(2, "other.org", title=None, text=""), make_article(3)]
    )
    return store


def test_jsonl_round_trips_every_field(filled: ArticleStore) -> None:
    out = io.StringIO()
    assert write_export(filled, "jsonl", out, None) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records == [a.to_record() for a in filled.iter_articles()]
    assert set(records[0]) == set(FIELDS)
    assert "日本語" in out.getvalue()  # not \u-escaped


def test_csv_round_trips_every_field(filled: ArticleStore) -> None:
    out = io.StringIO(newline="")
    assert write_export(filled, "csv", out, None) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert list(rows[0]) == list(FIELDS)
    assert [_from_csv_row(r) for r in rows] == [a.to_record() for a in filled.iter_articles()]


def test_export_of_one_site(filled: ArticleStore) -> None:
    out = io.StringIO()
    assert write_export(filled, "jsonl", out, "other.org") == 1
    assert json.loads(out.getvalue())["site"] == "other.org"


def test_unknown_format_is_refused(filled: ArticleStore) -> None:
    with pytest.raises(ValueError, match="xml"):
        write_export(filled, "xml", io.StringIO(), None)  # type: ignore[arg-type]
