"""``newscrawl dupes``: the stored stories that have copies, for people and as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path

from newscrawl.db import ArticleStore, make_engine, upgrade
from newscrawl.db.dupes import DuplicateLinker, NewArticle
from tests.cli.run import newscrawl
from tests.db.sample_articles import make_article
from tests.dedup.texts import spun, story, teaser


def _database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'news.db'}"
    engine = make_engine(url)
    upgrade(engine)
    store, linker = ArticleStore(engine), DuplicateLinker(engine)
    texts = [story(5), teaser(story(5), 0.4), story(6), spun(story(5), 0.3)]
    for n, text in enumerate(texts, start=1):
        article = make_article(n, site=f"site{n}.example", text=text)
        store.save_batch([article])
        linker.link([NewArticle(article.canonical_url)])
    engine.dispose()
    return url


def test_dupes_lists_each_story_with_its_copies(tmp_path: Path) -> None:
    url = _database(tmp_path)
    result = newscrawl("dupes", "--db", url, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    [story_record] = [json.loads(line) for line in result.stdout.splitlines()]
    articles = story_record["articles"]
    assert [a["url"].split("/")[2] for a in articles] == [
        "site1.example",
        "site2.example",
        "site4.example",
    ]
    assert [a["duplicate_relation"] for a in articles] == [None, "partial", "near"]
    assert story_record["cluster_id"] == articles[0]["id"]
    assert "1 stories with copies, 2 copies" in result.stderr

    text = newscrawl("dupes", "--db", url)
    assert text.returncode == 0
    assert "partial copy of" in text.stdout and "site3.example" not in text.stdout
