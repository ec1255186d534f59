"""Asian-News.net: an aggregator that reposts the start of other outlets' stories."""

from newscrawl.spiders.base import NewsSpider


class AsianNewsSpider(NewsSpider):
    name = "asian_news"
    site_name = "Asian-News.net"
    allowed_domains = ["asian-news.net"]
    homepage = "https://asian-news.net/"
    sitemaps = ("/sitemap.xml",)
    feeds = ("/feed/",)
    drop_selectors = (".site-description", ".contacts")
