"""The frontier: each URL once, by priority then order found, persistent, resumable."""

from __future__ import annotations

from pathlib import Path

from newscrawl.discovery.frontier import Entry, Frontier


def _drain(frontier: Frontier) -> list[str]:
    out = []
    while (entry := frontier.pop()) is not None:
        out.append(entry.url)
    return out


def test_higher_priority_first_then_in_the_order_found_and_each_url_once() -> None:
    frontier = Frontier(None)
    assert frontier.add(Entry("https://x.com/world/", 0))
    assert frontier.add(Entry("https://x.com/a1", 10, "parse_page", None, {"nc_depth": 1}))
    assert not frontier.add(Entry("https://x.com/world/", 0))
    assert frontier.add(Entry("https://x.com/a2", 10))
    assert len(frontier) == 3
    first = frontier.pop()
    assert first == Entry("https://x.com/a1", 10, "parse_page", None, {"nc_depth": 1})
    assert _drain(frontier) == ["https://x.com/a2", "https://x.com/world/"]
    assert len(frontier) == 0


def test_a_killed_job_resumes_what_was_not_done_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "frontier.sqlite3"
    frontier = Frontier(path, commit_seconds=0)
    for n in range(5):
        frontier.add(Entry(f"https://x.com/{n}"))
    assert [frontier.pop().url for _ in range(3)] == [  # type: ignore[union-attr]
        "https://x.com/0",
        "https://x.com/1",
        "https://x.com/2",
    ]
    frontier.done(["https://x.com/0"])
    frontier.commit()  # done marks are written one commit late: after the links they gave
    frontier.commit()
    # kill -9: no close(). The same job opened again gets back what was not done.
    again = Frontier(path)
    assert again.state.resumed == 4
    assert sorted(_drain(again)) == [f"https://x.com/{n}" for n in range(1, 5)]
    assert not again.add(Entry("https://x.com/0"))  # done: still seen in this job


def test_a_finished_job_starts_a_new_one_carrying_over_what_failed(tmp_path: Path) -> None:
    path = tmp_path / "frontier.sqlite3"
    frontier = Frontier(path)
    frontier.add(Entry("https://x.com/ok"))
    frontier.add(Entry("https://x.com/timed-out"))
    assert _drain(frontier) == ["https://x.com/ok", "https://x.com/timed-out"]
    frontier.done(["https://x.com/ok"])
    frontier.close(finished=True)
    again = Frontier(path)
    assert again.state.new_job and again.state.carried_over == 1
    assert again.add(Entry("https://x.com/ok"))  # a new job: seen again, fetched again
    assert _drain(again) == ["https://x.com/timed-out", "https://x.com/ok"]


def test_a_job_for_another_database_is_not_resumed(tmp_path: Path) -> None:
    path = tmp_path / "frontier.sqlite3"
    frontier = Frontier(path, owner="sqlite:///a.db")
    frontier.add(Entry("https://x.com/1"))
    frontier.close(finished=False)
    other = Frontier(path, owner="sqlite:///b.db")
    assert len(other) == 0 and other.state.resumed == 0


def test_known_urls_are_looked_up_in_bulk_and_never_handed_out() -> None:
    calls: list[list[str]] = []

    def known(urls: list[str]) -> set[str]:
        calls.append(urls)
        return {u for u in urls if u.endswith("stored")}

    frontier = Frontier(None, known=known)
    frontier.add(Entry("https://x.com/robots.txt", 30))  # not checked: not a page
    for n in range(300):
        frontier.add(Entry(f"https://x.com/{n}-stored", 10), check=True)
        frontier.add(Entry(f"https://x.com/{n}-new", 10), check=True)
    out = _drain(frontier)
    assert out[0] == "https://x.com/robots.txt"
    assert out[1:] == [f"https://x.com/{n}-new" for n in range(300)]
    assert frontier.skipped_known == 300
    assert len(calls) == 2  # 600 URLs: two queries of at most 500, not one per URL
