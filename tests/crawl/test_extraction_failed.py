"""An article page that yields no body is said, counted and kept for ``newscrawl reextract``.

A page that declares itself an article (og:type) but holds no text the extractor can find is
not a non-article page: the crawl warns with its URL, shows it in the summary and records it
where ``reextract`` retries it. A listing beside it stays a plain non-article page.
"""

from __future__ import annotations

from pathlib import Path

from bench.corpus_outlet import serve_site
from newscrawl.db import ArticleStore, make_engine
from tests.cli.run import newscrawl

EMPTY = "/news/2024/05/29/harbour-lights-gallery"
STORY = "/news/2024/05/28/ferry-strike-ends"
PROSE = "<p>" + "The ferry crews voted on Tuesday to end the strike over rosters. " * 12 + "</p>"


def _page(title: str, body: str, og_type: str = "article") -> bytes:
    return (
        f'<html><head><title>{title}</title><meta property="og:type" content="{og_type}">'
        f"</head><body><h1>{title}</h1>{body}</body></html>"
    ).encode()


def test_an_article_page_without_a_body_is_an_extraction_failure(tmp_path: Path) -> None:
    links = f'<a href="{EMPTY}">Harbour lights at night</a> <a href="{STORY}">Strike ends</a>'
    site = {
        "/": ("text/html", _page("The Harbour Herald", links, og_type="website")),
        EMPTY: ("text/html", _page("Gallery: harbour lights", '<img src="/lights.jpg">')),
        STORY: ("text/html", _page("Ferry strike ends", PROSE)),
        "/robots.txt": ("text/plain", b"User-agent: *\n"),
    }
    db = f"sqlite:///{tmp_path / 'news.db'}"
    with serve_site(site) as base:
        crawl = newscrawl("crawl", base + "/", "--db", db)
    output = crawl.stdout + crawl.stderr
    assert f"no article body at {base}{EMPTY}" in output
    assert "extraction failed on 1 article pages" in output
    store = ArticleStore(make_engine(db))
    assert [f["url"] for f in store.extraction_failures()] == [base + EMPTY]
    assert [r["url"] for r in store.iter_records()] == [base + STORY]
