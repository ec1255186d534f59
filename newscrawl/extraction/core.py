"""The extraction entry point: ``extract(html, url) -> Article | None``."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from urllib.parse import urlsplit

import trafilatura
from htmldate import find_date

from newscrawl.extraction.decode import decode_html, looks_binary
from newscrawl.extraction.rules import SiteRules
from newscrawl.items import Article

MAX_HTML_CHARS = 3_000_000
MIN_TEXT_CHARS = 250


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    rules: SiteRules | None = None,
    encoding: str | None = None,
) -> Article | None:
    """Extract the article in ``html``; ``None`` when the page is not an article."""
    if isinstance(html, bytes):
        if not html.strip() or looks_binary(html):
            return None
        html = decode_html(html, encoding)
    if not html.strip():
        return None
    html = html[:MAX_HTML_CHARS]
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        prune_xpath=list(rules.drop) if rules and rules.drop else None,
    )
    if doc is None or not doc.text or len(doc.text) < MIN_TEXT_CHARS:
        return None
    page_url = url or doc.url or ""
    published = _parse_date(doc.date) or _parse_date(find_date(html, url=url))
    text = _paragraphs(doc.text)
    return Article(
        url=page_url,
        canonical_url=doc.url or page_url,
        site=(rules.site_name if rules and rules.site_name else doc.sitename)
        or urlsplit(page_url).hostname,
        title=doc.title,
        authors=[a.strip() for a in (doc.author or "").split(";") if a.strip()],
        published_at=published,
        language=doc.language,
        description=doc.description,
        image_url=doc.image,
        tags=[t.strip() for t in (doc.tags or []) if t.strip()],
        text=text,
        text_hash=hashlib.sha1(text.encode()).hexdigest(),
    )


def _paragraphs(text: str) -> str:
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
