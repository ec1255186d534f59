import pytest

from newscrawl.discovery.urls import UrlKind, url_kind

CASES = {
    "https://x.com/": UrlKind.LISTING,
    "https://x.com/world/": UrlKind.LISTING,
    "https://x.com/world/page/2/": UrlKind.LISTING,
    "https://x.com/world/?page=3": UrlKind.LISTING,
    "https://x.com/tag/taliban/": UrlKind.LISTING,
    "https://x.com/author/daniel-kim/": UrlKind.LISTING,
    "https://x.com/about/": UrlKind.LISTING,
    "https://x.com/contact-us": UrlKind.LISTING,
    "https://x.com/files/report.pdf": UrlKind.FILE,
    "https://x.com/images/harbour.JPG": UrlKind.FILE,
    "https://x.com/world/2024/05/29/russia-taliban-talks": UrlKind.ARTICLE,
    "https://x.com/news/putin-wants-to-get-closer-to-the-taliban": UrlKind.ARTICLE,
    "https://x.com/news/articleView.html?idxno=123456": UrlKind.ARTICLE,
    "https://x.com/politics/russia-taliban-228001": UrlKind.ARTICLE,
    "https://x.com/world/europe": UrlKind.UNKNOWN,
    "https://x.com/news/2024/05/29/russia-taliban-talks?s=": UrlKind.SEARCH,
    "https://x.com/search-results?q=taliban&page=2": UrlKind.SEARCH,
    "https://x.com/?S=harbour": UrlKind.SEARCH,
}


@pytest.mark.parametrize(("url", "kind"), CASES.items())
def test_url_shapes(url: str, kind: UrlKind) -> None:
    assert url_kind(url) is kind
