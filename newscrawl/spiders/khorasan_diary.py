"""The Khorasan Diary (TKD): a monitoring site with a News Flash ticker above each story."""

from newscrawl.spiders.base import NewsSpider


class KhorasanDiarySpider(NewsSpider):
    name = "khorasan_diary"
    site_name = "The Khorasan Diary"
    allowed_domains = ["thekhorasandiary.com"]
    homepage = "https://thekhorasandiary.com/en/"
    sitemaps = ("/sitemap_index.xml",)
    feeds = ("/en/feed/",)
    sections = ("/en/category/news/",)
    drop_selectors = (".news-flash", ".ticker")
