"""The second opinions: candidates never crash extraction, and the choice between them."""

from __future__ import annotations

from newscrawl.extraction.readable import readability_text

_STORY = "<div><p>Some words of a story here, and a few more of them to read.</p></div>"


def test_readability_on_a_page_it_cannot_read_back_is_no_opinion() -> None:
    # an unclosed <title> swallows the page: readability-lxml hands back a summary that lxml
    # refuses to parse again (it asserts); the candidate is empty, the page is not lost
    page = "<html><head><title>Sport</head><body>" + _STORY * 30 + "</body></html>"
    assert readability_text(page) == ""


def test_readability_reads_a_plain_story() -> None:
    page = "<html><head><title>Sport</title></head><body>" + _STORY * 30 + "</body></html>"
    assert readability_text(page).count("Some words of a story here") == 30
