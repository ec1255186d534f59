"""THE configuration: Scrapy settings plus every ``NEWSCRAWL_*`` environment override.

This is the only module that reads the environment. Components read ``crawler.settings``.
Each ``NEWSCRAWL_<NAME>`` variable overrides the setting ``<NAME>`` below when that setting
is in ``ENV_OVERRIDES`` (e.g. ``NEWSCRAWL_DATABASE_URL``, ``NEWSCRAWL_EXTRACT_WORKERS``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# --- newscrawl's own settings -------------------------------------------------------------
DATA_DIR = str(Path.cwd() / "data")
DATABASE_URL = f"sqlite:///{Path(DATA_DIR) / 'newscrawl.db'}"
EXTRACT_WORKERS = os.cpu_count() or 1  # extraction processes; 0 = extract in-process
EXTRACT_TIMEOUT = 30.0  # seconds one page may take in a worker before it is killed
EXTRACT_RETRIES = 1  # a page whose worker died or hung is tried this many more times
DB_BATCH_SIZE = 200  # articles per database transaction
DB_BATCH_SECONDS = 2.0  # ... or at least this often
DB_WRITE_RETRIES = 2  # a failed batch write is tried this many more times, with backoff
DB_RETRY_BACKOFF = 0.5  # seconds before the first retry; doubled for each next one
DB_OUTAGE_COOLDOWN = 10.0  # after a failed write, items are only collected this long
DB_CONNECT_TIMEOUT = 10.0  # seconds to connect to PostgreSQL
DB_STATEMENT_TIMEOUT = 15.0  # seconds one statement may run on the server
DB_KEEPALIVE_IDLE = 15.0  # seconds of silence before TCP keepalive probes start
DB_OPERATION_TIMEOUT = 20.0  # seconds one store call may take before its sockets are cut
RUN_ID = 0  # the crawl_runs row to add counts to (the CLI sets it; 0: the pipeline opens one)
WARC_ENABLED = True  # keep every fetched article page in DATA_DIR/warc/
WARC_MAX_BYTES = 1_000_000_000  # rotate a run's WARC file after this many bytes
MAX_ARTICLES = 0  # stop a site after this many articles (0 = no limit)
# ``newscrawl demo`` on a busy port: stored URLs keep the usual origin (demo/origin.py)
DEMO_SERVED_ORIGIN = ""
DEMO_PUBLIC_ORIGIN = ""
MAX_DEPTH = 3  # section/homepage link depth followed from the start page
MAX_SECTION_PAGES = 2000  # non-article HTML pages fetched per site for discovery
# Recurring crawls. Each target keeps its frontier in its own job directory under
# JOBS_DIR (DATA_DIR/jobs/<site>/), so a killed crawl resumes where it stopped; a job that
# finished makes the next run start a new one.
JOBS_DIR = str(Path(DATA_DIR) / "jobs")
INCREMENTAL = True  # article URLs already stored are not downloaded again (--full: False)
# Feeds, sitemaps and sections are fetched with conditional GET (validators kept per URL in
# the database): an unchanged one costs a 304. Articles first seen less than
# REVISIT_WINDOW_HOURS ago are checked again (conditional GET; a change is a revision) after
# REVISIT_FIRST_HOURS, then twice as long each time. --full sends no validators.
CONDITIONAL_GET = True
REVISIT_WINDOW_HOURS = 48.0  # 0: no revisits
REVISIT_FIRST_HOURS = 1.0
PROGRESS = False  # live progress line on stderr (the CLI turns it on)
DRY_RUN = False  # newscrawl check: discovery only, no article downloaded (dry_run.py)
GC_THRESHOLD = 50_000  # young objects between garbage collections while crawling (0: default)

# --- Politeness: defaults fit for real sites (the "polite" profile) ------------------------
# Who we are: sites look up the contact when the crawler misbehaves. Set NEWSCRAWL_CONTACT to
# a URL or an e-mail address; a crawl without one logs a warning.
CONTACT = ""
ROBOTSTXT_OBEY = True
CRAWL_DELAY_MAX = 30.0  # robots.txt Crawl-delay is obeyed up to this many seconds
CONCURRENT_REQUESTS = 32  # over all sites of a crawl
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # per host: the limit holds for each site of a run
DOWNLOAD_DELAY = 0.5  # seconds between requests to one host, at least
AUTOTHROTTLE_ENABLED = True  # slows down further when a site answers slowly
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry of a site's 429/5xx; doubled each time
RETRY_BACKOFF_MAX = 60.0  # cap for the backoff and for Retry-After; longer asks give up
# Requests only where the user pointed: the targets' hosts and ports, public addresses.
ALLOWED_HOSTS: list[str] = []  # more hosts a crawl may request: "host", "host:port", "*.host"
ALLOWED_NETWORKS: list[str] = []  # non-public networks it may request, e.g. "10.0.0.0/8"
# Blocked pages (401/403/429, challenges, walls) are counted, never stored; after this many
# refusals in a row a site is left alone for the rest of the run (0: never).
BLOCKED_STOP_AFTER = 10
# Traps and budgets, per site and run; each limit trips with one log line and a counter.
MAX_PAGES_PER_SITE = 10_000  # pages fetched per site per run (0: no limit)
TRAP_UNPRODUCTIVE_PAGES = 10  # pagination/calendar pages in a row without a new link
TRAP_OLDEST_YEAR = 1990  # URLs dated earlier are calendar traps
TRAP_FUTURE_DAYS = 2  # ... and so are URLs dated more than this many days ahead
TRAP_MAX_QUERY_LENGTH = 300  # characters of a URL's query
TRAP_MAX_REPEATS = 3  # times one query key or path segment may repeat in a URL
# The "fast" profile: local test sites, benchmarks and the demo (NEWSCRAWL_PROFILE=fast).
# Never point it at someone else's site.
PROFILE = "polite"
FAST_PROFILE: dict[str, Any] = {
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "DOWNLOAD_DELAY": 0.0,
    "AUTOTHROTTLE_ENABLED": False,
    "RETRY_TIMES": 1,
    "RETRY_BACKOFF_BASE": 0.0,
}

# --- Scrapy -------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 0
COOKIES_ENABLED = False
# Nothing listens that the user did not ask for: no telnet console, no remote-control endpoint.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
REDIRECT_MAX_TIMES = 5
DEPTH_PRIORITY = 0
# Scrapy runs this many tasks per response to process what its callback yields; a page
# yields one article and a few requests, and 100 (the default) costs 100 asyncio tasks a page.
CONCURRENT_ITEMS = 1
SCRAPER_SLOT_MAX_ACTIVE_SIZE = 5_000_000  # bytes of responses awaiting extraction: backpressure
LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 60.0
# The frontier: every URL once per job, as a compact SQLite row (on disk under JOBDIR).
SCHEDULER = "newscrawl.scheduler.FrontierScheduler"

DOWNLOAD_HANDLERS = {
    "http": "newscrawl.handlers.PersistentHTTPDownloadHandler",
    "https": "newscrawl.handlers.PersistentHTTPDownloadHandler",
}
# Scrapy's DOWNLOADER_MIDDLEWARES_BASE less CookiesMiddleware (COOKIES_ENABLED is False; a
# crawl that wants cookies adds it to DOWNLOADER_MIDDLEWARES). As with EXTENSIONS_BASE, Scrapy
# imports every listed module, and this one imports tldextract and requests: ~0.1 s of CPU
# at every start. Pinned to Scrapy's list by tests/safety/test_politeness.py.
DOWNLOADER_MIDDLEWARES_BASE = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": 50,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": 300,
    "scrapy.downloadermiddlewares.downloadtimeout.DownloadTimeoutMiddleware": 350,
    "scrapy.downloadermiddlewares.defaultheaders.DefaultHeadersMiddleware": 400,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": 500,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": 600,
    "scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware": 750,
    "scrapy.downloadermiddlewares.stats.DownloaderStats": 850,
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": 900,
}
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,  # host names only
    "newscrawl.middlewares.offsite.OffsiteGuardMiddleware": 40,
    "newscrawl.middlewares.traps.TrapMiddleware": 45,
    "newscrawl.middlewares.BinaryRequestFilterMiddleware": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    # Scrapy's lets requests that waited for robots.txt through unchecked (middlewares/robots.py)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.middlewares.robots.SharedRobotsTxtMiddleware": 100,
    "newscrawl.middlewares.retry.BackoffRetryMiddleware": 550,
    # Below retry: a 429/503 is retried (after Retry-After) before it counts as blocked.
    "newscrawl.middlewares.refusal.RefusalMiddleware": 540,
    "newscrawl.navigation.ListingBudgetMiddleware": 60,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,  # ours counts redirects
    "newscrawl.middlewares.CountingRedirectMiddleware": 600,
    "newscrawl.middlewares.CheapMetaRefreshMiddleware": 580,
    # Nearer the network than redirects (each hop asks with its own URL's validators) and
    # than retry and refusal: a 304 is "not modified", never an error or a refusal.
    "newscrawl.conditional.ConditionalGetMiddleware": 650,
}
SPIDER_MIDDLEWARES = {
    # Depth is carried in nc_depth (links get theirs in the worker); ours enforces MAX_DEPTH.
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "newscrawl.navigation.PageDoneMiddleware": 10,  # outermost: sees what was scheduled
    "newscrawl.navigation.ListingBudgetMiddleware": 640,
    "newscrawl.navigation.DepthLimitMiddleware": 650,
    # Records validators and the links each page gave, as left by the depth/budget limits.
    "newscrawl.conditional.UrlCheckMiddleware": 600,
    "newscrawl.dry_run.DryRunMiddleware": 610,  # DRY_RUN only: article links are not fetched
}
ITEM_PIPELINES = {
    "newscrawl.pipelines.StoragePipeline": 300,
}
# Scrapy's EXTENSIONS_BASE less RemoteControl (REMOTE_CONTROL_ENABLED is False). Scrapy
# imports every component its *_BASE dicts name, even one set to None, to normalise their
# keys, and remote_control's module imports aiohttp: ~0.3 s of CPU at every start, more
# than the rest of a re-run that finds nothing new. tests/safety/test_politeness.py checks
# this against Scrapy's own list.
EXTENSIONS_BASE = {
    "scrapy.extensions.corestats.CoreStats": 0,
    "scrapy.extensions.logcount.LogCount": 0,
    "scrapy.extensions.telnet.TelnetConsole": 0,
    "scrapy.extensions.memusage.MemoryUsage": 0,
    "scrapy.extensions.memdebug.MemoryDebugger": 0,
    "scrapy.extensions.closespider.CloseSpider": 0,
    "scrapy.extensions.feedexport.FeedExporter": 0,
    "scrapy.extensions.logstats.LogStats": 0,
    "scrapy.extensions.spiderstate.SpiderState": 0,
    "scrapy.extensions.throttle.AutoThrottle": 0,
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,  # replaced: it ignores Crawl-delay
    "newscrawl.politeness.PolitenessExtension": 0,
    "newscrawl.workers.extension.ExtractionPoolExtension": 400,
    "newscrawl.progress.ProgressExtension": 500,
    "newscrawl.gc_tuning.GcTuningExtension": 510,
    "newscrawl.warc_extension.WarcExtension": 520,  # WARC_ENABLED: pages in DATA_DIR/warc/
    "newscrawl.url_checks.UrlCheckExtension": 530,  # CONDITIONAL_GET: validators, revisits
}
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"

ENV_OVERRIDES: dict[str, type] = {
    "DATA_DIR": str,
    "DATABASE_URL": str,
    "EXTRACT_WORKERS": int,
    "EXTRACT_TIMEOUT": float,
    "EXTRACT_RETRIES": int,
    "DB_BATCH_SIZE": int,
    "DB_BATCH_SECONDS": float,
    "DB_WRITE_RETRIES": int,
    "DB_RETRY_BACKOFF": float,
    "DB_OUTAGE_COOLDOWN": float,
    "DB_CONNECT_TIMEOUT": float,
    "DB_STATEMENT_TIMEOUT": float,
    "DB_KEEPALIVE_IDLE": float,
    "DB_OPERATION_TIMEOUT": float,
    "WARC_ENABLED": bool,
    "WARC_MAX_BYTES": int,
    "MAX_ARTICLES": int,
    "MAX_DEPTH": int,
    "MAX_SECTION_PAGES": int,
    "JOBS_DIR": str,
    "INCREMENTAL": bool,
    "CONDITIONAL_GET": bool,
    "REVISIT_WINDOW_HOURS": float,
    "REVISIT_FIRST_HOURS": float,
    "GC_THRESHOLD": int,
    "CONCURRENT_REQUESTS": int,
    "CONCURRENT_REQUESTS_PER_DOMAIN": int,
    "DOWNLOAD_DELAY": float,
    "DOWNLOAD_TIMEOUT": float,
    "DOWNLOAD_MAXSIZE": int,
    "RETRY_TIMES": int,
    "LOG_LEVEL": str,
    "USER_AGENT": str,
    "ROBOTSTXT_OBEY": bool,
    "AUTOTHROTTLE_ENABLED": bool,
    "CONTACT": str,
    "PROFILE": str,
    "CRAWL_DELAY_MAX": float,
    "AUTOTHROTTLE_START_DELAY": float,
    "AUTOTHROTTLE_MAX_DELAY": float,
    "RETRY_BACKOFF_BASE": float,
    "RETRY_BACKOFF_MAX": float,
    "ALLOWED_HOSTS": list,
    "BLOCKED_STOP_AFTER": int,
    "MAX_PAGES_PER_SITE": int,
    "TRAP_UNPRODUCTIVE_PAGES": int,
    "TRAP_OLDEST_YEAR": int,
    "TRAP_FUTURE_DAYS": int,
    "TRAP_MAX_QUERY_LENGTH": int,
    "TRAP_MAX_REPEATS": int,
    "ALLOWED_NETWORKS": list,
}
PROFILES = ("polite", "fast")


def _parse(kind: type, raw: str) -> Any:
    if kind is bool:
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if kind is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    return kind(raw)


def env_overrides(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """The settings that ``NEWSCRAWL_*`` variables override, parsed to their types."""
    environ = dict(os.environ) if environ is None else environ
    found: dict[str, Any] = {}
    for name, kind in ENV_OVERRIDES.items():
        raw = environ.get(f"NEWSCRAWL_{name}")
        if raw is None or raw == "":
            continue
        try:
            found[name] = _parse(kind, raw)
        except ValueError as exc:
            raise SystemExit(f"NEWSCRAWL_{name}={raw!r} is not a valid {kind.__name__}") from exc
    if "DATA_DIR" in found and "DATABASE_URL" not in found:
        found["DATABASE_URL"] = f"sqlite:///{Path(found['DATA_DIR']) / 'newscrawl.db'}"
    if "DATA_DIR" in found and "JOBS_DIR" not in found:
        found["JOBS_DIR"] = str(Path(found["DATA_DIR"]) / "jobs")
    return found


def user_agent(contact: str) -> str:
    """newscrawl's User-Agent, naming the contact the user set (when set)."""
    contact = contact.strip()
    return f"newscrawl/0.1 (+{contact})" if contact else "newscrawl/0.1"


def profile_settings(profile: str, environ: dict[str, str] | None = None) -> dict[str, Any]:
    """The settings a profile changes, less those the environment sets explicitly."""
    if profile not in PROFILES:
        raise SystemExit(f"NEWSCRAWL_PROFILE={profile!r}: choose one of {', '.join(PROFILES)}")
    chosen = FAST_PROFILE if profile == "fast" else {}
    explicit = env_overrides(environ)
    return {name: value for name, value in chosen.items() if name not in explicit}


def _apply_environment() -> None:
    found = env_overrides()
    globals().update(profile_settings(found.get("PROFILE", PROFILE)))
    globals().update(found)
    if "USER_AGENT" not in found:
        globals()["USER_AGENT"] = user_agent(str(globals()["CONTACT"]))


USER_AGENT = user_agent(CONTACT)
_apply_environment()
