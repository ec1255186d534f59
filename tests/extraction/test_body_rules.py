"""Generic body clean-up: furniture removed, article kept, site rules honoured."""

from __future__ import annotations

from newscrawl.extraction import SiteRules, extract

PARA = (
    "The council voted on Tuesday to approve the new budget after a long debate that ran "
    "late into the evening, with members split over spending on roads and schools."
)


def _page(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>Budget approved | Town News</title>{head}</head>"
        f"<body><main><article><h1>Budget approved</h1>{body}</article></main></body></html>"
    )


def _article_body(extra: str = "") -> str:
    paragraphs = "".join(f"<p>{PARA} Paragraph {i}.</p>" for i in range(4))
    return paragraphs + extra


def test_share_newsletter_and_related_boxes_are_removed() -> None:
    junk = (
        '<div class="share-bar"><a href="#">Share on Facebook</a></div>'
        '<section class="newsletter"><p>Sign up for our daily newsletter</p></section>'
        '<div><h3>Related</h3><ul><li><a href="/a">Other story one</a></li>'
        '<li><a href="/b">Other story two</a></li><li><a href="/c">Other story three</a></li>'
        "</ul></div>"
    )
    article = extract(_page(_article_body(junk)), "https://town.example/news/budget")
    assert article is not None
    assert "Paragraph 3." in article.text
    for phrase in ("Share on Facebook", "newsletter", "Other story"):
        assert phrase not in article.text


def test_repeated_headline_and_junk_lines_are_dropped() -> None:
    body = "<p>Budget approved</p>" + _article_body("<p>Comments 12</p><p>© 2024 Town News</p>")
    article = extract(_page(body), "https://town.example/news/budget")
    assert article is not None
    assert article.text.startswith(PARA)
    assert "Comments" not in article.text and "©" not in article.text
    assert article.title == "Budget approved"


def test_paragraphs_are_separated_by_blank_lines() -> None:
    article = extract(_page(_article_body()), "https://town.example/news/budget")
    assert article is not None
    assert article.text.count("\n\n") == 3


def test_site_rules_drop_and_body_root() -> None:
    extra = '<div class="promo-box"><p>Buy our mugs today, limited stock for readers.</p></div>'
    aside = '<aside id="x"><p>Side note</p></aside><main>'
    html = _page(_article_body(extra)).replace("<main>", aside)
    plain = extract(html, "https://town.example/news/budget")
    ruled = extract(
        html,
        "https://town.example/news/budget",
        rules=SiteRules(drop=(".promo-box", "//aside"), body="article", site_name="Town News"),
    )
    assert plain is not None and ruled is not None
    assert "mugs" not in ruled.text and "Side note" not in ruled.text
    assert ruled.site == "Town News"
    assert "Paragraph 0." in ruled.text


def test_invalid_site_rule_selectors_are_ignored() -> None:
    article = extract(
        _page(_article_body()),
        "https://town.example/news/budget",
        rules=SiteRules(drop=("!!not a selector", "//*[")),
    )
    assert article is not None and "Paragraph 2." in article.text
