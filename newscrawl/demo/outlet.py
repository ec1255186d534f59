"""``build_outlet()``: "The Harbour Herald", a fake news outlet for end-to-end tests and demos."""

from __future__ import annotations

from datetime import UTC, datetime

from newscrawl.demo import broken as bad
from newscrawl.demo import feeds
from newscrawl.demo.assets import STYLESHEET, harbour_jpeg, pdf_document
from newscrawl.demo.chrome import BLURB, JUNK, SITE, TICKER
from newscrawl.demo.feeds import Entry
from newscrawl.demo.model import ExpectedArticle, Outlet, Resource
from newscrawl.demo.plan import QUIRKS, TRACKED, listed
from newscrawl.demo.site import PRIVATE_PATH, SEARCH_PATH, Site
from newscrawl.demo.stories import AUTHOR_SLUGS, Story, load_stories

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
LASTMOD = datetime(2024, 6, 13, 16, 0, tzinfo=UTC)
CHILD_SITEMAPS = {
    "/sitemaps/articles-2024-05.xml.gz": ("sm-05", "application/x-gzip"),
    "/sitemaps/articles-2024-06.xml.gz": ("sm-06", "application/gzip"),
}


def html(page: str) -> Resource:
    return Resource(200, HTML, page.encode(), templated=True)


def xml(text: str, content_type: str = XML, *, compress: bool = False) -> Resource:
    return Resource(200, content_type, text.encode(), templated=True, compress=compress)


class OutletBuilder:
    """Collects every resource of the outlet, then the expectations about them."""

    def __init__(self, *, broken: bool) -> None:
        self.broken = broken
        self.stories = {story.slug: story for story in load_stories()}
        self.site = Site(list(self.stories.values()), broken=broken)
        self.resources: dict[str, Resource] = {}

    def entries(self, key: str) -> list[Entry]:
        return [
            Entry(
                self.stories[slug].path + TRACKED.get((key, slug), ""),
                self.stories[slug].title,
                self.stories[slug].published,
                self.stories[slug].summary,
                " and ".join(self.stories[slug].authors),
            )
            for slug in listed(key)
        ]

    def add_articles(self) -> None:
        for story in self.stories.values():
            page = self.site.article(story, charset=not self.quirky(story, "container-freight"))
            if self.quirky(story, "drought-grain-prices"):
                body = bad.truncate_mid_tag(page.encode(), story.key.encode())
                self.resources[story.path] = Resource(200, HTML, body, templated=True)
            elif self.quirky(story, "container-freight"):
                self.resources[story.path] = bad.windows_1252(page)
            elif self.quirky(story, "seagrass-restoration"):
                self.resources[story.path] = bad.lying_header(page)
            else:
                self.resources[story.path] = html(page)
        for (_, slug), query in TRACKED.items():
            path = self.stories[slug].path
            self.resources[path + query] = self.resources[path]

    def quirky(self, story: Story, slug: str) -> bool:
        return self.broken and story.slug == slug

    def add_pages(self) -> None:
        pages = {"/": self.site.home()}
        pages |= self.site.section_pages() | self.site.tag_pages() | self.site.author_pages()
        pages |= self.site.other_pages()
        self.resources |= {path: html(page) for path, page in pages.items()}
        self.resources["/files/report.pdf"] = Resource(
            200, "application/pdf", pdf_document("Harbour Herald Trust - Annual Report 2023")
        )
        self.resources["/images/harbour.jpg"] = Resource(200, "image/jpeg", harbour_jpeg())
        self.resources["/static/site.css"] = Resource(200, "text/css", STYLESHEET)

    def add_discovery(self) -> None:
        children = [*CHILD_SITEMAPS, "/sitemaps/pages.xml.gz"]
        if self.broken:
            children.append(bad.PATH_BAD_SITEMAP)
        r = self.resources
        r["/robots.txt"] = xml(
            feeds.robots_txt(["/sitemap_index.xml", "/news-sitemap.xml"], ["/private/", "/search"]),
            "text/plain; charset=utf-8",
        )
        r["/sitemap_index.xml"] = xml(feeds.sitemap_index(children, LASTMOD))
        for path, (key, content_type) in CHILD_SITEMAPS.items():
            entries = self.entries(key)
            if key == "sm-06":
                entries.append(Entry(PRIVATE_PATH, "Embargoed", LASTMOD))
            r[path] = xml(feeds.url_set(entries), content_type, compress=True)
        pages = [Entry(p, "", LASTMOD) for p in self.listing_paths()]
        r["/sitemaps/pages.xml.gz"] = xml(feeds.url_set(pages), "application/gzip", compress=True)
        r["/news-sitemap.xml"] = xml(feeds.news_sitemap(self.entries("news")))
        rss = "application/rss+xml; charset=utf-8"
        r["/rss.xml"] = xml(feeds.rss(self.entries("rss"), SITE, "/rss.xml"), rss)
        r["/atom.xml"] = xml(feeds.atom(self.entries("atom"), "/atom.xml"), "application/atom+xml")
        r["/index.rdf"] = xml(feeds.rdf(self.entries("rdf"), "/index.rdf"), "application/rdf+xml")
        r["/feed/"] = xml(feeds.rss(self.entries("feed"), f"{SITE} – all news", "/feed/"), rss)

    def listing_paths(self) -> list[str]:
        return [
            p for p in self.resources if p.endswith("/") or p.startswith(("/about", "/contact"))
        ]

    def add_bad(self) -> dict[str, str]:
        if not self.broken:
            return {}
        feed = feeds.rss(self.entries("rss"), f"{SITE} – breaking", bad.PATH_BAD_FEED)
        resources, reasons = bad.bad_resources(feed)
        self.resources |= resources
        return reasons

    def expected(self, story: Story) -> ExpectedArticle:
        aliases = [story.path + q for (_, slug), q in TRACKED.items() if slug == story.slug]
        return ExpectedArticle(
            path=story.path,
            title=story.title,
            authors=list(story.authors),
            published=story.published,
            key_sentence=story.key,
            junk=self.junk(story),
            modified=story.modified,
            section=story.section,
            tags=list(story.tags),
            aliases=aliases,
            found_in=self.found_in([story.path, *aliases]),
            quirk=QUIRKS.get(story.slug, "") if self.broken else "",
        )

    def junk(self, story: Story) -> list[str]:
        listed_titles = [link.text for link in self.site.popular + self.site.weekly]
        extras = self.site.extras(story)
        junk = [*JUNK, TICKER, *(t for t in listed_titles if t != story.title)]
        if story.layout == "story":
            junk.append("Advertisement")
        if story.layout == "portal":
            junk += [
                "Also read",
                extras.related.text,
                BLURB,
                "Quick access to main page",
                "Views 300",
                f"{AUTHOR_SLUGS[story.authors[0]]}@harbourherald.example",
            ]
        return junk

    def found_in(self, paths: list[str]) -> list[str]:
        """Discovery sources (non-article, allowed pages) linking to any of ``paths``."""
        needles = [p.encode() + end for p in paths for end in (b'"', b"<")]
        skip = {s.path for s in self.stories.values()} | {PRIVATE_PATH, SEARCH_PATH}
        return sorted(
            source
            for source, res in self.resources.items()
            if source.split("?")[0] not in skip and any(n in res.body for n in needles)
        )


def build_outlet(*, broken: bool = True) -> Outlet:
    """The Harbour Herald: 14 articles behind sections, tags, sitemaps and feeds.

    ``broken=True`` adds the bad input of a real site (see ``Outlet.bad_paths``) and serves
    three articles with quirks they must survive (see ``ExpectedArticle.quirk``).
    """
    builder = OutletBuilder(broken=broken)
    builder.add_articles()
    builder.add_pages()
    builder.add_discovery()
    articles = [builder.expected(story) for story in builder.stories.values()]
    bad_paths = builder.add_bad()
    special = {PRIVATE_PATH, SEARCH_PATH, *bad_paths}
    taken = {p for a in articles for p in [a.path, *a.aliases]} | special
    return Outlet(
        name=SITE,
        resources=builder.resources,
        articles=articles,
        non_article_paths=[p for p in builder.resources if p not in taken],
        disallowed_paths=[PRIVATE_PATH, SEARCH_PATH],
        bad_paths=bad_paths,
    )
