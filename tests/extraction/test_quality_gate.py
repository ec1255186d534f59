"""The extraction gate: per-corpus floors on every dev corpus at once (trafilatura's eval gate
is the model). A change that makes any corpus worse, or loses more whole articles on it, fails.

Floors are the scores measured when they were pinned (``python bench/extraction_quality.py``)
less a small margin; raise them when extraction improves, never lower them to land a change.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from bench.corpora import Corpus, load_corpora, score_corpus

# corpus: (F1 floor, most catastrophic pages allowed)
FLOORS = {
    "article-bench": (0.980, 0),
    "l3s-gn1": (0.925, 6),
    "dragnet": (0.911, 11),
    "cleanportaleval": (0.939, 0),
    "readability": (0.957, 0),
    "trafilatura-eval": (0.923, 8),
}


def _texts(args: tuple[Corpus, list[str]]) -> dict[str, str]:
    from newscrawl.extraction import extract

    corpus, ids = args
    found = {}
    for pid in ids:
        article = extract(corpus.page_bytes(pid), corpus.urls[pid])
        found[pid] = article.text if article else ""
    return found


@pytest.fixture(scope="module")
def corpora() -> list[Corpus]:
    found = load_corpora()
    if len(found) < len(FLOORS):
        if os.environ.get("CI") == "true":
            pytest.fail("the dev corpora are missing from ../shared/datasets")
        pytest.skip("the dev corpora are not beside this checkout")
    return found


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_every_corpus_stays_above_its_floor(corpora: list[Corpus]) -> None:
    jobs = os.cpu_count() or 1
    failures = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for corpus in corpora:
            ids = corpus.ids
            chunks = [(corpus, ids[i :: jobs * 2]) for i in range(jobs * 2)]
            outputs: dict[str, str] = {}
            for found in pool.map(_texts, chunks):
                outputs.update(found)
            result = score_corpus(corpus, outputs)
            f1_floor, max_lost = FLOORS[corpus.name]
            if result.f1 < f1_floor or result.catastrophic > max_lost:
                failures.append(
                    f"{corpus.name}: F1 {result.f1:.4f} (floor {f1_floor}), "
                    f"{result.catastrophic} pages lost (at most {max_lost}): {result.lost}"
                )
    assert not failures, "\n".join(failures)
