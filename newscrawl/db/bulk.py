"""Bulk inserts: ``COPY ... FROM STDIN`` on PostgreSQL (psycopg), ``executemany`` elsewhere.

psycopg sends an ``executemany`` as one Bind/Execute per row, and SQLAlchemy builds a
parameter dict per row: that per-row work was most of the client CPU of a batched write.
COPY streams the rows in one statement, formatted by psycopg's C code. The values pass
through the same SQLAlchemy bind processors as a normal insert (``UTCDateTime`` to aware
UTC; JSON documents as JSON text, as the driver would send them), so the rows stored are
the same. Driver errors are raised as SQLAlchemy errors, and a lost connection is
invalidated, as ``Connection.execute`` does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from json.encoder import encode_basestring_ascii
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import JSON, Connection, Table
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    import psycopg

COPY_DRIVERS = frozenset(["psycopg"])  # drivers whose cursors have ``copy()`` (psycopg 3)
Processor = Callable[[Any], Any]


def insert_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys, all columns of ``table``) into ``table``."""
    if not rows:
        return
    if conn.dialect.name == "postgresql" and conn.dialect.driver in COPY_DRIVERS:
        _copy_rows(conn, table, rows)
    else:
        conn.execute(table.insert(), list(rows))


def _copy_rows(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    names = list(rows[0])
    steps = [(name, _bind_processor(conn, table, name)) for name in names]
    statement = _copy_statement(conn, table, names)
    raw = conn.connection  # the pooled DBAPI connection, in this transaction
    driver = cast("psycopg.Connection[Any]", raw.driver_connection)
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[n] if p is None else p(row[n]) for n, p in steps])
    except conn.dialect.loaded_dbapi.Error as exc:
        disconnected = conn.dialect.is_disconnect(exc, raw.dbapi_connection, None)
        if disconnected:
            conn.invalidate(exc)
        raise DBAPIError.instance(
            statement,
            None,
            exc,
            conn.dialect.loaded_dbapi.Error,
            connection_invalidated=disconnected,
            dialect=conn.dialect,
        ) from exc


def _bind_processor(conn: Connection, table: Table, name: str) -> Processor | None:
    column_type = table.c[name].type.dialect_impl(conn.dialect)
    if isinstance(column_type, JSON):  # COPY's text format takes the document as text:
        return _json_text  # skip wrapping it for the driver to serialize
    return column_type.bind_processor(conn.dialect)


def _json_text(value: Any) -> str:
    """``json.dumps``; lists of strings (authors, tags) by a shortcut twice as fast. PostgreSQL
    stores JSONB parsed, so the spacing of the text makes no difference."""
    if type(value) is list and all(type(item) is str for item in value):
        return f"[{','.join(map(encode_basestring_ascii, value))}]"
    return json.dumps(value)


def _copy_statement(conn: Connection, table: Table, names: Sequence[str]) -> str:
    quote = conn.dialect.identifier_preparer
    columns = ", ".join(quote.quote(name) for name in names)
    return f"COPY {quote.format_table(table)} ({columns}) FROM STDIN"
