"""Imported by the forkserver before it forks a worker, so that every worker starts warm.

A fresh process's first extraction costs ~0.2 s of CPU: trafilatura, htmldate and lxml build
their tables and compile their expressions on first use (and ~2 s more for dateparser's
locales, the first time a page's date needs them). Done here once, it is shared by
all workers (copy-on-write) instead of paid by each, in the middle of the crawl.
"""

from __future__ import annotations

import logging

# What the workers run, with the modules its functions import when first called.
import newscrawl.discovery.page
import newscrawl.extraction.decode
import newscrawl.extraction.pagekind
import newscrawl.tasks  # noqa: F401
from newscrawl.dedup.signature import compute_signature
from newscrawl.extraction.core import extract
from newscrawl.extraction.warm import warm_date_parser

_PARAGRAPH = "<p>" + "The harbour authority met on Tuesday to discuss the new ferry line. " * 12
_SAMPLE = (
    '<html lang="en"><head><title>Harbour opens a ferry line</title>'
    '<meta property="og:type" content="article">'
    '<meta property="article:published_time" content="2024-05-31T12:00:00Z">'
    '<link rel="canonical" href="{url}"><meta property="og:url" content="{url}">'
    '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour",'
    ' "author": {"@type": "Person", "name": "Ann Lee"}}</script></head>'
    "<body><nav><a href='/'>Home</a></nav><article><h1>Harbour opens a ferry line</h1>"
    f"<p class='byline'>By Ann Lee</p>{_PARAGRAPH}</p>{_PARAGRAPH}</p></article></body></html>"
)

try:
    for _base in ("https://www.example.co.uk", "http://127.0.0.1:8080"):  # a name, an address
        _url = _base + "/2024/05/31/harbour-opens-a-ferry-line"
        extract(_SAMPLE.replace("{url}", _url).encode(), url=_url)
    compute_signature(_PARAGRAPH)  # loads the stop lists and MinHash permutations
    warm_date_parser()  # dateparser's locale tables: ~2 s, for the first undeclared date
except Exception:  # a failed warm-up only costs the workers their first-page delay
    logging.getLogger(__name__).exception("extraction warm-up failed")
