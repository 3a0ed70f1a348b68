"""The change journal's tables, kept compact: facts of a transaction are stored once per
transaction, names of tables, fields, rows and devices once each, and a record is identified by its
hybrid-logical-clock stamp (the device that made it and its ``wall ms × 100000 + counter``).

``studio/store/migrations/versions/0010_compact_journal.py`` creates them; the ``change`` view over
them gives readers one flat record per changed field (see :class:`studio.domain.models.Change`).
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

#: Operations as stored in ``journal.op``.
OPS: tuple[str, ...] = ("create", "update", "delete", "restore")
OP_CODES: dict[str, int] = {name: code for code, name in enumerate(OPS)}


class JournalDevice(SQLModel, table=True):
    """A laptop that wrote journal records (its device id, stored once)."""

    __tablename__ = "journal_device"
    n: int | None = Field(default=None, primary_key=True)
    id: str = Field(unique=True)


class JournalTx(SQLModel, table=True):
    """One transaction's facts: who, on which laptop, at what wall time."""

    __tablename__ = "journal_tx"
    n: int | None = Field(default=None, primary_key=True)
    id: str = Field(index=True)  # the transaction id readers and undo use
    advisor_id: str | None = None
    device: int  # journal_device.n
    wall_time: str


class JournalField(SQLModel, table=True):
    __tablename__ = "journal_field"
    n: int | None = Field(default=None, primary_key=True)
    table_name: str
    field: str


class JournalRow(SQLModel, table=True):
    __tablename__ = "journal_row"
    n: int | None = Field(default=None, primary_key=True)
    row_id: str = Field(unique=True)


class JournalRecord(SQLModel, table=True):
    """One changed field. ``(device, stamp)`` is its identity across every laptop."""

    __tablename__ = "journal"
    seq: int | None = Field(default=None, primary_key=True)  # local arrival order
    device: int  # journal_device.n of the clock stamp
    stamp: int  # wall ms × 100000 + counter
    tx: int  # journal_tx.n
    op: int  # index into OPS
    field: int  # journal_field.n
    row: int  # journal_row.n
    old: str | None = None  # JSON
    new: str | None = None  # JSON
