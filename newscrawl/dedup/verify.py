"""Checking a candidate pair on the texts themselves before linking them. Pure.

A MinHash collision only says two articles *may* be copies. Here both texts are compared
shingle by shingle, and where the shared shingles lie decides:

* *coverage* of a text is the share of its blocks (``BLOCK`` shingles each) holding at
  least ``BLOCK_HITS`` shared shingles. A copy, even one with 30 % of its words replaced,
  covers nearly every block of both texts; a quoted paragraph covers the few blocks it
  sits in and nothing else.
* *near*: both texts mostly covered (the same article, edited or reworded).
* *partial*: the smaller text mostly covered and a real share of the larger one too
  (a teaser, a truncated copy, a copy with an added intro or a dropped ending).

Two articles of one site never link on the lines they have word for word in common: those
are the site's boilerplate (signatures, disclaimers, "follow us" blocks), not a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from newscrawl.dedup.shingles import exact_hash, line_shingles, tokens

Relation = Literal["exact", "near", "partial"]

BLOCK = 16  # shingles per block
BLOCK_HITS = 4  # shared shingles that make a block covered
MIN_SHINGLES = 24  # texts shorter than this (a headline, a paywall stub) link to nothing
NEAR_COVERAGE = 0.7  # both texts at least this covered: the same article
SMALL_COVERAGE = 0.5  # partial copy: the smaller text at least this covered ...
LARGE_COVERAGE = 0.2  # ... and the larger one at least this (one quoted paragraph is less)
MIN_LINES = 2  # partial copies share more than one paragraph (or the lead)
LINE_SHARE = 0.3  # a line is shared when this share of its shingles is
MIN_CONTAINMENT = 0.15  # shared shingles / the smaller text's distinct shingles


@dataclass(frozen=True)
class Match:
    relation: Relation
    similarity: float  # share of the smaller text's shingles found in the other (1.0: exact)


@dataclass(frozen=True)
class Prepared:
    """A text ready for comparisons (tokenised once, compared many times)."""

    text_hash: str
    lines: list[tuple[str, list[str]]]  # (line hash, its shingles)
    site: str | None = None

    @cached_property
    def all_shingles(self) -> list[str]:
        return [gram for _, grams in self.lines for gram in grams]

    @cached_property
    def distinct(self) -> frozenset[str]:
        return frozenset(self.all_shingles)

    def without(self, drop: set[str]) -> list[str]:
        """The shingles in text order, leaving out the lines whose hash is in ``drop``."""
        if not drop:
            return self.all_shingles
        return [gram for digest, grams in self.lines if digest not in drop for gram in grams]


def prepare(text: str, site: str | None = None) -> Prepared:
    return Prepared(exact_hash(tokens(text)), line_shingles(text), site)


def compare(a: Prepared, b: Prepared) -> Match | None:
    """How ``a`` and ``b`` relate, or ``None`` when neither copies the other."""
    if a.text_hash == b.text_hash and len(a.distinct) >= MIN_SHINGLES:
        return Match("exact", 1.0)
    if len(a.distinct & b.distinct) < MIN_CONTAINMENT * min(len(a.distinct), len(b.distinct)):
        return None  # cheap early exit: most candidates end here
    drop: set[str] = set()
    if a.site is not None and a.site == b.site:
        drop = {d for d, _ in a.lines}.intersection(d for d, _ in b.lines)
    grams_a, grams_b = a.without(drop), b.without(drop)
    set_a, set_b = (a.distinct, b.distinct) if not drop else (set(grams_a), set(grams_b))
    if len(set_a) > len(set_b):
        grams_a, grams_b, set_a, set_b = grams_b, grams_a, set_b, set_a
    if len(set_a) < MIN_SHINGLES:
        return None
    shared = set(set_a & set_b)
    containment = len(shared) / len(set_a)
    if containment < MIN_CONTAINMENT:
        return None
    cover_small, cover_large = coverage(grams_a, shared), coverage(grams_b, shared)
    similarity = round(containment, 4)
    if cover_small >= NEAR_COVERAGE and cover_large >= NEAR_COVERAGE:
        return Match("near", similarity)
    if (
        cover_small >= SMALL_COVERAGE
        and cover_large >= LARGE_COVERAGE
        and _spread(a, shared, drop) >= MIN_LINES
        and _spread(b, shared, drop) >= MIN_LINES
    ):
        return Match("partial", similarity)
    return None


def _spread(text: Prepared, shared: set[str], drop: set[str]) -> int:
    """How many lines of ``text`` are mostly shared; a lead paragraph counts double (a
    teaser may be just the lead; a quote of one paragraph from the middle is one line)."""
    matched = 0
    first = True
    for digest, grams in text.lines:
        if digest in drop or not grams:
            continue
        hits = sum(1 for gram in grams if gram in shared)
        if hits >= max(BLOCK_HITS, LINE_SHARE * len(grams)):
            matched += 2 if first else 1
        first = False
    return matched


def coverage(grams: list[str], shared: set[str]) -> float:
    """Share of the blocks of ``grams`` holding at least ``BLOCK_HITS`` shared shingles."""
    blocks = max(1, -(-len(grams) // BLOCK))
    covered = 0
    for start in range(0, len(grams), BLOCK):
        hits = sum(1 for gram in grams[start : start + BLOCK] if gram in shared)
        covered += hits >= BLOCK_HITS
    return covered / blocks
