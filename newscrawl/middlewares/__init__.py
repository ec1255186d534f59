"""Downloader middlewares."""

from __future__ import annotations

import re

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from newscrawl.discovery.urls import is_binary_url

_META_REFRESH_SCAN = 8192  # bytes of a page searched for a meta refresh tag
# A <meta http-equiv="refresh"> that names a target URL; "refresh" alone is common in
# scripts, and a refresh without a URL (``content="600"``) only reloads the page.
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_REFRESH_ATTR = re.compile(rb"http-equiv\s*=\s*[\"']?\s*refresh", re.IGNORECASE)
_URL_PART = re.compile(rb"url\s*=", re.IGNORECASE)


def has_meta_redirect(body: bytes) -> bool:
    """Whether the start of ``body`` holds a meta refresh that redirects to a URL."""
    for tag in _META_TAG.finditer(body, 0, _META_REFRESH_SCAN):
        if _REFRESH_ATTR.search(tag.group()) and _URL_PART.search(tag.group()):
            return True
    return False


# The spider's requests for pages; robots.txt, sitemaps and feeds are fetched on purpose.
_PAGE_KINDS = frozenset({"article", "listing"})


class BinaryRequestFilterMiddleware:
    """Never download images, PDFs, archives or media as pages (other requests pass)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BinaryRequestFilterMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if request.meta.get("nc_kind") not in _PAGE_KINDS or not is_binary_url(request.url):
            return None
        if self.stats is not None:
            self.stats.inc_value("newscrawl/skipped/binary_link")
        raise IgnoreRequest(f"binary file link: {request.url}")


def count_redirect(crawler: Crawler | None, outcome: Request | Response) -> Request | Response:
    """A response followed as a redirect is a fetched page too: counted, for the run's sums."""
    if isinstance(outcome, Request) and crawler is not None and crawler.stats is not None:
        crawler.stats.inc_value("newscrawl/fetched/redirected")
    return outcome


class CountingRedirectMiddleware(RedirectMiddleware):
    """Scrapy's HTTP redirects, each followed redirect response counted."""

    # The base class still accepts the deprecated spider argument; Scrapy 2.13+ omits it.
    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        return count_redirect(self.crawler, super().process_response(request, response))


class CheapMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, without decoding every page to look for one.

    The stock middleware decodes the whole body (``response.text``) of every HTML response;
    a refresh tag sits in the first few kilobytes, so only pages whose head holds a
    refresh to another URL are handed to it.
    """

    # The base class still accepts the deprecated spider argument; Scrapy 2.13+ omits it.
    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if not has_meta_redirect(response.body):
            return response
        return count_redirect(self.crawler, super().process_response(request, response))
