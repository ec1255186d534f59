"""Asia Times (WordPress): news sitemap, sitemap index and the main feed."""

from newscrawl.spiders.base import NewsSpider


class AsiaTimesSpider(NewsSpider):
    name = "asiatimes"
    site_name = "Asia Times"
    allowed_domains = ["asiatimes.com"]
    homepage = "https://asiatimes.com/"
    sitemaps = ("/news-sitemap.xml", "/sitemap_index.xml")
    feeds = ("/feed/",)
    sections = ("/category/world/", "/category/asia/")
    article_patterns = (r"asiatimes\.com/\d{4}/\d{2}/[a-z0-9-]+/?$",)
    drop_selectors = (".related-posts", ".newsletter-signup")
