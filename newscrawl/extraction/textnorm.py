"""Comparing short texts: headlines against titles, paragraphs against descriptions."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Case-folded word tokens, accents and typographic quotes ignored."""
    folded = unicodedata.normalize("NFKD", text).casefold()
    return _WORD.findall(folded)


def same_text(a: str, b: str) -> bool:
    """Equal word sequences (case, punctuation and spacing ignored)."""
    wa = words(a)
    return bool(wa) and wa == words(b)


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's words found in the other text."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    short, long = (wa, set(wb)) if len(wa) <= len(wb) else (wb, set(wa))
    return sum(w in long for w in short) / len(short)


def starts_with_text(paragraph: str, prefix: str) -> bool:
    """``paragraph`` begins with all of ``prefix``'s words."""
    wp, wq = words(paragraph), words(prefix)
    return bool(wq) and wp[: len(wq)] == wq
