"""Per-site crawl counts, read from a crawler's stats. Shared by the progress line and CLI."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from newscrawl.check_report import DiscoveryCheck
from newscrawl.fetch_accounting import NO_PAGES, FetchedParts

STATS = "newscrawl/"
_SOURCES = ("news_sitemap", "sitemap", "feed", "section")


@dataclass(frozen=True)
class SiteSummary:
    site: str
    pages_fetched: int
    articles_stored: int
    already_stored: int
    non_article_pages: int
    errors: int
    updated: int = 0  # stored articles whose text or title changed (a revision was kept)
    spooled: int = 0  # articles that could not be written and went to data/unsaved/
    run_spooled: int = 0  # the crawler's run counts could not be written: in data/unsaved/
    extraction_failed: int = 0
    finish_reason: str | None = None
    main_error: str | None = None  # the most frequent ``errors/<reason>`` (e.g. http_503)
    startup_error: str | None = None  # the crawl could not start (set by crawl.run_crawls)
    blocked: int = 0  # pages refused: 401/403/429, challenge, captcha, consent or login wall
    not_found: int = 0  # soft 404s: "not found" pages served as 200
    refused: int = 0  # requests we refused to send: other hosts/ports, non-public addresses
    limited: int = 0  # requests dropped by a trap or budget limit
    copies_linked: int = 0  # stored articles linked to an earlier-seen article they copy
    # Recurring crawls: where URLs came from, and what the run did not fetch again.
    sources: tuple[tuple[str, int, int], ...] = ()  # (kind, how many read, URLs they gave)
    skipped_stored: int = 0  # article URLs already stored: not downloaded
    robots_disallowed: int = 0
    resumed: int = 0  # URLs an unfinished job (killed or interrupted run) left to fetch
    not_modified: int = 0  # conditional GETs answered 304: sources and revisits unchanged
    fetched: FetchedParts = NO_PAGES  # what became of each page fetched
    check: DiscoveryCheck | None = None  # newscrawl check (a dry run): URLs new and stored

    @property
    def crawled_anything(self) -> bool:
        return self.pages_fetched > 0

    @property
    def interrupted(self) -> bool:
        """Stopped by Ctrl-C/SIGTERM: Scrapy's ``shutdown``, or stopped before it even opened
        (no finish reason) without a start-up error."""
        return self.finish_reason == "shutdown" or (
            self.finish_reason is None and self.startup_error is None
        )

    @classmethod
    def from_stats(cls, site: str, stats: Mapping[str, Any]) -> SiteSummary:
        fetched = FetchedParts.from_stats(stats)
        return cls(
            site=site,
            pages_fetched=fetched.total,  # every response, retried and refused ones too
            articles_stored=int(stats.get(STATS + "articles_stored", 0)),
            already_stored=int(stats.get(STATS + "articles_already_stored", 0))
            + int(stats.get(STATS + "skipped/already_stored", 0)),  # not downloaded again
            non_article_pages=int(stats.get(STATS + "non_article_pages", 0)),
            errors=int(stats.get(STATS + "errors", 0)),
            updated=int(stats.get(STATS + "articles_updated", 0)),
            spooled=int(stats.get(STATS + "articles_spooled", 0)),
            run_spooled=int(stats.get(STATS + "run_end_spooled", 0)),
            extraction_failed=int(stats.get(STATS + "extraction_failed", 0)),
            finish_reason=stats.get("finish_reason"),
            main_error=_main_error(stats),
            blocked=int(stats.get(STATS + "blocked", 0)),
            not_found=int(stats.get(STATS + "not_found", 0)),
            refused=int(stats.get(STATS + "refused", 0)),
            limited=int(stats.get(STATS + "limited", 0)),
            copies_linked=int(stats.get(STATS + "copies_linked", 0)),
            sources=tuple(
                (
                    kind,
                    int(stats[f"{STATS}sources/{kind}"]),
                    int(stats[f"{STATS}sources/{kind}_urls"]),
                )
                for kind in _SOURCES
                if stats.get(f"{STATS}sources/{kind}")
            ),
            skipped_stored=int(stats.get(STATS + "skipped/already_stored", 0)),
            robots_disallowed=int(stats.get("robotstxt/forbidden", 0)),
            resumed=int(stats.get(STATS + "frontier/resumed", 0)),
            not_modified=int(stats.get(STATS + "not_modified", 0)),
            fetched=fetched,
            check=DiscoveryCheck.from_stats(stats),
        )

    def explanation(self) -> str:
        """One line: which sources were read, what their URLs became, and (when no article
        was stored) why."""
        found = (
            ", ".join(
                f"{n} {kind.replace('_', ' ')}{'s' * (n > 1)} ({urls} URLs)"
                for kind, n, urls in self.sources
            )
            or ("none changed since last read" if self.not_modified else "")
            or "no feed, sitemap or section"
        )
        line = (
            f"{self.site}: sources: {found}; {self.articles_stored} new, "
            f"{self.already_stored} already stored ({self.skipped_stored} not downloaded), "
            f"{self.not_modified} not modified, {self.blocked} blocked, {self.errors} failed"
        )
        if self.resumed:
            line += f"; resumed an unfinished job ({self.resumed} URLs left)"
        if self.articles_stored == 0 and self.updated == 0:
            line += f"; no new article: {self._why_none()}"
        return line

    def _why_none(self) -> str:
        if self.startup_error:
            return "the crawl could not start"
        if self.all_blocked:
            return "every page was blocked"
        if self.already_stored:
            return "everything listed is already stored"
        if self.not_modified:
            return "the sources did not change since they were last read (not modified)"
        if self.robots_disallowed and not self.sources:
            return "robots.txt disallows the pages"
        if not self.sources:
            return "no sources found (no feed, sitemap or section page)"
        return "the sources listed no article page"

    def check_lines(self) -> list[str]:
        """``newscrawl check``'s report: the per-source table, the counts, why none is new."""
        check = self.check
        if check is None:
            return []
        lines = check.table()
        lines.append(
            f"{self.site}: {check.new} new article URLs, {check.stored} already stored; "
            f"{self.not_modified} not modified, {self.blocked} blocked, {self.errors} failed"
        )
        if self.robots_disallowed:
            n = self.robots_disallowed
            lines.append(f"{self.site}: robots.txt disallows {n} URL{'s' * (n != 1)}")
        if check.new == 0:
            why = replace(self, already_stored=check.stored)._why_none()  # the check's count
            lines.append(f"{self.site}: no new article: {why}")
        return lines

    @property
    def all_blocked(self) -> bool:
        """Every page the site answered refused us: nothing was read, let alone stored."""
        read = self.articles_stored + self.already_stored + self.non_article_pages
        return self.blocked > 0 and read == 0

    def safety_notes(self) -> list[str]:
        """Lines for what the site refused and what we refused or cut short (may be empty)."""
        notes = []
        if self.all_blocked:
            notes.append(f"{self.site}: blocked: all {self.blocked} pages refused us")
        elif self.blocked:
            notes.append(f"{self.site}: {self.blocked} pages blocked (refused us), not stored")
        if self.not_found:
            notes.append(f"{self.site}: {self.not_found} soft 404 pages (not found), not stored")
        if self.refused:
            notes.append(
                f"{self.site}: {self.refused} requests refused "
                "(other hosts or ports, non-public addresses)"
            )
        if self.limited:
            notes.append(f"{self.site}: {self.limited} requests dropped by trap and budget limits")
        if self.extraction_failed:
            notes.append(
                f"{self.site}: extraction failed on {self.extraction_failed} article pages "
                "(no body found; recorded for newscrawl reextract)"
            )
        return notes

    def line(self) -> str:
        return (
            f"{self.site}: {self.pages_fetched} fetched, {self.articles_stored} stored, "
            f"{self.already_stored} already stored, {self.non_article_pages} non-article, "
            f"{self.errors} errors, {self.extraction_failed} extraction failed"
        )


def _main_error(stats: Mapping[str, Any]) -> str | None:
    prefix = STATS + "errors/"
    counts = {k.removeprefix(prefix): int(v) for k, v in stats.items() if k.startswith(prefix)}
    return max(counts, key=lambda reason: counts[reason]) if counts else None
