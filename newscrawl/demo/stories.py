"""The outlet's article texts, read from ``pages/NN-slug.txt`` files shipped with the package.

A file is ``key: value`` header lines, a blank line, then paragraphs separated by blank
lines; a paragraph starting with ``## `` is a subheading.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Literal

Layout = Literal["story", "plain", "portal", "bare"]

AUTHOR_SLUGS = {
    "Daniel Kim": "daniel-kim",
    "Amara Osei": "amara-osei",
    "Lena Fischer": "lena-fischer",
    "Tomás Ruiz": "tomas-ruiz",
    "Priya Nair": "priya-nair",
    "Marta Novak": "marta-novak",
}


@dataclass(frozen=True)
class Block:
    """A paragraph or (``heading=True``) a subheading of the article body."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class Story:
    """One article as written, before any markup."""

    slug: str
    path: str
    section: str
    title: str
    authors: list[str]
    published: datetime
    modified: datetime | None
    tags: list[str]
    layout: Layout
    summary: str
    key: str
    blocks: list[Block]

    @property
    def paragraphs(self) -> list[str]:
        return [block.text for block in self.blocks if not block.heading]


def read_text(name: str) -> str:
    """A text file from the package's ``pages/`` directory."""
    return resources.files("newscrawl.demo").joinpath("pages").joinpath(name).read_text("utf-8")


def read_bytes(name: str) -> bytes:
    """A binary file from the package's ``pages/`` directory."""
    return resources.files("newscrawl.demo").joinpath("pages").joinpath(name).read_bytes()


def parse_story(slug: str, text: str) -> Story:
    """Parse one story file."""
    head, _, body = text.strip().partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines())
    blocks = [
        Block(chunk[3:], heading=True) if chunk.startswith("## ") else Block(chunk)
        for chunk in (part.strip() for part in body.split("\n\n"))
        if chunk
    ]
    story = Story(
        slug=slug,
        path=meta["path"],
        section=meta["section"],
        title=meta["title"],
        authors=[name.strip() for name in meta["authors"].split(",")],
        published=datetime.fromisoformat(meta["published"]),
        modified=datetime.fromisoformat(meta["modified"]) if "modified" in meta else None,
        tags=[tag.strip() for tag in meta["tags"].split(",")],
        layout=meta["layout"],  # type: ignore[arg-type]  # checked just below
        summary=meta["summary"],
        key=meta["key"],
        blocks=blocks,
    )
    if story.layout not in ("story", "plain", "portal", "bare"):
        raise ValueError(f"{slug}: unknown layout {story.layout!r}")
    if not any(story.key in para for para in story.paragraphs):
        raise ValueError(f"{slug}: key sentence not in the body")
    return story


def load_stories() -> list[Story]:
    """Every story, in file order."""
    folder = resources.files("newscrawl.demo").joinpath("pages")
    names = sorted(item.name for item in folder.iterdir() if item.name[:2].isdigit())
    return [parse_story(name[3:].removesuffix(".txt"), read_text(name)) for name in names]
