"""HTML (+ URL, + site rules) to a clean Article. Pure: no Scrapy, no database, no network."""

from newscrawl.extraction.core import extract
from newscrawl.extraction.rules import SiteRules

__all__ = ["SiteRules", "extract"]
