"""The extraction dev corpora in ``../shared/datasets/`` and their metrics.

Six corpora: the article benchmark's dev split plus five public corpora (see
``extraction-corpora/README.md``). Five are scored with the article benchmark's shingle metric
(``article_metric.py``); trafilatura's own eval set is scored with its snippet metric. A page is
*catastrophic* when its gold is not empty and the output is empty or has recall under 0.2.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bench.article_metric import page_pr, score

REPO = Path(__file__).resolve().parent.parent
DATASETS = REPO.parent / "shared" / "datasets"
CATASTROPHIC_RECALL = 0.2

Kind = Literal["shingles", "snippets"]


@dataclass(frozen=True)
class Snippets:
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass
class Corpus:
    name: str
    kind: Kind
    html_dir: Path
    urls: dict[str, str | None]
    bodies: dict[str, str] = field(default_factory=dict)  # shingles corpora
    snippets: dict[str, Snippets] = field(default_factory=dict)  # snippets corpus

    def page_bytes(self, page_id: str) -> bytes:
        return gzip.decompress((self.html_dir / f"{page_id}.html.gz").read_bytes())

    @property
    def ids(self) -> list[str]:
        return sorted(self.urls)


@dataclass(frozen=True)
class Result:
    """One extractor on one corpus."""

    precision: float
    recall: float
    f1: float
    catastrophic: int
    pages: int
    lost: tuple[str, ...]  # ids of the catastrophic pages


def _aeb(name: str, folder: Path) -> Corpus:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return Corpus(
        name=name,
        kind="shingles",
        html_dir=folder / "html",
        urls={pid: entry.get("url") for pid, entry in truth.items()},
        bodies={pid: entry["articleBody"] for pid, entry in truth.items()},
    )


def _snippets(name: str, folder: Path) -> Corpus:
    data = json.loads((folder / "snippets.json").read_text(encoding="utf-8"))
    return Corpus(
        name=name,
        kind="snippets",
        html_dir=folder / "html",
        urls={pid: entry.get("url") for pid, entry in data.items()},
        snippets={
            pid: Snippets(tuple(e.get("with") or ()), tuple(e.get("without") or ()))
            for pid, e in data.items()
        },
    )


CORPUS_NAMES = (
    "article-bench",
    "l3s-gn1",
    "dragnet",
    "cleanportaleval",
    "readability",
    "trafilatura-eval",
)


def load_corpora(datasets: Path = DATASETS, names: tuple[str, ...] = CORPUS_NAMES) -> list[Corpus]:
    """The dev corpora, in a fixed order; missing ones are skipped."""
    found: list[Corpus] = []
    for name in names:
        if name == "article-bench":
            folder = datasets / "article-bench-dev"
            if (folder / "ground-truth.json").exists():
                found.append(_aeb(name, folder))
            continue
        folder = datasets / "extraction-corpora" / name / "dev"
        if (folder / "snippets.json").exists():
            found.append(_snippets(name, folder))
        elif (folder / "ground-truth.json").exists():
            found.append(_aeb(name, folder))
    return found


_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _score_snippets(corpus: Corpus, outputs: Mapping[str, str]) -> Result:
    tp = fn = fp = 0
    lost: list[str] = []
    for pid, snip in corpus.snippets.items():
        text = _normal(outputs.get(pid) or "")
        found = sum(1 for s in snip.with_ if text and _normal(s) in text)
        tp += found
        fn += len(snip.with_) - found
        fp += sum(1 for s in snip.without if text and _normal(s) in text)
        if snip.with_ and (not text or found / len(snip.with_) < CATASTROPHIC_RECALL):
            lost.append(pid)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Result(precision, recall, f1, len(lost), len(corpus.snippets), tuple(sorted(lost)))


def _score_shingles(corpus: Corpus, outputs: Mapping[str, str]) -> Result:
    result = score({pid: outputs.get(pid) or "" for pid in corpus.bodies}, corpus.bodies)
    lost = []
    for pid, gold in corpus.bodies.items():
        if not gold.strip():
            continue
        text = outputs.get(pid) or ""
        _, recall = page_pr(text, gold)
        if not text.strip() or (recall or 0.0) < CATASTROPHIC_RECALL:
            lost.append(pid)
    return Result(
        result.precision, result.recall, result.f1, len(lost), result.pages, tuple(sorted(lost))
    )


def score_corpus(corpus: Corpus, outputs: Mapping[str, str]) -> Result:
    """Score ``{page id: extracted text}`` on ``corpus`` with its own metric."""
    if corpus.kind == "snippets":
        return _score_snippets(corpus, outputs)
    return _score_shingles(corpus, outputs)
