"""``reextract`` picks the newest archived fetch of each URL, of one site, since a date."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newscrawl.archive import WarcArchive
from newscrawl.db import ArticleStore, make_engine, upgrade
from newscrawl.extraction import SiteRules
from newscrawl.reextract import reextract

PROSE = " ".join(["Harbour officials said the new ferry terminal would open in June."] * 12)


def _page(title: str, extra: str = "") -> bytes:
    return (
        f"<html lang='en'><head><title>{title}</title><meta property='og:type' "
        f"content='article'></head><body><article><h1>{title}</h1><p>{PROSE}</p>"
        f"<p>{extra}{PROSE}</p></article></body></html>"
    ).encode()


def _archive(tmp_path: Path) -> list[Path]:
    archive = WarcArchive(tmp_path, "run1", max_bytes=10**8)
    headers = [("Content-Type", "text/html; charset=utf-8")]
    may, june = datetime(2024, 5, 1, tzinfo=UTC), datetime(2024, 6, 1, tzinfo=UTC)
    url_a, url_b = "https://a.example/2024/05/ferry", "https://b.example/2024/05/ferry"
    archive.write(url_a, 200, headers, _page("Ferry", "Old. "), may, "a")
    archive.write(url_a, 200, headers, _page("Ferry", "New. "), june, "a")  # the newest
    archive.write(url_b, 200, headers, _page("Ferry B"), may, "b")
    archive.close()
    return archive.paths


def test_site_and_since_choose_the_pages(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    upgrade(url)
    store = ArticleStore(make_engine(url))
    try:
        paths = _archive(tmp_path)
        rules = lambda site: SiteRules()  # noqa: E731
        first = reextract(store, paths, rules, site="a")
        assert (first.pages, first.new, first.sites) == (1, 1, {"a"})
        (record,) = store.iter_records()
        assert record["site"] == "a" and "New." in record["text"]
        later = reextract(store, paths, rules, since=datetime(2024, 5, 15, tzinfo=UTC))
        assert (later.pages, later.unchanged, later.new) == (1, 1, 0)  # only a's June fetch
        every = reextract(store, paths, rules)
        assert (every.pages, every.new, every.unchanged) == (2, 1, 1)
    finally:
        store.engine.dispose()
