"""The boilerplate around every page: navigation, link lists, share bar, newsletter, footer.

Everything here is junk to a crawler; ``JUNK`` lists strings of it that must never reach
a stored article's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

SITE = "The Harbour Herald"
BLURB = (
    "The Harbour Herald is your trusted daily source for news from the harbour, the islands "
    "and the world beyond, with independent reporting since 1884."
)
TICKER = "News Flash : Ferry timetable changes this weekend – Harbour jazz festival tickets on sale"

#: Boilerplate strings shown on article pages that must not appear in stored text.
JUNK = [
    "Popular Now",
    "Weekly Best Articles",
    "Comments 0",
    "Share it on Facebook",
    "Share it on X",
    "Subscribe to our newsletter",
    "Registration certificate",
    "Owner: Harbour Herald Trust",
    "All rights reserved",
]

NAV = [
    ("/", "Home"),
    ("/world/", "World"),
    ("/business/", "Business"),
    ("/science/", "Science"),
    ("/local/", "Local"),
    ("/culture/", "Culture"),
    ("/about/", "About us"),
    ("/contact/", "Contact"),
]


@dataclass(frozen=True)
class Link:
    """A link to another page of the outlet."""

    path: str
    text: str

    def html(self) -> str:
        return f'<a href="{escape(self.path)}">{escape(self.text)}</a>'


def link_list(heading: str, links: list[Link], css: str) -> str:
    items = "".join(f"<li>{link.html()}</li>" for link in links)
    return f'<section class="{css}"><h3>{escape(heading)}</h3><ol>{items}</ol></section>'


def site_header(*, skip_links: bool = False, blurb: bool = False) -> str:
    skip = (
        '<div class="skip"><a href="#top">Quick access to main page (top)</a> '
        '<a href="#main">Direct access to main contents</a></div>'
        if skip_links
        else ""
    )
    about = f'<p class="site-blurb">{escape(BLURB)}</p>' if blurb else ""
    menu = "".join(f'<li><a href="{path}">{text}</a></li>' for path, text in NAV)
    return (
        f'{skip}<header class="masthead" id="top"><a class="logo" href="/">'
        f'<img src="/images/harbour.jpg" alt="Logo"> {SITE}</a>{about}'
        f'<nav class="menu"><ul>{menu}</ul></nav>'
        '<form class="search" action="/search" method="get"><input name="q"></form>'
        f'<div class="ticker">{escape(TICKER)}</div></header>'
    )


def share_bar() -> str:
    return (
        '<div class="share"><a href="https://facebook.example/share">Share it on Facebook</a> '
        '<a href="https://x.example/intent">Share it on X</a></div>'
    )


def comments_counter() -> str:
    return '<div class="comments"><a href="#comments">Comments 0</a></div>'


def newsletter_box() -> str:
    return (
        '<div class="newsletter"><h4>Subscribe to our newsletter</h4>'
        "<p>The day's harbour news in your inbox at seven every morning.</p>"
        '<form action="/newsletter" method="post"><input type="email" name="email">'
        "<button>Sign up</button></form></div>"
    )


def site_footer() -> str:
    return (
        '<footer class="site-footer"><h4>Contacts</h4><ul>'
        "<li>Owner: Harbour Herald Trust</li><li>Registration certificate 48213077</li>"
        "<li>14 Quay Street, Harbour Town</li><li>newsroom@harbourherald.example</li></ul>"
        '<p><a href="/about/">About us</a> · <a href="/contact/">Contact</a> · '
        '<a href="/rss.xml">RSS</a></p>'
        f"<p>© 2024 {SITE}. All rights reserved.</p></footer>"
    )


def sidebar(popular: list[Link], weekly: list[Link]) -> str:
    return (
        '<aside class="sidebar">'
        + link_list("Popular Now", popular, "popular")
        + link_list("Weekly Best Articles", weekly, "weekly-best")
        + "</aside>"
    )


def document(title: str, head: str, body: str, *, charset: bool = True, lang: str = "en") -> str:
    """A whole HTML page; ``charset=False`` leaves out every charset declaration."""
    meta = '<meta charset="utf-8">' if charset else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head>{meta}'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{head}"
        '<link rel="stylesheet" href="/static/site.css"></head>'
        f"<body>{body}</body></html>\n"
    )
