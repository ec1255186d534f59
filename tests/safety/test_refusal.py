"""The refusal vocabulary: challenges, captchas, walls, 401/403/429 and soft 404s."""

from __future__ import annotations

import pytest

from newscrawl.discovery.refusal import classify_refusal, outcome
from newscrawl.middlewares.refusal import page_signals

ARTICLE = "The harbour authority said on Tuesday that the new quay would open next spring. " * 40


@pytest.mark.parametrize(
    ("status", "title", "text", "expected"),
    [
        (200, "Just a moment...", "Checking your browser before accessing the site.", "challenge"),
        (403, "Attention Required! | Cloudflare", "Why have I been blocked?", "challenge"),
        (503, "One moment", "Checking if the site connection is secure", "challenge"),
        (200, "Example News", "Please complete the CAPTCHA to continue.", "captcha"),
        (200, "Before you continue to Example", "We use cookies. Accept all", "consent"),
        (200, "Example News", "Subscribe to continue reading. Sign in.", "login"),
        (403, "Forbidden", "", "forbidden"),
        (401, "", "", "unauthorized"),
        (429, "Too Many Requests", "", "rate_limited"),
        (200, "Page not found | Example News", "Home World Sport " * 60, "not_found"),
        (200, "Example News", "Sorry, the page you were looking for has moved.", "not_found"),
        (200, "404 | Example News", "Home World Sport " * 60, "not_found"),
        (200, "Example News - Error 404", "Home World Sport " * 60, "not_found"),
        (200, "410 Gone", "", "not_found"),
    ],
)
def test_refusals_are_recognised(status: int, title: str, text: str, expected: str) -> None:
    assert classify_refusal(status, title, text) == expected


@pytest.mark.parametrize(
    ("status", "title", "text"),
    [
        (200, "Harbour quay opens next spring", ARTICLE),
        (200, "Why CAPTCHA tests are getting harder", ARTICLE + " captcha " + ARTICLE),
        (200, "Readers not found guilty", ARTICLE),  # a headline, not a 404 title
        (200, "Peugeot 404 returns as an electric car", ARTICLE),  # a number, not a status
        (200, "404 ways to cook rice | Example News", ARTICLE),
        (200, "Route 410 closed after landslide", ARTICLE),
        (200, "Example News", ARTICLE + " Sign in to continue. Subscribe to read."),
        (404, "Not Found", "The page you requested could not be found"),  # a real 404: an error
        (500, "Server error", "oops"),
    ],
)
def test_ordinary_pages_and_errors_are_not_refusals(status: int, title: str, text: str) -> None:
    assert classify_refusal(status, title, text) is None


def test_outcomes() -> None:
    assert outcome("challenge") == "blocked" and outcome("rate_limited") == "blocked"
    assert outcome("not_found") == "not_found"


def test_page_signals_reads_title_and_visible_text_only() -> None:
    body = (
        b"<html><head><title> Just a\n moment </title><script>var captcha = 1;</script>"
        b"<style>.x{}</style></head><body><p>Checking <b>your</b> browser</p></body></html>"
    )
    assert page_signals(body) == ("Just a moment", "Just a moment Checking your browser")
