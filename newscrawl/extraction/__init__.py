"""HTML (+ URL, + site rules) to a clean Article. Pure: no Scrapy, no database, no network.

``extract`` is imported on first use: the crawler process names the extraction modules
(site rules, the page task) but runs none of them, the workers do; trafilatura, readability
and their dependencies cost the crawler ~0.3 s of CPU at every start, a re-run that finds
nothing new included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newscrawl.extraction.rules import SiteRules

if TYPE_CHECKING:
    from newscrawl.extraction.core import extract

__all__ = ["SiteRules", "extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from newscrawl.extraction.core import extract

        return extract
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
