"""newscrawl: crawl news sites into clean articles."""

from newscrawl.extraction import extract
from newscrawl.items import Article, Attribution

__all__ = ["Article", "Attribution", "extract"]
__version__ = "0.1.0"
