from newscrawl.discovery.listed import ListedUrls

URL = "https://x.com/world/europe-talks"
DAY = "2024-05-29T00:00:00"


def test_feed_and_sitemap_evidence_is_kept_whatever_reached_the_url_first() -> None:
    plain_first = ListedUrls()
    plain_first.note(URL, None)  # an undated entry first
    plain_first.note(URL, DAY, "sitemap")  # then a news sitemap with the date
    sitemap_first = ListedUrls()
    sitemap_first.note(URL, DAY, "sitemap")
    sitemap_first.note(URL, None)  # a later undated entry keeps the date
    found = sitemap_first.find("https://x.com/a", URL)
    assert plain_first.find(URL) == (True, DAY, "sitemap") == found
    assert ListedUrls().find(URL) == (False, None, None)
