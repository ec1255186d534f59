"""Storage: typed SQLAlchemy models, engine factory, Alembic migrations and every query.

The public surface is re-exported here; nothing in this package imports Scrapy.
"""

from newscrawl.db.errors import StorageError
from newscrawl.db.schema import current_revision, ensure_schema, head_revision, upgrade
from newscrawl.db.session import make_engine, make_session_factory
from newscrawl.db.store import ArticleStore, SaveResult

__all__ = [
    "ArticleStore",
    "SaveResult",
    "StorageError",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "make_engine",
    "make_session_factory",
    "upgrade",
]
