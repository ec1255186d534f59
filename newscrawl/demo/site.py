"""The outlet's HTML: article pages and the list pages that link to them."""

from __future__ import annotations

from newscrawl.demo import broken as bad
from newscrawl.demo.chrome import Link
from newscrawl.demo.layouts import Extras, article_page, tag_path
from newscrawl.demo.listings import (
    Card,
    Listing,
    about_page,
    contact_page,
    feed_links,
    listing_page,
    private_page,
)
from newscrawl.demo.plan import PLAN, SECTIONS, WITH_IMAGE, WITH_PDF, listed, page_count
from newscrawl.demo.stories import AUTHOR_SLUGS, Story

PRIVATE_PATH = "/private/2024/06/01/harbour-budget-memo"
SEARCH_PATH = "/search?q=taliban"
BAD_IN_SECTION = {
    "world": [bad.PATH_OVERSIZE],
    "business": [bad.PATH_500],
    "science": [bad.PATH_BINARY],
    "local": [bad.PATH_EMPTY, bad.PATH_SLOW],
}


class Site:
    """Renders every HTML page of the outlet from the stories and the plan."""

    def __init__(self, stories: list[Story], *, broken: bool) -> None:
        self.stories = {story.slug: story for story in stories}
        self.broken = broken
        self.popular = self.links(listed("popular"))
        self.weekly = self.links(listed("weekly"))

    def links(self, slugs: list[str]) -> list[Link]:
        return [Link(self.stories[s].path, self.stories[s].title) for s in slugs]

    def cards(self, key: str) -> list[Card]:
        return [Card.of(self.stories[slug]) for slug in listed(key)]

    def extras(self, story: Story, *, charset: bool = True) -> Extras:
        # "Also read" points at a listed story, so it opens no new way to an unlisted one
        related = next(link for link in self.popular + self.weekly if link.text != story.title)
        return Extras(
            popular=self.popular,
            weekly=self.weekly,
            related=related,
            image=story.slug in WITH_IMAGE,
            pdf=story.slug in WITH_PDF,
            charset=charset,
        )

    def article(self, story: Story, *, charset: bool = True) -> str:
        return article_page(story, self.extras(story, charset=charset))

    def page(self, listing: Listing, head: str = "") -> str:
        return listing_page(listing, self.popular, self.weekly, head)

    def home(self) -> str:
        cards = self.cards("home")
        cards.insert(2, Card(PRIVATE_PATH, "Embargoed: Harbour Budget Memo", "Draft."))
        if self.broken:
            cards.append(Card(bad.PATH_404, "Harbour Board Resigns", "A story since removed."))
        listing = Listing(
            "The Harbour Herald",
            cards,
            extra_links=[Link(SEARCH_PATH, "Trending: Taliban"), Link("/about/", "About us")],
        )
        bad_feed = [("application/rss+xml", bad.PATH_BAD_FEED, "Breaking news")]
        return self.page(listing, feed_links(bad_feed if self.broken else []))

    def section_pages(self) -> dict[str, str]:
        """Every section, paginated in two URL styles (``?page=2`` then ``/page/3/``)."""
        pages: dict[str, str] = {}
        for section in SECTIONS:
            paths = [f"/{section}/", f"/{section}/?page=2", f"/{section}/page/3/"]
            count = page_count(section)
            for number in range(count):
                cards = self.cards(f"{section}/{number + 1}")
                if number == 0 and self.broken:
                    cards += [
                        Card(p, "Developing story", "Updates to follow.")
                        for p in BAD_IN_SECTION.get(section, [])
                    ]
                listing = Listing(
                    f"{section.title()} – page {number + 1}" if number else section.title(),
                    cards,
                    newer=paths[number - 1] if number else None,
                    older=paths[number + 1] if number + 1 < count else None,
                )
                pages[paths[number]] = self.page(listing)
        return pages

    def tag_pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for tag in sorted({t for s in self.stories.values() for t in s.tags}):
            cards = [
                Card.of(s)
                for s in self.stories.values()
                if tag in s.tags and "tags" in PLAN[s.slug]
            ]
            pages[tag_path(tag)] = self.page(Listing(f"Tag: {tag}", cards))
        return pages

    def author_pages(self) -> dict[str, str]:
        pages: dict[str, str] = {}
        for name, slug in AUTHOR_SLUGS.items():
            cards = [
                Card.of(s)
                for s in self.stories.values()
                if name in s.authors and "authors" in PLAN[s.slug]
            ]
            intro = f"{name} writes for the Herald. Stories by {name}:"
            pages[f"/author/{slug}/"] = self.page(Listing(name, cards, intro=intro))
        return pages

    def other_pages(self) -> dict[str, str]:
        search = Listing("Search results for “taliban”", self.cards("tags"))
        return {
            "/about/": about_page(),
            "/contact/": contact_page(),
            PRIVATE_PATH: private_page(),
            SEARCH_PATH: self.page(search),
        }
