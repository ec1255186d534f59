"""Deciding what a new article copies: index candidates, verified on the texts. Pure.

``find_copies`` looks a new article up, checks the candidates on both texts and returns
the verified matches in arrival order. The first of them is what it is a ``duplicate_of``
(the earliest-seen article it copies); all of them join its story cluster. Given the
candidates' clusters, a candidate whose cluster already matched is not checked: it would
add nothing (a story copied 20 times costs one comparison, not 20).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from newscrawl.dedup.index import NearDuplicateIndex
from newscrawl.dedup.signature import Signature
from newscrawl.dedup.verify import Match, Prepared, compare, prepare

K = TypeVar("K", bound=Hashable)

#: Reads the (text, site) of stored articles by key (a database query in the crawler).
TextSource = Callable[[list[K]], Mapping[K, tuple[str, str | None]]]
#: The story cluster of stored articles by key (those in none may be left out).
ClusterSource = Callable[[list[K]], Mapping[K, Hashable]]


@dataclass(frozen=True)
class Copy(Generic[K]):
    """A verified match: the new article relates to ``key`` (seen at ``order``) as ``match``."""

    key: K
    order: int
    match: Match


class PreparedTexts(Generic[K]):
    """Stored texts, prepared for comparison, the most recently used kept in memory: the
    same few early articles (a site's first pages, a story's original) recur as candidates."""

    def __init__(self, source: TextSource[K], size: int = 2_048) -> None:
        self.source = source
        self.size = size
        self._cache: OrderedDict[K, Prepared] = OrderedDict()

    def get(self, keys: Iterable[K]) -> dict[K, Prepared]:
        wanted = list(keys)
        found = {k: self._cache[k] for k in wanted if k in self._cache}
        missing = [k for k in wanted if k not in found]
        if missing:
            for key, (text, site) in self.source(missing).items():
                found[key] = self._cache[key] = prepare(text, site)
        for key in found:
            self._cache.move_to_end(key)
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return found


def find_copies(
    index: NearDuplicateIndex[K],
    signature: Signature,
    new_text: Callable[[], tuple[str, str | None]],
    texts: PreparedTexts[K],
    clusters: ClusterSource[K] | None = None,
) -> list[Copy[K]]:
    """Indexed articles that the new one copies or is copied by, earliest-seen first.

    ``new_text`` gives its (text, site); it is only called when the index found candidates
    (most articles have none, and their text need not be read). ``clusters``: candidates of
    a cluster that already matched are skipped (they join the new article's cluster anyway).
    """
    candidates = sorted(index.candidates(signature), key=lambda c: c.order)
    if not candidates:
        return []
    new = prepare(*new_text())
    group = clusters([c.key for c in candidates]) if clusters is not None else {}
    heads = {group.get(c.key, c.key): c.key for c in reversed(candidates)}
    stored = texts.get(heads.values())  # one read for each cluster's earliest candidate
    matched: set[Hashable] = set()
    copies = []
    for candidate in candidates:
        cluster = group.get(candidate.key, candidate.key)
        if cluster in matched:
            continue
        other = stored.get(candidate.key) or texts.get([candidate.key]).get(candidate.key)
        if other is None:
            continue
        match = compare(new, other)
        if match is not None:
            copies.append(Copy(candidate.key, candidate.order, match))
            matched.add(cluster)
    return copies
