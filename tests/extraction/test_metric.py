"""Smoke test of the benchmark metric (bench/article_metric.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from article_metric import page_pr, score, shingles, tokens


def test_tokens_and_shingles() -> None:
    assert tokens("It's a dog-eat-dog world.") == ["It", "s", "a", "dog", "eat", "dog", "world"]
    assert sum(shingles(tokens("one two three")).values()) == 1
    assert sum(shingles(tokens("a b c d e")).values()) == 2
    assert not shingles([])


def test_scores() -> None:
    truth = {"x": "one two three four five six", "y": "alpha beta gamma delta"}
    perfect = score(truth, truth)
    assert perfect.f1 == 1.0 and perfect.accuracy == 1.0
    half = score({"x": "one two three four", "y": ""}, truth)
    assert half.precision == 1.0  # page y has no prediction: skipped for precision
    assert half.recall < 0.5
    assert page_pr("", "") == (1.0, 1.0)
