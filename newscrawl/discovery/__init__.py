"""Finding article URLs: feeds, sitemaps, robots.txt, URL shapes. Pure: bytes in, links out."""

from newscrawl.discovery.feeds import Feed, FeedEntry, parse_feed
from newscrawl.discovery.sitemaps import Sitemap, SitemapEntry, parse_sitemap

__all__ = ["Feed", "FeedEntry", "Sitemap", "SitemapEntry", "parse_feed", "parse_sitemap"]
