"""newscrawl: crawl news sites into clean articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newscrawl.extraction import extract
    from newscrawl.items import Article, Attribution

__all__ = ["Article", "Attribution", "extract"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``newscrawl.extract`` and the item classes, imported on first use: the CLI and
    ``newscrawl --version`` do not pay for loading trafilatura."""
    if name == "extract":
        from newscrawl.extraction import extract

        return extract
    if name in ("Article", "Attribution"):
        from newscrawl import items

        return getattr(items, name)
    raise AttributeError(f"module 'newscrawl' has no attribute {name!r}")
