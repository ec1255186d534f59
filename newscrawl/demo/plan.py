"""Which discovery source lists which story: no source lists them all.

Keys: ``home``, ``<section>/<page>``, ``tags``, ``authors`` (tag and author pages),
``sm-05`` / ``sm-06`` (gzipped child sitemaps), ``news`` (news sitemap, only in robots.txt),
``rss``, ``atom``, ``rdf`` (advertised feeds), ``feed`` (``/feed/``, not advertised),
``popular`` / ``weekly`` (the side lists on every page).
"""

from __future__ import annotations

PLAN: dict[str, set[str]] = {
    "russia-taliban-talks": {
        "home",
        "world/1",
        "rss",
        "sm-05",
        "news",
        "tags",
        "authors",
        "popular",
    },
    "taliban-delegation-doha": {"tags"},
    "pacific-fisheries-pact": {"world/3"},
    "drought-grain-prices": {"world/2", "atom"},
    "north-sea-storm": {"home", "world/1", "rss", "atom", "sm-06", "tags", "popular"},
    "port-expansion": {
        "home",
        "business/1",
        "rss",
        "feed",
        "sm-06",
        "news",
        "tags",
        "authors",
        "popular",
    },
    "airline-merger": {"business/1", "atom", "sm-05", "weekly"},
    "central-bank-holds": {"business/2"},
    "container-freight": {"sm-05"},
    "tidal-turbine": {"home", "science/1", "rdf", "sm-06", "tags", "weekly"},
    "seagrass-restoration": {"news"},
    "ferry-strike-ends": {"feed"},
    "library-reopens": {"authors"},
    "jazz-festival": {"home", "culture/1", "rdf", "atom", "sm-06", "weekly"},
}

#: Feed links carrying tracking parameters; the page's canonical URL is the clean one.
TRACKED = {
    ("rss", "russia-taliban-talks"): "?utm_source=rss",
    ("atom", "north-sea-storm"): "?utm_source=atom&utm_medium=feed",
}

#: How the three storable broken articles are served when ``broken=True``.
QUIRKS = {
    "drought-grain-prices": "truncated HTML: cut mid-tag, no closing tags, sidebar or footer",
    "container-freight": "windows-1252 bytes, no charset in header or page",
    "seagrass-restoration": "header says charset=iso-8859-1, body and meta are UTF-8",
}

#: Stories whose page shows the image or links the PDF.
WITH_IMAGE = {"jazz-festival", "port-expansion", "ferry-strike-ends"}
WITH_PDF = {"tidal-turbine", "central-bank-holds"}

SECTIONS = ["world", "business", "science", "local", "culture"]


def listed(key: str) -> list[str]:
    """Slugs listed by source ``key``, in plan order."""
    return [slug for slug, keys in PLAN.items() if key in keys]


def page_count(section: str) -> int:
    """How many list pages ``section`` has (its highest ``<section>/<n>`` key)."""
    pages = [
        int(k.split("/")[1]) for keys in PLAN.values() for k in keys if k.startswith(section + "/")
    ]
    return max(pages, default=1)
