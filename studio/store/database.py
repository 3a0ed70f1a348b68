"""A studio opened from its data directory: the SQLite engine, the lock, the clock, the listeners."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, col
from sqlmodel import select as sm_select

from studio import paths
from studio.domain.base import Row
from studio.domain.models import Change
from studio.errors import NotADatabaseError, StoreError
from studio.store import crypto, fts, keystore, opening_checks, schema
from studio.store.hlc import HybridClock
from studio.store.lock import DirLock
from studio.store.write import JournalEntry, Transaction, decode, last_stamp

#: The revision that compacted the journal (a file upgraded across it is vacuumed once).
_COMPACT_JOURNAL = schema.REVISIONS.index("0010_compact_journal")


@dataclass(frozen=True)
class ChangeSet:
    """What one committed transaction changed; sent to every listener after commit."""

    tx: str
    entries: tuple[JournalEntry, ...]
    tables: frozenset[str]
    client_ids: frozenset[str]
    rows: frozenset[tuple[str, str]] = field(default_factory=frozenset)


#: The page cache of an encrypted studio's connections (KiB; SQLite's default is 2,000): decrypting
#: a page costs more than reading it from the OS's cache, so decrypted pages are kept longer.
ENCRYPTED_CACHE_KIB = 65536


def make_engine(db_path: Path, key: bytes | None = None) -> Engine:
    """An engine whose every connection uses WAL, full sync, foreign keys and a busy timeout.

    Transactions are real SQLite transactions (DDL included), begun by us rather than by the
    sqlite3 module, so a migration is all-or-nothing; write transactions take the lock up front.
    With ``key`` the file is encrypted (SQLCipher, keyed raw on every connection: the WAL and the
    search index are pages of the same encrypted file).
    """
    connect_args = {"check_same_thread": False, "timeout": 10}
    if key is None:
        engine = create_engine(f"sqlite:///{db_path}", connect_args=connect_args)
    else:
        url = URL.create(
            "sqlite+pysqlcipher", password=crypto.key_literal(key)[1:-1], database=str(db_path)
        )
        engine = create_engine(url, connect_args=connect_args, poolclass=QueuePool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        if key is not None:  # a page read again from the cache is not decrypted again
            cur.execute(f"PRAGMA cache_size=-{ENCRYPTED_CACHE_KIB}")
        cur.close()
        fts.register_functions(dbapi_connection)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def _studio_key(
    data_dir: Path, db_path: Path, passphrase: str | None, encrypt: bool | Literal["auto"]
) -> bytes | None:
    """The key the studio file is encrypted with; None for a plain file (or a new plain one)."""
    from studio.store import encryption

    encryption.finish_interrupted(data_dir)  # a crash mid-``encrypt``: finish it or undo it
    if crypto.is_plain_sqlite(db_path):
        return None
    if keystore.has_key_file(data_dir):
        return keystore.unlock(data_dir, passphrase)
    if crypto.has_content(db_path) or encrypt is False:
        return None  # an existing file without a key file: the header check judges it
    passphrase = passphrase if passphrase is not None else keystore.scripted_passphrase()
    if encrypt == "auto" and passphrase is None and keystore.keychain_problem():
        return None
    return keystore.create(data_dir, passphrase)


class Studio:
    """An open studio. Use :meth:`open`; close it (or use it as a context manager) when done."""

    def __init__(
        self, data_dir: Path, engine: Engine, lock: DirLock | None, key: bytes | None = None
    ):
        self.data_dir = data_dir
        self.db_path = data_dir / paths.DB_NAME
        self.media_dir = data_dir / paths.MEDIA_DIR
        self.engine = engine
        self._lock = lock
        self._key = key
        self._media_key: bytes | None = None
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._listeners: list[Callable[[ChangeSet], None]] = []
        self.migration: str | None = None  # "from → to" when this open upgraded the schema
        self.backup_path: Path | None = None
        self.device_id = self.setting("device_id") or self._init_device()
        with self.engine.connect() as conn:
            last = last_stamp(conn, self.device_id)
        self.clock = HybridClock(self.device_id, last)

    # -- opening and closing --------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: str | Path | None = None,
        *,
        lock: bool = True,
        passphrase: str | None = None,
        encrypt: bool | Literal["auto"] = False,
    ) -> Studio:
        """Open (creating or upgrading as needed) the studio in ``data_dir``.

        An encrypted studio is unlocked with the keychain's key, or with ``passphrase`` (else the
        scripted passphrase file). ``encrypt`` says whether a *new* studio is encrypted: True,
        False, or ``"auto"`` (when a keychain or a passphrase is at hand).

        Raises a :class:`~studio.errors.StoreError` with a clear sentence when the directory is
        in use, the file is not a studio database, the passphrase is wrong or missing, or it
        comes from a newer version.
        """
        data_dir = paths.resolve_data_dir(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the data directory {data_dir}: {exc.strerror}."
            ) from None
        dir_lock = DirLock(data_dir / paths.LOCK_NAME) if lock else None
        if dir_lock:
            dir_lock.acquire()
        try:
            db_path = data_dir / paths.DB_NAME
            key = _studio_key(data_dir, db_path, passphrase, encrypt)
            if key is None:
                schema.check_header(db_path)
            revision = schema.read_revision(db_path, key)
            if revision is not None and revision not in schema.REVISIONS:
                from studio.errors import NewerDatabaseError

                raise NewerDatabaseError(
                    f"{db_path} was written by a newer version of Travel Studio (schema "
                    f"{revision}); this version knows schemas up to {schema.HEAD}. Update the app "
                    "to open it — the file was left untouched."
                )
            engine = opening_checks.checked_engine(
                data_dir, db_path, lambda path: make_engine(path, key)
            )
            migration = backup = None
            if revision != schema.HEAD:
                from studio.store import migrate  # imports Alembic, only when needed

                backup = migrate.upgrade(engine, db_path, revision, key=key)
                migration = f"{revision or 'empty'} → {schema.HEAD}"
                if revision is not None and schema.REVISIONS.index(revision) < _COMPACT_JOURNAL:
                    raw = engine.raw_connection()  # give back the old journal's space
                    try:
                        assert raw.driver_connection is not None  # None only once invalidated
                        raw.driver_connection.execute("VACUUM")
                    finally:
                        raw.close()
            studio = cls(data_dir, engine, dir_lock, key)
            studio.migration, studio.backup_path = migration, backup
            return studio
        except crypto.database_errors() as exc:
            opening_checks.remove_leftovers(data_dir / paths.DB_NAME)
            if dir_lock:
                dir_lock.release()
            raise NotADatabaseError(
                f"{data_dir / paths.DB_NAME} cannot be used ({exc}); it may be damaged. It was "
                "left untouched — restore it from a backup."
            ) from None
        except BaseException:
            opening_checks.remove_leftovers(data_dir / paths.DB_NAME)
            if dir_lock:
                dir_lock.release()
            raise

    def reopen(self, key: bytes | None) -> None:
        """A new engine on the studio's file, encrypted with ``key`` (after the file was replaced
        by an encrypted or restored one; every connection of the old engine was closed first)."""
        self.engine.dispose()
        self.engine = make_engine(self.db_path, key)
        self._key, self._media_key = key, None

    @property
    def encrypted(self) -> bool:
        """The studio file is encrypted (SQLCipher); its photos are then sealed too."""
        return self._key is not None

    @property
    def key(self) -> bytes | None:
        """The raw key of an encrypted studio (for its backups), None when plain."""
        return self._key

    @property
    def media_key(self) -> bytes | None:
        """The key photos, thumbnails and prepared photos are sealed with (None: plain files)."""
        if self._key is not None and self._media_key is None:
            self._media_key = crypto.media_key(self._key)
        return self._media_key

    def close(self) -> None:
        self.engine.dispose()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Studio:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading --------------------------------------------------------------------------------
    def session(self) -> Session:
        """A read session (sqlmodel). Writing through it is not allowed: use :meth:`transaction`."""
        return Session(self.engine)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for read queries, in one consistent snapshot."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    def _scalar(self, sql: str, *params: object) -> Any:
        with self.engine.connect() as conn:
            return conn.exec_driver_sql(sql, params).scalar()

    # -- writing --------------------------------------------------------------------------------
    @contextmanager
    def transaction(self, *, advisor_id: str | None = None) -> Iterator[Transaction]:
        """The write path. All changes made through the yielded transaction commit together.

        A transaction opened while another is open on the same thread joins it.
        """
        outer = getattr(self._local, "tx", None)
        if outer is not None:
            yield outer
            return
        with self._write_lock, self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            tx = Transaction(self, conn, advisor_id=advisor_id or self.advisor_id)
            self._local.tx = tx
            try:
                with conn.begin():
                    yield tx
                    tx.flush()
                    suppliers = [row for table, row in tx.touched if table == "supplier"]
                    if suppliers:  # a renamed supplier changes the text of every client using it
                        tx.touched_clients |= fts.clients_using_suppliers(conn, suppliers)
                    fts.reindex(conn, tx.search_clients())
            finally:
                self._local.tx = None
        if tx.entries:
            self._notify(tx)

    def subscribe(self, listener: Callable[[ChangeSet], None]) -> Callable[[], None]:
        """Call ``listener`` after every committed transaction; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def _notify(self, tx: Transaction) -> None:
        cs = ChangeSet(
            tx=tx.id,
            entries=tuple(tx.entries),
            tables=frozenset(e.table for e in tx.entries),
            client_ids=frozenset(tx.touched_clients),
            rows=frozenset(tx.touched),
        )
        for listener in list(self._listeners):
            listener(cs)

    def revert(self, tx_id: str) -> str | None:
        """Apply the inverse of a committed transaction (undo) as a new transaction.

        Returns the new transaction's id; reverting that one again is redo.
        """
        from studio.domain.models import model_for_table

        with self.session() as s:
            changes = s.exec(
                sm_select(Change).where(Change.tx == tx_id).order_by(col(Change.seq).desc())
            ).all()
        if not changes:
            return None
        with self.transaction() as tx:
            updates: dict[tuple[str, str], dict] = {}
            order: list[tuple[str, str, str]] = []
            for ch in changes:
                key = (ch.table_name, ch.row_id)
                if ch.op == "update":
                    updates.setdefault(key, {})[ch.field] = decode(ch.old)
                    if ("update", *key) not in order:
                        order.append(("update", *key))
                elif ch.op in ("create", "restore"):
                    if ("delete", *key) not in order:
                        order.append(("delete", *key))
                elif ch.op == "delete":
                    order.append(("restore", *key))
            for op, table, row_id in order:
                model = model_for_table(table)
                if op == "update":
                    tx.update(model, row_id, **updates[(table, row_id)])
                elif op == "delete":
                    tx.delete(model, row_id)
                else:
                    tx.restore(model, row_id)
            return tx.id if tx.entries else None

    # -- local settings (this laptop only; not synced, not journaled) ---------------------------
    def setting(self, key: str) -> str | None:
        return self._scalar("SELECT value FROM local_setting WHERE key = ?", key)

    def set_setting(self, key: str, value: str | None) -> None:
        with self.engine.connect() as conn, conn.begin():
            if value is None:
                conn.exec_driver_sql("DELETE FROM local_setting WHERE key = ?", (key,))
            else:
                conn.exec_driver_sql(
                    "INSERT INTO local_setting(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def _init_device(self) -> str:
        from studio.domain.base import new_id

        device = new_id()
        self.set_setting("device_id", device)
        return device

    @property
    def advisor_id(self) -> str | None:
        """The advisor who uses this laptop (set on first run)."""
        return self.setting("advisor_id")

    def set_local_advisor(self, advisor_id: str) -> None:
        self.set_setting("advisor_id", advisor_id)

    def is_empty(self) -> bool:
        return not self._scalar("SELECT count(*) FROM client") and not self._scalar(
            "SELECT count(*) FROM advisor"
        )

    def count(self, model: type[Row], *, include_deleted: bool = False) -> int:
        sql = f"SELECT count(*) FROM {model.__tablename__}"
        if not include_deleted:
            sql += " WHERE deleted_at IS NULL"
        return int(self._scalar(sql))

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
