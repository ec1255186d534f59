"""trafilatura's metadata guesses, read lazily and (for the author) without copying the page,
must be exactly what ``trafilatura.metadata.extract_metadata`` gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from trafilatura.metadata import extract_author, extract_metadata
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from newscrawl.extraction.core import parse_page
from newscrawl.extraction.dates import dated_published
from newscrawl.extraction.guessed import Guessed
from newscrawl.extraction.guessed_author import (
    TRAFILATURA_XPATHS,
    author_in_page,
    xpath_fingerprints,
)

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "pages").rglob("*.html"))
BODY = "<p>" + "The council met on Tuesday to discuss the new bridge. " * 8 + "</p>"
SYNTHETIC = {
    "author-class": f'<div class="post"><span class="author-name">Jane Roe</span>{BODY}</div>',
    "in-comments": (
        f'<article>{BODY}</article><div id="comments"><span class="author">Troll Two</span>'
        '</div><p class="byline">Mark Moe</p>'
    ),
    "holds-a-date": (
        '<p class="byline">By Ann Lee <time>May 2, 2021</time> and Bo Chan</p>' + BODY
    ),
    "rel-me": f'<div><rel>me</rel>Sam Poe</div><div class="writer">Kim Yoo</div>{BODY}',
    "only-generic": f'<section data-component="Byline">Liu Wen</section>{BODY}',
    "too-long": f'<div class="author">{"x" * 200}</div><h4 class="byline">Eve Ray</h4>{BODY}',
    "none": BODY,
}


def _pages() -> list[tuple[str, str]]:
    pages = [(p.name, p.read_text(encoding="utf-8", errors="replace")) for p in FIXTURES]
    for name, body in SYNTHETIC.items():
        pages.append((name, f"<html><head><title>T</title></head><body>{body}</body></html>"))
    return pages


def test_the_mirrored_xpaths_are_still_trafilaturas() -> None:
    # If this fails, trafilatura changed its author XPaths: update guessed_author.py to match.
    assert xpath_fingerprints([*AUTHOR_XPATHS, *AUTHOR_DISCARD_XPATHS]) == TRAFILATURA_XPATHS


@pytest.mark.parametrize(("name", "page"), _pages(), ids=lambda v: str(v)[:20])
def test_author_is_trafilaturas(name: str, page: str) -> None:
    tree = parse_page(page)
    assert tree is not None
    assert author_in_page(tree) == extract_author(tree)


def test_the_synthetic_pages_reach_every_branch() -> None:
    found = {}
    for name, body in SYNTHETIC.items():
        tree = parse_page(f"<html><body>{body}</body></html>")
        assert tree is not None
        found[name] = author_in_page(tree)
    assert found["author-class"] == "Jane Roe"
    assert found["in-comments"] == "Mark Moe"
    assert found["holds-a-date"] == extract_author(parse_page(SYNTHETIC["holds-a-date"]))  # type: ignore[arg-type]
    assert found["rel-me"] == "Me Sam Poe"
    assert found["only-generic"] == "Liu Wen"
    assert found["too-long"] == "Eve Ray"
    assert found["none"] is None


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.parent.name)
def test_every_guess_is_extract_metadatas(path: Path) -> None:
    tree = parse_page(path.read_bytes())
    assert tree is not None
    url = "https://news.example/2021/05/02/story"
    expected = extract_metadata(tree, url)
    guessed = Guessed(tree, url)
    assert (guessed.title, guessed.author, guessed.url) == (
        expected.title,
        expected.author,
        expected.url,
    )
    assert (guessed.date, guessed.sitename, guessed.tags) == (
        expected.date,
        expected.sitename,
        expected.tags,
    )


def test_htmldate_is_asked_only_when_nothing_declares_the_date() -> None:
    asked: list[bool] = []

    def guess() -> str | None:
        asked.append(True)
        return "2020-01-02"

    declared, declared_source = dated_published(
        {"datePublished": "2021-05-02T10:00:00Z"}, {}, guess
    )
    in_url, url_source = dated_published({}, {}, guess, url="https://news.example/2021/05/02/story")
    assert declared is not None and in_url is not None and not asked
    assert (declared_source, url_source) == ("page", "url")
    found, found_source = dated_published({}, {}, guess, url="https://news.example/story")
    assert asked and found is not None and found.date().isoformat() == "2020-01-02"
    assert found_source == "guessed"
