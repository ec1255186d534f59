"""The headline: the visible <h1> when it agrees with the page's declared titles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newscrawl.extraction.textnorm import overlap, same_text, words

_SEPARATORS = re.compile(r"\s+[|\-–—:»·•]{1,2}\s+")
_MIN_AGREEMENT = 0.6
_MIN_WORDS = 3


def strip_site_name(title: str, site: str | None, host: str | None) -> str:
    """'Headline | Site' -> 'Headline': drop separator-delimited parts naming the site."""
    parts = [p.strip() for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title.strip()
    names = [n for n in (site, host) if n]
    kept = [p for p in parts if not any(_names_site(p, n) for n in names)]
    if kept and len(kept) < len(parts):
        return _rejoin(title, kept)
    longest = max(parts, key=len)
    return longest if len(words(longest)) >= 2 * len(words(title)) / 3 else title.strip()


def _names_site(part: str, name: str) -> bool:
    squashed = "".join(words(part))
    target = "".join(words(name.removeprefix("www.")))
    return bool(squashed) and (squashed == target or squashed in target.split("."))


def _rejoin(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(kept)


def choose_title(
    h1s: Sequence[str], declared: Sequence[str | None], site: str | None, host: str | None
) -> str | None:
    """Pick the headline from the page's h1 texts and its declared (meta, JSON-LD) titles."""
    titles = [t for t in declared if t]
    visible = [h for h in h1s if not (site and same_text(h, site))]
    for h1 in visible:
        if any(overlap(h1, t) >= _MIN_AGREEMENT for t in titles):
            return h1
    substantial = [h for h in visible if len(words(h)) >= _MIN_WORDS]
    if len(substantial) == 1:
        return substantial[0]
    return strip_site_name(titles[0], site, host) if titles else None
