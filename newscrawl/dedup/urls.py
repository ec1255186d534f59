"""Canonical URLs: one spelling per page, and one identity key per page. Pure.

``canonical_url`` is the URL we store and show: w3lib's canonical form (query parameters
sorted, percent-encoding normalised, no fragment), lower-case host, no default port, no
tracking parameters. ``url_key`` is what makes two addresses *the same page*: it also
ignores the scheme (http/https), a leading ``www.`` and the loopback aliases of one host
(``localhost`` / ``127.0.0.1`` / ``[::1]``), so they key one stored article.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

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
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}
#: Names of the local machine: one target crawled as any of them is one site.
_LOOPBACK = frozenset(["localhost", "127.0.0.1", "[::1]", "ip6-localhost"])
_LOOPBACK_KEY = "localhost"
_STAND_IN = "host.invalid"  # for a host w3lib rejects, while it canonicalizes the rest
#: URLs that are canonical already: lower-case host, a path of unreserved characters with no
#: ``.``/``..`` segment, no query, no fragment. ``canonical_url`` returns them as they are.
_PLAIN_URL = re.compile(
    r"(https?)://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(:[1-9][0-9]{0,4})?"
    r"(?:/(?!\.\.?(?:/|$))[A-Za-z0-9._~-]*)+"
)


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_KEYS or key.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """A stable form of ``url``: w3lib's canonical URL (sorted query, no fragment), lower-case
    host, no default port, no tracking parameters. Runs for every link of every page."""
    plain = _PLAIN_URL.fullmatch(url)
    if plain and plain[2] != _DEFAULT_PORTS[plain[1]]:
        return url  # the common case, which ``canonicalize`` returns unchanged (tested)
    return canonicalize(url)


def canonicalize(url: str) -> str:
    """``canonical_url`` without its shortcut for URLs that are canonical already."""
    parts = urlsplit(_w3lib_canonical(url.strip()))
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower().removesuffix(_DEFAULT_PORTS.get(scheme, "\0"))
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, v) for k, v in pairs if not _is_tracking(k)])
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _w3lib_canonical(url: str) -> str:
    """w3lib's canonical URL. w3lib rejects some hosts a page can still link to (a name that
    ends in a number, e.g. ``www.127.0.0.1``): then the rest is canonicalized around it."""
    try:
        return canonicalize_url(url)
    except ValueError:
        parts = urlsplit(url)
        if not parts.netloc:
            raise
        stand_in = urlunsplit(parts._replace(netloc=_STAND_IN))
        return canonicalize_url(stand_in).replace(_STAND_IN, parts.netloc.lower(), 1)


def host_key(netloc: str) -> str:
    """The host part of an identity key: no ``www.``, loopback names as one, port kept."""
    netloc = netloc.lower()
    host, sep, port = netloc.rpartition(":") if not netloc.endswith("]") else (netloc, "", "")
    if not sep or not port.isdigit():
        host, port = netloc, ""
    host = host.removeprefix("www.")
    if host in _LOOPBACK or host.startswith("127."):
        host = _LOOPBACK_KEY
    return f"{host}:{port}" if port else host


def url_key(url: str) -> str:
    """The identity of a page: its canonical URL without scheme, ``www.`` or host aliases.

    ``http://www.example.com/a?b=2&a=1`` and ``https://example.com/a?a=1&b=2`` have one key.
    """
    plain = _PLAIN_URL.fullmatch(url)
    if plain and plain[2] != _DEFAULT_PORTS[plain[1]]:  # canonical already: no parsing
        netloc, _, path = url[len(plain[1]) + 3 :].partition("/")  # (every stored article
        return f"{host_key(netloc)}/{path}"  # derives its id from this key)
    parts = urlsplit(canonicalize(url))
    query = f"?{parts.query}" if parts.query else ""
    return f"{host_key(parts.netloc)}{parts.path}{query}"


def choose_canonical(page_url: str, declared: str | None) -> str:
    """The page's declared canonical URL when it stays on the same site, else the page URL.

    A canonical pointing to another site (aggregators, syndication) would merge different
    outlets' rows, so storage keys on the fetched URL then. ``www.``, the scheme and the
    loopback aliases don't make another site.
    """
    page = canonical_url(page_url)
    if not declared or not declared.startswith(("http://", "https://")):
        return page
    candidate = canonical_url(declared)
    if host_key(urlsplit(candidate).netloc) != host_key(urlsplit(page).netloc):
        return page
    return candidate


def text_fingerprint(text: str) -> str:
    """Exact-copy fingerprint of an article's text (whitespace-insensitive)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
