"""The article body: trafilatura over the pre-cleaned tree, as plain paragraphs."""

from __future__ import annotations

import trafilatura
from lxml import html


def body_text(tree: html.HtmlElement, url: str | None) -> str:
    """Main text of ``tree`` (not modified) as lines, one paragraph or heading per line."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
    )
    if document is None or not document.text:
        return ""
    return str(document.text)


def paragraphs(text: str) -> list[str]:
    """Non-empty stripped lines of ``text``."""
    return [line.strip() for line in text.splitlines() if line.strip()]
