"""Dedup: canonical URLs (one page, one key) and near-duplicate articles (copies linked).

Pure: no Scrapy, no database. ``urls`` normalises addresses; ``signature`` turns a text
into a MinHash signature (in the extraction workers); ``index`` finds candidates among
everything seen; ``verify`` checks a candidate on both texts; ``linking`` puts them together.
"""

from newscrawl.dedup.urls import canonical_url, choose_canonical, text_fingerprint, url_key

__all__ = ["canonical_url", "choose_canonical", "text_fingerprint", "url_key"]
