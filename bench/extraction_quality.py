"""Extraction quality on article-bench-dev: newscrawl against trafilatura, in the same run.

Prints body precision/recall/F1 (the benchmark's shingle metric, see article_metric.py),
metadata accuracy against hand annotations, and pages per second for both extractors.

    .venv/bin/python bench/extraction_quality.py [--dataset DIR] [--annotations FILE]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent))
from article_metric import Score, score

from newscrawl.extraction import extract

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = REPO.parent / "shared" / "datasets" / "article-bench-dev"
DEFAULT_ANNOTATIONS = REPO / "bench" / "annotations" / "article-bench-dev-metadata.json"


def load_pages(dataset: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(html by id, url by id, true body by id)."""
    truth = json.loads((dataset / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {
        pid: gzip.decompress((dataset / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8")
        for pid in truth
    }
    urls = {pid: entry["url"] for pid, entry in truth.items()}
    return pages, urls, {pid: entry["articleBody"] for pid, entry in truth.items()}


def timed(
    run: Callable[[str, str], Any], pages: dict[str, str], urls: dict[str, str], repeat: int
) -> tuple[dict[str, Any], float]:
    """Outputs by id and the best pages/s over ``repeat`` passes."""
    best = float("inf")
    outputs: dict[str, Any] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        outputs = {pid: run(html, urls[pid]) for pid, html in pages.items()}
        best = min(best, time.perf_counter() - start)
    return outputs, len(pages) / best


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def _day(value: datetime | str | None) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value[:10] if value else None


def metadata_accuracy(
    found: dict[str, dict[str, Any]], truth: dict[str, dict[str, Any]]
) -> dict[str, float]:
    """Share of annotated pages with the exact title, publication day and author set.

    Pages annotated with no visible publication day (null) are left out of that field.
    """
    hits = {"title": 0, "published": 0, "authors": 0}
    dated = [pid for pid, expected in truth.items() if expected.get("published")]
    for pid, expected in truth.items():
        got = found.get(pid, {})
        hits["title"] += _norm(got.get("title")) == _norm(expected.get("title"))
        hits["published"] += _day(got.get("published")) == expected.get("published")
        want = {_norm(a).casefold() for a in expected.get("authors") or []}
        hits["authors"] += {_norm(a).casefold() for a in got.get("authors") or []} == want
    total = {"title": len(truth), "published": len(dated), "authors": len(truth)}
    return {field: hits[field] / total[field] if total[field] else 0.0 for field in hits}


def newscrawl_run(html: str, url: str) -> dict[str, Any]:
    article = extract(html, url)
    if article is None:
        return {"text": ""}
    return {
        "text": article.text,
        "title": article.title,
        "authors": article.authors,
        "published": article.published_at,
    }


def trafilatura_run(html: str, url: str) -> dict[str, Any]:
    return {"text": trafilatura.extract(html, url=url, include_comments=False) or ""}


def trafilatura_metadata(html: str, url: str) -> dict[str, Any]:
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return {}
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return {"title": doc.title, "authors": authors, "published": doc.date}


def _print_score(name: str, result: Score, rate: float) -> None:
    print(
        f"{name:<12} F1 {result.f1:.4f}  P {result.precision:.4f}  R {result.recall:.4f}"
        f"  exact {result.accuracy:.3f}  {rate:6.1f} pages/s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--annotations", type=Path, default=DEFAULT_ANNOTATIONS)
    parser.add_argument("--repeat", type=int, default=2, help="timing passes (best is kept)")
    args = parser.parse_args(argv)
    pages, urls, truth = load_pages(args.dataset)
    ours, our_rate = timed(newscrawl_run, pages, urls, args.repeat)
    theirs, their_rate = timed(trafilatura_run, pages, urls, args.repeat)
    print(f"{len(pages)} pages from {args.dataset}")
    _print_score("newscrawl", score({k: v["text"] for k, v in ours.items()}, truth), our_rate)
    _print_score("trafilatura", score({k: v["text"] for k, v in theirs.items()}, truth), their_rate)
    print(f"speed ratio newscrawl/trafilatura: {our_rate / their_rate:.2f}")
    if args.annotations.exists():
        annotated = json.loads(args.annotations.read_text(encoding="utf-8"))
        base = {pid: trafilatura_metadata(pages[pid], urls[pid]) for pid in annotated}
        for name, found in (("newscrawl", ours), ("trafilatura", base)):
            acc = metadata_accuracy(found, annotated)
            print(
                f"{name:<12} metadata on {len(annotated)} pages: title {acc['title']:.1%}"
                f"  published day {acc['published']:.1%}  authors {acc['authors']:.1%}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
