"""Items that could not be written: kept as JSON lines on disk instead of lost.

One line per item: ``{"kind": "article" | "extraction_failure", "site", "run_id",
"extractor_version", "record": {...}}``, so a replay stores them exactly as the crawl would.
The end of a run that could not be recorded is a line of kind ``run_end`` (``RunEnd``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newscrawl.db.runs import RunEnd
from newscrawl.db.writes import WriteContext
from newscrawl.items import Article, Attribution, ExtractionFailure

SpoolItem = Article | ExtractionFailure
RUN_END = "run_end"


def spool_items(
    items: Sequence[SpoolItem], context: WriteContext, directory: str | Path, label: str
) -> Path:
    """Write ``items`` to a new JSON-lines file under ``directory``; returns its path."""
    return _write_lines((_line(item, context) for item in items), directory, label)


def spool_run_end(end: RunEnd, directory: str | Path, label: str) -> Path:
    """Write the end of a run (its counts, maybe its stop reason) to a new spool file."""
    record = asdict(end)
    record["ended_at"] = _iso(end.ended_at)
    line = {"kind": RUN_END, "site": None, "run_id": end.run_id, "record": record}
    return _write_lines([line], directory, label)


def _write_lines(lines: Iterable[dict[str, Any]], directory: str | Path, label: str) -> Path:
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    safe_label = "".join(c if c.isalnum() or c in "-_." else "_" for c in label)
    path = folder / f"{safe_label}-{stamp}.jsonl"
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    partial.rename(path)  # a replay never sees half a file
    return path


def read_spool(path: Path) -> Iterator[tuple[WriteContext, SpoolItem]]:
    """The items of one spool file with the context each was written in."""
    for data in _records(path):
        if data["kind"] != RUN_END:
            context = WriteContext(
                data["extractor_version"], site=data["site"], run_id=data["run_id"]
            )
            yield context, _item(data["kind"], data["record"])


def read_run_ends(path: Path) -> Iterator[RunEnd]:
    """The run ends spooled in one file."""
    for data in _records(path):
        if data["kind"] == RUN_END:
            record = data["record"]
            yield RunEnd(**{**record, "ended_at": _date(record["ended_at"])})


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _line(item: SpoolItem, context: WriteContext) -> dict[str, Any]:
    if isinstance(item, Article):
        kind, record = "article", item.to_record()
    else:
        kind, record = "extraction_failure", asdict(item)
        record["fetched_at"] = _iso(item.fetched_at)
    return {
        "kind": kind,
        "site": context.site,
        "run_id": context.run_id,
        "extractor_version": context.extractor_version,
        "record": record,
    }


def _item(kind: str, record: dict[str, Any]) -> SpoolItem:
    dates = {k: _date(record.get(k)) for k in ("published_at", "modified_at", "fetched_at")}
    if kind == "extraction_failure":
        return ExtractionFailure(
            url=record["url"],
            site=record["site"],
            reason=record["reason"],
            fetched_at=dates["fetched_at"],
        )
    fields = {**record, **dates}
    fields["attribution"] = [Attribution(**a) for a in record.get("attribution", [])]
    return Article(**fields)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
