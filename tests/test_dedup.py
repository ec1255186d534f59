from newscrawl.dedup import canonical_url, choose_canonical, text_fingerprint


def test_tracking_parameters_and_fragments_go() -> None:
    url = "HTTPS://Example.COM/a/story?utm_source=rss&utm_medium=x&id=7&fbclid=abc#comments"
    assert canonical_url(url) == "https://example.com/a/story?id=7"


def test_same_site_canonical_wins_and_other_sites_do_not() -> None:
    page = "https://example.com/a/story?utm_source=rss"
    assert choose_canonical(page, "https://www.example.com/a/story") == (
        "https://www.example.com/a/story"
    )
    assert choose_canonical(page, "https://origin.org/story") == "https://example.com/a/story"
    assert choose_canonical(page, None) == "https://example.com/a/story"


def test_fingerprint_ignores_whitespace_only() -> None:
    assert text_fingerprint("a  b\n\nc") == text_fingerprint("a b c")
    assert text_fingerprint("a b c") != text_fingerprint("a b d")
