"""Add a stored-page fixture: ``python -m newscrawl.extraction.fixture add FILE.html ...``.

Copies the page to ``tests/fixtures/pages/<site>/<slug>.html`` and writes ``<slug>.json``
beside it with the current ``extract()`` output, for a human to review before committing.
``--absent`` / ``--present`` record phrases the text must not / must contain.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path
from typing import Any

from newscrawl.extraction.core import extract
from newscrawl.items import Article

DEFAULT_ROOT = Path("tests/fixtures/pages")
FIELDS = ("title", "authors", "published_at", "modified_at", "site", "language", "text")


def expected_fields(article: Article | None) -> dict[str, Any] | None:
    """The reviewed fields of an extraction, JSON-ready (None for a non-article)."""
    if article is None:
        return None
    record = article.to_record()
    fields = {key: record[key] for key in FIELDS}
    fields["attribution"] = [
        {"name": a.name, "kind": a.kind, "url": a.url} for a in article.attribution
    ]
    return fields


def _slug(path: Path) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "page"


def add_fixture(
    source: Path,
    site: str,
    url: str,
    *,
    slug: str | None = None,
    root: Path = DEFAULT_ROOT,
    absent: list[str] | None = None,
    present: list[str] | None = None,
) -> Path:
    """Copy ``source`` into the fixture tree and write its expectation file; returns the .json."""
    target = root / site / f"{slug or _slug(source)}.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    article = extract(target.read_bytes(), url)
    record = {
        "url": url,
        "expected": expected_fields(article),
        "absent": absent or [],
        "present": present or [],
    }
    json_path = target.with_suffix(".json")
    json_path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return json_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscrawl.extraction.fixture")
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("add", help="store a page and its current extraction")
    add.add_argument("file", type=Path)
    add.add_argument("--site", required=True)
    add.add_argument("--url", required=True)
    add.add_argument("--slug")
    add.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    add.add_argument("--absent", action="append", default=[], help="text that must not appear")
    add.add_argument("--present", action="append", default=[], help="text that must appear")
    args = parser.parse_args(argv)
    path = add_fixture(
        args.file,
        args.site,
        args.url,
        slug=args.slug,
        root=args.root,
        absent=args.absent,
        present=args.present,
    )
    print(f"wrote {path} (review it before committing)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
