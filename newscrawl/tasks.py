"""Functions that run in worker processes. Top-level and picklable; no Scrapy objects."""

from __future__ import annotations

from newscrawl.dedup import choose_canonical
from newscrawl.extraction import SiteRules, extract
from newscrawl.items import Article


def extract_page(
    url: str, body: bytes, encoding: str | None, rules: SiteRules | None
) -> Article | None:
    """Extract one fetched page; the stored key is the same-site canonical URL."""
    article = extract(body, url, rules=rules, encoding=encoding)
    if article is not None:
        article.canonical_url = choose_canonical(url, article.canonical_url)
    return article
