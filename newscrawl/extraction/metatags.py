"""The page head: <meta> tags, <link rel=canonical>, <html lang>, <h1> headings."""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit

from lxml import html

_MAX_META = 400


def meta_tags(tree: html.HtmlElement) -> dict[str, str]:
    """``{property-or-name (lower case): content}``; the first occurrence of a key wins."""
    found: dict[str, str] = {}
    for count, meta in enumerate(tree.iter("meta")):
        if count >= _MAX_META:
            break
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if key and content and key not in found:
            found[key] = content
    return found


def meta_all(tree: html.HtmlElement, key: str) -> list[str]:
    """Every content value of the meta tags named ``key`` (e.g. repeated ``article:tag``)."""
    values: list[str] = []
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").lower()
        content = (meta.get("content") or "").strip()
        if name == key and content:
            values.append(content)
    return values


def first_meta(tags: dict[str, str], *keys: str) -> str | None:
    """The first present value among ``keys``."""
    for key in keys:
        if tags.get(key):
            return tags[key]
    return None


def canonical_link(tree: html.HtmlElement) -> str | None:
    """The href of <link rel="canonical">."""
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower().strip() == "canonical" and link.get("href"):
            return str(link.get("href")).strip()
    return None


def html_lang(tree: html.HtmlElement) -> str | None:
    """The primary language subtag of <html lang> (``en-US`` -> ``en``)."""
    lang = (tree.get("lang") or tree.get("xml:lang") or "").strip().lower()
    primary = lang.replace("_", "-").split("-")[0]
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None


def headings(tree: html.HtmlElement, tag: str = "h1") -> list[str]:
    """Whitespace-normalised texts of the page's ``tag`` headings, empty ones skipped."""
    texts = (" ".join(h.text_content().split()) for h in tree.iter(tag))
    return [text for text in texts if text]


def banner_headings(tree: html.HtmlElement, url: str | None, tag: str = "h1") -> list[str]:
    """Texts of ``tag`` headings that are a link home or to a section above the page.

    A blog's name in an ``<h1><a href="/">`` banner is not the post's headline.
    """
    banners: list[str] = []
    page = urlsplit(url or "")
    for heading in tree.iter(tag):
        text = " ".join(heading.text_content().split())
        links = [a for a in heading.iter("a") if " ".join(a.text_content().split()) == text]
        if text and links and _links_up(str(links[0].get("href") or ""), page, url):
            banners.append(text)
    return banners


def _links_up(href: str, page: SplitResult, url: str | None) -> bool:
    """``href`` points to the site root or to a path above ``url`` (not to the page itself).

    Without the page's URL, a link to a path of at most one segment ("/blog") counts.
    """
    target = urlsplit(urljoin(url or "", href.strip()))
    if target.query or (target.netloc and page.netloc and target.netloc != page.netloc):
        return False
    path = target.path or "/"
    if path == "/":
        return True
    if not page.path:
        segments = [s for s in path.split("/") if s]
        return len(segments) == 1 and "." not in segments[0]
    return page.path.startswith(path.rstrip("/") + "/") and path != page.path
