"""Erasing a client for good: rows, journal values, search index, photos and caches.

A delete is soft (the row and its history stay, so it can be restored). An erase is not: every
row that belongs to the client (the dossier and everything carrying its ``client_id``) is removed,
every journal record about those rows is removed, and one record stays in their place: the
client's ``erased`` field, whose value says when and by whom (``{"on": D, "by": X}``). That record
travels to the other laptops of a shared studio like any other change; applying it there runs the
same scrub (:func:`apply_remote`). The ids of erased rows are kept in ``erased_row`` (ids only), so
a change written elsewhere before the erase arrived never brings a row back.

Freed database pages are overwritten (``secure_delete``), the search index is merged so no old
token survives, and the write-ahead log is checkpointed and truncated, so no file of the data
directory keeps the client's name, email, phone or passport number. Backups made earlier still
hold them until they age out (:func:`last_backup_expiry`).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.domain.models import MODELS, Client
from studio.domain.values import AdvisorRole
from studio.errors import NotFoundError, StudioError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from studio.store.database import Studio
    from studio.store.write import RemoteResult, Transaction

#: The journal field that records an erase (not a column: older versions read past it).
ERASED_FIELD = "erased"

#: The rotation of the automatic backups (days kept daily, weeks kept weekly, months monthly).
BACKUP_DAILY, BACKUP_WEEKLY, BACKUP_MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class ErasePlan:
    """What erasing a client will remove, for the confirmation."""

    client_id: str
    name: str
    rows: int
    photos: int
    backups_until: date | None  # the day the last backup holding the client ages out


@dataclass(frozen=True)
class EraseResult:
    client_id: str
    rows: int
    journal_records: int
    files: int


class PermissionRefused(StudioError):
    """Only the studio's owner may erase a client."""


def _client_tables() -> list[str]:
    """Tables whose rows belong to one client, children before parents (the delete order)."""
    tables = [m.__tablename__ for m in MODELS if "client_id" in m.model_fields]
    return [str(t) for t in reversed(tables)]


def _json_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def owned_rows(conn: Connection, client_id: str) -> dict[str, list[str]]:
    """Every row id of the client, by table (the client's own row under ``client``), including
    rows only the journal knows yet (their create arrived, their parent not)."""
    out: dict[str, list[str]] = {}
    for table in _client_tables():
        ids = [
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT id FROM {table} WHERE client_id = ?", (client_id,)
            )
        ]
        if ids:
            out[table] = ids
    journaled = conn.exec_driver_sql(
        "SELECT f.table_name, r.row_id FROM journal j JOIN journal_field f ON f.n = j.field "
        "JOIN journal_row r ON r.n = j.row WHERE f.field = 'client_id' AND j.new = ?",
        (_json_str(client_id),),
    )
    for table, row_id in journaled:
        if row_id not in out.get(table, []):
            out.setdefault(table, []).append(row_id)
    out["client"] = [client_id]
    return out


def _media(conn: Connection, client_id: str) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in conn.exec_driver_sql(
            "SELECT sha256, ext FROM trip_media WHERE client_id = ?", (client_id,)
        )
    ]


def last_backup_expiry(backup_days: list[date], today: date | None = None) -> date | None:
    """When the last backup holding data written up to today ages out of the rotation.

    Backups keep 7 daily, 4 weekly and 12 monthly copies: a copy made today survives as a daily
    copy for 7 days, as a weekly one for 4 weeks and as a monthly one for 12 months at most. With
    the backups that exist listed (``backup_days``), the answer is the latest day one of them
    (holding the client: made on or before today) is still kept; with none, None.
    """
    today = today or date.today()
    holding = [d for d in backup_days if d <= today]
    if not holding:
        return None
    newest = max(holding)
    # the newest such backup is the one kept longest: at most as the monthly copy of its month,
    # which goes on the first day of the month when twelve newer months have a copy
    year, month = newest.year, newest.month + BACKUP_MONTHLY
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    monthly = date(year, month, 1)
    weekly = newest + timedelta(weeks=BACKUP_WEEKLY)
    daily = newest + timedelta(days=BACKUP_DAILY)
    return max(monthly, weekly, daily)


def backup_days(studio: Studio) -> list[date]:
    """The days of the backups in the data directory's ``backups/`` folder (by file time)."""
    folder = studio.data_dir / "backups"
    if not folder.is_dir():
        return []
    days = []
    for f in folder.iterdir():
        if f.is_file() and not f.name.startswith("."):
            try:
                days.append(date.fromtimestamp(f.stat().st_mtime))
            except OSError:
                continue
    return days


def _is_owner(studio: Studio) -> bool:
    advisor = studio.advisor_id
    if advisor is None:
        return False
    role = studio._scalar("SELECT role FROM advisor WHERE id = ?", advisor)
    return role == AdvisorRole.OWNER.value


def plan(studio: Studio, client_id: str) -> ErasePlan:
    """What an erase of the client would remove (nothing is changed)."""
    with studio.read() as conn:
        name = conn.exec_driver_sql("SELECT name FROM client WHERE id = ?", (client_id,)).scalar()
        if name is None:
            raise NotFoundError(f"No client with id {client_id}.")
        rows = sum(len(v) for v in owned_rows(conn, client_id).values())
        photos = len(_media(conn, client_id))
    return ErasePlan(client_id, str(name), rows, photos, last_backup_expiry(backup_days(studio)))


def erase_client(studio: Studio, client_id: str) -> EraseResult:
    """Erase the client for good (owner only). Raises :class:`PermissionRefused` otherwise."""
    if not _is_owner(studio):
        raise PermissionRefused("Only the studio's owner can erase a client; nothing was changed.")
    with studio.read() as conn:
        if conn.exec_driver_sql("SELECT 1 FROM client WHERE id = ?", (client_id,)).scalar() is None:
            raise NotFoundError(f"No client with id {client_id}.")
        by = conn.exec_driver_sql(
            "SELECT name FROM advisor WHERE id = ?", (studio.advisor_id,)
        ).scalar()
    with studio.transaction() as tx:
        tx.conn.exec_driver_sql("PRAGMA secure_delete = ON")
        # the erase record first: it takes the journal's highest seq, which the scrub must not
        # lower (the sync sends this laptop's records above the last seq it sent)
        _record_erase(tx, client_id, {"on": date.today().isoformat(), "by": by or ""})
        removed, records, media = scrub(tx, client_id)
    files = remove_files(studio, media)
    compact(studio)
    return EraseResult(client_id, removed, records, files)


def _record_erase(tx: Transaction, client_id: str, value: dict[str, str]) -> None:
    from studio.store.write import JournalEntry, encode

    tx.append_journal(
        [
            {
                "tx": tx.id,
                "op": "delete",  # views treat it as the row leaving (older versions too)
                "table_name": "client",
                "row_id": client_id,
                "field": ERASED_FIELD,
                "old": None,
                "new": encode(value),
                "advisor_id": tx.advisor_id,
                "device_id": tx.studio.device_id,
                "hlc": tx.studio.clock.now(),
                "wall_time": tx.now,
            }
        ]
    )
    tx.flush()
    # listeners (the app's views) hear of it like of any change of the client
    tx.entries.append(JournalEntry("client", client_id, ERASED_FIELD, "delete", None, value))
    tx.touched.add(("client", client_id))
    tx.touched_clients.add(client_id)


def scrub(tx: Transaction, client_id: str) -> tuple[int, int, list[tuple[str, str]]]:
    """Remove the client's rows, their journal records (all but the erase record), index row and
    waiting rows, inside ``tx``. Returns (rows removed, journal records removed, photo files)."""
    tx.flush()
    conn = tx.conn
    rows = owned_rows(conn, client_id)
    all_ids = sorted({r for ids in rows.values() for r in ids})
    ids_json = json.dumps(all_ids)
    media = _media(conn, client_id)
    # other clients referred by this one: the reference goes (a journaled change of theirs)
    for (other,) in conn.exec_driver_sql(
        "SELECT id FROM client WHERE referred_by_id = ? AND id != ?", (client_id, client_id)
    ).fetchall():
        tx.update(Client, other, referred_by_id=None)
    tx.flush()
    conn.exec_driver_sql(
        "DELETE FROM client_fts WHERE rowid IN (SELECT rowid FROM client WHERE id = ?)",
        (client_id,),
    )
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    removed = 0
    for table in [*_client_tables(), "client"]:
        if table == "client":
            removed += conn.exec_driver_sql(
                "DELETE FROM client WHERE id = ?", (client_id,)
            ).rowcount
            continue
        removed += conn.exec_driver_sql(
            f"DELETE FROM {table} WHERE client_id = ? OR id IN (SELECT value FROM json_each(?))",
            (client_id, ids_json),
        ).rowcount
    # the journal lets go of records only for erased rows (its trigger checks)
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO erased_row (row_id, client_id) SELECT value, ? FROM json_each(?)",
        (client_id, ids_json),
    )
    records = conn.exec_driver_sql(
        "DELETE FROM journal WHERE row IN (SELECT n FROM journal_row "
        "WHERE row_id IN (SELECT value FROM json_each(?))) AND field NOT IN "
        "(SELECT n FROM journal_field WHERE table_name = 'client' AND field = ?)",
        (ids_json, ERASED_FIELD),
    ).rowcount
    conn.exec_driver_sql(
        "DELETE FROM sync_waiting WHERE row_id IN (SELECT value FROM json_each(?))", (ids_json,)
    )
    # merge the index's segments so no token of the erased row survives in them
    conn.exec_driver_sql("INSERT INTO client_fts(client_fts) VALUES ('optimize')")
    return removed, records, media


def remove_files(studio: Studio, media: list[tuple[str, str]]) -> int:
    """Delete the client's photo files no other photo uses, their thumbnails and (when there were
    photos) the memory book's prepared photos (a cache, rebuilt when needed)."""
    if not media:
        return 0
    root = studio.data_dir / "media"
    with studio.read() as conn:
        still_used = {r[0] for r in conn.exec_driver_sql("SELECT DISTINCT sha256 FROM trip_media")}
    count = 0
    for sha, _ext in media:
        if sha in still_used:
            continue
        candidates = list((root / sha[:2]).glob(f"{sha}*")) if (root / sha[:2]).is_dir() else []
        thumbs = root / "thumbs"
        if thumbs.is_dir():
            candidates += list(thumbs.glob(f"{sha}*"))
        for f in candidates:
            try:
                f.unlink()
                count += 1
            except OSError:
                continue
    book_cache = root / "cache" / "book"
    if book_cache.is_dir():
        shutil.rmtree(book_cache, ignore_errors=True)
    return count


def compact(studio: Studio) -> None:
    """Copy the write-ahead log into the file and empty it: the log's older frames hold the
    pages as they were before the erase (the erase itself overwrote what it freed).

    No VACUUM: it may renumber the implicit rowids the search index is keyed by.
    """
    with studio.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def erased_rows(conn: Connection) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql("SELECT row_id FROM erased_row")}


def apply_remote(tx: Transaction, records: list[dict[str, Any]]) -> RemoteResult:
    """The sync's way in with erasures honoured: records about erased rows are dropped, the
    others applied (:meth:`Transaction.apply_remote`), and an erase record among them runs the
    same scrub here as on the laptop that erased."""
    conn = tx.conn
    erased = erased_rows(conn)
    erasing = {
        r["row_id"] for r in records if r["table_name"] == "client" and r["field"] == ERASED_FIELD
    }
    gone_clients = erasing | {
        c for (c,) in conn.exec_driver_sql("SELECT DISTINCT client_id FROM erased_row")
    }
    if gone_clients:
        for r in records:  # rows made elsewhere for an erased client
            if r["field"] == "client_id" and r["new"] is not None:
                try:
                    owner = json.loads(r["new"])
                except ValueError:
                    continue
                if owner in gone_clients:
                    erased.add(r["row_id"])
    if erased:
        records = [
            r
            for r in records
            if r["row_id"] not in erased
            or (r["table_name"] == "client" and r["field"] == ERASED_FIELD)
        ]
    result = tx.apply_remote(records)
    if erasing:
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
        media: list[tuple[str, str]] = []
        for client_id in sorted(erasing):
            _removed, _records, found = scrub(tx, client_id)
            media += found
        remove_files(tx.studio, media)
    return result


def erase_history(studio: Studio, client_id: str) -> dict[str, str] | None:
    """The erase record of a client ("erased on D by X"), or None."""
    from studio.store.write import decode

    value = studio._scalar(
        "SELECT new FROM change WHERE row_id = ? AND field = ? ORDER BY seq DESC LIMIT 1",
        client_id,
        ERASED_FIELD,
    )
    return None if value is None else decode(value)


def data_files(data_dir: Path) -> list[Path]:
    """Every file under the data directory (for the tests that scan them)."""
    return sorted(p for p in data_dir.rglob("*") if p.is_file())
