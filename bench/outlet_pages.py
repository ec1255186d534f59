"""The fake news outlet's pages: article bodies made from real pages, robots.txt, sitemaps, feed.

Pure: no sockets. Each copy of a real page is made a distinct article: its canonical and og:url
point at its own URL and a copy-specific word is inserted after every ``MARK_EVERY``-th word of
visible text, so exact and near-duplicate detection (4-token shingles share < 40 %) see different
articles while the DOM, the markup size and the extraction work stay those of the real page.
Synthetic pages (for the memory check) are tiny generated articles with unique text.
"""

from __future__ import annotations

import gzip
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

MARK_EVERY = 8
SITEMAP_SIZE = 1000
SECTIONS = ("world", "politics", "business", "science", "culture")
SECTION_LINKS = 50
_URL_SLOT = "\x01"
_WORD_SLOT = "\x00"
_SKIP = re.compile(
    r"(<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>)", re.S | re.I
)
_WORD = re.compile(r"&#?\w+;|\w+")
_CANONICAL = re.compile(
    r"""(<link\b[^>]*\brel=["']?canonical["']?[^>]*\bhref=["'])([^"']*)"""
    r"""|(<meta\b[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["'])([^"']*)""",
    re.I,
)
_EPOCH = datetime(2024, 5, 31, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Resource:
    """One response: what it is (for the server's counters), its type and its body."""

    kind: str
    content_type: str
    body: bytes


def article_path(n: int, slug: str) -> str:
    """The path of article ``n`` (0-based): a dated news URL like real outlets use."""
    return f"/news/2024/05/{n}-{slug}"


def published(n: int) -> datetime:
    """Article ``n``'s publication time: one every 10 minutes back from a fixed date."""
    return _EPOCH - timedelta(minutes=10 * n)


def load_pages(pages_dir: Path) -> list[tuple[str, str]]:
    """``(page id, html text)`` of every ``*.html.gz`` in ``pages_dir``, sorted by id."""
    files = sorted(pages_dir.glob("*.html.gz"))
    if not files:
        raise SystemExit(f"no *.html.gz pages in {pages_dir} (use --pages DIR)")
    return [
        (f.name.split(".")[0], gzip.decompress(f.read_bytes()).decode("utf-8", "surrogateescape"))
        for f in files
    ]


def make_template(html: str) -> str:
    """``html`` with a URL slot in canonical/og:url and a word slot every MARK_EVERY words."""
    html = _CANONICAL.sub(lambda m: (m.group(1) or m.group(3)) + _URL_SLOT, html)
    parts = _SKIP.split(html)
    for i in range(0, len(parts), 2):
        parts[i] = _mark_words(parts[i])
    return "".join(parts)


def _mark_words(text: str) -> str:
    out: list[str] = []
    last = count = 0
    for match in _WORD.finditer(text):
        if match.group().startswith("&"):
            continue
        count += 1
        if count % MARK_EVERY == 0:
            out.append(text[last : match.end()])
            out.append(_WORD_SLOT)
            last = match.end()
    out.append(text[last:])
    return "".join(out)


def render_copy(template: str, url: str, n: int) -> bytes:
    """The body of article ``n`` made from ``template``."""
    word = f" q{n:x}z"
    return (
        template.replace(_URL_SLOT, url)
        .replace(_WORD_SLOT, word)
        .encode("utf-8", "surrogateescape")
    )


def robots_txt(base: str) -> bytes:
    return f"User-agent: *\nDisallow: /__\nSitemap: {base}/sitemap_index.xml\n".encode()


def sitemap_index(base: str, count: int) -> bytes:
    items = "".join(
        f"<sitemap><loc>{base}/sitemaps/news-{i}.xml</loc></sitemap>" for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    ).encode()


def urlset(entries: list[tuple[str, datetime]]) -> bytes:
    items = "".join(
        f"<url><loc>{escape(loc)}</loc><lastmod>{when.isoformat()}</lastmod></url>"
        for loc, when in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
    ).encode()


def rss_feed(base: str, entries: list[tuple[str, str, datetime]]) -> bytes:
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(loc)}</link>"
        f"<pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        for loc, title, when in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>Bench Outlet</title><link>{base}/</link>{items}</channel></rss>"
    ).encode()


def html_page(title: str, links: list[tuple[str, str]], head: str = "") -> bytes:
    lis = "".join(f'<li><a href="{escape(href)}">{escape(text)}</a></li>' for href, text in links)
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title>{head}</head>"
        f"<body><h1>{escape(title)}</h1><ul>{lis}</ul></body></html>"
    ).encode()


def homepage(base: str) -> bytes:
    feed = f'<link rel="alternate" type="application/rss+xml" href="{base}/feed.xml">'
    links = [(f"{base}/section/{s}", s.title()) for s in SECTIONS]
    return html_page("Bench Outlet", links, head=feed)


def synthetic_article(url: str, n: int, words: list[str]) -> bytes:
    """A tiny but complete article page with text unique to ``n``."""
    rng = random.Random(n)
    title = " ".join(rng.choices(words, k=6)).capitalize()
    paras = "".join(f"<p>{' '.join(rng.choices(words, k=25)).capitalize()}.</p>" for _ in range(4))
    when = published(n).isoformat()
    return (
        f'<!doctype html><html lang="en"><head><title>{title}</title>'
        f'<link rel="canonical" href="{url}">'
        f'<meta property="article:published_time" content="{when}"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
        f"<time datetime='{when}'>{when}</time>{paras}</article></body></html>"
    ).encode()


def vocabulary(size: int = 800) -> list[str]:
    """Deterministic pseudo-words for synthetic text."""
    rng = random.Random(7)
    syllables = ["ka", "to", "ri", "men", "sol", "da", "vi", "lor", "ne", "pa", "gu", "tes"]
    return ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(size)]
