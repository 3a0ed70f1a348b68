"""*Changes to review*: fields two laptops changed unaware of each other (collisions), kept on
this laptop until someone here takes the other value or keeps the field as it is.

The list lives in the studio's file (``sync_review``), beside the other local state of sharing:
it survives a restart, and, like ``sync_segment``, it is never journaled and never sent to the
other laptops (each laptop finds the collisions of the changes it takes in). A sync records what
it found in the same transaction as the changes themselves, so the app and ``travel-studio sync``
fill the same list.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from studio.store.database import Studio

#: How many unsettled collisions the list keeps (the oldest go first beyond it).
LIMIT = 500

_COLUMNS = (
    "table_name",
    "row_id",
    "field",
    "kept",
    "kept_stamp",
    "kept_advisor",
    "lost",
    "lost_stamp",
    "lost_advisor",
)


def key_of(collision: dict) -> str:
    """A collision's identity: its two clock stamps."""
    return f"{collision.get('kept_stamp')}|{collision.get('lost_stamp')}"


def record(conn: Connection, collisions: list[dict]) -> int:
    """Add the collisions a sync found (``SyncReport.collisions`` entries) to the list, inside
    the sync's own transaction; one already listed (or settled) is not listed again. Returns
    how many were new."""
    if not collisions:
        return 0
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    rows = [
        (
            key_of(c),
            c["table"],
            c["row_id"],
            c["field"],
            json.dumps(c.get("kept"), ensure_ascii=False, default=str),
            c["kept_stamp"],
            c.get("kept_advisor"),
            json.dumps(c.get("lost"), ensure_ascii=False, default=str),
            c["lost_stamp"],
            c.get("lost_advisor"),
            now,
        )
        for c in collisions
    ]
    before = conn.exec_driver_sql("SELECT count(*) FROM sync_review").scalar() or 0
    conn.exec_driver_sql(
        f"INSERT OR IGNORE INTO sync_review (key, {', '.join(_COLUMNS)}, found_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    after = conn.exec_driver_sql("SELECT count(*) FROM sync_review").scalar() or 0
    conn.exec_driver_sql(
        "DELETE FROM sync_review WHERE settled_at IS NULL AND n NOT IN "
        "(SELECT n FROM sync_review WHERE settled_at IS NULL ORDER BY n DESC LIMIT ?)",
        (LIMIT,),
    )
    return int(after - before)


def pending(studio: Studio) -> list[dict[str, Any]]:
    """The collisions waiting for review, newest first, in the shape a sync reports them
    (``table``, ``row_id``, ``field``, ``kept``, ``kept_stamp``, ``kept_advisor``, ``lost``,
    ``lost_stamp``, ``lost_advisor``) with their ``key``."""
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT key, {', '.join(_COLUMNS)} FROM sync_review WHERE settled_at IS NULL "
            "ORDER BY n DESC"
        ).fetchall()
    out = []
    for key, table, row_id, field, kept, kept_stamp, kept_by, lost, lost_stamp, lost_by in rows:
        out.append(
            {
                "key": key,
                "table": table,
                "row_id": row_id,
                "field": field,
                "kept": _value(kept),
                "kept_stamp": kept_stamp,
                "kept_advisor": kept_by,
                "lost": _value(lost),
                "lost_stamp": lost_stamp,
                "lost_advisor": lost_by,
            }
        )
    return out


def settle(studio: Studio, key: str) -> bool:
    """Take a collision off the list (its other value was taken, or the field kept as it is);
    False when it was not waiting."""
    now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with studio.engine.connect() as conn, conn.begin():
        done = conn.exec_driver_sql(
            "UPDATE sync_review SET settled_at = ? WHERE key = ? AND settled_at IS NULL",
            (now, key),
        ).rowcount
    return bool(done)


def _value(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text
