"""The words of a text as dedup sees them: tokens, shingles and an exact-text hash. Pure.

Shingles are word bigrams. A replaced word breaks only the two bigrams it is in, so a copy
with 30 % of its words swapped keeps about half of them (word 3-grams keep a third), while
two different articles share almost none. Bigrams of two stop words ("of the", "und die")
are left out: every text has them, so they would only make unrelated articles look alike.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from functools import cache

import justext

_TOKEN = re.compile(r"\w+")
#: Stop lists of the languages most news is in; a word in any of them is a stop word.
STOPWORD_LANGUAGES = (
    "English",
    "German",
    "French",
    "Spanish",
    "Italian",
    "Portuguese",
    "Dutch",
    "Swedish",
    "Polish",
    "Russian",
)


@cache
def stopwords() -> frozenset[str]:
    """The union of jusText's stop lists for :data:`STOPWORD_LANGUAGES` (case-folded)."""
    words: set[str] = set()
    for language in STOPWORD_LANGUAGES:
        words.update(word.casefold() for word in justext.get_stoplist(language))
    return frozenset(words)


def tokens(text: str) -> list[str]:
    """Runs of word characters, case-folded: punctuation and layout don't count."""
    return _TOKEN.findall(text.casefold())


def shingles(words: list[str]) -> list[str]:
    """Word bigrams in text order (repeats kept), without stop-word-only pairs."""
    stop = stopwords()
    return [f"{a} {b}" for a, b in itertools.pairwise(words) if a not in stop or b not in stop]


def line_shingles(text: str) -> list[tuple[str, list[str]]]:
    """Per non-empty line (paragraph): its normalised hash and its shingles."""
    lines = []
    for line in text.splitlines():
        words = tokens(line)
        if words:
            lines.append((exact_hash(words), shingles(words)))
    return lines


def exact_hash(words: list[str]) -> str:
    """Hash of the normalised text: equal for texts differing only in case, punctuation,
    whitespace or layout."""
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
