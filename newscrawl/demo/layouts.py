"""Article pages: one story in one of four markups, wrapped in the site's boilerplate.

``story``: ``<article>``, JSON-LD, og tags, canonical, an ad slot inside the body.
``plain``: nested divs like a WordPress theme, JSON-LD ``@graph``, "Published | date" lines.
``portal``: accessibility links, site blurb, an "Also read" box inside the body, author box.
``bare``: divs only, no JSON-LD, no og:type, no canonical: only URL shape and text density.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

from newscrawl.demo.chrome import (
    SITE,
    Link,
    comments_counter,
    document,
    newsletter_box,
    share_bar,
    sidebar,
    site_footer,
    site_header,
)
from newscrawl.demo.model import BASE
from newscrawl.demo.stories import AUTHOR_SLUGS, Story


@dataclass(frozen=True)
class Extras:
    """What surrounds one article page."""

    popular: list[Link]
    weekly: list[Link]
    related: Link
    image: bool = False
    pdf: bool = False
    charset: bool = True


def tag_path(tag: str) -> str:
    return "/tag/" + tag.lower().replace(" ", "-") + "/"


def byline(story: Story) -> str:
    names = [
        f'<a rel="author" href="/author/{AUTHOR_SLUGS[name]}/">{escape(name)}</a>'
        for name in story.authors
    ]
    return "By " + " and ".join(names)


def body_html(story: Story, *, sub: str, insert: str = "", at: int = 2) -> str:
    parts = [
        f"<{sub}>{escape(b.text)}</{sub}>" if b.heading else f"<p>{escape(b.text)}</p>"
        for b in story.blocks
    ]
    if insert:
        parts.insert(at, insert)
    return "".join(parts)


def json_ld(story: Story, *, graph: bool = False) -> str:
    article: dict[str, object] = {
        "@type": "NewsArticle",
        "headline": story.title,
        "datePublished": story.published.isoformat(),
        "author": [{"@type": "Person", "name": name} for name in story.authors],
        "publisher": {"@type": "Organization", "name": SITE},
        "mainEntityOfPage": BASE + story.path,
        "keywords": story.tags,
    }
    if story.modified:
        article["dateModified"] = story.modified.isoformat()
    data: dict[str, object] = {"@context": "https://schema.org"}
    if graph:
        data["@graph"] = [{"@type": "WebPage", "@id": BASE + story.path}, article]
    else:
        data.update(article)
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def og_tags(story: Story) -> str:
    tags = [
        ("og:type", "article"),
        ("og:title", story.title),
        ("og:url", BASE + story.path),
        ("og:site_name", SITE),
        ("og:image", BASE + "/images/harbour.jpg"),
        ("article:published_time", story.published.isoformat()),
    ]
    return "".join(f'<meta property="{k}" content="{escape(v)}">' for k, v in tags)


def attachments(story: Story, extras: Extras) -> str:
    parts = []
    if extras.image:
        parts.append(
            '<figure><a href="/images/harbour.jpg"><img src="/images/harbour.jpg" alt="Dusk"></a>'
            "<figcaption>The harbour at dusk. Photo: Herald archive</figcaption></figure>"
        )
    if extras.pdf:
        parts.append(
            '<p class="download"><a href="/files/report.pdf">Download the report (PDF)</a></p>'
        )
    return "".join(parts)


def tag_links(story: Story) -> str:
    links = "".join(f'<li><a href="{tag_path(t)}">{escape(t)}</a></li>' for t in story.tags)
    return f'<ul class="tags">{links}</ul>'


def human_date(story: Story) -> str:
    d = story.published
    return f"{d:%B} {d.day}, {d.year}"


def head_common(story: Story, *, canonical: bool = True) -> str:
    desc = f'<meta name="description" content="{escape(story.summary)}">'
    canon = f'<link rel="canonical" href="{BASE}{story.path}">' if canonical else ""
    return desc + canon


def story_page(story: Story, extras: Extras) -> str:
    ad = '<div class="ad-slot" aria-hidden="true">Advertisement</div>'
    main = (
        f'<main id="main"><article class="story"><header>'
        f'<p class="kicker"><a href="/{story.section}/">{story.section.title()}</a></p>'
        f'<h1 class="headline">{escape(story.title)}</h1>'
        f'<p class="standfirst">{escape(story.summary)}</p>'
        f'<p class="byline">{byline(story)}</p>'
        f'<time datetime="{story.published.isoformat()}">{human_date(story)}</time></header>'
        f"{attachments(story, extras)}"
        f'<div class="story-body">{body_html(story, sub="h2", insert=ad)}</div>'
        f"{tag_links(story)}{share_bar()}{comments_counter()}</article>"
        f"{sidebar(extras.popular, extras.weekly)}</main>"
    )
    head = head_common(story) + og_tags(story) + json_ld(story)
    body = site_header() + main + newsletter_box() + site_footer()
    return document(f"{story.title} – {SITE}", head, body, charset=extras.charset)


def plain_page(story: Story, extras: Extras) -> str:
    authors = ", ".join(story.authors)
    main = (
        f'<div id="wrapper"><div class="top-bar">{human_date(story)}</div>'
        '<div class="container"><div class="post">'
        f'<h2 class="post-title">{escape(story.title)}</h2>'
        f'<div class="post-meta"><span>Published | {human_date(story)}</span> '
        f"<span>By | {escape(authors)}</span></div>{attachments(story, extras)}"
        f'<div class="entry-content">{body_html(story, sub="h3")}</div>'
        f'<div class="post-tags">Tags: {tag_links(story)}</div>{share_bar()}'
        f'<p class="byline">{byline(story)}</p></div>'
        f"{sidebar(extras.popular, extras.weekly)}</div></div>"
    )
    head = head_common(story) + og_tags(story) + json_ld(story, graph=True)
    body = site_header() + main + comments_counter() + newsletter_box() + site_footer()
    return document(f"{story.title} | {SITE}", head, body, charset=extras.charset)


def portal_page(story: Story, extras: Extras) -> str:
    also = f'<div class="also-read"><strong>Also read:</strong> {extras.related.html()}</div>'
    box = "".join(
        f'<div class="author-box">{escape(n)}<br>{AUTHOR_SLUGS[n]}@harbourherald.example</div>'
        for n in story.authors
    )
    main = (
        f'<div id="main" class="article-view"><div class="article-head-title">'
        f"<h1>{escape(story.title)}</h1></div>"
        f'<div class="info-text"><ul><li>{byline(story)}</li><li>Views 300</li>'
        f"<li>Published {human_date(story)}</li></ul></div>{attachments(story, extras)}"
        f'<div id="article-view-content-div">{body_html(story, sub="h4", insert=also, at=3)}'
        f"</div>{box}{comments_counter()}{share_bar()}{tag_links(story)}</div>"
        f'<div class="lists">{sidebar(extras.popular, extras.weekly)}</div>'
    )
    head = head_common(story) + og_tags(story) + json_ld(story)
    body = site_header(skip_links=True, blurb=True) + main + newsletter_box() + site_footer()
    return document(f"{story.title} - {SITE}", head, body, charset=extras.charset)


def bare_page(story: Story, extras: Extras) -> str:
    paras = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    main = (
        f'<div class="content"><div class="headline"><b>{escape(story.title)}</b></div>'
        f'<div class="date">Published: {story.published.day} {story.published:%B %Y}</div>'
        f'<div class="author">{byline(story)}</div>{attachments(story, extras)}'
        f'<div class="text">{paras}</div>{tag_links(story)}{share_bar()}</div>'
        f"{sidebar(extras.popular, extras.weekly)}"
    )
    body = site_header() + main + comments_counter() + newsletter_box() + site_footer()
    return document(
        f"{story.title} - {SITE}", head_common(story, canonical=False), body, charset=extras.charset
    )


RENDERERS = {"story": story_page, "plain": plain_page, "portal": portal_page, "bare": bare_page}


def article_page(story: Story, extras: Extras) -> str:
    """The full HTML of ``story``'s page."""
    return RENDERERS[story.layout](story, extras)
