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
    """One column per ``EXPORT_FIELDS`` entry; those not typed below are strings."""
    check_parquet()
    import pyarrow as pa

    from newscrawl.export import EXPORT_FIELDS

    text, ts, i64 = pa.string(), pa.timestamp("us", tz="UTC"), pa.int64()
    attribution = pa.struct([("name", text), ("kind", text), ("url", text)])
    types = {
        "change_seq": i64, "revision": i64, "first_run_id": i64, "changed_run_id": i64,
        "authors": pa.list_(text), "tags": pa.list_(text), "attribution": pa.list_(attribution),
        "published_at": ts, "modified_at": ts, "fetched_at": ts, "first_seen_at": ts,
        "last_seen_at": ts, "changed_at": ts, "similarity": pa.float64(),
    }  # fmt: skip
    return pa.schema([(name, types.get(name, text)) for name in EXPORT_FIELDS])


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
