"""articles.published_source: where the publication date came from

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08 02:00:00

page (declared on the page), feed, sitemap, url (the day in the URL) or guessed; NULL for
rows stored before this revision (their source is unknown) and for articles with no date.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("published_source", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("published_source")
