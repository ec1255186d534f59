"""The body is checked against independent candidates, and chosen by their agreement.

Our clean-up pass (site rules, boilerplate removal, trafilatura, block clean-up) is precise,
but a wrong turn can hand back the wrong part of the page: a cookie banner, a footer, nothing.
So its output is checked against candidates made another way:

- trafilatura on the untouched tree;
- readability-lxml, which finds the container by scoring paragraph-rich elements;
- the page's own JSON-LD ``articleBody``, when it has one.

They cost CPU, so they are computed only when a cheap signal says the body may be wrong:
short output, much less text than the page's paragraphs hold, little overlap with the
JSON-LD body or the description, or consent/login/footer vocabulary in a short text.
The clean body stays unless two independent candidates agree on a text it does not cover.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import html

from newscrawl.extraction.body import body_blocks
from newscrawl.extraction.readable import readability_text

_WORD = re.compile(r"\w+")
SHORT_BODY = 600  # characters: a clean body this short loses to a JSON-LD body twice as long
# Characters: a body shorter than this is checked. On the dev corpora every check fired by
# length alone that changed the body had under 210 characters; 400 keeps twice that margin
# and skips the short news briefs (400-600 characters) whose check never changed anything.
SHORT_CHECK = 400
PARAGRAPH_DROP = 0.4  # a body with less than this share of the page's <p> text is checked
DESCRIPTION_OVERLAP = 0.3  # share of the description's words a body should contain
AGREEMENT = 0.5  # two candidates agree when one holds this share of the other's shingles
TINY_BODY = 250  # characters: a clean body this short loses to a much longer lone candidate
MIN_LD_BODY = 200  # characters: a JSON-LD articleBody shorter than this is a teaser
COVERED = 0.4  # the clean body covers a candidate when it holds this share of its shingles
DESCRIPTION_FOUND = 0.6  # a text holds the description when it has this share of its words
FURNITURE_WORDS = 3  # consent/login/footer words in a body's first 3000 characters
TRIMMED = 0.95  # a candidate is a trimmed copy of the body when the body holds this share of it
TRIMMED_SHARE = 0.8  # ...and it is shorter than this share of the body
MIN_TRIMMED = 500  # characters: a trimmed copy shorter than this is a scrap, not the article
_FURNITURE = re.compile(
    r"\b(?:cookies?|consent|privacy (?:policy|settings)|terms (?:of (?:use|service)|and "
    r"conditions)|all rights reserved|sign in|log ?in|subscribe|newsletter|javascript"
    r"|datenschutz|anmelden|impressum)\b",
    re.IGNORECASE,
)


def shingles(text: str, size: int = 3) -> set[int]:
    """Hashed word ``size``-grams of ``text`` (lower-cased)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return {hash(tuple(words))} if words else set()
    return {hash(tuple(words[i : i + size])) for i in range(len(words) - size + 1)}


def covered(part: set[int], whole: set[int]) -> float:
    """Share of ``part``'s shingles found in ``whole`` (0 for an empty ``part``)."""
    return len(part & whole) / len(part) if part else 0.0


@dataclass(frozen=True)
class PageSignals:
    """What the untouched page says the body should look like."""

    paragraph_chars: int
    description: str | None
    ld_body: str | None


def needs_check(body: str, page: PageSignals) -> bool:
    """A cheap signal says the clean body may have lost the article."""
    if len(body) < SHORT_CHECK:
        return True
    if body and len(body) < PARAGRAPH_DROP * page.paragraph_chars:
        return True
    if page.ld_body and len(page.ld_body) > 2 * len(body):
        return True
    if page.description and misses_description(body, page.description):
        return True
    return len(_FURNITURE.findall(body[:3000])) >= 3


def misses_description(body: str, description: str) -> bool:
    """The body holds (almost) none of the words of a real description (not a site slogan)."""
    if len(description) <= 80:
        return False
    words = {w.lower() for w in _WORD.findall(description) if len(w) > 3}
    found = {w.lower() for w in _WORD.findall(body)}
    return bool(words) and len(words & found) / len(words) < DESCRIPTION_OVERLAP


class _Candidates:
    """Candidates computed on demand, each once, with their shingles."""

    def __init__(self, makers: dict[str, Callable[[], str]]) -> None:
        self._makers = makers
        self.texts: dict[str, str] = {}
        self.sets: dict[str, set[int]] = {}

    def get(self, name: str) -> tuple[str, set[int]]:
        if name not in self.texts:
            text = self._makers[name]()
            self.texts[name], self.sets[name] = text, shingles(text)
        return self.texts[name], self.sets[name]


def _overlap(a: set[int], b: set[int]) -> bool:
    """Two candidates agree on a text: one holds most of the other."""
    return bool(a and b) and max(covered(a, b), covered(b, a)) >= AGREEMENT


def untouched_trafilatura(tree: html.HtmlElement, url: str | None) -> str:
    blocks = body_blocks(tree, url)  # which serialises the tree, never modifies it
    return "\n".join(block.text for block in blocks)


def choose_body(
    body: str, tree: html.HtmlElement, url: str | None, page: PageSignals
) -> tuple[str, str]:
    """(the body to keep, which candidate it came from: "clean", "trafilatura", ...)."""
    if not needs_check(body, page):
        return body, "clean"
    pool = _pool(tree, url, page)
    chosen = _by_agreement(body, pool)
    if chosen[1] != "clean":
        return chosen
    raw_text = pool.get("trafilatura")[0]
    if page.description and description_elsewhere(body, raw_text, page.description):
        return raw_text, "trafilatura"
    if has_furniture(body):
        return furniture_trimmed(body, pool.get("readability")[0])
    return chosen


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def description_share(description: str, text: str) -> float:
    """Share of the description's longer words (over 3 letters) found in ``text``."""
    wanted = {w for w in _words(description) if len(w) > 3}
    return len(wanted & _words(text)) / len(wanted) if wanted else 1.0


def description_elsewhere(body: str, raw_text: str, description: str) -> bool:
    """The clean body misses the page's description; the untouched extraction holds it, in
    text of its own (lines the body lacks, beyond the description's own line and a title):
    the body is another part of the page, such as a login form, and the story is there."""
    if len(description) <= 80 or description_share(description, body) >= DESCRIPTION_OVERLAP:
        return False
    if description_share(description, raw_text) < DESCRIPTION_FOUND:
        return False
    return _own_text(raw_text, body, _words(description)) >= TINY_BODY


def _own_text(text: str, body: str, description_words: set[str]) -> int:
    """Characters of ``text``'s lines that are not in ``body`` nor a copy of the description."""
    known = {" ".join(line.split()) for line in body.splitlines()}
    total = 0
    for line in (" ".join(line.split()) for line in text.splitlines()):
        words = _words(line)
        if not words or line in known or len(words & description_words) >= 0.8 * len(words):
            continue
        total += len(line)
    return total


def has_furniture(text: str) -> bool:
    """Consent, login or footer vocabulary in the text's first 3000 characters."""
    return len(_FURNITURE.findall(text[:3000])) >= FURNITURE_WORDS


def furniture_trimmed(body: str, read_text: str) -> tuple[str, str]:
    """A clean body with furniture words: readability's text wins when it is the same article
    less a good part (it holds nothing the body lacks, is shorter, and is no scrap). The part
    it leaves out is where the cookie notice, login box or footer links were kept."""
    if (
        MIN_TRIMMED <= len(read_text) < TRIMMED_SHARE * len(body)
        and covered(shingles(read_text), shingles(body)) >= TRIMMED
    ):
        return read_text, "readability"
    return body, "clean"


def _pool(tree: html.HtmlElement, url: str | None, page: PageSignals) -> _Candidates:
    return _Candidates(
        {
            "trafilatura": lambda: untouched_trafilatura(tree, url),
            "readability": lambda: readability_text(copy.deepcopy(tree), url),
            "json-ld": lambda: page.ld_body or "",
        }
    )


def _by_agreement(body: str, pool: _Candidates) -> tuple[str, str]:
    """The clean body, or the candidate two independent ones agree on where it is not."""
    ours = shingles(body)
    raw_text, raw = pool.get("trafilatura")
    ld_text, ld = pool.get("json-ld")
    if len(ld_text) >= MIN_LD_BODY and covered(ld, ours) < COVERED:
        if covered(ld, raw) >= AGREEMENT:
            return raw_text, "trafilatura"
        if max(len(body), len(raw_text)) < min(SHORT_BODY, len(ld_text) / 2):
            return ld_text, "json-ld"  # the publisher's own body, which no extraction found
    if not raw or covered(raw, ours) >= COVERED:
        return body, "clean"  # the untouched extraction says nothing ours lacks
    read_text, read = pool.get("readability")
    if ours and covered(read, ours) >= COVERED and 2 * len(read_text) >= min(TINY_BODY, len(body)):
        return body, "clean"  # readability agrees with the clean body (and is not a scrap)
    if _overlap(raw, read):
        return raw_text, "trafilatura"  # both say the article is where ours is not
    if not ours or len(body) < TINY_BODY <= len(raw_text) / 2:
        return lone_choice(raw_text, read_text)
    return body, "clean"


def lone_choice(raw_text: str, read_text: str) -> tuple[str, str]:
    """No agreement and no clean body: trafilatura, unless readability says more of the same
    story (a longer readability text that does not hold trafilatura's is another part of the
    page: a sidebar blurb, the site's terms)."""
    if not raw_text or (
        len(read_text) > 2 * len(raw_text)
        and covered(shingles(raw_text), shingles(read_text)) >= COVERED
    ):
        return read_text, "readability"
    return raw_text, "trafilatura"
