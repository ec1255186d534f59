"""Paragraph-level clean-up of the extracted body: what DOM rules cannot see.

The repeated headline and standfirst at the top, bylines and datelines, and the short
furniture lines that live inside article containers (share prompts, newsletter boxes,
"Read more:" teasers, comment counters, copyright footers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newscrawl.extraction.body import Block
from newscrawl.extraction.textnorm import same_text, starts_with_text, words

_SHORT = 160  # furniture lines are short; real paragraphs that start alike are kept
_JUNK = re.compile(
    r"^(?:"
    r"(?:read|see|watch|listen|view) (?:more|also|next|now)\b.*"
    r"|(?:also read|more from|more on this|related(?: articles| stories| coverage)?|recommended"
    r"|don'?t miss|must[- ]reads?|most (?:read|popular)|popular now|trending(?: now)?"
    r"|you may also like|latest stories|top stories)\b\W*.*"
    r"|share (?:this|it|on|via)\b.*|(?:share|tweet|email|print|save)(?: this)?(?: article| story)?"
    r"|(?:sign up|subscribe|register)\b.*(?:newsletter|inbox|updates|email).*"
    r"|.*\bnewsletter\b.{0,40}|thanks? (?:you )?for (?:signing up|subscribing).*"
    r"|.*error processing your subscription.*|sorry!?"
    r"|click here\b.*|tap here\b.*"
    r"|(?:copyright|©|\(c\)).{0,20}(?:\d{4}|all rights reserved).*|.*\ball rights reserved\b.*"
    r"|comments?\s*\(?\d*\)?|\d+\s+comments?|views?\s*[:|]?\s*[\d,.]+k?|[\d,.]+k?\s+views?"
    r"|leave a (?:comment|reply).*|explore further"
    r"|advertisement|story continues below.*|continue reading.*|skip (?:to|ad)\b.*"
    r"|(?:updated|published|posted|last updated)\s*[:|]?\s*.{0,40}\d{4}.{0,20}"
    r")$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|von|por|par)\s*[:|]?\s+\S.{0,60}$", re.IGNORECASE)
_LEAD_SCAN = 4
_BULLET = re.compile(r"^(?:[-•*·]\s+)+")


def _bare(paragraph: str) -> str:
    """The line without list bullets: "- By A and B" is a byline too."""
    return _BULLET.sub("", paragraph)


def is_junk(paragraph: str) -> bool:
    """A short line that is page furniture, not article prose."""
    return len(paragraph) <= _SHORT and _JUNK.match(_bare(paragraph)) is not None


def _is_lead_repeat(paragraph: str, repeats: Sequence[str]) -> bool:
    if any(same_text(paragraph, r) for r in repeats):
        return True
    if len(paragraph) <= _SHORT and _BYLINE.match(_bare(paragraph)):
        return True
    return any(starts_with_text(r, paragraph) and len(words(paragraph)) >= 6 for r in repeats)


def _is_standfirst(block: Block, standfirst: str | None) -> bool:
    """A heading repeating the page description: the dek under the headline."""
    if not standfirst or block.kind != "head":
        return False
    return _is_lead_repeat(block.text, [standfirst])


def drop_lead_repeats(
    blocks: list[Block], titles: Sequence[str], standfirst: str | None
) -> list[Block]:
    """Remove the headline, standfirst and byline repeated in the first few blocks.

    A paragraph equal to the page description is often the lede itself and stays; only a
    heading that repeats it (a dek) goes.
    """
    wanted = [t for t in titles if t]
    start = 0
    while start < min(_LEAD_SCAN, len(blocks) - 1) and (
        _is_lead_repeat(blocks[start].text, wanted)
        or _is_standfirst(blocks[start], standfirst)
        or is_junk(blocks[start].text)
    ):
        start += 1
    return blocks[start:]


def clean_blocks(
    blocks: list[Block], titles: Sequence[str], standfirst: str | None = None
) -> list[str]:
    """Body paragraphs without lead repeats and furniture lines."""
    kept = drop_lead_repeats(blocks, titles, standfirst)
    return [b.text for b in kept if not is_junk(b.text)]


_EMAIL = re.compile(r"^\S+@\S+\.\w+$")
_SIGNATURE_SCAN = 3


def drop_signature(paragraphs: list[str], authors: Sequence[str]) -> list[str]:
    """Remove a closing signature: the author's name and/or e-mail alone on their lines."""
    end = len(paragraphs)
    while end > 1 and len(paragraphs) - end < _SIGNATURE_SCAN:
        line = paragraphs[end - 1]
        if not (_EMAIL.match(line) or any(same_text(line, a) for a in authors)):
            break
        end -= 1
    return paragraphs[:end]
