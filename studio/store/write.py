"""The one write path: every create, update, delete and restore of a studio's data goes here.

A :class:`Transaction` applies changes inside one SQLite transaction and appends one journal
record per changed field (table, row, field, old and new value as JSON, advisor, device, HLC stamp,
wall time). Nothing else in the app writes data rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic_core import PydanticUndefined
from sqlalchemy import insert, select, update

from studio.domain.base import Row, new_id
from studio.domain.models import Change, Client
from studio.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from studio.store.database import Studio

R = TypeVar("R", bound=Row)

_BOOKKEEPING = ("id", "created_at", "updated_at", "deleted_at")


def _with_defaults(model: type[Row], values: dict[str, Any]) -> dict[str, Any]:
    """All columns of a new row: the given values, else each field's default."""
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in values:
            data[name] = values[name]
        elif info.default_factory is not None:
            data[name] = info.default_factory()
        elif info.default is not PydanticUndefined:
            data[name] = info.default
        else:
            raise ValueError(f"a new {model.__tablename__.replace('_', ' ')} needs a {name}")
    return data


def utc_now() -> str:
    """Wall time as stored: ISO 8601 in UTC with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def encode(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def decode(text: str | None) -> Any:
    return None if text is None else json.loads(text)


@dataclass(frozen=True)
class JournalEntry:
    table: str
    row_id: str
    field: str
    op: str
    old: Any
    new: Any


class Transaction:
    """Changes applied together: all of them are committed, or none."""

    def __init__(self, studio: Studio, conn: Connection, *, advisor_id: str | None):
        self.studio = studio
        self.conn = conn
        self.id = new_id()
        self.advisor_id = advisor_id
        self.now = utc_now()
        self._pending: dict[type[Row], list[dict]] = defaultdict(list)
        self._journal: list[dict] = []
        self.entries: list[JournalEntry] = []
        self.touched_clients: set[str] = set()
        self.touched: set[tuple[str, str]] = set()

    # -- writes --------------------------------------------------------------------------------
    def create(self, model: type[R], **values: Any) -> R:
        """Insert a new row (validated by the caller) and journal each field it sets."""
        unknown = set(values) - set(model.model_fields)
        if unknown:
            raise ValueError(f"{model.__tablename__} has no field {sorted(unknown)[0]}")
        data = _with_defaults(model, values)
        data["id"] = data.get("id") or new_id()
        data["created_at"] = data["updated_at"] = self.now
        data["deleted_at"] = None
        self._pending[model].append(data)
        for field, value in data.items():
            if field in _BOOKKEEPING or value is None or value == "" or value == "[]":
                continue
            self._record(model, data["id"], field, "create", None, value)
        self._touch(model, data["id"], data)
        return model(**data)

    def update(self, model: type[R], row_id: str, **changes: Any) -> dict[str, tuple[Any, Any]]:
        """Change fields of a row; returns ``{field: (old, new)}`` for the fields that changed."""
        current = self._current(model, row_id)
        diff = {
            f: (current[f], v)
            for f, v in changes.items()
            if f not in _BOOKKEEPING and current[f] != v
        }
        if not diff:
            return {}
        unknown = set(diff) - set(model.model_fields)
        if unknown:
            raise ValueError(f"{model.__tablename__} has no field {sorted(unknown)[0]}")
        self.conn.execute(
            update(model.__table__)
            .where(model.__table__.c.id == row_id)
            .values({**{f: new for f, (_old, new) in diff.items()}, "updated_at": self.now})
        )
        for f, (old, new) in diff.items():
            self._record(model, row_id, f, "update", old, new)
        self._touch(model, row_id, current)
        return diff

    def delete(self, model: type[Row], row_id: str) -> bool:
        """Soft-delete a row (it can be restored). Returns False if it was already deleted."""
        return self._set_deleted(model, row_id, self.now, "delete")

    def restore(self, model: type[Row], row_id: str) -> bool:
        """Bring back a soft-deleted row. Returns False if it was not deleted."""
        return self._set_deleted(model, row_id, None, "restore")

    def insert_verbatim(self, model: type[Row], data: dict) -> None:
        """Insert a row exactly as given (ids and timestamps kept): for import of a studio file.

        Its history arrives with it through :meth:`append_journal`, so nothing is recorded here.
        """
        self._pending[model].append(dict(data))
        self._touch(model, data["id"], data)

    def append_journal(self, records: list[dict]) -> None:
        """Append journal records that were written elsewhere (an imported studio's history)."""
        for rec in records:
            self.studio.clock.receive(rec["hlc"])
        self._journal.extend(records)

    # -- reads inside the transaction -----------------------------------------------------------
    def get(self, model: type[R], row_id: str, *, include_deleted: bool = False) -> R | None:
        self.flush()
        row = (
            self.conn.execute(select(model.__table__).where(model.__table__.c.id == row_id))
            .mappings()
            .first()
        )
        if row is None or (row["deleted_at"] and not include_deleted):
            return None
        return model(**row)

    # -- internals ------------------------------------------------------------------------------
    def flush(self) -> None:
        """Send pending inserts and journal records to the database (still uncommitted)."""
        for model, rows in self._pending.items():
            if rows:
                self.conn.execute(insert(model.__table__), rows)
        self._pending.clear()
        if self._journal:
            self.conn.execute(insert(Change.__table__), self._journal)
            self._journal = []

    def _current(self, model: type[Row], row_id: str) -> dict:
        self.flush()
        row = (
            self.conn.execute(select(model.__table__).where(model.__table__.c.id == row_id))
            .mappings()
            .first()
        )
        if row is None:
            raise NotFoundError(f"No {model.__tablename__.replace('_', ' ')} with id {row_id}.")
        return dict(row)

    def _set_deleted(self, model: type[Row], row_id: str, value: str | None, op: str) -> bool:
        current = self._current(model, row_id)
        if (current["deleted_at"] is None) == (value is None):
            return False
        self.conn.execute(
            update(model.__table__)
            .where(model.__table__.c.id == row_id)
            .values(deleted_at=value, updated_at=self.now)
        )
        self._record(model, row_id, "deleted_at", op, current["deleted_at"], value)
        self._touch(model, row_id, current)
        return True

    def _record(
        self, model: type[Row], row_id: str, field: str, op: str, old: Any, new: Any
    ) -> None:
        table = model.__tablename__
        self._journal.append(
            {
                "id": new_id(),
                "tx": self.id,
                "op": op,
                "table_name": table,
                "row_id": row_id,
                "field": field,
                "old": encode(old),
                "new": encode(new),
                "advisor_id": self.advisor_id,
                "device_id": self.studio.device_id,
                "hlc": self.studio.clock.now(),
                "wall_time": self.now,
            }
        )
        self.entries.append(JournalEntry(table, row_id, field, op, old, new))

    def _touch(self, model: type[Row], row_id: str, data: dict) -> None:
        self.touched.add((model.__tablename__, row_id))
        if model is Client:
            self.touched_clients.add(row_id)
        elif data.get("client_id"):
            self.touched_clients.add(data["client_id"])
