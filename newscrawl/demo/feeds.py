"""Machine-readable discovery sources: robots.txt, sitemaps, RSS 2.0, Atom and RSS 1.0 (RDF).

Every URL in them is absolute, built on the ``{base}`` placeholder that serving replaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from newscrawl.demo.chrome import SITE
from newscrawl.demo.model import BASE


@dataclass(frozen=True)
class Entry:
    """One item of a feed or sitemap."""

    path: str
    title: str
    published: datetime
    summary: str = ""
    author: str = ""


XML = '<?xml version="1.0" encoding="UTF-8"?>\n'


def robots_txt(sitemaps: list[str], disallow: list[str]) -> str:
    rules = "".join(f"Disallow: {prefix}\n" for prefix in disallow)
    maps = "".join(f"Sitemap: {BASE}{path}\n" for path in sitemaps)
    return f"# robots.txt for {SITE}\nUser-agent: *\n{rules}Allow: /\n\n{maps}"


def sitemap_index(paths: list[str], lastmod: datetime) -> str:
    items = "".join(
        f"<sitemap><loc>{BASE}{escape(p)}</loc><lastmod>{lastmod.isoformat()}</lastmod></sitemap>"
        for p in paths
    )
    return f'{XML}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>\n'


def url_set(entries: list[Entry]) -> str:
    items = "".join(
        f"<url><loc>{BASE}{escape(e.path)}</loc><lastmod>{e.published.isoformat()}</lastmod>"
        "<changefreq>monthly</changefreq></url>"
        for e in entries
    )
    return f'{XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>\n'


def news_sitemap(entries: list[Entry]) -> str:
    items = "".join(
        f"<url><loc>{BASE}{escape(e.path)}</loc><news:news><news:publication>"
        f"<news:name>{SITE}</news:name><news:language>en</news:language></news:publication>"
        f"<news:publication_date>{e.published.isoformat()}</news:publication_date>"
        f"<news:title>{escape(e.title)}</news:title></news:news></url>"
        for e in entries
    )
    return (
        f'{XML}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{items}</urlset>\n'
    )


def rss(entries: list[Entry], title: str, self_path: str) -> str:
    items = "".join(
        f"<item><title>{escape(e.title)}</title><link>{BASE}{escape(e.path)}</link>"
        f'<guid isPermaLink="true">{BASE}{escape(e.path)}</guid>'
        f"<pubDate>{format_datetime(e.published)}</pubDate>"
        f"<dc:creator>{escape(e.author)}</dc:creator>"
        f"<description>{escape(e.summary)}</description></item>"
        for e in entries
    )
    return (
        f'{XML}<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>{escape(title)}</title>'
        f"<link>{BASE}/</link><description>News from {SITE}</description>"
        f'<atom:link href="{BASE}{self_path}" rel="self" type="application/rss+xml"/>'
        f"{items}</channel></rss>\n"
    )


def atom(entries: list[Entry], self_path: str) -> str:
    updated = max(e.published for e in entries).isoformat()
    items = "".join(
        f"<entry><title>{escape(e.title)}</title>"
        f'<link rel="alternate" type="text/html" href="{BASE}{escape(e.path)}"/>'
        f"<id>{BASE}{escape(e.path)}</id><published>{e.published.isoformat()}</published>"
        f"<updated>{e.published.isoformat()}</updated>"
        f"<author><name>{escape(e.author)}</name></author>"
        f"<summary>{escape(e.summary)}</summary></entry>"
        for e in entries
    )
    return (
        f'{XML}<feed xmlns="http://www.w3.org/2005/Atom"><title>{SITE}</title>'
        f'<link rel="self" href="{BASE}{self_path}"/><link rel="alternate" href="{BASE}/"/>'
        f"<id>{BASE}/</id><updated>{updated}</updated>{items}</feed>\n"
    )


def rdf(entries: list[Entry], self_path: str) -> str:
    seq = "".join(f'<rdf:li rdf:resource="{BASE}{escape(e.path)}"/>' for e in entries)
    items = "".join(
        f'<item rdf:about="{BASE}{escape(e.path)}"><title>{escape(e.title)}</title>'
        f"<link>{BASE}{escape(e.path)}</link><dc:date>{e.published.isoformat()}</dc:date>"
        f"<dc:creator>{escape(e.author)}</dc:creator>"
        f"<description>{escape(e.summary)}</description></item>"
        for e in entries
    )
    return (
        f'{XML}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        f'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="{BASE}{self_path}"><title>{SITE}</title><link>{BASE}/</link>'
        f"<description>Science and culture</description><items><rdf:Seq>{seq}</rdf:Seq>"
        f"</items></channel>{items}</rdf:RDF>\n"
    )
