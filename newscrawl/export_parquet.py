"""Parquet export through the optional ``pyarrow`` extra (``pip install 'newscrawl[parquet]'``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

ROW_GROUP = 5_000  # rows buffered per Parquet row group: bounds memory


class ParquetUnavailable(RuntimeError):
    """pyarrow is not installed."""


def check_parquet() -> None:
    """Raise :class:`ParquetUnavailable` unless pyarrow can be imported."""
    try:
        import pyarrow  # noqa: F401 - only checks that the extra is installed
    except ImportError as exc:
        raise ParquetUnavailable(
            "Parquet export needs pyarrow: pip install 'newscrawl[parquet]'"
        ) from exc


def _schema() -> Any:
    check_parquet()
    import pyarrow as pa

    text, ts, i64 = pa.string(), pa.timestamp("us", tz="UTC"), pa.int64()
    attribution = pa.struct([("name", text), ("kind", text), ("url", text)])
    columns = [
        ("id", text), ("change_seq", i64), ("site", text), ("site_name", text),
        ("canonical_url", text), ("url", text), ("title", text), ("authors", pa.list_(text)),
        ("published_at", ts), ("modified_at", ts), ("language", text), ("description", text),
        ("image_url", text), ("tags", pa.list_(text)), ("text", text),
        ("attribution", pa.list_(attribution)), ("text_hash", text), ("content_hash", text),
        ("extractor_version", text), ("revision", i64), ("fetched_at", ts),
        ("first_seen_at", ts), ("last_seen_at", ts), ("changed_at", ts),
        ("first_run_id", i64), ("changed_run_id", i64),
    ]  # fmt: skip
    return pa.schema(columns)


def write_parquet(rows: Iterator[dict[str, Any]], out: IO[bytes]) -> int:
    """Stream ``rows`` into one Parquet file, a row group per ``ROW_GROUP`` rows."""
    schema = _schema()
    import pyarrow as pa
    import pyarrow.parquet as pq

    count = 0
    chunk: list[dict[str, Any]] = []
    with pq.ParquetWriter(out, schema) as writer:
        for row in rows:
            chunk.append({name: row[name] for name in schema.names})
            if len(chunk) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count, chunk = count + len(chunk), []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count
