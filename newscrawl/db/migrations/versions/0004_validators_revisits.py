"""url checks: validators for conditional GET and article revisit schedules

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 22:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "url_checks",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("site", sa.String(length=255), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.String(length=64), nullable=True),
        sa.Column("links", JSON_DOCUMENT, nullable=True),
        sa.Column("first_seen_at", TS, nullable=False),
        sa.Column("checked_at", TS, nullable=False),
        sa.Column("revisit_until", TS, nullable=True),
        sa.Column("revisit_interval", sa.Float(), nullable=True),
        sa.Column("next_revisit_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_url_checks")),
    )
    with op.batch_alter_table("url_checks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_url_checks_site"), ["site"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("url_checks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_url_checks_site"))
    op.drop_table("url_checks")
