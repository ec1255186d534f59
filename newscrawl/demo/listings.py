"""Pages that are not articles: home, paginated sections, tag and author pages, about, contact."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from newscrawl.demo.chrome import (
    SITE,
    Link,
    document,
    newsletter_box,
    sidebar,
    site_footer,
    site_header,
)
from newscrawl.demo.stories import Story, read_text

FEEDS = [
    ("application/rss+xml", "/rss.xml", "Latest news (RSS)"),
    ("application/atom+xml", "/atom.xml", "Latest news (Atom)"),
    ("application/rdf+xml", "/index.rdf", "Science and culture (RDF)"),
]


@dataclass(frozen=True)
class Card:
    """A teaser in a list of stories."""

    path: str
    title: str
    summary: str = ""
    meta: str = ""

    @classmethod
    def of(cls, story: Story, path: str | None = None) -> Card:
        meta = f"By {' and '.join(story.authors)} · {story.published.date().isoformat()}"
        return cls(path or story.path, story.title, story.summary, meta)

    def html(self) -> str:
        return (
            f'<div class="card"><h3><a href="{escape(self.path)}">{escape(self.title)}</a></h3>'
            f'<p class="teaser">{escape(self.summary)}</p>'
            f'<span class="meta">{escape(self.meta)}</span></div>'
        )


@dataclass
class Listing:
    """A list page: heading, cards, pagination links."""

    heading: str
    cards: list[Card]
    newer: str | None = None
    older: str | None = None
    intro: str = ""
    extra_links: list[Link] = field(default_factory=list)


def listing_page(listing: Listing, popular: list[Link], weekly: list[Link], head: str = "") -> str:
    cards = "".join(card.html() for card in listing.cards) or "<p>No stories yet.</p>"
    pager = ""
    if listing.newer:
        pager += f'<a rel="prev" href="{escape(listing.newer)}">« Newer stories</a> '
    if listing.older:
        pager += f'<a rel="next" href="{escape(listing.older)}">Older stories »</a>'
    extra = "".join(f"<li>{link.html()}</li>" for link in listing.extra_links)
    intro = f'<p class="intro">{escape(listing.intro)}</p>' if listing.intro else ""
    main = (
        f'<main id="main"><h1>{escape(listing.heading)}</h1>{intro}'
        f'<div class="cards">{cards}</div><ul class="more">{extra}</ul>'
        f'<nav class="pagination">{pager}</nav>{sidebar(popular, weekly)}</main>'
    )
    body = site_header() + main + newsletter_box() + site_footer()
    return document(f"{listing.heading} – {SITE}", head, body)


def feed_links(extra: list[tuple[str, str, str]]) -> str:
    return "".join(
        f'<link rel="alternate" type="{kind}" href="{path}" title="{escape(title)}">'
        for kind, path, title in FEEDS + extra
    )


def about_page() -> str:
    paras = "".join(f"<p>{escape(p)}</p>" for p in read_text("about.txt").split("\n\n") if p)
    main = f'<main id="main"><div class="page"><h1>About the Herald</h1>{paras}</div></main>'
    return document(f"About us – {SITE}", "", site_header() + main + site_footer())


def contact_page() -> str:
    main = (
        '<main id="main"><h1>Contact us</h1><ul>'
        "<li>Newsroom: newsroom@harbourherald.example, +00 555 0101</li>"
        "<li>Readers' editor: readers@harbourherald.example</li>"
        "<li>Advertising: ads@harbourherald.example</li>"
        "<li>Post: 14 Quay Street, Harbour Town</li></ul>"
        '<form action="/contact/send" method="post"><textarea name="message"></textarea>'
        "<button>Send</button></form></main>"
    )
    return document(f"Contact – {SITE}", "", site_header() + main + site_footer())


def private_page() -> str:
    """An article-looking page under the robots.txt-disallowed /private/ prefix."""
    paras = "".join(
        f"<p>{escape(p)}</p>"
        for p in [
            "This internal draft must never be fetched: it sits under a path that robots.txt "
            "disallows, even though the homepage and a sitemap link to it.",
            "Editors circulate embargoed copy here before publication. A crawler that "
            "requests this page has ignored the site's robots rules.",
        ]
        * 3
    )
    main = (
        '<main id="main"><article><h1>Embargoed: Harbour Budget Memo</h1>'
        f'<p class="byline">By Herald Staff</p><div class="story-body">{paras}</div>'
        "</article></main>"
    )
    head = '<meta property="og:type" content="article">'
    return document(f"Embargoed: Harbour Budget Memo – {SITE}", head, site_header() + main)
