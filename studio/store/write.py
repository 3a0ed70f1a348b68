"""The one write path: every create, update, delete and restore of a studio's data goes here.

A :class:`Transaction` applies changes inside one SQLite transaction and appends one journal
record per changed field (table, row, field, old and new value as JSON, advisor, device, HLC stamp,
wall time). Nothing else in the app writes data rows: changes from other laptops come in through
:meth:`Transaction.apply_remote`, in the same kind of transaction.

The journal is stored compactly (``studio/domain/journal_models.py``): transaction facts once per
transaction, names once, the clock stamp as a record's identity; the ``change`` view reads it back
as flat records, the shape :meth:`Transaction.append_journal` and ``apply_remote`` take.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic_core import PydanticUndefined
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from studio.domain.base import Row, new_id, table_name, table_of
from studio.domain.journal_models import OP_CODES, OPS
from studio.domain.models import Client
from studio.errors import NotFoundError
from studio.store.hlc import join_stamp, split_stamp

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sqlalchemy.engine import Connection

    from studio.store.database import Studio

R = TypeVar("R", bound=Row)

_BOOKKEEPING = ("id", "created_at", "updated_at", "deleted_at")
#: The last counter used per (device, ms) by backdated writes (see Transaction.backdate).
_BACKDATED: dict[tuple[str, int], int] = {}


def _with_defaults(model: type[Row], values: dict[str, Any]) -> dict[str, Any]:
    """All columns of a new row: the given values, else each field's default."""
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name in values:
            data[name] = values[name]
        elif info.default_factory is not None:
            data[name] = info.get_default(call_default_factory=True)
        elif info.default is not PydanticUndefined:
            data[name] = info.default
        else:
            raise ValueError(f"a new {table_name(model).replace('_', ' ')} needs a {name}")
    return data


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == "[]"


def _default(model: type[Row], name: str) -> Any:
    """A field's default as a new row gets it (``None`` for a required field)."""
    info = model.model_fields[name]
    if info.default is PydanticUndefined:
        return None
    return info.default


@functools.cache
def _required(model: type[Row]) -> tuple[str, ...]:
    """Columns a new row cannot lack (NOT NULL without a default)."""
    return tuple(
        c.name
        for c in table_of(model).columns
        if not c.nullable and c.name not in _BOOKKEEPING and _default(model, c.name) is None
    )


@functools.cache
def _field_names(model: type[Row]) -> frozenset[str]:
    return frozenset(model.model_fields)


@functools.cache
def _defaults(model: type[Row]) -> dict[str, Any]:
    return {name: _default(model, name) for name in model.model_fields}


def utc_now() -> str:
    """Wall time as stored: ISO 8601 in UTC with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def encode(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def decode(text: str | None) -> Any:
    if text is None:
        return None
    if len(text) > 1 and text[0] == text[-1] == '"' and "\\" not in text:
        return text[1:-1]  # a JSON string without escapes is its own text (the common case)
    return json.loads(text)


@dataclass(frozen=True)
class JournalEntry:
    table: str
    row_id: str
    field: str
    op: str
    old: Any
    new: Any


class _RemoteEntry(JournalEntry):
    """A journal entry from another laptop, read from its record when asked (a joining laptop
    applies millions; listeners mostly look at table, row, field and op); values are decoded
    when first read."""

    def __init__(self, rec: dict):
        self.__dict__["_rec"] = rec

    @classmethod
    def many(cls, records: list[dict]) -> list[JournalEntry]:
        new = object.__new__
        out: list[JournalEntry] = []
        for rec in records:
            entry = new(cls)
            entry.__dict__["_rec"] = rec
            out.append(entry)
        return out

    @property
    def table(self) -> str:
        return self._rec["table_name"]

    @property
    def row_id(self) -> str:
        return self._rec["row_id"]

    @property
    def field(self) -> str:
        return self._rec["field"]

    @property
    def op(self) -> str:
        return self._rec["op"]

    _rec: dict[str, Any]  # set in __init__ and many() (the dataclass is frozen)

    @property
    def old(self) -> Any:
        return decode(self._rec["old"])

    @property
    def new(self) -> Any:
        return decode(self._rec["new"])


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
        self._search_needed: set[str] = set()
        self._search_skipped: set[str] = set()
        self._tx_rows: dict[tuple, int] = {}
        self._names_cache: _Names | None = None
        self._backdated_ms: int | None = None

    def backdate(self, when: str | None) -> None:
        """For the demo builder (and tests of dated figures) only: what this transaction writes
        from here on is dated ``when`` (ISO 8601 UTC, as :func:`utc_now` writes it): the rows'
        ``created_at``/``updated_at`` and the journal's wall time and clock stamps. ``None``
        returns to the present. A row's backdated records must come in the order they happened,
        and before any present-day change of it, so every laptop merges them alike.
        """
        if when is None:
            self.now, self._backdated_ms = utc_now(), None
            return
        moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        self.now = moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        self._backdated_ms = int(moment.timestamp() * 1000)

    def _stamp(self) -> str:
        if self._backdated_ms is None:
            return self.studio.clock.now()
        # Unique per (device, ms): a counter per backdated millisecond, kept for the process.
        key = (self.studio.device_id, self._backdated_ms)
        counter = _BACKDATED.get(key, -1) + 1
        _BACKDATED[key] = counter
        stamp = f"{self._backdated_ms:013d}.{counter:05d}.{self.studio.device_id}"
        self.studio.clock.receive(stamp)  # a date after this laptop's clock still sorts right
        return stamp

    # -- writes --------------------------------------------------------------------------------
    def create(self, model: type[R], **values: Any) -> R:
        """Insert a new row (validated by the caller) and journal each field it sets."""
        unknown = set(values) - set(model.model_fields)
        if unknown:
            raise ValueError(f"{table_name(model)} has no field {sorted(unknown)[0]}")
        data = _with_defaults(model, values)
        data["id"] = data.get("id") or new_id()
        data["created_at"] = data["updated_at"] = self.now
        data["deleted_at"] = None
        self._pending[model].append(data)
        for field, value in data.items():
            if field in _BOOKKEEPING or (_is_empty(value) and value == _default(model, field)):
                continue  # another laptop makes the row with the same default
            self._record(model, data["id"], field, "create", None, value)
        self._touch(model, data["id"], data)
        return model(**data)

    def update(self, model: type[R], row_id: str, **changes: Any) -> dict[str, tuple[Any, Any]]:
        """Change fields of a row; returns ``{field: (old, new)}`` for the fields that changed."""
        unknown = set(changes) - set(model.model_fields)
        if unknown:
            raise ValueError(f"{table_name(model)} has no field {sorted(unknown)[0]}")
        current = self._current(model, row_id)
        diff = {
            f: (current[f], v)
            for f, v in changes.items()
            if f not in _BOOKKEEPING and current[f] != v
        }
        if not diff:
            return {}
        self.conn.execute(
            update(table_of(model))
            .where(table_of(model).c.id == row_id)
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
        """Append journal records that were written elsewhere (an imported studio's history).

        Each record is flat: ``tx, op, table_name, row_id, field, old, new, advisor_id,
        device_id, hlc, wall_time`` (old and new as JSON text).
        """
        for rec in records:
            self.studio.clock.receive(rec["hlc"])
        self._journal.extend(records)

    def apply_remote(self, records: list[dict]) -> RemoteResult:
        """Apply journal records from another laptop: the sync's one way into the studio.

        Records already in the journal (same clock stamp) are skipped, so applying is idempotent.
        The others land in the journal as they are (history shows who changed what where) and
        every row they touch is set to what the journal says: per field the value of the record
        with the highest stamp; deleted while the latest ``deleted_at`` record is a delete. A
        row whose create has not arrived, or whose parent row is missing, waits (journaled, not
        shown) until it can be made. The result is the same whatever order records arrive in.
        """
        with _gc_paused():
            return self._apply_remote(records)

    def _apply_remote(self, records: list[dict]) -> RemoteResult:
        self.flush()
        _roomy_cache(self.conn)
        known = known_stamps(self.conn, [r["hlc"] for r in records])
        fresh: list[dict] = []
        for rec in records:
            if rec["hlc"] in known:
                continue
            known.add(rec["hlc"])
            fresh.append(rec)
        result = RemoteResult(applied=len(fresh), duplicates=len(records) - len(fresh))
        if not fresh:
            return result
        # stamps sort as text in clock order: moving past the latest moves past them all
        self.studio.clock.receive(max(rec["hlc"] for rec in fresh))
        named_before = set(self._names().new_rows)
        before = self.conn.exec_driver_sql("SELECT max(seq) FROM journal").scalar() or 0
        self._write_journal(fresh, inbound=True)
        first_named = self._names().new_rows - named_before  # rows with no older records
        self.entries.extend(_RemoteEntry.many(fresh))
        waiting = {
            (t, r)
            for t, r in self.conn.exec_driver_sql("SELECT table_name, row_id FROM sync_waiting")
        }
        rows = {(r["table_name"], r["row_id"]) for r in fresh} | waiting
        merge = _Materializer(self, fresh, first_named, journal_before=before, waiting=waiting)
        result.parked = merge.run(rows)
        result.collisions = merge.collisions({r["hlc"] for r in fresh})
        return result

    # -- reads inside the transaction -----------------------------------------------------------
    def get(self, model: type[R], row_id: str, *, include_deleted: bool = False) -> R | None:
        self.flush()
        row = (
            self.conn.execute(select(table_of(model)).where(table_of(model).c.id == row_id))
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
                self.conn.execute(insert(table_of(model)), rows)
        self._pending.clear()
        if self._journal:
            self._write_journal(self._journal)
            self._journal = []

    def _write_journal(self, records: list[dict], *, inbound: bool = False) -> None:
        """Store flat journal records in the compact journal tables (one ``executemany``; names
        and transactions looked up in batches first)."""
        names = self._names()
        names.prefetch_rows({r["row_id"] for r in records})
        tx_rows = self._tx_rows
        new_tx = [
            key
            for key in dict.fromkeys(
                (r["tx"], r["advisor_id"], r["device_id"], r["wall_time"]) for r in records
            )
            if key not in tx_rows
        ]
        tx_rows.update(names.txs(new_tx))
        device_n, field_n, row_n = names.device, names.field, names.row
        devices: dict[str, int] = {}
        fields: dict[tuple[str, str], int] = {}
        op_codes = OP_CODES
        rows = []
        for rec in records:
            hlc = rec["hlc"]  # "<13-digit wall ms>.<5-digit counter>.<device>" (split_stamp)
            device = hlc[20:]
            dev = devices.get(device)
            if dev is None:
                dev = devices[device] = device_n(device)
            key = (rec["table_name"], rec["field"])
            fld = fields.get(key)
            if fld is None:
                fld = fields[key] = field_n(*key)
            rows.append(
                (
                    dev,
                    int(hlc[:13]) * 100000 + int(hlc[14:19]),
                    tx_rows[(rec["tx"], rec["advisor_id"], rec["device_id"], rec["wall_time"])],
                    op_codes[rec["op"]],
                    fld,
                    row_n(rec["row_id"]),
                    rec["old"],
                    rec["new"],
                )
            )
        self.conn.exec_driver_sql(
            "INSERT INTO journal (device, stamp, tx, op, field, row, old, new) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        if inbound and new_tx:
            self.conn.exec_driver_sql(
                "INSERT OR IGNORE INTO sync_inbound (tx) VALUES (?)",
                [(tx_rows[key],) for key in new_tx],
            )

    def _names(self) -> _Names:
        if self._names_cache is None:
            self._names_cache = _Names(self.conn)
        return self._names_cache

    def _current(self, model: type[Row], row_id: str) -> dict:
        self.flush()
        row = (
            self.conn.execute(select(table_of(model)).where(table_of(model).c.id == row_id))
            .mappings()
            .first()
        )
        if row is None:
            raise NotFoundError(f"No {table_name(model).replace('_', ' ')} with id {row_id}.")
        return dict(row)

    def _set_deleted(self, model: type[Row], row_id: str, value: str | None, op: str) -> bool:
        current = self._current(model, row_id)
        if (current["deleted_at"] is None) == (value is None):
            return False
        self.conn.execute(
            update(table_of(model))
            .where(table_of(model).c.id == row_id)
            .values(deleted_at=value, updated_at=self.now)
        )
        self._record(model, row_id, "deleted_at", op, current["deleted_at"], value)
        self._touch(model, row_id, current)
        return True

    def _record(
        self, model: type[Row], row_id: str, field: str, op: str, old: Any, new: Any
    ) -> None:
        table = table_name(model)
        self._journal.append(
            {
                "tx": self.id,
                "op": op,
                "table_name": table,
                "row_id": row_id,
                "field": field,
                "old": encode(old),
                "new": encode(new),
                "advisor_id": self.advisor_id,
                "device_id": self.studio.device_id,
                "hlc": self._stamp(),
                "wall_time": self.now,
            }
        )
        self.entries.append(JournalEntry(table, row_id, field, op, old, new))

    def _touch(self, model: type[Row], row_id: str, data: dict, *, indexed: bool = True) -> None:
        self.touched.add((table_name(model), row_id))
        client = row_id if model is Client else data.get("client_id")
        if client:
            self.touched_clients.add(client)
            (self._search_needed if indexed else self._search_skipped).add(client)

    def search_clients(self) -> set[str]:
        """The touched clients whose search index rows must be rebuilt: all of them, except
        clients only changed (by other laptops) in columns the index does not hold."""
        return self.touched_clients - (self._search_skipped - self._search_needed)


@dataclass
class RemoteResult:
    """What :meth:`Transaction.apply_remote` did."""

    applied: int = 0  # records new to this studio, now in its journal
    duplicates: int = 0  # records it already had
    parked: int = 0  # records kept in the journal but not shown (unknown table/field, waiting row)
    collisions: list[dict] = dataclass_field(default_factory=list)


class _Names:
    """The journal's interned names (devices, tables and fields, rows) and transactions."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self._devices: dict[str, int] = dict(
            conn.exec_driver_sql("SELECT id, n FROM journal_device").fetchall()
        )
        self._fields = {
            (t, f): n
            for t, f, n in conn.exec_driver_sql("SELECT table_name, field, n FROM journal_field")
        }
        self._rows: dict[str, int] = {}
        self.new_rows: set[str] = set()  # rows first named in this transaction: no older records

    def device(self, device_id: str) -> int:
        n = self._devices.get(device_id)
        if n is None:
            n = self._devices[device_id] = self.conn.exec_driver_sql(
                "INSERT INTO journal_device (id) VALUES (?)", (device_id,)
            ).lastrowid
        return n

    def field(self, table: str, name: str) -> int:
        n = self._fields.get((table, name))
        if n is None:
            n = self._fields[(table, name)] = self.conn.exec_driver_sql(
                "INSERT INTO journal_field (table_name, field) VALUES (?, ?)", (table, name)
            ).lastrowid
        return n

    def prefetch_rows(self, row_ids: set[str]) -> None:
        wanted = sorted(row_ids - self._rows.keys())
        if not wanted:
            return
        found: dict[str, int] = dict(
            self.conn.exec_driver_sql(
                "SELECT row_id, n FROM journal_row WHERE row_id IN (SELECT value FROM json_each(?))",
                (json.dumps(wanted),),
            ).fetchall()
        )
        missing = [r for r in wanted if r not in found]
        self.new_rows.update(missing)
        if missing:
            self.conn.exec_driver_sql(
                "INSERT INTO journal_row (row_id) VALUES (?)", [(r,) for r in missing]
            )
            found.update(
                self.conn.exec_driver_sql(
                    "SELECT row_id, n FROM journal_row "
                    "WHERE row_id IN (SELECT value FROM json_each(?))",
                    (json.dumps(missing),),
                ).fetchall()
            )
        self._rows.update(found)

    def row(self, row_id: str) -> int:
        n = self._rows.get(row_id)
        if n is None:
            self.prefetch_rows({row_id})
            n = self._rows[row_id]
        return n

    def txs(self, keys: list[tuple[str, str | None, str, str]]) -> dict[tuple, int]:
        """New ``journal_tx`` rows for ``(tx id, advisor, device, wall time)`` keys, numbered
        after the last one (one ``executemany``); returns key → number."""
        if not keys:
            return {}
        last = self.conn.exec_driver_sql("SELECT max(n) FROM journal_tx").scalar() or 0
        numbered = {key: last + i for i, key in enumerate(keys, 1)}
        self.conn.exec_driver_sql(
            "INSERT INTO journal_tx (n, id, advisor_id, device, wall_time) VALUES (?, ?, ?, ?, ?)",
            [(n, t, adv, self.device(dev), wall) for (t, adv, dev, wall), n in numbered.items()],
        )
        return numbered


#: Page cache of a connection applying other laptops' changes (KiB): their rows and history
#: are scattered over the file, which SQLite's default 2 MB would read again and again.
APPLY_CACHE_KIB = 32 * 1024


def _roomy_cache(conn: Connection) -> None:
    size = conn.exec_driver_sql("PRAGMA cache_size").scalar() or 0
    kib = -size if size < 0 else size * 4  # negative: KiB; positive: pages (4 KiB here)
    if kib < APPLY_CACHE_KIB:
        conn.exec_driver_sql(f"PRAGMA cache_size = -{APPLY_CACHE_KIB}")


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a batch is worked out: it makes tens of thousands of
    short-lived tuples and no cycles, and each full collection walks the whole heap."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def known_stamps(conn: Connection, stamps: list[str]) -> set[str]:
    """Which of these clock stamps the journal already holds (a record's identity)."""
    if not stamps:
        return set()
    # Stamps above a device's latest in the journal are new (segments mostly come in order).
    latest: dict[str, str] = {}
    maybe = []
    for stamp in stamps:
        device = stamp[20:]
        if device not in latest:
            latest[device] = last_stamp(conn, device) or ""
        if stamp <= latest[device]:
            maybe.append(stamp)
    if not maybe:
        return set()
    pairs = json.dumps([list(split_stamp(s)) for s in maybe])
    found = conn.exec_driver_sql(
        "SELECT d.id, j.stamp FROM json_each(?) e "
        "JOIN journal_device d ON d.id = json_extract(e.value, '$[0]') "
        "JOIN journal j ON j.device = d.n AND j.stamp = json_extract(e.value, '$[1]')",
        (pairs,),
    ).fetchall()
    return {join_stamp(device, ticks) for device, ticks in found}


def last_stamp(conn: Connection, device_id: str) -> str | None:
    """This device's latest clock stamp in the journal."""
    ticks = conn.exec_driver_sql(
        "SELECT max(j.stamp) FROM journal j JOIN journal_device d ON d.n = j.device WHERE d.id = ?",
        (device_id,),
    ).scalar()
    return None if ticks is None else join_stamp(device_id, ticks)


#: The client columns its search index row is made of (see studio.store.fts).
_CLIENT_SEARCHED = frozenset({"name", "native_name", "tags", "notes", "deleted_at"})


class _Materializer:
    """Sets rows to what their journal records say (see :meth:`Transaction.apply_remote`).

    Works in batches: one read of the current rows per table, one of the rows' older records,
    one existence check per parent table, and grouped inserts and updates.

    Most incoming records are newer than everything the journal holds for their row (segments
    arrive in order, and laptops edit different clients). Such a row is *ahead*: it already is
    what its older records say, so its fresh records alone decide it, and only the latest
    older update of each field they touch is read (to tell a collision). Any other row (new
    here, waiting, or with a fresh record older than one already here) is worked out from its
    whole history.
    """

    def __init__(
        self,
        tx: Transaction,
        fresh: list[dict],
        new_rows: set[str],
        *,
        journal_before: int | None = None,
        waiting: set[tuple[str, str]] | None = None,
    ):
        self.tx = tx
        self.conn = tx.conn
        self._parents: dict[str, list[tuple[str, str]]] = {}
        self._fresh = fresh
        self._new_rows = new_rows
        #: the journal's last seq before ``fresh`` was written: older records are read from the
        #: journal (up to it, which its row index answers alone), ``fresh`` from memory
        self._before = journal_before
        #: rows that waited (for their create or a parent row) before this batch
        self._waiting_before = waiting or set()

    def run(self, rows: set[tuple[str, str]]) -> int:
        from studio.domain.models import model_for_table

        parked = 0
        models: dict[str, type[Row]] = {}
        by_table: dict[str, list[str]] = defaultdict(list)
        for table, row_id in sorted(rows):
            try:
                models[table] = model_for_table(table)
            except KeyError:
                parked += 1  # a table of a newer schema: kept in the journal for later
                continue
            by_table[table].append(row_id)
        current = {table: self._rows(table, ids) for table, ids in by_table.items()}
        history = self._history(
            {r for ids in by_table.values() for r in ids},
            {(t, r) for t, found in current.items() for r in found} - self._waiting_before,
        )
        plans: dict[tuple[str, str], tuple[str, dict]] = {}
        waiting: set[tuple[str, str]] = set()
        for table, ids in by_table.items():
            model = models[table]
            for row_id in ids:
                plan = self._plan(model, row_id, history.get((table, row_id), []), current[table])
                if plan == "wait":
                    waiting.add((table, row_id))
                elif plan is not None:
                    plans[(table, row_id)] = plan
        self._execute(models, plans, waiting)
        done = [
            list(k) for k in sorted(self._waiting_before) if k[0] in models and k not in waiting
        ]
        if done:
            self.conn.exec_driver_sql(
                "DELETE FROM sync_waiting WHERE (table_name, row_id) IN (SELECT "
                "json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))",
                (json.dumps(done),),
            )
        if waiting:
            self.conn.exec_driver_sql(
                "INSERT OR IGNORE INTO sync_waiting (table_name, row_id) VALUES (?, ?)",
                sorted(waiting),
            )
        return parked + len(waiting)

    def _history(
        self, row_ids: set[str], present: set[tuple[str, str]]
    ) -> dict[tuple[str, str], list[tuple]]:
        """The records each row is worked out from: ``(stamp, op, field, new, wall time, old,
        advisor)``; for a row that is ahead (see the class), its fresh records and the latest
        older update of each field they touch."""
        out: dict[tuple[str, str], list[tuple]] = defaultdict(list)
        older = row_ids - self._new_rows
        ahead: set[str] = set()
        if older:
            # the journal's own tables, names from the transaction's caches (not the change view)
            names = self.tx._names()
            names.prefetch_rows(older)
            by_n = {names.row(r): r for r in older}
            fields = {n: tf for tf, n in names._fields.items()}
            devices = {n: d for d, n in names._devices.items()}
            if self._before is not None:
                ahead = self._ahead({r for t, r in present if r in older}, by_n)
            upto = "" if self._before is None else f" AND j.seq <= {int(self._before)}"
            behind = sorted(n for n, r in by_n.items() if r not in ahead)
            rows = (
                self.conn.exec_driver_sql(
                    "SELECT j.row, printf('%013d.%05d.', j.stamp / 100000, j.stamp % 100000), "
                    "j.device, j.op, j.field, j.new, t.wall_time, j.old, t.advisor_id "
                    "FROM journal j JOIN journal_tx t ON t.n = j.tx "
                    f"WHERE j.row IN (SELECT value FROM json_each(?)){upto}",
                    (json.dumps(behind),),
                ).fetchall()
                if behind
                else []
            )
            for row_n, ticks, dev, op, fld, new, wall, old, adv in rows:
                table, name = fields[fld]
                out[(table, by_n[row_n])].append(
                    (ticks + devices[dev], OPS[op], name, new, wall, old, adv)
                )
            for row_id, table, rec in self._latest_updates(ahead, by_n, fields):
                out[(table, row_id)].append(rec)
        from_memory = row_ids if self._before is not None else self._new_rows & row_ids
        for r in self._fresh:  # rows named first now: their records are all in this batch
            if r["row_id"] in from_memory:
                out[(r["table_name"], r["row_id"])].append(
                    (
                        r["hlc"],
                        r["op"],
                        r["field"],
                        r["new"],
                        r["wall_time"],
                        r["old"],
                        r["advisor_id"],
                    )
                )
        self._loaded = out
        return out

    def _ahead(self, candidates: set[str], by_n: dict[int, str]) -> set[str]:
        """The rows (existing, not waiting) whose every fresh record is newer than every record
        the journal held for them before this batch."""
        if not candidates:
            return set()
        oldest: dict[str, str] = {}  # each row's oldest fresh stamp (stamps sort as text)
        for r in self._fresh:
            row_id = r["row_id"]
            if row_id in candidates and r["hlc"] < oldest.get(row_id, "~"):
                oldest[row_id] = r["hlc"]
        first = {r: int(h[:13]) * 100000 + int(h[14:19]) for r, h in oldest.items()}
        numbers = {r: n for n, r in by_n.items() if r in first}
        latest: dict[int, int] = dict(
            self.conn.exec_driver_sql(
                "SELECT row, max(stamp) FROM journal "
                "WHERE row IN (SELECT value FROM json_each(?)) AND seq <= ? GROUP BY row",
                (json.dumps(sorted(numbers.values())), int(self._before or 0)),
            ).fetchall()
        )
        # equal ticks (two laptops in the same millisecond and counter) take the whole history
        return {r for r, n in numbers.items() if latest.get(n, -1) < first[r]}

    def _latest_updates(
        self, ahead: set[str], by_n: dict[int, str], fields: dict[int, tuple[str, str]]
    ) -> list[tuple[str, str, tuple]]:
        """For the rows ahead: the latest older update of each field a fresh update touches,
        as ``(row id, table, record)``."""
        touched = {(r["row_id"], r["field"]) for r in self._fresh if r["op"] == "update"}
        touched = {(row, f) for row, f in touched if row in ahead}
        if not touched:
            return []
        numbers = {r: n for n, r in by_n.items() if r in ahead}
        tables = {r["table_name"] for r in self._fresh}
        names = {f for _r, f in touched}
        wanted_fields = sorted(n for n, (t, f) in fields.items() if f in names and t in tables)
        found = self.conn.exec_driver_sql(
            # the bare columns come from the record with the highest (ticks, device id)
            "SELECT j.row, j.field, max(printf('%020d', j.stamp) || d.id), j.new, t.wall_time, "
            "j.old, t.advisor_id FROM journal j JOIN journal_device d ON d.n = j.device "
            "JOIN journal_tx t ON t.n = j.tx "
            "WHERE j.row IN (SELECT value FROM json_each(?)) AND j.op = 1 AND j.seq <= ? "
            "AND j.field IN (SELECT value FROM json_each(?)) GROUP BY j.row, j.field",
            (
                json.dumps(sorted(numbers.values())),
                int(self._before or 0),
                json.dumps(wanted_fields),
            ),
        ).fetchall()
        out = []
        for row_n, fld, key, new, wall, old, adv in found:
            table, name = fields[fld]
            row_id = by_n[row_n]
            if (row_id, name) in touched:
                stamp = join_stamp(key[20:], int(key[:20]))
                out.append((row_id, table, (stamp, "update", name, new, wall, old, adv)))
        return out

    def collisions(self, fresh: set[str]) -> list[dict]:
        """Edits of one field on two laptops where the later one did not see the earlier one
        (its old value is not what the earlier wrote), at least one of them just arrived: the
        clock decided; both values stay in the field's history."""
        out = []
        for (table, row_id), records in getattr(self, "_loaded", {}).items():
            by_field: dict[str, list[tuple]] = defaultdict(list)
            for rec in sorted(records):
                if rec[1] == "update":
                    by_field[rec[2]].append(rec)
            for fld, recs in by_field.items():
                for before, after in zip(recs, recs[1:], strict=False):
                    if before[0] not in fresh and after[0] not in fresh:
                        continue
                    if before[0].split(".", 2)[2] == after[0].split(".", 2)[2]:
                        continue  # one laptop, in order
                    if after[5] != before[3]:
                        out.append(
                            {
                                "table": table,
                                "row_id": row_id,
                                "field": fld,
                                "kept": decode(after[3]),
                                "kept_stamp": after[0],
                                "kept_advisor": after[6],
                                "lost": decode(before[3]),
                                "lost_stamp": before[0],
                                "lost_advisor": before[6],
                            }
                        )
        return out

    def _rows(self, table: str, ids: list[str]) -> dict[str, dict]:
        result = self.conn.exec_driver_sql(
            f"SELECT * FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
        cols = tuple(result.keys())
        return {
            row["id"]: row for row in (dict(zip(cols, r, strict=True)) for r in result.fetchall())
        }

    def _plan(
        self, model: type[Row], row_id: str, records: list[tuple], current: dict
    ) -> tuple[str, dict] | Literal["wait"] | None:
        """("insert", row) or ("update", changes), None when nothing changes, "wait" without
        a create."""
        if not records:
            return None
        records.sort()
        latest: dict[str, str | None] = {}
        for rec in records:
            latest[rec[2]] = rec[3]
        fields = _field_names(model)
        winners = {}
        for f, v in latest.items():
            if f in fields and f != "id":
                try:
                    winners[f] = decode(v)
                except ValueError:  # not JSON (a damaged record): the field keeps its value
                    continue
        updated_at = records[-1][4]
        row = current.get(row_id)
        if row is None:
            creates = [r for r in records if r[1] == "create"]
            if not creates:
                return "wait"
            data = {name: d for name, d in _defaults(model).items() if name not in winners}
            data.update(winners)
            data.update(id=row_id, created_at=creates[0][4], updated_at=updated_at)
            data.setdefault("deleted_at", None)
            if any(data[f] is None for f in _required(model)):
                return "wait"  # the rest of its create has not arrived yet
            return ("insert", data)
        changes = {k: v for k, v in winners.items() if row[k] != v}
        if row["updated_at"] != updated_at:
            changes["updated_at"] = updated_at
        if not changes:
            return None
        return ("update", {**row, **changes, "_changed": tuple(sorted(changes))})

    def _refs(self, table: str, plan: tuple[str, dict]) -> list[tuple[str, str]]:
        """The parent rows (table, id) a planned insert or update needs."""
        if table not in self._parents:
            self._parents[table] = [
                (r[3], r[2])
                for r in self.conn.exec_driver_sql(f"PRAGMA foreign_key_list({table})").fetchall()
            ]
        kind, data = plan
        cols = self._parents[table]
        if kind == "update":
            cols = [c for c in cols if c[0] in data["_changed"]]
        return [(target, data[col]) for col, target in cols if data.get(col) is not None]

    def _execute(
        self,
        models: dict[str, type[Row]],
        plans: dict[tuple[str, str], tuple[str, dict]],
        waiting: set[tuple[str, str]],
    ) -> None:
        refs = {key: self._refs(key[0], plan) for key, plan in plans.items()}
        wanted: dict[str, set[str]] = defaultdict(set)
        for needs in refs.values():
            for target, ref in needs:
                wanted[target].add(ref)
        present = {
            (target, r[0])
            for target, ids in wanted.items()
            for r in self.conn.exec_driver_sql(
                f"SELECT id FROM {target} WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(ids)),),
            )
        }
        pending = dict(plans)
        while pending:
            ready = {k: p for k, p in pending.items() if all(r in present for r in refs[k])}
            if not ready:
                break
            inserts: dict[str, list[dict]] = defaultdict(list)
            updates: dict[tuple, list[tuple]] = defaultdict(list)
            for (table, row_id), (kind, data) in ready.items():
                del pending[(table, row_id)]
                present.add((table, row_id))
                if kind == "insert":
                    inserts[table].append(data)
                else:
                    cols = data["_changed"]
                    updates[(table, cols)].append((*(data[c] for c in cols), row_id))
                self.tx._touch(
                    models[table],
                    row_id,
                    data,
                    indexed=not (
                        table == "client"
                        and kind == "update"
                        and _CLIENT_SEARCHED.isdisjoint(data["_changed"])
                    ),
                )
            for table, rows in inserts.items():
                stmt = insert(table_of(models[table]))
                failed = self._guarded(lambda rows, stmt=stmt: self.conn.execute(stmt, rows), rows)
                waiting.update((table, r["id"]) for r in failed)
            for (table, cols), params in updates.items():
                sets = ", ".join(f"{c} = ?" for c in cols)
                sql = f"UPDATE {table} SET {sets} WHERE id = ?"
                failed = self._guarded(
                    lambda rows, sql=sql: self.conn.exec_driver_sql(sql, rows), params
                )
                waiting.update((table, r[-1]) for r in failed)
        waiting.update(pending)

    def _guarded(self, run: Callable[..., object], rows: list) -> list:
        """Run a batch; if the database refuses it, row by row, returning the refused rows (they
        wait, journaled): one bad record never fails the whole merge."""
        self.conn.exec_driver_sql("SAVEPOINT merge_batch")
        try:
            run(rows)
            self.conn.exec_driver_sql("RELEASE merge_batch")
            return []
        except IntegrityError:
            self.conn.exec_driver_sql("ROLLBACK TO merge_batch")
            self.conn.exec_driver_sql("RELEASE merge_batch")
        failed = []
        for row in rows:
            self.conn.exec_driver_sql("SAVEPOINT merge_row")
            try:
                run([row])
                self.conn.exec_driver_sql("RELEASE merge_row")
            except IntegrityError:
                self.conn.exec_driver_sql("ROLLBACK TO merge_row")
                self.conn.exec_driver_sql("RELEASE merge_row")
                failed.append(row)
        return failed
