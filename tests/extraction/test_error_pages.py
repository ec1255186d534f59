"""Error pages are not articles; a headline that merely holds a status code is one."""

from __future__ import annotations

from newscrawl.extraction import extract

NAV = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(30))
CAPTION = (
    "The coastal road reopened on Tuesday morning after crews cleared the last of the debris "
    "left by the landslide. Drivers should expect delays near the harbour."
)


def _page(title: str, body: str, og_type: str = "article") -> str:
    return (
        f'<html><head><title>{title}</title><meta property="og:type" content="{og_type}">'
        f"</head><body><nav><ul>{NAV}</ul></nav><main><h1>{title}</h1>{body}</main>"
        "<footer>© Example News</footer></body></html>"
    )


def test_short_article_whose_headline_holds_a_status_code_is_kept() -> None:
    for title in ("Route 410 reopens after landslide", "Peugeot 404 returns as an electric car"):
        article = extract(
            _page(title, f"<figure><img src='/a.jpg'></figure><p>{CAPTION}</p>"),
            url="https://news.example/2026/12/07/road-reopens",
        )
        assert article is not None, title
        assert "coastal road reopened" in article.text


def test_soft_404_in_the_site_template_is_not_an_article() -> None:
    for title in ("404 | Example News", "Page not found – Example News", "Error 404"):
        page = _page(
            title, "<p>Sorry, we could not find that page. Try the search.</p>", og_type="website"
        )
        assert extract(page, url="https://news.example/2026/12/07/gone-story") is None, title
