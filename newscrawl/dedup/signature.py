"""An article's dedup signature: a MinHash of its shingles plus their count. Pure.

Computed once per article in the extraction worker, stored as bytes in the database and
loaded into the in-memory index at start-up. The MinHash is datasketch's (``affine32``
scheme, 32-bit values), so a signature is ``NUM_PERM`` x 4 bytes plus a 27-byte header.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newscrawl.dedup.shingles import exact_hash, stopwords, tokens

NUM_PERM = 64
SEED = 1
VERSION = 1
#: version, number of permutations, number of shingles, SHA-1 of the normalised text
_HEADER = struct.Struct("<BHI20s")


@dataclass(frozen=True, eq=False)  # arrays compare elementwise; compare to_bytes()
class Signature:
    """What the index needs of an article: exact hash, MinHash values, shingle count."""

    text_hash: str
    minhash: NDArray[np.uint32]
    size: int  # distinct shingles

    def to_bytes(self) -> bytes:
        digest = bytes.fromhex(self.text_hash)
        header = _HEADER.pack(VERSION, len(self.minhash), self.size, digest)
        return header + self.minhash.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        version, num_perm, size, digest = _HEADER.unpack_from(data)
        if version != VERSION or num_perm != NUM_PERM:
            raise ValueError(f"signature version {version}/{num_perm} is not {VERSION}/{NUM_PERM}")
        values = np.frombuffer(data, dtype="<u4", offset=_HEADER.size, count=num_perm)
        return cls(text_hash=digest.hex(), minhash=values.astype(np.uint32), size=size)


def _minhash_class() -> Any:
    # Imported when first needed: datasketch's package imports scipy (a second of start-up
    # for every crawl), and the crawler process only reads signatures the workers made.
    from datasketch import MinHash

    return MinHash


@cache
def _permutations() -> NDArray[np.uint32]:
    # Built once per process: datasketch draws them from SEED.
    perms: NDArray[np.uint32] = _minhash_class()(
        num_perm=NUM_PERM, seed=SEED, scheme="affine32"
    ).permutations
    return perms


def shingle_hashes(words: list[str]) -> NDArray[np.uint32]:
    """32-bit hashes of the distinct shingles of :func:`~newscrawl.dedup.shingles.shingles`
    (the same bigrams, hashed from their words' CRC-32 without building the strings)."""
    if len(words) < 2:
        return np.zeros(0, dtype=np.uint32)
    stop = stopwords()
    word_hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), np.uint64, len(words))
    is_stop = np.fromiter((w in stop for w in words), bool, len(words))
    keep = ~(is_stop[:-1] & is_stop[1:])
    pairs = (word_hashes[:-1] * np.uint64(0x9E3779B1) + word_hashes[1:]) & np.uint64(0xFFFFFFFF)
    return np.unique(pairs[keep].astype(np.uint32))


def compute_signature(text: str) -> Signature:
    """The signature of an article's text (CPU work: run it in a worker, not on the reactor)."""
    words = tokens(text)
    hashes = shingle_hashes(words)
    minhash = _minhash_class()(
        num_perm=NUM_PERM,
        seed=SEED,
        scheme="affine32",
        hashfunc=int,  # shingles arrive hashed; datasketch mixes them (fmix32) and permutes
        permutations=_permutations(),
    )
    minhash.update_batch(hashes.tolist())
    return Signature(
        text_hash=exact_hash(words),
        minhash=np.asarray(minhash.hashvalues, dtype=np.uint32),
        size=len(hashes),
    )
