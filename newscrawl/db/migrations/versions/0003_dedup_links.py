"""dedup: signatures and links between copies of one story

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from newscrawl.db.ids import article_id

REVISIONS_FK = "fk_article_revisions_article_id_articles"

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _rekey_articles()
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("duplicate_of", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("duplicate_relation", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("similarity", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("cluster_id", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_articles_cluster_id"), ["cluster_id"], unique=False)
    op.create_table(
        "dedup_signatures",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_dedup_signatures_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_dedup_signatures")),
        sa.UniqueConstraint("article_id", name=op.f("uq_dedup_signatures_article_id")),
        sqlite_autoincrement=True,
    )


def _rekey_articles() -> None:
    """Ids now hash the URL's identity (``dedup.url_key``), not its spelling: give stored
    rows their new id. Where two stored rows are one page under two addresses, the second
    keeps its old id (nothing is merged or lost; dedup links them as exact copies)."""
    bind = op.get_bind()
    query = sa.text("SELECT id, canonical_url FROM articles ORDER BY change_seq")
    rows = bind.execute(query).all()
    taken = {row.id for row in rows}
    moves = []
    for old, url in rows:
        new = article_id(url)
        if new != old and new not in taken:
            moves.append({"old": old, "new": new})
            taken.add(new)
    if not moves:
        return
    postgres = bind.dialect.name == "postgresql"
    if postgres:
        op.drop_constraint(REVISIONS_FK, "article_revisions", type_="foreignkey")
    else:
        bind.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # checked at commit
    bind.execute(sa.text("UPDATE articles SET id = :new WHERE id = :old"), moves)
    bind.execute(
        sa.text("UPDATE article_revisions SET article_id = :new WHERE article_id = :old"), moves
    )
    if postgres:
        op.create_foreign_key(
            REVISIONS_FK,
            "article_revisions",
            "articles",
            ["article_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    op.drop_table("dedup_signatures")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_cluster_id"))
        batch_op.drop_column("cluster_id")
        batch_op.drop_column("similarity")
        batch_op.drop_column("duplicate_relation")
        batch_op.drop_column("duplicate_of")
