"""Metadata quality: title, authors, publication day and language, on every dev corpus.

article-bench-dev is scored against hand annotations (bench/annotations/). On the five
extraction corpora, which have no metadata labels, the language is compared with the language
of the human gold text (py3langid on the gold, pages with >= 100 characters of gold only), and
on dragnet and CleanPortalEval, whose gold text starts with the headline, the title is checked
against the gold's first lines.
Pages go through ``newscrawl.extract(raw_bytes, url=url)``, as a crawl would give them.

    .venv/bin/python bench/metadata_quality.py [--jobs 2] [--dump out.json] [--corpus NAME]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATASETS = REPO.parent / "shared" / "datasets"
ANNOTATIONS = REPO / "bench" / "annotations" / "article-bench-dev-metadata.json"
CORPORA = ("article-bench-dev", "l3s-gn1", "dragnet", "cleanportaleval", "readability")
CORPORA += ("trafilatura-eval",)
MIN_GOLD_CHARS = 100
HEADLINE_GOLD = ("dragnet", "cleanportaleval")  # their gold text starts with the headline
HEADLINE_LINES = 5


def corpus_dir(name: str) -> Path:
    if name == "article-bench-dev":
        return DATASETS / name
    return DATASETS / "extraction-corpora" / name / "dev"


def pages(name: str) -> Iterator[tuple[str, str | None, Path, str]]:
    """(id, url, html path, gold text) of every page of a corpus."""
    folder = corpus_dir(name)
    snippets = folder / "snippets.json"
    source = snippets if snippets.exists() else folder / "ground-truth.json"
    truth = json.loads(source.read_text(encoding="utf-8"))
    for pid, entry in sorted(truth.items()):
        gold = entry.get("articleBody") or " ".join(entry.get("with") or [])
        yield pid, entry.get("url"), folder / "html" / f"{pid}.html.gz", gold


def run_page(job: tuple[str, str, str | None, str, str]) -> dict[str, Any]:
    """Extract one page (in a worker process) and the language of its gold text."""
    from newscrawl.extraction import extract
    from newscrawl.extraction.language import identify_language

    corpus, pid, url, path, gold = job
    body = gzip.decompress(Path(path).read_bytes())
    start = time.process_time()
    article = extract(body, url=url)
    spent = time.process_time() - start
    gold_lang = identify_language(gold) if len(gold or "") >= MIN_GOLD_CHARS else None
    found: dict[str, Any] = {"corpus": corpus, "id": pid, "cpu": spent, "gold_language": gold_lang}
    if corpus in HEADLINE_GOLD:
        found["gold_head"] = [line for line in (gold or "").splitlines() if line.strip()][
            :HEADLINE_LINES
        ]
    if article is not None:
        found.update(
            title=article.title,
            authors=article.authors,
            published=article.published_at.date().isoformat() if article.published_at else None,
            language=article.language,
            text_hash=article.text_hash,
        )
    return found


def _norm(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def annotated_accuracy(found: dict[str, dict[str, Any]], truth: dict[str, Any]) -> dict[str, Any]:
    """Share of annotated pages with the exact title, day, author set and language."""
    hits = dict.fromkeys(("title", "published", "authors", "language"), 0)
    totals = dict.fromkeys(hits, 0)
    misses: dict[str, list[str]] = {field: [] for field in hits}
    for pid, want in truth.items():
        got = found.get(pid, {})
        checks = {
            "title": _norm(got.get("title")) == _norm(want.get("title")),
            "authors": {_norm(a).casefold() for a in got.get("authors") or []}
            == {_norm(a).casefold() for a in want.get("authors") or []},
            "published": got.get("published") == want.get("published"),
            "language": got.get("language") == want.get("language"),
        }
        for field, ok in checks.items():
            if field in ("published", "language") and not want.get(field):
                continue
            totals[field] += 1
            hits[field] += ok
            if not ok:
                misses[field].append(pid)
    return {"accuracy": {f: hits[f] / totals[f] for f in hits if totals[f]}, "misses": misses}


def language_agreement(results: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    """(pages with a gold language, extracted, of those agreeing, extracted without language)."""
    known = [r for r in results if r["gold_language"]]
    extracted = [r for r in known if "language" in r]
    agree = sum(r["language"] == r["gold_language"] for r in extracted)
    missing = sum(r["language"] is None for r in extracted)
    return len(known), len(extracted), agree, missing


def _words(text: str | None) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text or "").casefold())


def headline_agreement(results: list[dict[str, Any]]) -> tuple[int, int]:
    """(pages whose title is one of the gold's first lines, extracted pages with a gold)."""
    rows = [r for r in results if "gold_head" in r and "language" in r]
    hits = sum(any(_words(r.get("title")) == _words(line) for line in r["gold_head"]) for r in rows)
    return hits, len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--corpus", action="append", choices=CORPORA)
    parser.add_argument("--dump", type=Path, help="write every page's result to this JSON file")
    args = parser.parse_args(argv)
    corpora = args.corpus or list(CORPORA)
    jobs = [(c, pid, url, str(path), gold) for c in corpora for pid, url, path, gold in pages(c)]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(run_page, jobs, chunksize=8))
    if args.dump:
        args.dump.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    if "article-bench-dev" in corpora:
        truth = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))
        found = {r["id"]: r for r in results if r["corpus"] == "article-bench-dev"}
        acc = annotated_accuracy(found, truth)["accuracy"]
        print(
            f"article-bench-dev annotated ({len(truth)} pages): "
            + "  ".join(f"{field} {share:.1%}" for field, share in acc.items())
        )
    for corpus in corpora:
        rows = [r for r in results if r["corpus"] == corpus]
        known, extracted, agree, missing = language_agreement(rows)
        cpu = sum(r["cpu"] for r in rows)
        print(
            f"{corpus:<18} {len(rows):4d} pages  language agrees with the gold text's on"
            f" {agree}/{extracted} extracted ({agree / max(extracted, 1):.1%}), none on {missing};"
            f" {known - extracted} with gold not extracted; extract CPU {cpu:.1f} s"
        )
        if corpus in HEADLINE_GOLD:
            hits, total = headline_agreement(rows)
            print(f"{'':<18} title is a line of the gold's head on {hits}/{total} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
