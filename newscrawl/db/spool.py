"""Articles that could not be written: kept as JSON lines on disk instead of lost."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from newscrawl.items import Article


def spool_articles(articles: Sequence[Article], directory: str | Path, label: str) -> Path:
    """Append ``articles`` to a new JSON-lines file under ``directory``; returns its path."""
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    safe_label = "".join(c if c.isalnum() or c in "-_." else "_" for c in label)
    path = folder / f"{safe_label}-{stamp}.jsonl"
    with path.open("a", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article.to_record(), ensure_ascii=False) + "\n")
    return path
