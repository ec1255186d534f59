"""Every stored page under tests/fixtures/pages extracts to its reviewed .json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newscrawl.extraction import extract
from newscrawl.extraction.fixture import expected_fields

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
CASES = sorted(PAGES.glob("*/*.html"))


def _load(page: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(page.with_suffix(".json").read_text("utf-8"))
    return data


@pytest.mark.parametrize("page", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_fixture_page(page: Path) -> None:
    spec = _load(page)
    article = extract(page.read_bytes(), spec["url"])
    assert expected_fields(article) == spec["expected"]
    text = article.text if article else ""
    for phrase in spec["absent"]:
        assert phrase not in text, phrase
    for phrase in spec["present"]:
        assert phrase in text, phrase


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 5
