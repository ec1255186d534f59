"""Author names as a clean list: split, stripped of bylines' furniture, deduplicated."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPLIT = re.compile(r"\s*(?:;|\||,|\s&\s|\band\b|\bund\b|\bet\b|/)\s*", re.IGNORECASE)
_PREFIX = re.compile(
    r"^(?:(?:analysis|written|posted|reported|words|story|text|photos?|video)\s+)?"
    r"(?:by|von|por|par|di|door|av|от|текст|автор)\b[:\s]*",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    r"\s+(?:is|was)\s+an?\s.*$|\s*[,(|–—-]\s*(?:staff|senior|contributing|special)?\s*"
    r"(?:writer|reporter|editor|correspondent|contributor|columnist)\b.*$",
    re.IGNORECASE,
)
_GENERIC = frozenset(
    (
        "staff",
        "admin",
        "administrator",
        "editor",
        "editors",
        "editorial",
        "newsroom",
        "desk",
        "guest",
        "anonymous",
        "contributor",
        "contributors",
        "correspondent",
        "reporter",
        "writer",
        "user",
        "webmaster",
    )
)
_DATE_WORDS = frozenset(
    (
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "updated",
        "published",
    )
)
_MAX_WORDS = 5


def clean_authors(raw: Iterable[str | None], exclude: Iterable[str | None] = ()) -> list[str]:
    """Names from raw author strings; ``exclude`` (e.g. the site name) is dropped."""
    banned = {_key(x) for x in exclude if x}
    names: list[str] = []
    seen: set[str] = set()
    for value in raw:
        for name in split_names(value or ""):
            name = _without_outlet(name, banned)
            key = _key(name)
            if key and key not in seen and key not in banned:
                seen.add(key)
                names.append(name)
    return names


def _without_outlet(name: str, outlets: set[str]) -> str:
    """Drop the site from a byline: 'A B Sputnik' -> 'A B'; 'CNN Business' -> ''."""
    key = _key(name)
    for outlet in outlets:
        if outlet and key.startswith(outlet + " "):
            return ""
        if outlet and key.endswith(" " + outlet):
            return " ".join(name.split()[: -len(outlet.split())])
    return name


def _caps_name(tokens: list[str]) -> list[str]:
    """'JILL LAWLESS Associated Press' -> ['JILL', 'LAWLESS']: a capitalised byline + outlet."""
    caps = 0
    while caps < len(tokens) and tokens[caps].isupper() and len(tokens[caps]) > 1:
        caps += 1
    return tokens[:caps] if caps >= 2 and caps < len(tokens) else tokens


def split_names(value: str) -> list[str]:
    """'By A and B' -> ['A', 'B'], each checked by :func:`clean_name`."""
    value = _PREFIX.sub("", " ".join(value.split()))
    parts = (clean_name(part) for part in _SPLIT.split(value))
    return [part for part in parts if part]


def clean_name(part: str) -> str | None:
    """One name, or None for emails, dates, job titles and other non-names."""
    part = _SUFFIX.sub("", _PREFIX.sub("", part.strip(" .:-–—·•\t"))).strip(" .,:-")
    if not part or "@" in part or "http" in part.lower() or any(c.isdigit() for c in part):
        return None
    tokens = _caps_name(part.split())
    lowered = [t.lower().strip(".,") for t in tokens]
    pieces = {piece for t in lowered for piece in t.split("-")}
    if len(tokens) > _MAX_WORDS or pieces & _GENERIC or "admin" in part.lower():
        return None
    while lowered and lowered[-1] in _DATE_WORDS:
        tokens, lowered = tokens[:-1], lowered[:-1]
    if not tokens or any(t in _DATE_WORDS for t in lowered):
        return None
    name = " ".join(tokens)
    return name.title() if name.isupper() and len(name) > 3 else name


def _key(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))
