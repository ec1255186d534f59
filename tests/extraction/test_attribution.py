"""Attribution lines become data; trailers leave the body, wire datelines stay."""

from __future__ import annotations

from newscrawl.extraction.attribution import match_attribution, split_attribution, wire_dateline
from newscrawl.items import Attribution


def test_trailers_are_recognised() -> None:
    assert match_attribution("Read more on asiatimes.com") == Attribution(
        "asiatimes.com", "read-more", "https://asiatimes.com"
    )
    assert match_attribution("Source: TASS News Agency") == Attribution(
        "TASS News Agency", "source"
    )
    conversation = match_attribution(
        "This article was republished from The Conversation under a Creative Commons license. "
        "Read the original article."
    )
    assert conversation == Attribution("The Conversation", "republished")
    assert match_attribution("Originally published at example.org.") == Attribution(
        "example.org", "republished", "https://example.org"
    )
    assert match_attribution("The source of the leak was never found, officials said.") is None


def test_split_removes_repeated_source_lines_once() -> None:
    kept, found = split_attribution(["One.", "Source: aajtak", "Two.", "Source: aajtak"])
    assert kept == ["One.", "Two."]
    assert found == [Attribution("aajtak", "source")]


def test_wire_datelines() -> None:
    assert wire_dateline("LONDON (Reuters) - Shares fell.") == Attribution("Reuters", "wire")
    assert wire_dateline("(CNN) President Trump said") == Attribution("CNN", "wire")
    assert wire_dateline("The council (which met Monday) - agreed.") is None
