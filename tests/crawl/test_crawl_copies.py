"""End to end: two outlets publishing the same stories, and one outlet under two addresses.

``newscrawl crawl`` stores every article of both outlets and links the second outlet's
copies to the first's; crawling the first again as ``localhost`` stores nothing new.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from newscrawl.demo import build_outlet, serve_outlet
from tests.cli.run import newscrawl


def test_copies_across_outlets_are_linked_and_aliases_are_one_site(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'news.db'}"
    outlet = build_outlet(broken=False)
    with serve_outlet(outlet) as first, serve_outlet(build_outlet(broken=False)) as second:
        for base in (first.base_url, first.base_url.replace("127.0.0.1", "localhost")):
            assert newscrawl("crawl", base + "/", "--db", db).returncode == 0
        assert newscrawl("crawl", second.base_url + "/", "--db", db).returncode == 0
    exported = newscrawl("export", "--db", db, "--format", "jsonl")
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    first_site = first.base_url.removeprefix("http://")
    originals = {r["id"]: r for r in records if r["site"] == first_site}
    copies = [r for r in records if r["site"] != first_site]
    assert len(originals) == len(copies) == len(outlet.articles)  # the alias added no row
    assert {r["duplicate_of"] for r in originals.values()} == {None}
    assert Counter(r["duplicate_relation"] for r in copies) == {"exact": len(copies)}
    for copy in copies:
        original = originals[copy["duplicate_of"]]
        assert original["url"].split("/", 3)[3] == copy["url"].split("/", 3)[3]  # same path
        assert copy["cluster_id"] == original["cluster_id"] == original["id"]
    dupes = newscrawl("dupes", "--db", db, "--format", "jsonl")
    stories = [json.loads(line) for line in dupes.stdout.splitlines()]
    assert len(stories) == len(outlet.articles)  # two same-topic stories stay apart
    assert all(len(story["articles"]) == 2 for story in stories)
