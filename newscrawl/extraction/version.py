"""The extractor's version, stored with every article (``articles.extractor_version``).

Bump it whenever a change to extraction can change what is extracted from the same page:
``newscrawl reextract`` then brings the stored articles to the new output.
"""

EXTRACTOR_VERSION = "2026.12.2"
