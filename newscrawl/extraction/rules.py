"""Per-site extraction overrides, declared by site spiders."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteRules:
    """What a site spider tells extraction about its pages.

    ``drop``: CSS selectors (or XPath expressions starting with "/" or "(") whose elements
    are removed before extraction. ``body``: a selector for the element that holds the
    article body; when it matches, extraction only looks inside it (plus the page head for
    metadata). ``site_name``: the outlet's display name.
    """

    drop: tuple[str, ...] = ()
    body: str | None = None
    site_name: str | None = None
