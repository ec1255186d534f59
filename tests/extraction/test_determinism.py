"""The same bytes always give the same article, whatever ran before in the process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newscrawl.extraction import extract

PAGES = sorted((Path(__file__).parent.parent / "fixtures" / "pages").glob("*/*.html"))
URL = "https://example.com/2024/05/29/{}"


def _record(path: Path) -> str:
    article = extract(path.read_bytes(), URL.format(path.stem))
    assert article is not None, path
    return json.dumps(article.to_record(), sort_keys=True, ensure_ascii=False)


def test_an_article_does_not_depend_on_the_pages_extracted_before_it() -> None:
    first = _record(PAGES[0])
    for path in reversed(PAGES):
        _record(path)
    assert _record(PAGES[0]) == first


def test_a_fresh_process_gives_the_same_article() -> None:
    here = _record(PAGES[-1])
    code = (
        "import json, sys; from pathlib import Path; from newscrawl.extraction import extract;"
        "p = Path(sys.argv[1]); a = extract(p.read_bytes(), sys.argv[2]);"
        "print(json.dumps(a.to_record(), sort_keys=True, ensure_ascii=False))"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", code, str(PAGES[-1]), URL.format(PAGES[-1].stem)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert fresh.stdout.strip() == here
