"""Authors are people: names from bylines, without desks, outlets, roles or credentials.

A byline is split into parts ("By Jane Roe and John Doe, Reuters" -> "Jane Roe", "John Doe",
"Reuters"); each part is a person, an organisation, or neither (a desk, a role, a place, a date,
page furniture). The authors are the people. A byline that names only an organisation
("By Reuters", "Associated Press") keeps it: it is the page's whole attribution, and it tells
wire copy from unsigned text. Desks and placeholder accounts ("Sports Desk", "admin") are never
kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newscrawl.extraction.author_parts import (
    PERSON,
    ROLE,
    classify_name,
    split_names,
)


@dataclass
class Byline:
    """The people and the organisations a set of bylines names, in order, without repeats."""

    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)

    def add(self, name: str, person: bool) -> None:
        target = self.people if person else self.organisations
        if _key(name) not in {_key(n) for n in target}:
            target.append(name)

    def authors(self) -> list[str]:
        """The people; the organisations only when no person is named."""
        full = [p for p in self.people if len(p.split()) >= 2]
        # a one-word part next to full names is a place, outlet or credential ("Jane Roe, AP")
        return (full or self.people) or self.organisations


def clean_authors(
    raw: Iterable[str | None],
    exclude: Iterable[str | None] = (),
    organisations: Iterable[str] = (),
) -> list[str]:
    """Authors from raw author strings; ``exclude`` (e.g. the site name) is dropped and
    ``organisations`` (e.g. JSON-LD Organization authors) are never taken for people."""
    return read_bylines(raw, exclude, organisations).authors()


def read_bylines(
    raw: Iterable[str | None],
    exclude: Iterable[str | None] = (),
    organisations: Iterable[str] = (),
) -> Byline:
    """Sort the parts of raw author strings into people and organisations.

    Within one string, what follows a person's role or outlet describes that person
    ("Jane Roe, Product Manager, Maps"; "Jane Roe, Reuters, London") and is skipped.
    """
    banned = {_key(x) for x in exclude if x}
    byline = Byline()
    for value, declared_org in [*((v, False) for v in raw), *((o, True) for o in organisations)]:
        named = False
        for part in split_names(value or ""):
            found = classify_name(_without_outlet(part, banned), after_name=named)
            if found is None or not _key(found[0]) or _key(found[0]) in banned:
                continue
            name, kind = found
            if kind != PERSON and named:
                break
            if kind != ROLE:
                byline.add(name, kind == PERSON and not declared_org)
            named = named or kind == PERSON
    return byline


def ld_authors(value: Any) -> tuple[list[str], list[str]]:
    """(names, organisation names) of a JSON-LD ``author`` value (string, dict or list)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    organisations: list[str] = []
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            is_org = any(str(k).lower() in ("organization", "newsmediaorganization") for k in kinds)
            (organisations if is_org else names).append(item["name"])
    return names, organisations


def _without_outlet(name: str, outlets: set[str]) -> str:
    """Drop the site from a byline: 'A B Sputnik' -> 'A B'; 'CNN Business' -> ''."""
    key = _key(name)
    for outlet in outlets:
        if outlet and key.startswith(outlet + " "):
            return ""
        if outlet and key.endswith(" " + outlet):
            return " ".join(name.split()[: -len(outlet.split())])
    return name


def _key(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold()))
