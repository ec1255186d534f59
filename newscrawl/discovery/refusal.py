"""Pages that refuse us: the one vocabulary for "blocked" and "not found" answers.

A pure function of (status, title, visible text): challenge and captcha interstitials,
consent and login walls, 401/403/429 refusals, and soft 404s (a "not found" page served with
status 200). The downloader middleware uses it before a page is parsed; extraction may use it
to decide that a page is not an article. Phrases are lower case; thresholds are characters of
visible text (an interstitial is short, an article is not).
"""

from __future__ import annotations

import re
from typing import Literal

Refusal = Literal[
    "unauthorized", "forbidden", "rate_limited", "challenge", "captcha", "consent", "login",
    "not_found",
]  # fmt: skip
Outcome = Literal["blocked", "not_found"]

REFUSAL_STATUSES: dict[int, Refusal] = {401: "unauthorized", 403: "forbidden", 429: "rate_limited"}

# Bot checks by CDNs and anti-bot services (Cloudflare, Akamai, Imperva, DataDome, PerimeterX,
# Sucuri...), in titles or short pages.
CHALLENGE_PHRASES = (
    "checking your browser",
    "checking if the site connection is secure",
    "just a moment...",
    "attention required! | cloudflare",
    "please verify you are a human",
    "verify you are human",
    "verifying you are human",
    "ddos protection by",
    "enable javascript and cookies to continue",
    "please enable cookies and javascript",
    "pardon our interruption",
    "request unsuccessful. incapsula",
    "access to this page has been denied",
    "press & hold to confirm",
    "our systems have detected unusual traffic",
    "why have i been blocked",
    "sucuri website firewall",
    "bot verification",
)
CAPTCHA_PHRASES = ("captcha", "are you a robot", "i'm not a robot", "prove you're not a robot")
CONSENT_PHRASES = (
    "before you continue",
    "we value your privacy",
    "consent to the use of cookies",
    "accept all cookies to continue",
    "manage your privacy choices",
    "cookie consent",
)
LOGIN_PHRASES = (
    "sign in to continue",
    "log in to continue",
    "login to continue",
    "please log in",
    "please sign in",
    "subscribe to continue reading",
    "subscribe to read",
    "this content is for subscribers",
    "create a free account to continue",
    "you must be logged in",
)
# A status code in a title says "error" only as the title's own words: "404", "Error 404",
# "404 Not Found", "410 | Site". A headline that merely holds the number ("Peugeot 404 revival",
# "404 ways to cook", "Route 410 closed") is a story.
_SEP = r"[|\-–—·•:»!]"
ERROR_CODE_TITLE = (
    rf"(?:(?:^|{_SEP})\s*(?:error\s*|fehler\s*)?(?:404|410)\s*(?:error|not found|gone)?"
    rf"\s*(?:$|{_SEP}|\()|\b(?:error|fehler)\s*(?:404|410)\b"
    r"|\b(?:404|410)\s*(?:error|not found|page)\b)"
)
NOT_FOUND_TITLE = re.compile(
    rf"({ERROR_CODE_TITLE}|page not found|page (does not|doesn't) exist"
    r"|page (can't|cannot) be found|nothing (was )?found|seite nicht gefunden|page introuvable"
    r"|página no encontrada"
    r"|pagina non trovata|^not found\b)",
    re.IGNORECASE,
)
NOT_FOUND_PHRASES = (
    "the page you requested could not be found",
    "the page you are looking for",
    "the page you were looking for",
    "we couldn't find that page",
    "we can't find the page",
    "this page doesn't exist",
    "this page does not exist",
    "sorry, that page isn't here",
)
# Interstitials and walls are short; an article that mentions "captcha" is not.
WALL_MAX_TEXT = 2500  # visible characters: a longer page is no interstitial, whatever it says
NOT_FOUND_MAX_TEXT = 4000  # a templated 404 page carries menus and "popular" lists
NOT_FOUND_TITLE_MAX_TEXT = 12000  # ... and a "Page not found" title beats a longer template
TITLE_MAX = 120  # characters of a title that can be an interstitial's, not a headline


def _has(text: str, phrases: tuple[str, ...]) -> bool:
    return any(phrase in text for phrase in phrases)


def classify_refusal(status: int, title: str, text: str) -> Refusal | None:
    """Why this answer refuses us, or None when it is an ordinary page.

    ``title``: the page's <title> (or first heading); ``text``: its visible text. Status
    401/403/429 refuse whatever the body; a challenge or wall refuses with any status; other
    4xx/5xx answers are errors, not refusals (None).
    """
    title_l, text_l = title.strip().lower()[:TITLE_MAX], text.lower()
    size = len(text.strip())
    wall = _wall(title_l, text_l) if size <= WALL_MAX_TEXT else None
    if status in REFUSAL_STATUSES:
        return wall or REFUSAL_STATUSES[status]
    if wall is not None or not 200 <= status < 300:
        return wall  # a challenge comes with 200, 403 or 503; other errors are not refusals
    if (size <= NOT_FOUND_TITLE_MAX_TEXT and NOT_FOUND_TITLE.search(title_l)) or (
        size <= NOT_FOUND_MAX_TEXT and _has(text_l, NOT_FOUND_PHRASES)
    ):
        return "not_found"
    return None


def _wall(title: str, text: str) -> Refusal | None:
    for phrases, kind in (
        (CHALLENGE_PHRASES, "challenge"),
        (CAPTCHA_PHRASES, "captcha"),
        (LOGIN_PHRASES, "login"),
        (CONSENT_PHRASES, "consent"),
    ):
        if _has(title, phrases) or _has(text, phrases):
            return kind  # type: ignore[return-value]  # the loop's literals
    return None


def outcome(refusal: Refusal) -> Outcome:
    """How a refusal is counted: the site blocked us, or the page does not exist."""
    return "not_found" if refusal == "not_found" else "blocked"
