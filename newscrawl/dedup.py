"""Canonical URLs and content fingerprints. Pure."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from courlan import normalize_url

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_", "oly_")
_TRACKING_KEYS = frozenset(
    [
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mkt_tok",
        "_ga",
        "_gl",
        "ref",
        "ref_src",
        "cmpid",
        "ncid",
        "ocid",
        "share",
        "smid",
        "from",
        "spm",
        "icid",
        "__twitter_impression",
    ]
)


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_KEYS or key.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """A stable form of ``url``: lower-case host, no fragment, no tracking parameters."""
    try:
        normalized = normalize_url(url.strip())
    except (ValueError, AttributeError):
        normalized = url.strip()
    parts = urlsplit(normalized)
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def _site_key(host: str) -> str:
    host = host.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


def choose_canonical(page_url: str, declared: str | None) -> str:
    """The page's declared canonical URL when it stays on the same site, else the page URL.

    A canonical pointing to another site (aggregators, syndication) would merge different
    outlets' rows, so storage keys on the fetched URL then.
    """
    page = canonical_url(page_url)
    if not declared or not declared.startswith(("http://", "https://")):
        return page
    candidate = canonical_url(declared)
    if _site_key(urlsplit(candidate).netloc) != _site_key(urlsplit(page).netloc):
        return page
    return candidate


def text_fingerprint(text: str) -> str:
    """Exact-copy fingerprint of an article's text (whitespace-insensitive)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
