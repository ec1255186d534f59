"""The contracts between spiders, pipelines and storage.

``Article`` is what extraction makes of a page, what spiders yield and what storage keeps.
It is a plain dataclass (Scrapy handles it through itemadapter), so the pure core can use
it without importing Scrapy.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

AttributionKind = Literal["republished", "source", "read-more", "wire"]
#: Article fields for the pipeline's use only, left out of records and exports.
INTERNAL_FIELDS = ("dedup_signature",)


@dataclass(frozen=True)
class Attribution:
    """Where the text says it comes from: "Source: TASS", "Read more on asiatimes.com"."""

    name: str
    kind: AttributionKind
    url: str | None = None


@dataclass
class Article:
    """One clean news article."""

    url: str
    canonical_url: str
    site: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    language: str | None = None
    description: str | None = None
    image_url: str | None = None
    tags: list[str] = field(default_factory=list)
    text: str = ""
    attribution: list[Attribution] = field(default_factory=list)
    fetched_at: datetime | None = None
    text_hash: str | None = None
    #: Where ``published_at`` came from: page, feed, sitemap, url or guessed (see
    #: ``extraction.dates.PUBLISHED_SOURCES``); None without a date.
    published_source: str | None = None
    #: The dedup signature, computed in the extraction worker; stored, never exported.
    dedup_signature: bytes | None = field(default=None, repr=False, compare=False)

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready dict: datetimes as ISO 8601 strings, attribution as dicts."""
        record = asdict(self)
        for key in INTERNAL_FIELDS:
            del record[key]
        for key in ("published_at", "modified_at", "fetched_at"):
            value = record[key]
            record[key] = value.isoformat() if value is not None else None
        return record


ExtractionFailureReason = Literal["no_body", "worker_failed", "undecodable"]


@dataclass
class ExtractionFailure:
    """An article page (from a feed or news sitemap, or one that declares itself an article)
    that yielded no body. Counted as ``extraction_failed``, never as a non-article page, and
    recorded so that ``newscrawl reextract`` can retry it."""

    url: str
    site: str | None
    reason: ExtractionFailureReason
    fetched_at: datetime | None = None
