"""Attribution lines as data: "Source: TASS", "Read more on asiatimes.com", "(Reuters) -".

Source, read-more and republication lines are taken out of the body; a wire dateline at
the start of the body is recorded but stays in the text, where it is part of the lede.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import html

from newscrawl.items import Attribution, AttributionKind

_NAME = r"(?P<name>[\w][\w .&'’@-]{0,60}?)"
_END = r"\s*(?:under\b.*|with\b.*|on\s+\w+\s+\d.*|\(.*\))?[.!]?\s*(?:read the original.*)?$"
_PATTERNS: tuple[tuple[AttributionKind, re.Pattern[str]], ...] = (
    (
        "republished",
        re.compile(
            r"^(?:this|the)\s+(?:article|story|post|piece)\s+(?:was|is|has been)\s+"
            r"(?:originally\s+|first\s+)?(?:re)?(?:published|posted|appeared)\s+"
            r"(?:from|by|on|in|at|with)\s+" + _NAME + _END,
            re.IGNORECASE,
        ),
    ),
    (
        "republished",
        re.compile(
            r"^(?:originally|first)\s+(?:published|posted|appeared)\s+(?:on|at|in|by)\s+"
            + _NAME
            + _END,
            re.IGNORECASE,
        ),
    ),
    (
        "read-more",
        re.compile(
            r"^(?:read|continue reading|read the (?:full|original|rest of the)\s+\w+)"
            r"(?:\s+more)?\s+(?:on|at)\s+" + _NAME + r"\s*[.!…]*$",
            re.IGNORECASE,
        ),
    ),
    (
        "source",
        re.compile(
            r"^(?:source|sources|via|courtesy(?: of)?|quelle|fuente|fonte|источник)\s*[:：|]\s*"
            + _NAME
            + r"\s*[.]?$",
            re.IGNORECASE,
        ),
    ),
)
_WIRE = re.compile(
    r"^[^()\n]{0,60}?\((?P<name>[A-Z][A-Za-z&. -]{1,24})\)\s*[-–—]+\s"
    r"|^\((?P<lead>[A-Z][A-Za-z&. -]{1,24})\)\s"
)
_MAX_LINE = 220


def _as_url(name: str) -> str | None:
    host = name.strip().lower().rstrip(".")
    if "." in host and " " not in host and re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", host):
        return f"https://{host}"
    return None


def match_attribution(paragraph: str) -> Attribution | None:
    """The attribution a whole (short) paragraph states, if it is one."""
    line = " ".join(paragraph.split())
    if len(line) > _MAX_LINE:
        return None
    for kind, pattern in _PATTERNS:
        found = pattern.match(line)
        if found:
            name = found.group("name").strip(" .,;:")
            return Attribution(name=name, kind=kind, url=_as_url(name)) if name else None
    return None


def wire_dateline(first_paragraph: str) -> Attribution | None:
    """'LONDON (Reuters) - ...' or '(CNN) ...' at the start of the body."""
    found = _WIRE.match(first_paragraph)
    if not found:
        return None
    name = (found.group("name") or found.group("lead") or "").strip()
    return Attribution(name=name, kind="wire") if name else None


def split_attribution(paragraphs: Iterable[str]) -> tuple[list[str], list[Attribution]]:
    """Body paragraphs without attribution lines, and the attributions found (deduplicated).

    Wire datelines are not looked for here (see :func:`wire_dateline`): they stay in the text.
    """
    kept: list[str] = []
    found: list[Attribution] = []
    for paragraph in paragraphs:
        attribution = match_attribution(paragraph)
        if attribution is None:
            kept.append(paragraph)
        elif attribution not in found:
            found.append(attribution)
    return kept, found


def attribution_in_tree(tree: html.HtmlElement) -> list[Attribution]:
    """Attribution lines anywhere on the page (paragraphs and links), in document order.

    Catches trailers the body extractor drops, like a lone "Read more on asiatimes.com" link.
    """
    found: list[Attribution] = []
    body = tree.find("body")
    if body is None:
        return found
    for element in body.iter("p", "a", "span", "em", "strong", "small"):
        text = element.text_content()
        if len(text) > _MAX_LINE:
            continue
        attribution = match_attribution(text)
        if attribution is not None and attribution not in found:
            found.append(_with_link(attribution, element))
    return found


def _with_link(attribution: Attribution, element: html.HtmlElement) -> Attribution:
    link = element if element.tag == "a" else element.find(".//a")
    href = link.get("href") if link is not None else None
    if href and href.startswith(("http://", "https://")) and attribution.kind != "source":
        return Attribution(attribution.name, attribution.kind, href)
    return attribution


def merge_attribution(*groups: list[Attribution]) -> list[Attribution]:
    """One list, first occurrence of each (name, kind) wins."""
    merged: dict[tuple[str, str], Attribution] = {}
    for group in groups:
        for item in group:
            merged.setdefault((item.name.casefold(), item.kind), item)
    return list(merged.values())
