from newscrawl.discovery.frontier import Frontier
from newscrawl.discovery.links import Link, LinkRole


def test_articles_leave_before_listings_each_in_the_order_found() -> None:
    frontier = Frontier()
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
