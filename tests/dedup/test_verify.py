"""Which pairs of texts are copies, checked on the texts (no index involved)."""

from __future__ import annotations

import pytest

from newscrawl.dedup.verify import compare, prepare
from tests.dedup.texts import FOOTER, quoting, spun, story, teaser


def relation(a: str, b: str, site_a: str = "a.example", site_b: str = "b.example") -> str | None:
    match = compare(prepare(a, site_a), prepare(b, site_b))
    return None if match is None else match.relation


def test_the_same_text_in_another_layout_is_an_exact_copy() -> None:
    text = story(3)
    relayout = text.upper().replace("\n", "\n\n").replace(",", " ,")
    match = compare(prepare(text), prepare(relayout))
    assert match is not None and (match.relation, match.similarity) == ("exact", 1.0)


@pytest.mark.parametrize("share", [0.1, 0.3])
def test_a_copy_with_words_replaced_is_near(share: float) -> None:
    assert relation(story(4), spun(story(4), share)) == "near"
    assert relation(spun(story(4), share), story(4)) == "near"  # symmetric


@pytest.mark.parametrize("share", [0.3, 0.45, 0.6])
def test_a_teaser_is_a_partial_copy(share: float) -> None:
    assert relation(teaser(story(6), share), story(6)) == "partial"


def test_an_added_intro_and_a_dropped_ending_is_still_a_copy() -> None:
    lines = story(8).split("\n")
    copy = "\n".join(
        ["Our partners at the wire report the following from the capital.", *lines[:-3]]
    )
    assert relation(copy, story(8)) in ("near", "partial")


def test_articles_on_the_same_event_are_not_copies() -> None:
    assert relation(story(1), story(2)) is None  # both on Russia and the Taliban


def test_quoting_one_paragraph_is_not_copying() -> None:
    assert relation(quoting(story(10), story(5)), story(5)) is None
    assert relation(quoting(story(10), story(5)), teaser(story(5), 0.3)) is None


def test_site_boilerplate_never_links_two_articles() -> None:
    a, b = f"{teaser(story(7), 0.3)}\n{FOOTER}", f"{teaser(story(9), 0.3)}\n{FOOTER}"
    assert relation(a, b, "one.example", "one.example") is None
    assert relation(f"{story(7)}\n{FOOTER}", f"{story(9)}\n{FOOTER}") is None


def test_a_stub_links_to_nothing() -> None:
    assert relation("Subscribe to read this article.", "Subscribe to read this article.") is None
