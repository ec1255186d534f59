"""Canonical URLs and content fingerprints. Pure."""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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


_DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def canonical_url(url: str) -> str:
    """A stable form of ``url``: lower-case scheme and host, no default port, no fragment,
    no tracking parameters. Cheap: it runs for every link of every page."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower().removesuffix(_DEFAULT_PORTS.get(scheme, "\0"))
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, v) for k, v in pairs if not _is_tracking(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


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
