import random

from newscrawl.dedup import canonical_url, choose_canonical, text_fingerprint, url_key
from newscrawl.dedup.urls import canonicalize


def test_tracking_parameters_and_fragments_go() -> None:
    url = "HTTPS://Example.COM/a/story?utm_source=rss&utm_medium=x&id=7&fbclid=abc#comments"
    assert canonical_url(url) == "https://example.com/a/story?id=7"


def test_query_parameter_order_does_not_make_another_page() -> None:
    assert canonical_url("http://example.com/a?b=2&a=1") == canonical_url(
        "http://example.com/a?a=1&b=2"
    )
    assert canonical_url("http://example.com:80/a?b=2&a=1") == "http://example.com/a?a=1&b=2"


def test_one_page_under_several_addresses_has_one_key() -> None:
    same = [
        "http://www.example.com/news/story?b=2&a=1",
        "https://example.com/news/story?a=1&b=2",
        "https://WWW.example.com:443/news/story?a=1&b=2&utm_source=feed#top",
    ]
    assert len({url_key(u) for u in same}) == 1
    assert url_key("http://127.0.0.1:8950/a/1") == url_key("http://localhost:8950/a/1")
    assert url_key("http://127.0.0.1:8950/a/1") != url_key("http://127.0.0.1:8951/a/1")
    assert url_key("https://example.com/a") != url_key("https://example.org/a")
    assert url_key("https://example.com/a?id=1") != url_key("https://example.com/a?id=2")


def test_a_canonical_url_keys_as_its_other_spellings_do() -> None:
    """Canonical URLs take a short path to their key; other spellings are parsed in full."""
    for plain, spelled in [
        (
            "https://www.example.com/news/2024/story-1.html",
            "HTTPS://WWW.Example.com/news/2024/story-1.html#c",
        ),
        ("http://127.0.0.1:8950/a/1", "http://127.0.0.1:8950/a/1?utm_source=x"),
        ("http://localhost:8950/", "http://LOCALHOST:8950/#top"),
        ("http://example.com:8080/x/", "http://example.com:8080/x/?"),
    ]:
        assert url_key(plain) == url_key(spelled), plain
    assert url_key("http://www.example.com:8080/x/y") == "example.com:8080/x/y"


def test_same_site_canonical_wins_and_other_sites_do_not() -> None:
    page = "https://example.com/a/story?utm_source=rss"
    assert choose_canonical(page, "https://www.example.com/a/story") == (
        "https://www.example.com/a/story"
    )
    assert choose_canonical(page, "https://origin.org/story") == "https://example.com/a/story"
    assert choose_canonical(page, None) == "https://example.com/a/story"


def test_a_loopback_alias_is_the_same_site_for_canonicals() -> None:
    page = "http://localhost:8950/world/story"
    assert choose_canonical(page, "http://127.0.0.1:8950/world/story") == (
        "http://127.0.0.1:8950/world/story"
    )


def test_fingerprint_ignores_whitespace_only() -> None:
    assert text_fingerprint("a  b\n\nc") == text_fingerprint("a b c")
    assert text_fingerprint("a b c") != text_fingerprint("a b d")


def test_the_shortcut_for_canonical_urls_agrees_with_the_full_canonicalization() -> None:
    """``canonical_url`` returns plain URLs as they are; that must be what w3lib gives too."""
    rng = random.Random(7)
    hosts = ["example.com", "a..b.org", "x-y.example", "127.0.0.1", "Ex.com", "a-.com"]
    ports = ["", ":80", ":443", ":8950", ":0080", ":65535"]
    segments = ["", ".", "..", "a", "A~b_c-d.e", "x.", "..x", "%7e", "a b", "é", "?q=1", "#f"]
    shortcut = 0
    for _ in range(3000):
        path = "/".join(rng.choice(segments) for _ in range(rng.randint(0, 4)))
        url = f"{rng.choice(['http', 'https'])}://{rng.choice(hosts)}{rng.choice(ports)}/{path}"
        shortcut += canonical_url(url) == url
        assert canonical_url(url) == canonicalize(url), url
    assert shortcut > 300  # the shortcut was taken often, so the comparison covered it


def test_a_host_w3lib_rejects_is_kept_and_the_rest_canonicalized() -> None:
    url = "HTTP://WWW.127.0.0.1:8950/news/1?b=2&a=1&utm_source=x#top"
    assert canonical_url(url) == "http://www.127.0.0.1:8950/news/1?a=1&b=2"
