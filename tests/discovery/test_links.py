import re

from newscrawl.discovery.links import LinkPolicy, LinkRole

POLICY = LinkPolicy(hosts=("example.com",), max_depth=2)


def _follow(hrefs: list[str], depth: int, from_article: bool = False) -> dict[str, tuple[str, int]]:
    return {
        link.url: (link.role.value, link.depth)
        for link in POLICY.follow(hrefs, depth, from_article=from_article)
    }


def test_listing_page_links() -> None:
    found = _follow(
        [
            "https://example.com/world/2024/05/29/russia-taliban-talks?utm_source=home",
            "https://www.example.com/business/",
            "https://example.com/world/?page=2",
            "https://example.com/files/report.pdf",
            "https://example.com/world/2024/05/29/russia-taliban-talks?s=",
            "https://example.com/?q=taliban",
            "https://other.org/world/2024/05/29/some-other-story",
            "mailto:desk@example.com",
        ],
        depth=1,
    )
    assert found == {
        "https://example.com/world/2024/05/29/russia-taliban-talks": ("article", 2),
        "https://www.example.com/business/": ("listing", 2),
        "https://example.com/world/?page=2": ("listing", 1),
    }


def test_depth_bound_stops_sections_but_not_pagination() -> None:
    found = _follow(["https://example.com/business/", "https://example.com/world/page/4/"], 2)
    assert found == {"https://example.com/world/page/4/": ("listing", 2)}


def test_articles_only_follow_article_links() -> None:
    found = _follow(
        [
            "https://example.com/tag/taliban/",
            "https://example.com/news/a-related-story-about-ports",
        ],
        depth=1,
        from_article=True,
    )
    assert found == {"https://example.com/news/a-related-story-about-ports": ("article", 2)}


def test_site_patterns_override_url_shape() -> None:
    policy = LinkPolicy(
        hosts=("example.com",),
        max_depth=2,
        article_patterns=(re.compile(r"/story/\w+$"),),
        deny_patterns=(re.compile(r"/live/"),),
    )
    links = list(
        policy.follow(
            [
                "https://example.com/story/abc",
                "https://example.com/live/2024/05/29/live-blog-today",
            ],
            depth=0,
            from_article=False,
        )
    )
    assert [(link.url, link.role) for link in links] == [
        ("https://example.com/story/abc", LinkRole.ARTICLE)
    ]
