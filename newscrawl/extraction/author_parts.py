"""One part of a byline: a person's name, an organisation, a role, or nothing.

"By Jane Roe and John Doe, Reuters" is split into "Jane Roe", "John Doe" and "Reuters"; each
part is cleaned (prefixes, credentials, trailing dates, an outlet glued behind the name) and
classified with the vocabulary of :mod:`author_words`.
"""

from __future__ import annotations

import re

from newscrawl.extraction.author_words import (
    CREDENTIALS,
    DATE_WORDS,
    HONORIFICS,
    ORGANISATION_WORDS,
    PHRASE_WORDS,
    PLACEHOLDERS,
    ROLES,
    TRAILING,
)

_SPLIT = re.compile(
    r"\s*(?:[;|/,·•]|\s[-–—]\s|\s&\s|\s(?i:and)\s|\s(?:und|et|y|e|i|og|en)\s)\s*|\s[-–—]$"
)
_PREFIX = re.compile(
    r"^(?:(?:analysis|written|posted|reported|reporting|words|story|text|photos?|video|"
    r"artikel|beitrag|ein beitrag)\s+)?"
    r"(?:by|von|por|par|di|door|av|от|текст|автор|autor|auteur|author|written by|作者)\b[:\s]*",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"\s+(?:(?:is|was)\s+an?\s.*|rss feed|click here|view profile|reblogged this|says|said)$",
    re.IGNORECASE,
)
_CONJUNCTION = re.compile(r"^(?:and|&|und|et)\s+", re.IGNORECASE)  # "A, B, and C"
_EINGETRAGENER_VEREIN = re.compile(r"\s+e\.\s?V\.?$|\s+e\sV$")  # "Verein e. V." (an association)
_GLUED = re.compile(r"([A-ZÀ-Þ]{3,})(?=[A-Z][a-z])")  # "VANCHERIPittsburgh" -> "VANCHERI P..."
_PLACE_OR_SECTION = re.compile(r"\s(?:in|at|filed under)\s.*$")  # "Jane Roe in Chicago"
_NOT_IN_NAMES = set('"<>=?!{}[]#*+')
_ACRONYM = re.compile(r"^[A-Z]{2,5}$")
_STRIP = " .,:;-–—·•|()[]'\"“”‘’\t"
_MAX_WORDS = 5
PERSON, ORGANISATION, ROLE = "person", "organisation", "role"


def split_names(value: str) -> list[str]:
    """'By A and B, Reuters' -> ['A', 'B', 'Reuters'] (prefixes and furniture removed)."""
    value = _GLUED.sub(r"\1 ", " ".join(value.split()))
    value = _EINGETRAGENER_VEREIN.sub(" eV", value)
    value = _PLACE_OR_SECTION.sub("", _PREFIX.sub("", value.strip(_STRIP)))
    parts = (_FURNITURE.sub("", _PREFIX.sub("", p.strip(_STRIP))) for p in _SPLIT.split(value))
    parts = (_CONJUNCTION.sub("", p.strip(_STRIP)) for p in parts if p)
    return [p for p in parts if p]


def classify_name(part: str, after_name: bool = False) -> tuple[str, str] | None:
    """(name, PERSON | ORGANISATION | ROLE) for one byline part; None for desks, dates,
    accounts and page furniture. ``after_name``: the part follows a name ("National Security
    Reporter" there is a role, not "National Security" the reporter)."""
    tokens = _trim(part.split())
    if after_name and tokens and tokens[-1].casefold().strip(_STRIP) in ROLES:
        return " ".join(tokens), ROLE
    text = " ".join(tokens)
    lowered = text.lower()
    if not tokens or any(c.isdigit() for c in text) or "_" in text or "admin" in lowered:
        return None  # dates, "jdadmin", "KPeters_from_UK"
    if "@" in text or "http" in lowered or "www." in lowered or _NOT_IN_NAMES & set(text):
        return None
    tokens = _name_before_descriptor(tokens) or tokens
    folded = [t.casefold().strip(_STRIP) for t in tokens]
    pieces = {piece for word in folded for piece in word.split("-")}
    if pieces & ROLES:
        return " ".join(tokens), ROLE
    if pieces & PLACEHOLDERS or all(word in DATE_WORDS for word in folded):
        return None
    if any(t in PHRASE_WORDS for t in tokens) or sum(c.isalpha() for c in text) < 2:
        return None  # "the numbers", "Building Wealth through Saving"
    if _is_organisation(tokens, folded):
        return _cased(tokens), ORGANISATION
    if len(tokens) > _MAX_WORDS or (len(tokens) == 1 and text.islower()):
        return None  # a sentence, or an account name ("randallbrink")
    return _cased(tokens), PERSON


def _trim(tokens: list[str]) -> list[str]:
    """Drop honorifics in front, credentials and trailing date words behind."""
    while tokens and tokens[0].casefold() in HONORIFICS and len(tokens) > 2:
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].replace(".", "").strip(_STRIP) in CREDENTIALS
        or tokens[-1].casefold().strip(_STRIP) in TRAILING
    ):
        tokens = tokens[:-1]
    return tokens


def _is_organisation(tokens: list[str], folded: list[str]) -> bool:
    if folded[0] == "the" or any(w in ORGANISATION_WORDS for w in folded):
        return True
    return len(tokens) == 1 and _ACRONYM.match(tokens[0]) is not None


def _name_before_descriptor(tokens: list[str]) -> list[str] | None:
    """'Tom Canavan Associated Press Writer' -> ['Tom', 'Canavan']: a name, then what it is.

    The outlet must be a phrase of its own ("Associated Press", "The Post"): in "European
    Space Agency" the last word alone is no outlet, and the whole is an organisation.
    """
    caps = _caps_name(tokens)
    if len(caps) < len(tokens):
        return caps
    folded = [t.casefold().strip(_STRIP) for t in tokens]
    if folded[0] == "the":
        return None
    for cut in range(2, min(len(tokens), _MAX_WORDS + 1)):
        head, tail = set(folded[:cut]), folded[cut:]
        if head & (ORGANISATION_WORDS | ROLES) or not all(_capitalised(t) for t in tokens[:cut]):
            return None
        role = tail[0] in ROLES or tail[-1] in ROLES  # "Writer", "Environment correspondent"
        role = role or (len(tail) >= 2 and tail[-1] in PLACEHOLDERS)  # "PhillyVoice Staff"
        if role or tail[0] == "the" or (len(tail) >= 2 and set(tail) & ORGANISATION_WORDS):
            return tokens[:cut]
    return None


def _capitalised(token: str) -> bool:
    first = token[0]
    return first.isupper() or not first.isalpha() or not first.islower()


def _caps_name(tokens: list[str]) -> list[str]:
    """'JILL LAWLESS Associated Press' -> ['JILL', 'LAWLESS']: a capitalised byline + outlet."""
    caps = 0
    while caps < len(tokens) and tokens[caps].isupper() and len(tokens[caps]) > 1:
        caps += 1
    return tokens[:caps] if caps >= 2 and caps < len(tokens) else tokens


def _cased(tokens: list[str]) -> str:
    name = " ".join(tokens)
    return name.title() if name.isupper() and len(name) > 3 else name
