"""The article-extraction-benchmark metric: 4-token shingle precision/recall/F1, macro-averaged."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Score:
    """Macro precision and recall over pages, their harmonic mean, and exact-token accuracy."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def tokens(text: str) -> list[str]:
    """Maximal runs of Unicode word characters, case kept."""
    return _TOKEN.findall(text or "")


def shingles(toks: list[str], size: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``size``-token windows; 1..size-1 tokens give one shingle, none give none."""
    if not toks:
        return Counter()
    if len(toks) < size:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + size]) for i in range(len(toks) - size + 1))


def page_counts(predicted: str, truth: str) -> tuple[float, float, float]:
    """(matched, extra, missed) shingle counts, normalised to sum to 1 (or all 0)."""
    pred, true = shingles(tokens(predicted)), shingles(tokens(truth))
    matched = sum((pred & true).values())
    extra = sum(pred.values()) - matched
    missed = sum(true.values()) - matched
    total = matched + extra + missed
    if total == 0:
        return 0.0, 0.0, 0.0
    return matched / total, extra / total, missed / total


def page_pr(predicted: str, truth: str) -> tuple[float | None, float | None]:
    """Per-page precision and recall; None where undefined; (1, 1) for two empty texts."""
    matched, extra, missed = page_counts(predicted, truth)
    if matched == extra == missed == 0:
        return 1.0, 1.0
    precision = matched / (matched + extra) if matched + extra > 0 else None
    recall = matched / (matched + missed) if matched + missed > 0 else None
    return precision, recall


def score(predictions: Mapping[str, str], truth: Mapping[str, str]) -> Score:
    """Score ``{id: body}`` predictions against ``{id: body}`` ground truth."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for page_id, true_text in truth.items():
        predicted = predictions.get(page_id) or ""
        precision, recall = page_pr(predicted, true_text)
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
        exact += tokens(predicted) == tokens(true_text)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, exact / len(truth) if truth else 0.0, len(truth))
