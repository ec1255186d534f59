"""Authors are people: outlets, desks, roles and credentials are not authors."""

from __future__ import annotations

import json

import pytest

from newscrawl.extraction import extract
from newscrawl.extraction.authors import clean_authors

URL = "https://news.example/2024/03/01/bridge-to-close"
BODY = "".join(
    f"<p>Paragraph {i}: the mayor said the works would start in spring and last two years, "
    "closing the bridge to cars but not to bikes.</p>"
    for i in range(4)
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Tariq Malik and Mike Wall"], ["Tariq Malik", "Mike Wall"]),
        (["Jane Roe, Associated Press"], ["Jane Roe"]),
        (["Tom Canavan Associated Press Writer"], ["Tom Canavan"]),
        (["Jane Roe, CNN"], ["Jane Roe"]),
        (["Jane Roe, Business Insider"], ["Jane Roe"]),
        (["Jane Roe", "Telegraph Sport"], ["Jane Roe"]),
        (["Jane Roe", "News Nation Bureau"], ["Jane Roe"]),
        (["Jane Roe", "RT"], ["Jane Roe"]),
        (["Jane Roe Sputnik International"], ["Jane Roe"]),
        (["Mirjam Swanson The Press-Enterprise"], ["Mirjam Swanson"]),
        (["BARBARA VANCHERIPittsburgh Post-Gazette"], ["Barbara Vancheri"]),
        (["Kelli Miller, MS, RDN"], ["Kelli Miller"]),
        (["Grant Tinsley, PhD"], ["Grant Tinsley"]),
        (["Dr. Ana Lima"], ["Ana Lima"]),
        (["Tarun Jain, AdWords Product Manager"], ["Tarun Jain"]),
        (["Karl Schmidt, Software Engineer, Google Maps"], ["Karl Schmidt"]),
        (["Michelle Shephard, National Security Reporter"], ["Michelle Shephard"]),
        (["Mariko Oi, Singapore"], ["Mariko Oi"]),
        (["Minh Do on"], ["Minh Do"]),
        (["David A. Utter - Fri"], ["David A. Utter"]),
        (["Ann Lee, Bo Berg, and Cy Dahl"], ["Ann Lee", "Bo Berg", "Cy Dahl"]),
        (["Jonathon Ramsey RSS feed"], ["Jonathon Ramsey"]),
        (["Steve Says"], ["Steve"]),
        (["Sharon in Chicago"], ["Sharon"]),
        (["Ana García y Luis Pérez"], ["Ana García", "Luis Pérez"]),
        (["Fiona Bornhöft und Mariam Hofbeck"], ["Fiona Bornhöft", "Mariam Hofbeck"]),
        (["Christoph von Eichhorn"], ["Christoph von Eichhorn"]),
    ],
)
def test_people_are_kept_and_what_follows_them_is_not(raw: list[str], expected: list[str]) -> None:
    assert clean_authors(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        ["View Profile"],
        ["Permalink"],
        ["Name"],
        ["Posted"],
        ["Dec"],
        ["Redaktion"],
        ["Newsdesk"],
        ["Science X staff"],
        ["Google Desktop Team"],
        ["jdadmin"],
        ["randallbrink"],
        ["the numbers"],
        ["Building Wealth through Saving"],
        ['clicking "Submit'],
    ],
)
def test_furniture_desks_and_accounts_are_no_authors(raw: list[str]) -> None:
    assert clean_authors(raw) == []


def test_an_organisation_is_kept_only_when_the_byline_names_no_person() -> None:
    assert clean_authors(["By Reuters"]) == ["Reuters"]
    assert clean_authors(["The Associated Press"]) == ["The Associated Press"]
    assert clean_authors(["European Space Agency"]) == ["European Space Agency"]
    assert clean_authors(["Reuters", "Hilary Russ"]) == ["Hilary Russ"]
    assert clean_authors(["Herb Keinon; AP"]) == ["Herb Keinon"]


def _page(head: str, byline: str = "") -> str:
    return (
        f"<html><head><title>Bridge to close</title>{head}</head><body><article>"
        f"<h1>Bridge to close</h1>{byline}{BODY}</article></body></html>"
    )


def _ld(author: object) -> str:
    node = {"@type": "NewsArticle", "headline": "Bridge to close", "author": author}
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


def test_json_ld_organisations_next_to_people_are_dropped() -> None:
    authors = [
        {"@type": "Person", "name": "Tariq Malik"},
        {"@type": "Person", "name": "Mike Wall"},
        {"@type": "Organization", "name": "Space Daily"},
    ]
    article = extract(_page(_ld(authors)), URL)
    assert article is not None and article.authors == ["Tariq Malik", "Mike Wall"]


def test_a_visible_byline_beats_a_declared_organisation() -> None:
    head = _ld({"@type": "Organization", "name": "City Paper"})
    article = extract(_page(head, '<p class="byline">By Ana Lima</p>'), URL)
    assert article is not None and article.authors == ["Ana Lima"]


def test_the_site_is_not_an_author() -> None:
    head = '<meta property="og:site_name" content="City Paper">' + _ld("Ana Lima City Paper")
    article = extract(_page(head), URL)
    assert article is not None and article.authors == ["Ana Lima"]
