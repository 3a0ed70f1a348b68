"""Storage: the SQLite file, its schema migrations, the change journal and the write path."""

from studio.store.database import ChangeSet, Studio
from studio.store.write import Transaction

__all__ = ["ChangeSet", "Studio", "Transaction"]
