"""What every syncable table shares: a text UUID key and created/updated/deleted timestamps.

The table modules (``models``, ``agenda_models``, ``trip_models``…) build on :class:`Row`; the one
list of all tables is :data:`studio.domain.models.MODELS`.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Table
from sqlmodel import Field, SQLModel


def new_id() -> str:
    """A fresh row id: a random UUID as text."""
    return str(uuid.uuid4())


class Row(SQLModel):
    """Columns of every syncable row; timestamps are ISO 8601 (UTC), deleting sets ``deleted_at``."""

    id: str = Field(default_factory=new_id, primary_key=True)
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None


def table_of(model: type[SQLModel]) -> Table:
    """The SQLAlchemy table behind a table model, typed (for ``select``, ``insert``, ``.c``)."""
    return model.__table__  # type: ignore[attr-defined]  # sqlmodel sets it but doesn't declare it


def table_name(model: type[SQLModel]) -> str:
    """A table model's table name (``__tablename__`` is typed as maybe a callable)."""
    return table_of(model).name
