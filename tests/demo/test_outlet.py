"""The Harbour Herald: discovery sources, expectations and bad input are what they claim."""

from __future__ import annotations

import gzip
import re
from collections import Counter
from html import unescape
from xml.etree import ElementTree

import pytest

from newscrawl.demo import ExpectedArticle, Outlet, RunningOutlet, build_outlet
from tests.demo.fetching import fetch

LINK = re.compile(rb'(?:href|rdf:resource|rdf:about)="([^"]+)"|<(?:loc|link)>([^<]+)</')


def links(body: bytes, base_url: str) -> set[str]:
    """Same-site paths linked from a page, sitemap or feed (fragments dropped)."""
    found = set()
    for match in LINK.finditer(body):
        url = unescape((match.group(1) or match.group(2)).decode()).split("#")[0]
        url = url.removeprefix(base_url)
        if url.startswith("/"):
            found.add(url)
    return found


def crawl(served: RunningOutlet, outlet: Outlet) -> set[str]:
    """A naive crawler: seeds /, robots.txt sitemaps and /feed/; honours Disallow lines."""
    robots = fetch(served.url("/robots.txt")).body.decode()
    disallow = re.findall(r"^Disallow: (\S+)", robots, re.M)
    queue = [
        "/",
        "/feed/",
        *(u.removeprefix(served.base_url) for u in re.findall(r"^Sitemap: (\S+)", robots, re.M)),
    ]
    seen = set(queue)
    while queue:
        path = queue.pop()
        if path in outlet.bad_paths:  # slow or huge: covered by their own tests
            continue
        page = fetch(served.url(path))
        body = gzip.decompress(page.body) if page.body[:2] == b"\x1f\x8b" else page.body
        for link in links(body, served.base_url) - seen:
            seen.add(link)
            if not link.startswith(tuple(disallow)):
                queue.append(link)
    return {p for p in seen if not p.startswith(tuple(disallow))}


def test_robots_disallows_private_and_names_the_sitemaps(served: RunningOutlet) -> None:
    robots = fetch(served.url("/robots.txt"))
    assert robots.headers["Content-Type"].startswith("text/plain")
    text = robots.body.decode()
    assert "Disallow: /private/" in text.splitlines()
    assert f"Sitemap: {served.base_url}/sitemap_index.xml" in text


def test_sitemap_index_children_are_gzipped_xml_of_absolute_urls(
    served: RunningOutlet, outlet: Outlet
) -> None:
    index = ElementTree.fromstring(fetch(served.url("/sitemap_index.xml")).body)
    children = [loc.text or "" for loc in index.findall(".//{*}loc")]
    assert len(children) >= 3 and all(c.endswith(".xml.gz") for c in children)
    for child in children:
        if child.removeprefix(served.base_url) in outlet.bad_paths:
            continue
        response = fetch(child)
        assert response.headers["Content-Type"] in ("application/gzip", "application/x-gzip")
        urlset = ElementTree.fromstring(gzip.decompress(response.body))
        locs = [loc.text or "" for loc in urlset.findall(".//{*}loc")]
        assert locs and all(loc.startswith(served.base_url + "/") for loc in locs)


def test_news_sitemap_and_feeds_parse(served: RunningOutlet) -> None:
    news = ElementTree.fromstring(fetch(served.url("/news-sitemap.xml")).body)
    assert list(news.iter("{http://www.google.com/schemas/sitemap-news/0.9}publication_date"))
    for path, root in [
        ("/rss.xml", "rss"),
        ("/feed/", "rss"),
        ("/atom.xml", "{*}feed"),
        ("/index.rdf", "{*}RDF"),
    ]:
        assert ElementTree.fromstring(fetch(served.url(path)).body).tag.endswith(root[3:])
    home = fetch(served.url("/")).body
    for kind in (b"rss", b"atom", b"rdf"):
        assert b'rel="alternate" type="application/' + kind + b"+xml" in home
    assert b'href="/feed/"' not in home


def test_every_article_is_found_by_a_polite_crawler_but_no_source_lists_all(
    served: RunningOutlet, outlet: Outlet
) -> None:
    found = crawl(served, outlet)
    assert {a.path for a in outlet.articles} <= found
    assert not set(outlet.disallowed_paths) & set(served.requests)
    per_source = Counter(source for a in outlet.articles for source in a.found_in)
    assert max(per_source.values()) < len(outlet.articles)
    assert sum(len(a.found_in) == 1 for a in outlet.articles) >= 5


def test_disallowed_pages_are_linked_but_served_so_a_violation_shows(outlet: Outlet) -> None:
    home = outlet.resources["/"].body
    for path in outlet.disallowed_paths:
        assert path in outlet.resources
        assert f'href="{path}"'.encode() in home


def test_non_article_pages_exist(served: RunningOutlet, outlet: Outlet) -> None:
    for kind in (
        "/about/",
        "/contact/",
        "/tag/taliban/",
        "/author/daniel-kim/",
        "/world/?page=2",
        "/world/page/3/",
        "/files/report.pdf",
        "/images/harbour.jpg",
    ):
        assert kind in outlet.non_article_paths
    for path in outlet.non_article_paths:
        assert fetch(served.url(path), method="HEAD").status == 200, path
    assert fetch(served.url("/files/report.pdf")).body.startswith(b"%PDF-1.4")
    assert fetch(served.url("/images/harbour.jpg")).body.startswith(b"\xff\xd8\xff")


def page_text(outlet: Outlet, article: ExpectedArticle) -> str:
    res = outlet.resources[article.path]
    encoding = "cp1252" if article.quirk.startswith("windows-1252") else "utf-8"
    return unescape(res.body.decode(encoding))


def test_each_article_page_holds_its_key_sentence_and_its_junk(outlet: Outlet) -> None:
    assert len(outlet.articles) == 14
    for article in outlet.articles:
        text = page_text(outlet, article)
        assert article.key_sentence in text and article.title in text
        assert article.published.tzinfo is not None
        assert not any(junk in article.key_sentence for junk in article.junk)
        if not article.quirk.startswith("truncated"):
            assert all(junk in text for junk in article.junk), article.path
        for alias in article.aliases:
            assert outlet.resources[alias] == outlet.resources[article.path]
            assert f'rel="canonical" href="{{base}}{article.path}"' in text


def test_broken_articles_are_served_with_their_quirks(outlet: Outlet) -> None:
    quirks = {
        a.quirk.split(":")[0].split(",")[0]: outlet.resources[a.path]
        for a in outlet.articles
        if a.quirk
    }
    assert set(quirks) == {"truncated HTML", "windows-1252 bytes", "header says charset=iso-8859-1"}
    truncated = quirks["truncated HTML"].body
    assert b"</html>" not in truncated and re.search(rb"<[a-z]+$", truncated)
    cp1252 = quirks["windows-1252 bytes"]
    assert cp1252.content_type == "text/html" and b"charset" not in cp1252.body.lower()
    with pytest.raises(UnicodeDecodeError):
        cp1252.body.decode("utf-8")
    lying = quirks["header says charset=iso-8859-1"]
    assert "iso-8859-1" in lying.content_type and b'<meta charset="utf-8">' in lying.body
    assert "Inès Dubé" in lying.body.decode("utf-8")


def test_bad_paths_are_bad(served: RunningOutlet, outlet: Outlet) -> None:
    statuses = {
        path: fetch(served.url(path), method="HEAD")
        for path in outlet.bad_paths
        if outlet.resources.get(path, None) is None or not outlet.resources[path].delay
    }
    assert statuses["/world/2024/06/02/deleted-story"].status == 404
    assert statuses["/business/2024/06/04/markets-live"].status == 500
    assert statuses["/local/2024/06/05/council-budget-vote"].headers["Content-Length"] == "0"
    big = statuses["/world/2024/06/07/summit-full-transcript"]
    assert int(big.headers["Content-Length"]) > 10 * 1024 * 1024
    assert outlet.resources["/local/2024/06/08/harbour-tunnel-inquiry"].delay >= 3
    with pytest.raises(ElementTree.ParseError):
        ElementTree.fromstring(fetch(served.url("/feeds/breaking.xml")).body)
    with pytest.raises(OSError):
        gzip.decompress(fetch(served.url("/sitemaps/video.xml.gz")).body)
    index = fetch(served.url("/sitemap_index.xml")).body
    assert b"/sitemaps/video.xml.gz" in index


def test_clean_outlet_has_no_bad_input() -> None:
    clean = build_outlet(broken=False)
    assert clean.bad_paths == {} and all(not a.quirk for a in clean.articles)
    assert [a.path for a in clean.articles] == [a.path for a in build_outlet().articles]
    for article in clean.articles:
        resource = clean.resources[article.path]
        assert resource.content_type == "text/html; charset=utf-8"
        assert resource.body.rstrip().endswith(b"</html>")
    assert b"/feeds/breaking.xml" not in clean.resources["/"].body
