"""The headline: the visible <h1> when it agrees with the page's declared titles."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newscrawl.extraction.textnorm import overlap, same_text, words

_SEPARATORS = re.compile(r"\s+[|\-–—:»·•]{1,2}\s+")
_AFFIX_SEPARATOR = r"\s*[|\-–—:»·•]{1,2}\s*"
_MIN_AGREEMENT = 0.6
_MIN_COVER = 0.4  # an agreeing h1 has at least this share of the title's length in words
_MIN_WORDS = 3


def strip_site_name(
    title: str, site: str | None, host: str | None, others: Sequence[str] = ()
) -> str:
    """'Headline | Site' -> 'Headline': drop separator-delimited parts naming the site."""
    names = [n for n in (site, host, *others) if n]
    for name in others:
        title = _without_affix(title, name)
    parts = [p.strip() for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title.strip()
    kept = [p for p in parts if not any(_names_site(p, n) for n in names)]
    if kept and len(kept) < len(parts):
        return _rejoin(title, kept)
    longest = max(parts, key=len)
    return longest if len(words(longest)) >= 2 * len(words(title)) / 3 else title.strip()


def _without_affix(title: str, name: str) -> str:
    """'Blog Name: Headline' -> 'Headline' (a colon needs no space before it)."""
    escaped = re.escape(name.strip())
    prefix = re.match(escaped + _AFFIX_SEPARATOR, title, re.IGNORECASE)
    suffix = re.search(_AFFIX_SEPARATOR + escaped + r"\s*$", title, re.IGNORECASE)
    found = title[prefix.end() :] if prefix else title[: suffix.start()] if suffix else title
    return found.strip() or title


def _names_site(part: str, name: str) -> bool:
    """``part`` is the site's name, its host, or a shorter form of its name ("The White House"
    of "The White House Blog")."""
    squashed = "".join(words(part))
    target = "".join(words(name.removeprefix("www.")))
    if not squashed:
        return False
    if squashed == target or squashed in target.split("."):
        return True
    part_words, name_words = words(part), words(name)
    return len(part_words) >= 2 and name_words[: len(part_words)] == part_words


def _rejoin(title: str, kept: list[str]) -> str:
    start = title.find(kept[0])
    end = title.rfind(kept[-1]) + len(kept[-1])
    return title[start:end].strip() if 0 <= start < end else " ".join(kept)


def _agrees(h1: str, title: str) -> bool:
    """The h1 says what the title says: not just one of its words ("Xbox" in "GoldenEye XBLA
    canned? - Xbox" is the section, not the headline)."""
    return overlap(h1, title) >= _MIN_AGREEMENT and len(words(h1)) >= _MIN_COVER * len(words(title))


def _is_label(h1: str, title: str) -> bool:
    """The h1 is the short section or site part of a 'Headline - Section' title."""
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2 or not any(same_text(h1, p) for p in parts):
        return False
    return max(len(words(p)) for p in parts) > len(words(h1))


def choose_title(
    h1s: Sequence[str],
    declared: Sequence[str | None],
    site: str | None,
    host: str | None,
    banners: Sequence[str] = (),
) -> str | None:
    """Pick the headline from the page's h1 texts and its declared (meta, JSON-LD) titles.

    ``banners`` are the site's own name as shown in a heading that links home.
    """
    titles = [t for t in declared if t]
    visible = [h for h in h1s if not (site and same_text(h, site))]
    visible = [h for h in visible if not any(_is_label(h, t) for t in titles)]
    for h1 in visible:
        if any(_agrees(h1, t) for t in titles):
            return h1
    substantial = [h for h in visible if len(words(h)) >= _MIN_WORDS]
    if len(substantial) == 1:
        return substantial[0]
    return strip_site_name(titles[0], site, host, banners) if titles else None
