from datetime import UTC, datetime

import pytest

from newscrawl.discovery import parse_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Herald</title>
<item><title>One</title><link>https://example.com/world/2024/05/29/one-story</link>
<pubDate>Wed, 29 May 2024 10:00:00 +0200</pubDate></item>
<item><title>Two</title><link> /world/two-relative-link-story </link></item>
<item><title>No link</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Herald</title>
<entry><title>A</title><link rel="alternate" href="https://example.com/a-story-here-now"/>
<link rel="enclosure" href="https://example.com/a.mp3"/>
<published>2024-05-29T08:00:00Z</published></entry></feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.com/"><title>Herald</title></channel>
<item rdf:about="https://example.com/rdf-story-one-two"><title>R</title>
<link>https://example.com/rdf-story-one-two</link><dc:date>2024-05-28</dc:date></item>
</rdf:RDF>"""


def test_rss_items_become_absolute_links_with_dates() -> None:
    feed = parse_feed(RSS, "https://example.com/feed/")
    entries = feed.entries
    assert feed.damage is None
    assert [e.url for e in entries] == [
        "https://example.com/world/2024/05/29/one-story",
        "https://example.com/world/two-relative-link-story",
    ]
    assert entries[0].published_at == datetime(2024, 5, 29, 8, 0, tzinfo=UTC)
    assert entries[0].title == "One"


def test_atom_uses_the_alternate_link_not_enclosures() -> None:
    [entry] = parse_feed(ATOM, "https://example.com/atom.xml").entries
    assert entry.url == "https://example.com/a-story-here-now"
    assert entry.published_at == datetime(2024, 5, 29, 8, 0, tzinfo=UTC)


def test_rdf_feed() -> None:
    [entry] = parse_feed(RDF, "https://example.com/index.rdf").entries
    assert entry.url == "https://example.com/rdf-story-one-two"
    assert entry.published_at is not None and entry.published_at.date().isoformat() == "2024-05-28"


def test_truncated_feed_keeps_the_items_before_the_cut_and_says_it_is_damaged() -> None:
    feed = parse_feed(RSS[: RSS.index(b"<item><title>Two")] + b"<item><tit", "https://e.com/")
    assert [e.url for e in feed.entries] == ["https://example.com/world/2024/05/29/one-story"]
    assert feed.damage and "damaged XML" in feed.damage


@pytest.mark.parametrize("body", [b"", b"not xml at all", b"<html><body>hi</body></html>"])
def test_garbage_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(ValueError):
        parse_feed(body, "https://example.com/feed/")


def test_entities_are_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<rss><channel><item><title>&b;</title><link>https://e.com/x-y-z-w</link></item>"
        b"</channel></rss>"
    )
    [entry] = parse_feed(bomb, "https://e.com/").entries
    assert "aaaaaaaaaa" not in (entry.title or "")
