"""The Conversation (global edition): Atom feeds and sitemaps; articles end in a numeric id."""

from newscrawl.spiders.base import NewsSpider


class TheConversationSpider(NewsSpider):
    name = "theconversation"
    site_name = "The Conversation"
    allowed_domains = ["theconversation.com"]
    homepage = "https://theconversation.com/global"
    sitemaps = ("/sitemap.xml",)
    feeds = ("/global/articles.atom", "/articles.atom")
    sections = ("/global/politics", "/global/business")
    article_patterns = (r"theconversation\.com/[a-z0-9-]+-\d{5,}$",)
    deny_patterns = (r"/profiles/", r"/institutions/", r"/topics/")
