from newscrawl.discovery.frontier import Frontier
from newscrawl.discovery.links import Link, LinkRole


def test_articles_leave_before_listings_each_in_the_order_found() -> None:
    frontier = Frontier(max_listing_pages=10)
    frontier.add(Link("https://x.com/world/", LinkRole.LISTING, 1))
    frontier.add(Link("https://x.com/2024/05/first-story", LinkRole.ARTICLE, 1), "2024-05-01")
    frontier.add(Link("https://x.com/business/", LinkRole.LISTING, 1))
    frontier.add(Link("https://x.com/2024/05/second-story", LinkRole.ARTICLE, 2))
    assert len(frontier) == 4
    out = []
    while (entry := frontier.pop()) is not None:
        out.append(entry)
    assert out == [
        (Link("https://x.com/2024/05/first-story", LinkRole.ARTICLE, 1), "2024-05-01"),
        (Link("https://x.com/2024/05/second-story", LinkRole.ARTICLE, 2), None),
        (Link("https://x.com/world/", LinkRole.LISTING, 1), None),
        (Link("https://x.com/business/", LinkRole.LISTING, 1), None),
    ]
    assert len(frontier) == 0


def test_each_url_enters_once_and_listings_stop_when_the_budget_is_spent() -> None:
    frontier = Frontier(max_listing_pages=1)
    story = Link("https://x.com/2024/05/first-story", LinkRole.ARTICLE, 1)
    assert frontier.add(story)
    assert not frontier.add(story)
    assert frontier.add(Link("https://x.com/world/", LinkRole.LISTING, 1))
    frontier.listing_page_read()  # the homepage: the budget of one is spent
    assert not frontier.add(Link("https://x.com/business/", LinkRole.LISTING, 1))
    assert frontier.add(Link("https://x.com/2024/05/second-story", LinkRole.ARTICLE, 2))
    popped = []
    while (entry := frontier.pop()) is not None:
        popped.append(entry[0].url)
    assert popped == ["https://x.com/2024/05/first-story", "https://x.com/2024/05/second-story"]
