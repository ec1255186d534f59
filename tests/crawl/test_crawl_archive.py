"""Fetched article pages are kept in WARC files; ``newscrawl reextract`` re-reads them.

One crawl of the fake outlet with WARC on, then the database is made to look as an older
extractor left it (two texts differ, every version is old, one page failed): re-extraction
writes revisions only for the two changed texts, stores the failed page, records the
current extractor version everywhere, and the change feed carries exactly those changes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from newscrawl.archive import iter_pages, warc_files
from newscrawl.cli import main
from newscrawl.db import ArticleStore, make_engine
from newscrawl.demo import build_outlet, serve_outlet
from newscrawl.extraction.version import EXTRACTOR_VERSION
from newscrawl.items import ExtractionFailure
from tests.cli.run import newscrawl


def test_pages_are_archived_and_reextract_revises_only_what_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    env = {"NEWSCRAWL_WARC_ENABLED": "true", "NEWSCRAWL_DATA_DIR": str(tmp_path / "data")}
    with serve_outlet(build_outlet(broken=False)) as site:
        crawl = newscrawl("crawl", site.base_url + "/", "--db", db, env=env)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    warc_dir = tmp_path / "data" / "warc"
    files = warc_files(warc_dir)
    assert files and all(f.name.startswith("run1-127.0.0.1_") for f in files)
    engine = make_engine(db)
    store = ArticleStore(engine)
    try:
        stored = list(store.iter_records())
        assert len(stored) == 14
        archived = {page.url: page for page in iter_pages(files)}
        assert {r["url"] for r in stored} <= set(archived)
        assert all(b"<html" in archived[r["url"]].body.lower() for r in stored)

        changed, failed = stored[0], stored[1]
        with engine.begin() as conn:  # as an older extractor left it
            conn.execute(text("UPDATE articles SET extractor_version = 'old'"))
            conn.execute(
                text("UPDATE articles SET text = 'old text', content_hash = 'old' WHERE id = :i"),
                {"i": changed["id"]},
            )
            conn.execute(text("DELETE FROM articles WHERE id = :i"), {"i": failed["id"]})
        store.record_failures([ExtractionFailure(failed["url"], failed["site"], "no_body")], 1)
        cursor = store.last_change()

        capsys.readouterr()
        code = main(["reextract", "--db", db, "--warc-dir", str(warc_dir)])
        _, err = capsys.readouterr()
        assert code == 0, err
        assert "1 changed" in err and "12 unchanged" in err and "1 new" in err

        (old,) = store.revisions_of(changed["canonical_url"])
        assert (old["text"], old["reason"], old["extractor_version"]) == (
            "old text",
            "reextract",
            "old",
        )
        now = {r["id"]: r for r in store.iter_records()}
        assert now[changed["id"]]["text"] == changed["text"]
        assert now[failed["id"]]["text"] == failed["text"]
        assert {r["extractor_version"] for r in now.values()} == {EXTRACTOR_VERSION}
        assert store.extraction_failures() == []

        code = main(["export", "--db", db, "--since", str(cursor)])
        out, _ = capsys.readouterr()
        assert code == 0
        assert sorted(json.loads(line)["id"] for line in out.splitlines()) == sorted(
            [changed["id"], failed["id"]]
        )
    finally:
        engine.dispose()


def test_a_recrawl_revises_changed_articles_and_the_feed_carries_only_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    cursor = tmp_path / "feed.cursor"
    with serve_outlet(build_outlet(broken=False)) as site:
        assert newscrawl("crawl", site.base_url + "/", "--db", db).returncode == 0
        assert main(["export", "--db", db, "--cursor-file", str(cursor)]) == 0
        first, _ = capsys.readouterr()
        assert len(first.splitlines()) == 14
        engine = make_engine(db)
        try:
            stored = list(ArticleStore(engine).iter_records())
            edited = [r["id"] for r in stored[:3]]  # 20 %: the outlet "changed" these since
            with engine.begin() as conn:
                for ident in edited:
                    conn.execute(
                        text(
                            "UPDATE articles SET text = 'first version', content_hash = 'v1', "
                            "fetched_at = '2024-01-01 00:00:00' WHERE id = :i"
                        ),
                        {"i": ident},
                    )
            again = newscrawl("crawl", site.base_url + "/", "--db", db, "--full")
            assert again.returncode == 0, again.stderr[-3000:]
            row = next(line for line in again.stdout.splitlines() if "127.0.0.1" in line)
            new, updated, unchanged = [int(c) for c in row.replace("│", " ").split()[2:5]]
            assert (new, updated, unchanged) == (0, 3, 11)  # the summary's articles columns
            store = ArticleStore(engine)
            for record in store.iter_records():
                revisions = store.revisions_of(record["canonical_url"])
                if record["id"] in edited:
                    assert [(r["text"], r["reason"]) for r in revisions] == [
                        ("first version", "recrawl")
                    ]
                    assert record["revision"] == 2 and record["changed_run_id"] == 2
                else:
                    assert revisions == [] and record["revision"] == 1
        finally:
            engine.dispose()
    assert main(["export", "--db", db, "--cursor-file", str(cursor)]) == 0
    changes, _ = capsys.readouterr()
    assert sorted(json.loads(line)["id"] for line in changes.splitlines()) == sorted(edited)
    assert main(["export", "--db", db, "--cursor-file", str(cursor)]) == 0
    assert capsys.readouterr()[0] == ""  # each change exactly once
