"""The near-duplicate index: MinHash LSH with one-row bands, compact enough for RAM. Pure.

Each of an article's ``NUM_PERM`` MinHash values is one band: two articles that share a
value under the same permutation collide there, and the number of collisions estimates
their Jaccard similarity. Requiring ``MIN_COLLISIONS`` of them (instead of a whole band of
several rows) is what finds teasers and truncated copies, whose Jaccard similarity with the
original is low (0.1-0.3) although one is contained in the other.

Memory: a band entry is a 32-bit key (permutation number and 26 bits of the value) and a
32-bit slot number, kept in sorted numpy *runs* that are merged in powers of two (a
log-structured layout: inserts are cheap, a lookup is a binary search per run). About
64 x 8 bytes per article, plus its key and shingle count.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

from newscrawl.dedup.signature import NUM_PERM, Signature
from newscrawl.dedup.verify import MIN_SHINGLES

K = TypeVar("K", bound=Hashable)

MIN_COLLISIONS = 3  # of NUM_PERM: expected 6 for Jaccard 0.1, 0.2 for unrelated articles
MIN_CONTAINMENT = 0.12  # estimated share of the smaller text found in the larger one
#: Of the articles sharing one band value, only the earliest-seen this many are candidates.
#: A value thousands of articles share is site boilerplate (a footer's shingle); a story
#: copied that often is found through its earliest copies, the ones it links to anyway.
POSTING_HEAD = 24
_BUFFER = 1_024  # articles inserted before their entries are sorted into a run
_PERM_SHIFT = 26


@dataclass(frozen=True)
class Candidate(Generic[K]):
    """An indexed article that may be a copy; ``order`` is its place in arrival order."""

    key: K
    order: int
    jaccard: float  # estimated
    containment: float  # estimated share of the smaller article's shingles in the other


def band_keys(signature: Signature) -> NDArray[np.uint32]:
    """One 32-bit key per permutation: its number in the top bits, the value below."""
    perms = np.arange(NUM_PERM, dtype=np.uint32) << np.uint32(_PERM_SHIFT)
    return perms | (signature.minhash >> np.uint32(32 - _PERM_SHIFT))


class NearDuplicateIndex(Generic[K]):
    """Articles by MinHash band; ``candidates`` finds those that may copy a new one."""

    def __init__(self) -> None:
        self._keys: list[K] = []
        self._sizes = np.zeros(0, dtype=np.uint32)
        self._size_buffer: list[int] = []
        self._runs: list[tuple[NDArray[np.uint32], NDArray[np.uint32]]] = []
        self._pending: dict[int, list[int]] = {}
        self._pending_count = 0

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, key: K, signature: Signature) -> int:
        """Index an article; return its arrival order (0, 1, 2, ...)."""
        slot = len(self._keys)
        self._keys.append(key)
        self._size_buffer.append(signature.size)
        if signature.size < MIN_SHINGLES:  # too short to link: kept out of the bands
            return slot
        for band in band_keys(signature).tolist():
            self._pending.setdefault(band, []).append(slot)
        self._pending_count += 1
        if self._pending_count >= _BUFFER:
            self._flush()
        return slot

    def add_many(self, items: list[tuple[K, Signature]]) -> None:
        """Index many articles at once (the start-up rebuild): one sort, no per-band dicts."""
        self._flush()
        first = len(self._keys)
        self._keys.extend(key for key, _ in items)
        sizes = np.fromiter((sig.size for _, sig in items), np.uint32, len(items))
        self._sizes = np.concatenate([self._sizes, sizes])
        linkable = np.flatnonzero(sizes >= MIN_SHINGLES)
        if not len(linkable):
            return
        minhashes = np.stack([items[i][1].minhash for i in linkable.tolist()])
        perms = np.arange(NUM_PERM, dtype=np.uint32) << np.uint32(_PERM_SHIFT)
        bands = perms | (minhashes >> np.uint32(32 - _PERM_SHIFT))
        slots = np.repeat((linkable + first).astype(np.uint32), NUM_PERM)
        self._add_run(_sorted_run(bands.ravel(), slots))

    def candidates(self, signature: Signature) -> list[Candidate[K]]:
        """Indexed articles sharing enough bands with ``signature``, in arrival order."""
        if signature.size < MIN_SHINGLES:
            return []
        bands = band_keys(signature)
        room = np.full(NUM_PERM, POSTING_HEAD, dtype=np.int64)
        hits: list[NDArray[np.uint32]] = []
        for run_bands, run_slots in self._runs:  # oldest run first: slots in arrival order
            lo = np.searchsorted(run_bands, bands, side="left")
            take = np.minimum(np.searchsorted(run_bands, bands, side="right") - lo, room)
            room -= take
            for start, count in zip(lo[take > 0].tolist(), take[take > 0].tolist(), strict=True):
                hits.append(run_slots[start : start + count])
        for band, left in zip(bands.tolist(), room.tolist(), strict=True):
            pending = self._pending.get(band)
            if pending and left > 0:
                hits.append(np.asarray(pending[:left], dtype=np.uint32))
        if not hits:
            return []
        slots, counts = np.unique(np.concatenate(hits), return_counts=True)
        keep = counts >= MIN_COLLISIONS
        return self._scored(signature, slots[keep], counts[keep])

    def memory_bytes(self) -> int:
        """Bytes held by the band runs and shingle counts (keys and the buffer excluded)."""
        runs = sum(b.nbytes + s.nbytes for b, s in self._runs)
        return runs + self._sizes.nbytes

    def _scored(
        self, signature: Signature, slots: NDArray[np.uint32], counts: NDArray[np.int64]
    ) -> list[Candidate[K]]:
        found = []
        for slot, count in zip(slots.tolist(), counts.tolist(), strict=True):
            jaccard = count / NUM_PERM
            other = self._size(slot)
            smaller = max(1, min(other, signature.size))
            containment = min(1.0, jaccard * (other + signature.size) / ((1 + jaccard) * smaller))
            if containment >= MIN_CONTAINMENT:
                found.append(Candidate(self._keys[slot], slot, jaccard, containment))
        return found

    def _size(self, slot: int) -> int:
        if slot < len(self._sizes):
            return int(self._sizes[slot])
        return self._size_buffer[slot - len(self._sizes)]

    def _flush(self) -> None:
        """Move the buffered articles into a sorted run (and their sizes into the array)."""
        if self._size_buffer:
            self._sizes = np.concatenate([self._sizes, np.asarray(self._size_buffer, np.uint32)])
            self._size_buffer = []
        if not self._pending:
            return
        bands = np.fromiter(
            (b for b, slots in self._pending.items() for _ in slots), dtype=np.uint32
        )
        slots = np.fromiter((s for group in self._pending.values() for s in group), dtype=np.uint32)
        self._pending, self._pending_count = {}, 0
        self._add_run(_sorted_run(bands, slots))

    def _add_run(self, run: tuple[NDArray[np.uint32], NDArray[np.uint32]]) -> None:
        """Append a run; merge the newest runs while they are of comparable size, so that
        there are O(log n) runs and each entry is re-sorted O(log n) times."""
        self._runs.append(run)
        while len(self._runs) >= 2 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (b1, s1), (b2, s2) = self._runs.pop(), self._runs.pop()
            self._runs.append(_sorted_run(np.concatenate([b2, b1]), np.concatenate([s2, s1])))


def _sorted_run(
    bands: NDArray[np.uint32], slots: NDArray[np.uint32]
) -> tuple[NDArray[np.uint32], NDArray[np.uint32]]:
    """Entries sorted by band, then by slot (so by arrival order within one band value)."""
    packed = (bands.astype(np.uint64) << np.uint64(32)) | slots.astype(np.uint64)
    packed.sort()
    return (packed >> np.uint64(32)).astype(np.uint32), packed.astype(np.uint32)
