"""Linking copies in the database: signatures stored, the index rebuilt from them, links set.

``DuplicateLinker.link`` runs after a batch of new articles is stored (in the pipeline's
storage thread, never on the reactor). In one transaction it

1. takes the ``change_sequence`` row lock, as every article write does (crawlers writing
   to one database link one at a time, so they all see the same earlier articles and reach
   the same answers; and each link is a change the change feed carries, in order);
2. catches its in-memory index up with the signatures other crawlers stored meanwhile
   (``seq`` order; at start-up, that is all of them, loaded before the lock is taken);
3. for each new article in turn: stores its signature (its ``seq`` is its place in the
   earliest-seen order), looks it up, verifies the candidates on their texts and writes
   ``duplicate_of`` / ``duplicate_relation`` / ``similarity`` / ``cluster_id``; every row
   it changes takes the next change sequence number, so ``export --since`` sees the link.

Articles stored before signatures existed (or replayed from a spool without one) get their
signature computed here, the first time the linker runs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, func, or_, select, update
from sqlalchemy.engine import Engine

from newscrawl.db.errors import storage_errors
from newscrawl.db.models import ArticleRow, ChangeSequenceRow, DedupSignatureRow
from newscrawl.dedup.index import NearDuplicateIndex
from newscrawl.dedup.linking import Copy, PreparedTexts, find_copies
from newscrawl.dedup.signature import Signature, compute_signature

logger = logging.getLogger(__name__)

_articles = cast(Table, ArticleRow.__table__)
_signatures = cast(Table, DedupSignatureRow.__table__)
_sequence = cast(Table, ChangeSequenceRow.__table__)
LOAD_BATCH = 50_000  # signatures indexed per sort at start-up


@dataclass(frozen=True)
class NewArticle:
    """A just-stored article to link: its canonical URL and, if the worker made one, its
    signature bytes."""

    canonical_url: str
    signature: bytes | None = None


class _Changes:
    """Change sequence numbers handed out inside one locked transaction."""

    def __init__(self, conn: Connection) -> None:
        stmt = update(_sequence).values(last_value=_sequence.c.last_value)
        self.last = int(conn.execute(stmt.returning(_sequence.c.last_value)).scalar_one())
        self.first = self.last

    def next(self) -> int:
        self.last += 1
        return self.last

    def commit(self, conn: Connection) -> None:
        if self.last != self.first:
            conn.execute(update(_sequence).values(last_value=self.last))


class DuplicateLinker:
    """Links new articles to the earlier-seen articles they copy (one per process)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reset()

    def _reset(self) -> None:
        self.index: NearDuplicateIndex[str] = NearDuplicateIndex()
        self.loaded_seq = 0
        self._backfilled = False
        self._conn: Connection | None = None
        self.texts = PreparedTexts(self._read_texts, size=256)

    def link(self, articles: Sequence[NewArticle]) -> int:
        """Store signatures of ``articles`` and link them; return how many were linked."""
        try:
            with storage_errors(self.engine, "load dedup signatures"), self.engine.connect() as c:
                self._catch_up(c)  # the bulk of it (all, at start-up) without holding the lock
            with storage_errors(self.engine, "link duplicates"), self.engine.begin() as conn:
                self._conn = conn
                changes = _Changes(conn)  # the lock: held until this commit
                self._catch_up(conn)
                ids = _ids_by_url(conn, [a.canonical_url for a in articles])
                linked = 0
                if not self._backfilled:
                    linked += self._link_unsigned(conn, changes, exclude=set(ids.values()))
                    self._backfilled = True
                signed = self._signed(conn, list(ids.values()))
                for article in articles:
                    article_id = ids.get(article.canonical_url)
                    if article_id is not None and article_id not in signed:
                        signed.add(article_id)
                        linked += self._link_one(conn, changes, article_id, article.signature)
                changes.commit(conn)
                self._conn = None
                return linked
        except BaseException:
            self._reset()  # the index may hold rows that were rolled back: rebuild next time
            raise

    def _catch_up(self, conn: Connection) -> None:
        query = (
            select(_signatures.c.seq, _signatures.c.article_id, _signatures.c.signature)
            .where(_signatures.c.seq > self.loaded_seq)
            .order_by(_signatures.c.seq)
            .execution_options(yield_per=LOAD_BATCH)
        )
        chunk: list[tuple[str, Signature]] = []
        for seq, article_id, data in conn.execute(query):
            chunk.append((article_id, Signature.from_bytes(data)))
            self.loaded_seq = seq
            if len(chunk) >= LOAD_BATCH:
                self.index.add_many(chunk)
                chunk = []
        if chunk:
            self.index.add_many(chunk)

    def _link_unsigned(self, conn: Connection, changes: _Changes, exclude: set[str]) -> int:
        """Articles without a signature (stored before dedup existed): in id order."""
        query = (
            select(_articles.c.id)
            .outerjoin(_signatures, _signatures.c.article_id == _articles.c.id)
            .where(_signatures.c.seq.is_(None))
            .order_by(_articles.c.id)
        )
        unsigned = [i for i in conn.execute(query).scalars() if i not in exclude]
        if unsigned:
            logger.info("computing dedup signatures of %d stored articles", len(unsigned))
        return sum(self._link_one(conn, changes, article_id, None) for article_id in unsigned)

    def _signed(self, conn: Connection, ids: list[str]) -> set[str]:
        query = select(_signatures.c.article_id).where(_signatures.c.article_id.in_(ids))
        return set(conn.execute(query).scalars())

    def _link_one(
        self, conn: Connection, changes: _Changes, article_id: str, data: bytes | None
    ) -> int:
        if data:
            signature = Signature.from_bytes(data)
        else:
            signature = compute_signature(self._read_texts([article_id])[article_id][0])
        seq = conn.execute(
            _signatures.insert()
            .values(article_id=article_id, signature=signature.to_bytes())
            .returning(_signatures.c.seq)
        ).scalar_one()
        copies = find_copies(
            self.index,
            signature,
            lambda: self._read_texts([article_id])[article_id],
            self.texts,
            self._read_clusters,
        )
        self.index.add(article_id, signature)
        self.loaded_seq = seq
        if not copies:
            return 0
        _write_links(conn, article_id, copies, changes)
        return 1

    def _read_texts(self, ids: Iterable[str]) -> Mapping[str, tuple[str, str | None]]:
        conn = self._conn
        assert conn is not None, "texts are read inside link()"
        wanted = list(ids)
        query = select(_articles.c.id, _articles.c.text, _articles.c.site).where(
            _articles.c.id.in_(wanted)
        )
        return {row.id: (row.text, row.site) for row in conn.execute(query)}

    def _read_clusters(self, ids: list[str]) -> dict[str, str]:
        conn = self._conn
        assert conn is not None, "clusters are read inside link()"
        query = select(_articles.c.id, _articles.c.cluster_id).where(
            _articles.c.id.in_(ids), _articles.c.cluster_id.is_not(None)
        )
        return {row.id: row.cluster_id for row in conn.execute(query)}


def _ids_by_url(conn: Connection, urls: list[str]) -> dict[str, str]:
    query = select(_articles.c.canonical_url, _articles.c.id).where(
        _articles.c.canonical_url.in_(urls)
    )
    return {url: article_id for url, article_id in conn.execute(query)}


def _write_links(
    conn: Connection, article_id: str, copies: list[Copy[str]], changes: _Changes
) -> None:
    """``article_id`` copies ``copies`` (earliest-seen first): link it to the first, and
    gather every cluster involved into the one of its earliest-seen article."""
    linked = {c.key for c in copies}
    rows = conn.execute(
        select(_articles.c.id, _articles.c.cluster_id).where(_articles.c.id.in_(linked))
    )
    roots = {row.cluster_id or row.id for row in rows}
    root = _earliest(conn, roots)
    first = copies[0]
    conn.execute(
        update(_articles)
        .where(_articles.c.id == article_id)
        .values(
            duplicate_of=first.key,
            duplicate_relation=first.match.relation,
            similarity=first.match.similarity,
            cluster_id=root,
            change_seq=changes.next(),
        )
    )
    joining = select(_articles.c.id).where(
        or_(_articles.c.id.in_(roots | linked), _articles.c.cluster_id.in_(roots)),
        or_(_articles.c.cluster_id.is_(None), _articles.c.cluster_id != root),
    )
    for member in sorted(conn.execute(joining).scalars()):
        conn.execute(
            update(_articles)
            .where(_articles.c.id == member)
            .values(cluster_id=root, change_seq=changes.next())
        )


def _earliest(conn: Connection, ids: set[str]) -> str:
    """Of ``ids``, the article seen first (lowest signature ``seq``)."""
    query = (
        select(_signatures.c.article_id)
        .where(_signatures.c.article_id.in_(ids))
        .order_by(_signatures.c.seq)
        .limit(1)
    )
    return str(conn.execute(query).scalar_one())


@dataclass(frozen=True)
class Cluster:
    """One story: its id (its first article's) and its articles in the order seen."""

    cluster_id: str
    articles: list[dict[str, Any]]


def iter_clusters(engine: Engine) -> Iterator[Cluster]:
    """Every group of linked articles, by cluster id; members in the order seen."""
    query = (
        select(
            _articles.c.cluster_id,
            _articles.c.id,
            _articles.c.url,
            _articles.c.site,
            _articles.c.title,
            _articles.c.duplicate_of,
            _articles.c.duplicate_relation,
            _articles.c.similarity,
        )
        .join(_signatures, _signatures.c.article_id == _articles.c.id)
        .where(_articles.c.cluster_id.is_not(None))
        .order_by(_articles.c.cluster_id, _signatures.c.seq)
    )
    current: Cluster | None = None
    with storage_errors(engine, "list duplicates"), engine.connect() as conn:
        for row in conn.execute(query):
            member = dict(row._mapping)
            cluster_id = member.pop("cluster_id")
            if current is None or current.cluster_id != cluster_id:
                if current is not None:
                    yield current
                current = Cluster(cluster_id, [])
            current.articles.append(member)
    if current is not None:
        yield current


def count_linked(engine: Engine) -> int:
    """How many stored articles are linked to an earlier one."""
    query = select(func.count()).where(_articles.c.duplicate_of.is_not(None))
    with storage_errors(engine, "count duplicates"), engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
