"""``newscrawl extract``: pages (files or URLs) in, articles out, decided as the crawl decides.

A page is an article when the crawler would take it for one (``discovery.page``), judged
with ``--url`` or, without it, with the URL the page gives for itself (canonical link,
og:url): a saved homepage is no article whether or not ``--url`` is given. Only articles go
to stdout; each page that is not one gets a line on stderr, so ``> out.json`` stays clean.
"""

from __future__ import annotations

import argparse
import json
from urllib.parse import urlsplit

from lxml import html

from newscrawl.cli_errors import say
from newscrawl.discovery.page import judge_page
from newscrawl.exit_codes import ExitCode
from newscrawl.extraction.core import parse_page
from newscrawl.extraction.metatags import canonical_link, first_meta, meta_tags
from newscrawl.extraction.pagekind import Candidacy
from newscrawl.extraction.rules import SiteRules
from newscrawl.fetch import FetchError, read_source
from newscrawl.items import Article


def cmd_extract(args: argparse.Namespace) -> int:
    failures = 0
    records = []
    for source in args.sources:
        try:
            body, url = read_source(source, args.url if len(args.sources) == 1 else None)
        except FetchError as exc:
            say(str(exc))
            failures += 1
            continue
        article, problem = page_article(body, url)
        if article is None:
            say(f"{source}: {problem}")
            failures += 1
            continue
        records.append(article.to_record())
    if records:  # a failure leaves stdout empty: ``extract x.html > out.json`` stays clean
        _print_records(records, args.format)
    return ExitCode.OK if records or not failures else ExitCode.NOTHING_CRAWLED


def page_article(body: bytes, url: str | None) -> tuple[Article | None, str]:
    """The page's article, or ``None`` and why not."""
    tree = parse_page(body)
    if tree is None:
        return None, "empty or not an HTML page"
    url = url or own_url(tree)
    verdict = judge_page(tree, url, SiteRules())
    if verdict.error is not None:  # one bad page must not stop the others
        error = verdict.error
        return None, f"extraction failed: {type(error).__name__}: {error}"
    if verdict.article is not None:
        return verdict.article, ""
    if verdict.candidacy is Candidacy.ARTICLE:
        return None, "not an article (too little text)"
    return None, "not an article"


def own_url(tree: html.HtmlElement) -> str | None:
    """The absolute URL a page gives for itself: its canonical link, else og:url."""
    for candidate in (canonical_link(tree), first_meta(meta_tags(tree), "og:url")):
        if candidate and urlsplit(candidate).scheme in ("http", "https"):
            return candidate
    return None


def _print_records(records: list[dict[str, object]], fmt: str) -> None:
    if fmt == "json":
        print(
            json.dumps(records[0] if len(records) == 1 else records, ensure_ascii=False, indent=2)
        )
    elif fmt == "jsonl":
        for record in records:
            print(json.dumps(record, ensure_ascii=False))
    else:
        for record in records:
            print(f"# {record['title'] or ''}\n\n{record['text']}\n")
