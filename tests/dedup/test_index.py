"""The index and the linking rule: candidates found, copies linked to the earliest-seen."""

from __future__ import annotations

import random

import pytest

from newscrawl.dedup import index as index_module
from newscrawl.dedup.index import NearDuplicateIndex
from newscrawl.dedup.linking import PreparedTexts, find_copies
from newscrawl.dedup.signature import NUM_PERM, Signature, compute_signature
from tests.dedup.texts import spun, story, teaser

ARTICLES = {
    "original": story(4),
    "teaser": teaser(story(4), 0.4),
    "spun": spun(story(4), 0.3),
    "same-topic-1": story(1),
    "same-topic-2": story(2),
    **{f"other-{n}": story(n) for n in range(5, 15)},
}


def link_all(order: list[str]) -> dict[str, str | None]:
    """Feed ``order`` through the index; what each article is a duplicate_of."""
    index: NearDuplicateIndex[str] = NearDuplicateIndex()
    texts = PreparedTexts(lambda keys: {k: (ARTICLES[k], None) for k in keys})
    links: dict[str, str | None] = {}
    for key in order:
        signature = compute_signature(ARTICLES[key])
        copies = find_copies(index, signature, lambda k=key: (ARTICLES[k], None), texts)
        links[key] = copies[0].key if copies else None
        index.add(key, signature)
    return links


def test_copies_link_to_the_earliest_seen_and_nothing_else_links() -> None:
    links = link_all(list(ARTICLES))
    assert links == {
        **{key: None for key in ARTICLES},
        "teaser": "original",
        "spun": "original",
    }


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_groups_whatever_the_arrival_order(seed: int) -> None:
    order = list(ARTICLES)
    random.Random(seed).shuffle(order)
    links = link_all(order)
    linked = {key for key, target in links.items() if target is not None}
    copies = {"original", "teaser", "spun"}
    assert linked | {target for target in links.values() if target} <= copies
    first = next(key for key in order if key in copies)
    assert links[first] is None  # the earliest-seen is the one the others point to
    assert all(links[key] is not None for key in copies - {first})


def test_candidates_survive_the_buffer_being_sorted_into_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "_BUFFER", 2)
    index: NearDuplicateIndex[int] = NearDuplicateIndex()
    for n in range(1, 15):
        index.add(n, compute_signature(story(n)))
    found = index.candidates(compute_signature(spun(story(6), 0.1)))
    assert [c.key for c in found] == [6]
    assert found[0].order == 5
    assert index.memory_bytes() <= len(index) * (NUM_PERM * 8 + 4)


def test_a_signature_round_trips_through_bytes() -> None:
    signature = compute_signature(story(3))
    again = Signature.from_bytes(signature.to_bytes())
    assert again.to_bytes() == signature.to_bytes()
    assert again.size == signature.size > 100
    assert again.text_hash == signature.text_hash
    with pytest.raises(ValueError):
        Signature.from_bytes(b"\x09" + signature.to_bytes()[1:])


def test_a_bulk_rebuild_finds_what_one_by_one_inserts_find() -> None:
    signatures = [(n, compute_signature(story(n))) for n in range(1, 15)]
    one_by_one: NearDuplicateIndex[int] = NearDuplicateIndex()
    for key, signature in signatures:
        one_by_one.add(key, signature)
    bulk: NearDuplicateIndex[int] = NearDuplicateIndex()
    bulk.add(0, compute_signature("too short to index"))
    bulk.add_many(signatures[:7])
    bulk.add_many(signatures[7:])
    for n in (3, 9, 14):
        query = compute_signature(teaser(story(n), 0.5))
        expected = [(c.key, c.jaccard) for c in one_by_one.candidates(query)]
        assert (
            expected
            == [(c.key, c.jaccard) for c in bulk.candidates(query)]
            == [(n, expected[0][1])]
        )
    assert [c.order for c in bulk.candidates(compute_signature(story(9)))] == [9]


def test_a_story_copied_many_times_is_compared_once_per_cluster() -> None:
    """Copies of a story already in one cluster: the new copy is checked against its
    earliest member only, and links to it as it would after checking them all."""
    copies = [f"copy-{n}" for n in range(12)]
    texts_of = {key: spun(story(4), 0.1 + 0.01 * n) for n, key in enumerate(copies)}
    texts_of["other"] = story(7)
    index: NearDuplicateIndex[str] = NearDuplicateIndex()
    for key in [*copies, "other"]:
        index.add(key, compute_signature(texts_of[key]))
    read: list[str] = []

    def source(keys: list[str]) -> dict[str, tuple[str, str | None]]:
        read.extend(keys)
        return {k: (texts_of[k], None) for k in keys}

    new = spun(story(4), 0.2)
    signature = compute_signature(new)
    everything = find_copies(index, signature, lambda: (new, None), PreparedTexts(source))
    assert [c.key for c in everything] == copies  # without clusters: every copy checked
    read.clear()
    one_cluster = find_copies(
        index,
        signature,
        lambda: (new, None),
        PreparedTexts(source),
        lambda keys: {k: "copy-0" for k in keys if k in texts_of and k != "other"},
    )
    assert [c.key for c in one_cluster] == ["copy-0"]
    assert one_cluster[0] == everything[0]
    assert read == ["copy-0"]
