"""The database: engines, ORM models and the migrations that create them."""

from kiosk.db.engine import begin_write, create_engine_for, session_factory
from kiosk.db.migrate import current_revision, head_revision, upgrade

__all__ = [
    "begin_write",
    "create_engine_for",
    "current_revision",
    "head_revision",
    "session_factory",
    "upgrade",
]
