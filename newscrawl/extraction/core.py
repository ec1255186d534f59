"""The extraction entry point: ``extract(html, url) -> Article | None``."""

from __future__ import annotations

import copy
import hashlib
import logging
import unicodedata

from lxml import html as lxml_html

from newscrawl.extraction.attribution import (
    attribution_in_tree,
    merge_attribution,
    split_attribution,
    wire_dateline,
)
from newscrawl.extraction.body import Block, body_blocks
from newscrawl.extraction.boilerplate import remove_boilerplate
from newscrawl.extraction.chunks import chunks_missing, find_body_chunks, merge_body_chunks
from newscrawl.extraction.cleanup import clean_blocks, drop_signature
from newscrawl.extraction.decode import decode_html, looks_binary
from newscrawl.extraction.ensemble import PageSignals, choose_body
from newscrawl.extraction.html_prep import parse_html
from newscrawl.extraction.language import identify_language
from newscrawl.extraction.metadata import PageMetadata, page_metadata
from newscrawl.extraction.pagekind import is_article, page_evidence, paragraph_chars
from newscrawl.extraction.restore import restore_structure
from newscrawl.extraction.rules import SiteRules, apply_site_rules
from newscrawl.items import Article, Attribution

LOGGER = logging.getLogger(__name__)


def extract(
    html: str | bytes,
    url: str | None = None,
    *,
    rules: SiteRules | None = None,
    encoding: str | None = None,
) -> Article | None:
    """Extract the article in ``html``; ``None`` when the page is not an article. Never raises."""
    try:
        return _extract(html, url, rules or SiteRules(), encoding)
    except Exception:  # one bad page must never stop a crawl; the page is skipped
        LOGGER.exception("extraction failed for %s", url)
        return None


def _decode(source: str | bytes, encoding: str | None) -> str | None:
    if isinstance(source, bytes):
        if not source.strip() or looks_binary(source):
            return None
        source = decode_html(source, encoding)
    return source if source.strip() else None


def parse_page(source: str | bytes, encoding: str | None = None) -> lxml_html.HtmlElement | None:
    """Decode (bytes) and parse a page once, bounded; None for empty or binary bodies."""
    text_source = _decode(source, encoding)
    return parse_html(text_source) if text_source else None


def _extract(
    source: str | bytes, url: str | None, rules: SiteRules, encoding: str | None
) -> Article | None:
    tree = parse_page(source, encoding)
    return extract_tree(tree, url, rules) if tree is not None else None


def extract_tree(
    tree: lxml_html.HtmlElement,
    url: str | None,
    rules: SiteRules,
    listed_as_article: bool = False,
) -> Article | None:
    """``extract`` on a tree from ``parse_page`` (which it does not modify). May raise."""
    meta = page_metadata(tree, url, rules.site_name)
    evidence = page_evidence(
        tree,
        url or meta.canonical_url,  # a saved page without its URL is judged by its canonical
        meta.og_type,
        meta.ld_types,
        (meta.title, *meta.h1s[:1]),
        listed_as_article,
    )
    text, attribution = _body(tree, url, meta, rules)
    if not is_article(evidence, text):
        return None
    page_url = url or meta.canonical_url or ""
    return Article(
        url=page_url,
        canonical_url=meta.canonical_url or page_url,
        site=meta.site,
        title=meta.title,
        authors=meta.authors,
        published_at=meta.published_at,
        published_source=meta.published_source,
        modified_at=meta.modified_at,
        language=identify_language(text, hint=meta.language),
        description=meta.description,
        image_url=meta.image_url,
        tags=meta.tags,
        text=text,
        attribution=attribution,
        text_hash=hashlib.sha1(text.encode()).hexdigest(),
    )


def _blocks(work: lxml_html.HtmlElement, url: str | None) -> list[Block]:
    """Body blocks; a body split into look-alike chunks is re-joined and extracted again."""
    blocks = body_blocks(work, url)
    chunks = find_body_chunks(work)
    if chunks and chunks_missing(chunks, "\n".join(b.text for b in blocks)):
        merge_body_chunks(chunks)
        blocks = body_blocks(work, url)
    return restore_structure(work, blocks)


def _body(
    tree: lxml_html.HtmlElement, url: str | None, meta: PageMetadata, rules: SiteRules
) -> tuple[str, list[Attribution]]:
    work = copy.deepcopy(tree)
    apply_site_rules(work, rules)
    remove_boilerplate(work, meta.ld_body)
    blocks = _blocks(work, url)
    texts, attribution = split_attribution(b.text for b in blocks)
    kept = [b for b in blocks if b.text in set(texts)]
    titles = [meta.title or "", *meta.h1s]
    lines = drop_signature(clean_blocks(kept, titles, meta.description), meta.authors)
    signals = PageSignals(paragraph_chars(tree), meta.description, meta.ld_body)
    chosen, source = choose_body("\n\n".join(lines), tree, url, signals)
    if source != "clean":
        lines = _lines(chosen, titles, meta)
    wire = wire_dateline(lines[0]) if lines else None
    attribution = merge_attribution([wire] if wire else [], attribution_in_tree(tree), attribution)
    # NFC, as Unicode recommends for interchange (and trafilatura returns): letters such as
    # Bengali "য়" come as one code point in some pages and two in others
    return unicodedata.normalize("NFC", "\n\n".join(lines)), attribution


def _lines(text: str, titles: list[str], meta: PageMetadata) -> list[str]:
    """A candidate body through the same block clean-up as our own."""
    blocks = [Block("p", line.strip()) for line in text.splitlines() if line.strip()]
    return drop_signature(clean_blocks(blocks, titles, meta.description), meta.authors)
