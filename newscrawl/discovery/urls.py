"""What a URL looks like: an article, a listing (section, tag, author, about...), or a file."""

from __future__ import annotations

import re
from enum import Enum
from urllib.parse import parse_qsl, urlsplit

BINARY_EXTENSIONS = frozenset(
    [
        "7z",
        "aac",
        "ai",
        "apk",
        "avi",
        "bin",
        "bmp",
        "bz2",
        "csv",
        "dmg",
        "doc",
        "docx",
        "eps",
        "exe",
        "flac",
        "flv",
        "gif",
        "gz",
        "ico",
        "iso",
        "jar",
        "jpeg",
        "jpg",
        "js",
        "json",
        "m4a",
        "m4v",
        "mkv",
        "mov",
        "mp3",
        "mp4",
        "mpeg",
        "mpg",
        "msi",
        "odp",
        "ods",
        "odt",
        "ogg",
        "otf",
        "pdf",
        "png",
        "ppt",
        "pptx",
        "ps",
        "psd",
        "rar",
        "rss",
        "svg",
        "swf",
        "tar",
        "tgz",
        "tif",
        "tiff",
        "ttf",
        "wav",
        "webm",
        "webp",
        "wma",
        "wmv",
        "woff",
        "woff2",
        "xls",
        "xlsx",
        "xml",
        "zip",
        "css",
        "txt",
    ]
)

_LISTING_SEGMENTS = frozenset(
    [
        "tag",
        "tags",
        "author",
        "authors",
        "category",
        "categories",
        "topic",
        "topics",
        "section",
        "sections",
        "about",
        "about-us",
        "contact",
        "contact-us",
        "contacts",
        "privacy",
        "privacy-policy",
        "terms",
        "terms-of-service",
        "terms-of-use",
        "legal",
        "imprint",
        "impressum",
        "search",
        "login",
        "signin",
        "sign-in",
        "register",
        "signup",
        "subscribe",
        "subscription",
        "newsletter",
        "newsletters",
        "archive",
        "archives",
        "feed",
        "feeds",
        "rss",
        "sitemap",
        "page",
        "account",
        "cart",
        "shop",
        "advertise",
        "advertising",
        "careers",
        "jobs",
        "team",
        "staff",
        "faq",
        "help",
        "cookies",
        "cookie-policy",
        "disclaimer",
    ]
)
# Query keys of site search (WordPress "?s=", "?q=", ...): result pages are endless and
# never an article, whatever path they hang off.
_SEARCH_KEYS = frozenset(["s", "q", "query", "search", "keyword", "keywords", "searchterm"])
_DATE_PATH = re.compile(r"/(19|20)\d{2}[/-](0?[1-9]|1[0-2])([/-]\d{1,2})?/|/(19|20)\d{6}")
_LONG_ID = re.compile(r"(?<![a-z])\d{5,}(?![a-z])")
_PAGINATION = re.compile(r"(/page/\d+/?$)|([?&](page|paged|pg|start|offset)=\d+)", re.IGNORECASE)
# Query keys that name one post or story: WordPress "?p=521", "?fArticleId=...", "?objectid=".
_POST_QUERY = re.compile(
    r"(?:^|&)(?:p|id|sid|story|storyid|objectid|articleid|\w*article\w*)=[\w-]+", re.IGNORECASE
)


class UrlKind(Enum):
    ARTICLE = "article"
    LISTING = "listing"
    FILE = "file"
    SEARCH = "search"  # site search results: never fetched
    UNKNOWN = "unknown"


def extension(url: str) -> str:
    path = urlsplit(url).path
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def is_binary_url(url: str) -> bool:
    """A link to an image, PDF, archive, media or other file that is never an article."""
    return extension(url) in BINARY_EXTENSIONS


def is_pagination(url: str) -> bool:
    return bool(_PAGINATION.search(url))


def is_search(query: str) -> bool:
    """A URL query that asks the site's search engine."""
    return any(
        key.lower() in _SEARCH_KEYS and not value.isdigit()
        for key, value in parse_qsl(query, keep_blank_values=True)
    )


def _slug_words(segment: str) -> int:
    stem = segment.rsplit(".", 1)[0]
    return len([w for w in re.split(r"[-_+]", stem) if w])


def _names_one_story(segment: str) -> bool:
    """A last path segment that names one story under a listing-like folder ("/archives/...")."""
    return _slug_words(segment) >= 3 or bool(_LONG_ID.search(segment))


def url_kind(url: str) -> UrlKind:
    """Classify a URL by its shape alone. Page signals decide the UNKNOWN ones."""
    if is_binary_url(url):
        return UrlKind.FILE
    parts = urlsplit(url)
    if parts.query and is_search(parts.query):
        return UrlKind.SEARCH
    segments = [s for s in parts.path.lower().split("/") if s]
    if is_pagination(url):
        return UrlKind.LISTING
    if parts.query and _POST_QUERY.search(parts.query):
        return UrlKind.ARTICLE
    if not segments or segments[-1] in _LISTING_SEGMENTS:
        return UrlKind.LISTING
    last = segments[-1]
    if any(s in _LISTING_SEGMENTS for s in segments[:-1]) and not _names_one_story(last):
        return UrlKind.LISTING
    if _DATE_PATH.search(parts.path + "/") and (len(segments) > 3 or _slug_words(last) >= 2):
        return UrlKind.ARTICLE
    if _slug_words(last) >= 4 or _LONG_ID.search(last) or _LONG_ID.search(parts.query):
        return UrlKind.ARTICLE
    if len(segments) == 1 and _slug_words(last) <= 2:
        return UrlKind.LISTING
    return UrlKind.UNKNOWN
