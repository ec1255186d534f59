"""Near-duplicate detection: pairwise precision/recall, speed and index memory.

    .venv/bin/python bench/dedup_quality.py [--originals 200] [--scale 10000,100000]

1. Quality on the labelled set of ``dedup_set.py`` (built now from the dev corpora): every
   pair of articles in one predicted cluster is a predicted link; pairwise precision and
   recall against the true clusters, overall and per kind of copy / negative, in two
   arrival orders (the clusters must be equal). The seeds' rule is checked on its own.
2. Speed: signature + index lookup (+ insert) per article on one core, and with the
   verification of candidates included; against a baseline in the same run: the exact
   hash only (a dict lookup), so the ratio shows what near-duplicate search costs.
3. At each ``--scale`` size: throughput and index bytes per article.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dedup_set import Doc, build, scale_docs

from newscrawl.dedup.index import NearDuplicateIndex
from newscrawl.dedup.linking import PreparedTexts, find_copies
from newscrawl.dedup.shingles import exact_hash, tokens
from newscrawl.dedup.signature import Signature, compute_signature


def cluster(docs: list[Doc], order: list[int]) -> tuple[dict[str, str], dict[str, str]]:
    """Run the detector in ``order``; (cluster root by doc id, relation by doc id)."""
    index: NearDuplicateIndex[str] = NearDuplicateIndex()
    texts = {d.doc_id: (d.text, d.site) for d in docs}
    stored = PreparedTexts(lambda keys: {k: texts[k] for k in keys})
    parent: dict[str, str] = {}
    relation: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for i in order:
        doc = docs[i]
        sig = compute_signature(doc.text)
        copies = find_copies(index, sig, lambda d=doc: (d.text, d.site), stored)
        index.add(doc.doc_id, sig)
        if copies:
            relation[doc.doc_id] = copies[0].match.relation
            roots = sorted({root(c.key) for c in copies}, key=lambda r: order_of[r])
            parent[doc.doc_id] = roots[0]
            for r in roots[1:]:
                parent[r] = roots[0]
        order_of[doc.doc_id] = len(order_of)
    return {d.doc_id: root(d.doc_id) for d in docs}, relation


order_of: dict[str, int] = {}


def pairwise(
    docs: list[Doc], predicted: dict[str, str]
) -> tuple[float, float, Counter[str], Counter[str]]:
    """Precision, recall, and the false pairs / missed pairs by kinds involved."""
    tp = fp = fn = 0
    false_pos: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for a, b in itertools.combinations(docs, 2):
        truth = a.cluster == b.cluster
        pred = predicted[a.doc_id] == predicted[b.doc_id]
        tp += truth and pred
        if pred and not truth:
            fp += 1
            false_pos["/".join(sorted((a.kind, b.kind)))] += 1
        if truth and not pred:
            fn += 1
            missed["/".join(sorted((a.kind, b.kind)))] += 1
    return tp / max(1, tp + fp), tp / max(1, tp + fn), false_pos, missed


def quality(n_originals: int) -> None:
    docs = build(n_originals)
    kinds = Counter(d.kind for d in docs)
    print(f"labelled set: {len(docs)} articles {dict(kinds)}")
    results = []
    for seed in (1, 2):
        order = list(range(len(docs)))
        random.Random(seed).shuffle(order)
        order_of.clear()
        predicted, _ = cluster(docs, order)
        groups = defaultdict(set)
        for doc_id, r in predicted.items():
            groups[r].add(doc_id)
        results.append(sorted(sorted(g) for g in groups.values()))
        p, r, fps, missed = pairwise(docs, predicted)
        print(f"order {seed}: pairwise precision {p:.4f} recall {r:.4f}")
        print(f"  false links by kinds: {dict(fps.most_common(8))}")
        print(f"  missed links by kinds: {dict(missed.most_common(8))}")
        seeds = {d.doc_id: predicted[d.doc_id] for d in docs if d.kind == "seed"}
        linked = seeds["seed000"] == seeds["seed001"]
        alone = len({seeds[s] for s in ("seed002", "seed003", "seed004", "seed000")}) == 4
        print(f"  seeds: 000+001 linked {linked}; 002-004 unlinked {alone}")
    print(f"same clusters in both arrival orders: {results[0] == results[1]}")


def _exact_pass(texts: list[str]) -> None:
    exact: dict[str, int] = {}
    for i, text in enumerate(texts):
        exact.setdefault(exact_hash(tokens(text)), i)


def _signature_pass(texts: list[str]) -> None:
    for text in texts:
        compute_signature(text)


def _lookup_pass(texts: list[str]) -> int:
    index: NearDuplicateIndex[int] = NearDuplicateIndex()
    candidates = 0
    for i, text in enumerate(texts):
        sig = compute_signature(text)
        candidates += len(index.candidates(sig))
        index.add(i, sig)
    return candidates


def _verify_pass(texts: list[str]) -> None:
    index: NearDuplicateIndex[int] = NearDuplicateIndex()
    stored = PreparedTexts(lambda keys: {k: (texts[k], None) for k in keys})
    for i, text in enumerate(texts):
        sig = compute_signature(text)
        find_copies(index, sig, lambda t=text: (t, None), stored)
        index.add(i, sig)


def speed(texts: list[str], label: str, rounds: int) -> None:
    """Articles/s on one core, best of ``rounds`` interleaved rounds (other processes share
    the machine): the exact hash alone (the baseline: what a text_hash lookup costs), the
    signature alone, signature + index lookup + insert, and with verification."""
    passes = {"exact": _exact_pass, "sig": _signature_pass, "lookup": _lookup_pass}
    passes["verify"] = _verify_pass
    best = dict.fromkeys(passes, float("inf"))
    candidates = 0
    for _ in range(rounds):
        for name, run in passes.items():
            t0 = time.perf_counter()
            result = run(texts)
            best[name] = min(best[name], time.perf_counter() - t0)
            candidates = result if name == "lookup" and result is not None else candidates
    n = len(texts)
    print(
        f"{label}: {n} articles, one core, best of {rounds}: exact hash only "
        f"{n / best['exact']:,.0f}/s; signature {n / best['sig']:,.0f}/s; "
        f"signature+lookup+insert {n / best['lookup']:,.0f}/s "
        f"({best['lookup'] / best['exact']:.2f}x the exact-hash time); "
        f"with verification of candidates {n / best['verify']:,.0f}/s; "
        f"{candidates / n:.2f} candidates/article"
    )


def memory(texts: list[str], label: str) -> None:
    """Index bytes per article, keys as the 32-hex-character article ids storage uses."""
    sigs = [compute_signature(t) for t in texts]
    keys = [f"{i:032x}" for i in range(len(sigs))]
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    index: NearDuplicateIndex[str] = NearDuplicateIndex()
    for key, sig in zip(keys, sigs, strict=True):
        index.add(key, sig)
    index._flush()  # private: everything in sorted runs, as after a start-up rebuild
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    n = len(sigs)
    key_bytes = sum(sys.getsizeof(k) for k in keys)
    print(
        f"{label}: index memory {(after - before + key_bytes) / n:,.0f} bytes/article "
        f"(tracemalloc, ids included); band arrays alone {index.memory_bytes() / n:,.0f}"
    )
    blobs = [sig.to_bytes() for sig in sigs]
    t0 = time.perf_counter()
    rebuilt: NearDuplicateIndex[str] = NearDuplicateIndex()
    for start in range(0, n, 50_000):  # as DuplicateLinker loads them: 50k per sort
        chunk = zip(keys[start : start + 50_000], blobs[start : start + 50_000], strict=True)
        rebuilt.add_many([(key, Signature.from_bytes(blob)) for key, blob in chunk])
    rate = n / (time.perf_counter() - t0)
    print(f"{label}: start-up rebuild from stored signature bytes {rate:,.0f} articles/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--originals", type=int, default=200)
    parser.add_argument("--scale", default="", help="comma-separated sizes, e.g. 10000,100000")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    if not args.skip_quality:
        quality(args.originals)
        speed([d.text for d in build(args.originals)], "labelled set", rounds=2)
    for size in [int(s) for s in args.scale.split(",") if s]:
        texts = scale_docs(size)
        speed(texts, f"scale {size}", rounds=3 if size <= 20_000 else 2)
        memory(texts, f"scale {size}")


if __name__ == "__main__":
    main()
