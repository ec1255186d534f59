"""The second opinions: candidates never crash extraction, and the choice between them."""

from __future__ import annotations

import json
import unicodedata

from newscrawl.extraction import extract
from newscrawl.extraction.ensemble import description_elsewhere, furniture_trimmed, lone_choice
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


def _ld_page(ld_body: str, html_body: str) -> str:
    ld = json.dumps({"@type": "NewsArticle", "headline": "Tsai wins", "articleBody": ld_body})
    return (
        "<html><head><title>Tsai wins | The Post</title>"
        f'<script type="application/ld+json">{ld}</script></head>'
        f"<body><article><h1>Tsai wins</h1>{html_body}</article></body></html>"
    )


_SENTENCES = [
    f"Sentence {i} of the analysis says the re-election campaign used political shrewdness."
    for i in range(40)
]


def test_a_body_only_the_json_ld_holds_is_taken_from_it() -> None:
    # the page renders its text with a script: the HTML holds a standfirst only
    standfirst = "<p>How the president won a second term, and what it means for the island.</p>"
    page = _ld_page(" ".join(_SENTENCES), standfirst * 4)
    article = extract(page, "https://post.example/opinion/article/3046526/tsai-wins")
    assert article is not None
    assert "Sentence 39 of the analysis" in article.text


def test_a_json_ld_body_does_not_replace_a_body_the_page_shows() -> None:
    shown = "".join(f"<p>{s}</p>" for s in _SENTENCES[:20])
    page = _ld_page(" ".join(_SENTENCES) + " Comments: " + "a reader wrote this " * 300, shown)
    article = extract(page, "https://post.example/opinion/article/3046526/tsai-wins")
    assert article is not None
    assert "Sentence 19 of the analysis" in article.text
    assert "a reader wrote this" not in article.text


def test_with_no_clean_body_a_short_story_beats_a_longer_other_part_of_the_page() -> None:
    story = "Sunday, September 9. Prepping for a new week with fresh pages in the sketchbook."
    terms = "All text, graphics and photographs on this site are my own. " * 10
    assert lone_choice(story, terms) == (story, "trafilatura")


def test_with_no_clean_body_readability_wins_when_it_says_more_of_the_same_story() -> None:
    story = "The harbour master closed the north quay on Monday after storm damage to the pier."
    more = story + " Fishing boats were moved to the south basin while engineers look." * 4
    assert lone_choice(story, more) == (more, "readability")
    assert lone_choice("", story) == (story, "readability")


def test_the_text_is_unicode_nfc_whatever_form_the_page_uses() -> None:
    # Bengali "য়" is one code point (U+09DF) in some pages; NFC, which trafilatura returns and
    # text search expects, spells it as two (U+09AF U+09BC)
    sentence = "কুষ্টিয়া আসনের সংসদ সদস্য আজ শনিবার সকালে বাজারে গিয়েছিলেন এবং কথা বলেছেন।"
    paragraphs = "".join(f"<p>{sentence} {i}</p>" for i in range(6))
    page = f"<html><body><article>{paragraphs}</article></body></html>"
    article = extract(page.replace("\u09af\u09bc", "\u09df"), "https://news.example/2020/08/23646/")
    assert article is not None
    assert unicodedata.normalize("NFC", sentence) in article.text


_ARTICLE = "\n".join(
    f"Paragraph {i}: the council voted to reopen the old library as a reading room for pupils."
    for i in range(12)
)
_FOOTER = "\n".join(
    [
        "Sign in to your account or subscribe to our newsletter.",
        "We use cookies. Read our privacy policy and terms of use.",
        "All rights reserved. Impressum. Datenschutz.",
    ]
    * 4
)


def test_a_body_with_a_kept_footer_gives_way_to_readability_without_it() -> None:
    body = _ARTICLE + "\n" + _FOOTER
    assert furniture_trimmed(body, _ARTICLE) == (_ARTICLE, "readability")


def test_readability_without_the_footer_wins_only_when_it_is_the_whole_story() -> None:
    body = _ARTICLE + "\n" + _FOOTER
    scrap = _ARTICLE.splitlines()[0]  # the first paragraph only: a scrap, not the article
    assert furniture_trimmed(body, scrap) == (body, "clean")
    elsewhere = _ARTICLE.replace("library", "swimming pool")  # text the body does not hold
    assert furniture_trimmed(body, elsewhere) == (body, "clean")


_DESCRIPTION = "The harbour master closed the north quay on Monday after storm damage to the pier."
_LOGIN = "\n".join(
    ["No account exists for this e-mail address.", "Your password needs eight characters."] * 6
)
_STORY_LINES = "\n".join(
    [_DESCRIPTION]
    + [
        f"Fishing boats were moved to the south basin while engineers look, day {i}."
        for i in range(6)
    ]
)


def test_a_body_that_misses_the_description_gives_way_to_the_story_that_holds_it() -> None:
    # the clean body is the page's login form; trafilatura on the untouched page has the story
    assert description_elsewhere(_LOGIN, _STORY_LINES, _DESCRIPTION)


def test_a_description_alone_is_no_reason_to_leave_the_clean_body() -> None:
    # trafilatura adds only the standfirst (the description itself) above the same body
    body = "\n".join(_STORY_LINES.splitlines()[1:])
    assert not description_elsewhere(body, _STORY_LINES, _DESCRIPTION)
    # and a body that holds the description's words stays
    assert not description_elsewhere(_STORY_LINES, _LOGIN + "\n" + _STORY_LINES, _DESCRIPTION)
