"""Extraction quality on every dev corpus: newscrawl, trafilatura and readability-lxml, one run.

For each corpus in ``../shared/datasets/`` (article-bench-dev plus the five extraction-corpora
dev splits, ~1,700 pages) and each extractor, prints F1/P/R with the corpus's own metric, the
catastrophic pages (gold not empty, output empty or recall < 0.2), pages per CPU second, and
newscrawl's metadata accuracy on the annotated article-bench pages. Every extractor gets the raw
bytes and the URL, as a crawler would.

    .venv/bin/python bench/extraction_quality.py [--corpora a,b] [--extractors newscrawl,...]
        [--jobs N] [--lost] [--json FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpora import CORPUS_NAMES, Corpus, Result, load_corpora, score_corpus

REPO = Path(__file__).resolve().parent.parent
ANNOTATIONS = REPO / "bench" / "annotations" / "article-bench-dev-metadata.json"
EXTRACTORS = ("newscrawl", "trafilatura", "readability")


def run_newscrawl(html: bytes, url: str | None) -> dict[str, Any]:
    from newscrawl.extraction import extract

    article = extract(html, url)
    if article is None:
        return {"text": ""}
    return {
        "text": article.text,
        "title": article.title,
        "authors": article.authors,
        "published": article.published_at.date().isoformat() if article.published_at else None,
        "language": article.language,
    }


def run_trafilatura(html: bytes, url: str | None) -> dict[str, Any]:
    import trafilatura

    return {"text": trafilatura.extract(html, url=url, include_comments=False) or ""}


def run_readability(html: bytes, url: str | None) -> dict[str, Any]:
    from newscrawl.extraction.readable import readability_text

    return {"text": readability_text(html, url)}


RUNNERS: dict[str, Callable[[bytes, str | None], dict[str, Any]]] = {
    "newscrawl": run_newscrawl,
    "trafilatura": run_trafilatura,
    "readability": run_readability,
}


def _warm(pages: list[tuple[bytes, str | None]], names: list[str]) -> None:
    """Run every extractor once over a few pages, untimed: pages/s is the steady state a
    crawl's long-lived workers see, not the first-use cost of compiled tables and caches.
    newscrawl's also loads dateparser's locale tables, as its crawl workers do at start."""
    if "newscrawl" in names:
        from newscrawl.extraction.warm import warm_date_parser

        warm_date_parser()
    for name in names:
        for html, url in pages:
            with contextlib.suppress(Exception):
                RUNNERS[name](html, url)


def _chunk(args: tuple[str, str, list[tuple[str, bytes, str | None]]]) -> list[Any]:
    """Run one extractor over a chunk of pages in a worker: (id, output, cpu seconds)."""
    name, _, pages = args
    run = RUNNERS[name]
    found = []
    for pid, html, url in pages:
        start = time.process_time()
        try:
            output = run(html, url)
        except Exception as exc:  # a crash is a lost page, reported, never a stopped bench
            output = {"text": "", "error": repr(exc)}
        found.append((pid, output, time.process_time() - start))
    return found


def run_extractor(
    name: str, corpus: Corpus, pool: ProcessPoolExecutor, jobs: int
) -> tuple[dict[str, dict[str, Any]], float]:
    """Outputs by page id and the CPU seconds spent extracting."""
    pages = [(pid, corpus.page_bytes(pid), corpus.urls[pid]) for pid in corpus.ids]
    size = max(1, len(pages) // (jobs * 4))
    chunks = [(name, corpus.name, pages[i : i + size]) for i in range(0, len(pages), size)]
    outputs: dict[str, dict[str, Any]] = {}
    cpu = 0.0
    for found in pool.map(_chunk, chunks):
        for pid, output, seconds in found:
            outputs[pid] = output
            cpu += seconds
    return outputs, cpu


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def metadata_accuracy(
    found: dict[str, dict[str, Any]], truth: dict[str, dict[str, Any]]
) -> dict[str, float]:
    """Share of annotated pages with the exact title, publication day, author set, language."""
    hits = dict.fromkeys(("title", "published", "authors", "language"), 0)
    totals = dict.fromkeys(hits, 0)
    for pid, expected in truth.items():
        got = found.get(pid, {})
        totals["title"] += 1
        hits["title"] += _norm(got.get("title")) == _norm(expected.get("title"))
        if expected.get("published"):
            totals["published"] += 1
            hits["published"] += got.get("published") == expected["published"]
        totals["authors"] += 1
        want = {_norm(a).casefold() for a in expected.get("authors") or []}
        hits["authors"] += {_norm(a).casefold() for a in got.get("authors") or []} == want
        if expected.get("language"):
            totals["language"] += 1
            hits["language"] += (got.get("language") or "")[:2] == expected["language"]
    return {key: hits[key] / totals[key] for key in hits if totals[key]}


def _day(value: datetime | str | None) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value[:10] if value else None


def _row(corpus: str, name: str, result: Result, rate: float) -> str:
    return (
        f"{corpus:<17} {name:<12} {result.f1:6.3f} {result.precision:6.3f} {result.recall:6.3f}"
        f" {result.catastrophic:5d} {rate:8.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=",".join(CORPUS_NAMES))
    parser.add_argument("--extractors", default=",".join(EXTRACTORS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--lost", action="store_true", help="list newscrawl's lost page ids")
    parser.add_argument("--json", type=Path, help="write every score (and outputs) here")
    args = parser.parse_args(argv)
    names = [n for n in args.extractors.split(",") if n]
    corpora = load_corpora(names=tuple(args.corpora.split(",")))
    report: dict[str, Any] = {}
    print(
        f"{'corpus':<17} {'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'lost':>5} {'pages/s':>8}"
    )
    print("(pages/s: pages per CPU second of extraction; lost: catastrophic pages)")
    warm = [(c.page_bytes(pid), c.urls[pid]) for c in corpora for pid in c.ids[:2]]
    with ProcessPoolExecutor(
        max_workers=args.jobs, initializer=_warm, initargs=(warm, names)
    ) as pool:
        for corpus in corpora:
            for name in names:
                outputs, cpu = run_extractor(name, corpus, pool, args.jobs)
                result = score_corpus(corpus, {k: v["text"] for k, v in outputs.items()})
                rate = len(outputs) / cpu if cpu else 0.0
                print(_row(corpus.name, name, result, rate), flush=True)
                report.setdefault(corpus.name, {})[name] = {
                    "f1": result.f1,
                    "precision": result.precision,
                    "recall": result.recall,
                    "catastrophic": result.catastrophic,
                    "lost": list(result.lost),
                    "pages": result.pages,
                    "pages_per_cpu_s": rate,
                    "outputs": {k: v["text"] for k, v in outputs.items()},
                }
                if name == "newscrawl" and args.lost and result.lost:
                    print(f"    lost: {' '.join(result.lost)}")
                if name == "newscrawl" and corpus.name == "article-bench" and ANNOTATIONS.exists():
                    annotated = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))
                    acc = metadata_accuracy(outputs, annotated)
                    report[corpus.name]["metadata"] = acc
                    print(
                        f"    newscrawl metadata on {len(annotated)} pages: "
                        + "  ".join(f"{k} {v:.1%}" for k, v in acc.items())
                    )
            ratio = cpu_ratio(report[corpus.name])
            if ratio is not None:
                report[corpus.name]["cpu_ratio"] = ratio
                print(f"    newscrawl CPU per page: {ratio:.2f}x trafilatura's", flush=True)
    _print_totals(report, names)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return 0


def cpu_ratio(scores: dict[str, Any]) -> float | None:
    """newscrawl's CPU seconds per page over trafilatura's, on one corpus (None without both)."""
    ours = scores.get("newscrawl", {}).get("pages_per_cpu_s")
    theirs = scores.get("trafilatura", {}).get("pages_per_cpu_s")
    return theirs / ours if ours and theirs else None


def _print_totals(report: dict[str, Any], names: list[str]) -> None:
    ratios = [s["cpu_ratio"] for s in report.values() if "cpu_ratio" in s]
    if ratios:
        print(f"\nnewscrawl CPU per page vs trafilatura's: worst corpus {max(ratios):.2f}x")
    print("\nper extractor: mean F1 over corpora, lost pages in all, pages per CPU second")
    for name in names:
        rows = [scores[name] for scores in report.values() if name in scores]
        if not rows:
            continue
        f1 = sum(r["f1"] for r in rows) / len(rows)
        lost = sum(r["catastrophic"] for r in rows)
        pages = sum(r["pages"] for r in rows)
        seconds = sum(r["pages"] / r["pages_per_cpu_s"] for r in rows if r["pages_per_cpu_s"])
        print(f"  {name:<12} F1 {f1:.4f}  lost {lost:4d}  {pages / seconds:6.1f} pages/s")


if __name__ == "__main__":
    raise SystemExit(main())
