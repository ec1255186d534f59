"""When the second opinions are paid for: only when a cheap signal says the body may be wrong."""

from __future__ import annotations

from newscrawl.extraction.ensemble import PageSignals, needs_check

_STORY = (
    "The council voted on Tuesday to rebuild the old bridge over the river, ending a debate "
    "that had run for six years. Work starts in spring and should last two summers. "
)
_DESCRIPTION = (
    "Councillors approved the reconstruction of the historic crossing after years of argument "
    "about its cost and the traffic it carries."
)


def _page(description: str | None = None, paragraph_chars: int = 0) -> PageSignals:
    return PageSignals(paragraph_chars=paragraph_chars, description=description, ld_body=None)


def test_a_short_news_brief_that_holds_the_page_is_not_second_guessed() -> None:
    brief = _STORY * 3  # about 480 characters: short, but the whole story of the page
    assert 400 < len(brief) < 600
    assert not needs_check(brief, _page(paragraph_chars=len(brief)))


def test_a_scrap_of_text_is_checked() -> None:
    assert needs_check(_STORY, _page(paragraph_chars=len(_STORY)))


def test_a_body_holding_none_of_the_description_is_checked() -> None:
    banner = "We use cookies to improve your experience on our website. " * 12
    assert needs_check(banner, _page(_DESCRIPTION, len(banner)))


def test_a_body_much_smaller_than_the_page_paragraphs_is_checked() -> None:
    body = _STORY * 8
    assert needs_check(body, _page(paragraph_chars=3 * len(body)))
