"""Storage: typed SQLAlchemy models, engine factory, Alembic migrations and every query.

The public surface is re-exported here; nothing in this package imports Scrapy.
"""

from newscrawl.db.errors import DatabaseMissing, StorageError
from newscrawl.db.ids import article_id, content_hash
from newscrawl.db.runs import RunInfo, RunStore
from newscrawl.db.schema import current_revision, ensure_schema, head_revision, upgrade
from newscrawl.db.session import make_engine, make_session_factory
from newscrawl.db.store import ArticleStore
from newscrawl.db.writes import SaveResult, WriteContext

__all__ = [
    "ArticleStore",
    "DatabaseMissing",
    "RunInfo",
    "RunStore",
    "SaveResult",
    "StorageError",
    "WriteContext",
    "article_id",
    "content_hash",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "make_engine",
    "make_session_factory",
    "upgrade",
]
