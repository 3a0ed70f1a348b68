"""Read-only views of a shared studio for the desktop client: the laptops with what their latest
segments say, what a held segment waits for, and the rows behind a collision.

Nothing here writes: not the studio, not the shared place.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from studio.store import schema
from studio.store.database import Studio
from studio.sync import engine
from studio.sync import segment as sg
from studio.sync.keys import LocalKeys, SyncError
from studio.sync.places import open_place

_NEWER = re.compile(r"newer Travel Studio.*?([\d,]+) changes")
_BY_TABLE: dict[str, Any] = {}
_AHEAD = re.compile(r"clock is ([\d,]+) min ahead")


def is_shared(studio: Studio) -> bool:
    """True when this data directory belongs to a shared studio (its keys are here)."""
    try:
        return LocalKeys.load(studio.data_dir) is not None
    except SyncError:
        return True  # keys that cannot be read: shared, with a problem a sync will name


def is_owner(studio: Studio) -> bool:
    """True on the owner's laptop of a shared studio."""
    try:
        keys = LocalKeys.load(studio.data_dir)
    except SyncError:
        return False
    return bool(keys and keys.owner)


def place(studio: Studio) -> str | None:
    """The shared place as kept here (a URL without its password), or None when not shared."""
    try:
        keys = LocalKeys.load(studio.data_dir)
    except SyncError:
        return None
    return keys.place if keys else None


def studio_key_text(studio: Studio) -> str | None:
    """The studio key file's text (what a new laptop joins with), or None when not shared."""
    try:
        keys = LocalKeys.load(studio.data_dir)
    except SyncError:
        return None
    if keys is None:
        return None
    return json.dumps(keys.studio.to_json(), separators=(",", ":"))


def fingerprint(studio: Studio) -> str | None:
    """The short join code of the studio key, or None when not shared."""
    try:
        keys = LocalKeys.load(studio.data_dir)
    except SyncError:
        return None
    return keys.studio.fingerprint() if keys else None


@dataclass(frozen=True)
class Held:
    """What a held segment waits for, sorted out of the engine's reason."""

    device: str
    kind: str  # "newer" (written by a newer Travel Studio), "clock" (ahead), "other"
    records: int = 0  # for "newer": how many changes wait
    ahead_min: int = 0  # for "clock": how far ahead its laptop's clock is
    reason: str = ""


def held(entries: list[dict]) -> list[Held]:
    """The held entries of a sync report (``SyncReport.held``), sorted into kinds."""
    out = []
    for h in entries:
        reason = str(h.get("reason", ""))
        device = str(h.get("device", ""))
        m = _NEWER.search(reason)
        if m:
            out.append(Held(device, "newer", records=int(m.group(1).replace(",", ""))))
            continue
        m = _AHEAD.search(reason)
        if m:
            out.append(Held(device, "clock", ahead_min=int(m.group(1).replace(",", ""))))
            continue
        out.append(Held(device, "clock" if "ahead" in reason else "other", reason=reason))
    return out


@dataclass(frozen=True)
class Laptop:
    device: str
    name: str
    this_laptop: bool
    removed: bool
    segments: int
    last_seen: str | None  # when this laptop last applied one of its segments (ISO UTC)
    last_written: str | None  # when it wrote its latest segment, by its own clock (ISO UTC)
    schema: str | None  # the schema its latest segment was written with
    newer: bool  # that schema is newer than this laptop's
    clock_ahead_min: int | None  # known when a segment of it is held for its clock
    app: str = ""  # the Travel Studio version its latest segment was written by
    #: its clock against this laptop's, estimated in seconds (positive: ahead; a lower bound, see
    #: :func:`studio.sync.engine.clock_offsets`); None before any of its segments arrived
    clock_offset_s: int | None = None


def laptops(studio: Studio) -> dict[str, Any]:
    """``share status`` with, for each laptop, what its latest segment's header says.

    Returns ``{"status": engine.status(...), "laptops": [Laptop, ...]}``; reads the shared
    place (call it off the GUI thread).
    """
    info = engine.status(studio)
    last = info.get("last_sync") or {}
    ahead = {h.device: h.ahead_min for h in held(last.get("held", [])) if h.kind == "clock"}
    t = open_place(info["place"]) if not info.get("problem") else None
    out = []
    for lap in info["laptops"]:
        header = _latest_header(t, lap["device"]) if t is not None else None
        rev = header.schema if header else None
        out.append(
            Laptop(
                device=lap["device"],
                name=_known_name(studio, lap["device"], lap["name"]),
                this_laptop=lap["this_laptop"],
                removed=lap["removed"],
                segments=lap["segments"],
                last_seen=lap["last_seen"],
                last_written=header.created if header else None,
                schema=rev,
                newer=rev is not None and rev not in schema.REVISIONS,
                clock_ahead_min=ahead.get(lap["device"]),
                app=header.app if header else "",
                clock_offset_s=_offset(lap, header),
            )
        )
    return {"status": info, "laptops": out}


def _offset(lap: dict, header: sg.Header | None) -> int | None:
    """The engine's estimate; for a laptop whose segments arrived before segments' wall times
    were kept here, its latest segment's wall time against when this laptop last took one in."""
    if lap.get("clock_offset_s") is not None:
        return int(lap["clock_offset_s"])
    if header is None or not lap.get("last_seen") or header.number != lap.get("segments"):
        return None
    try:
        written = datetime.fromisoformat(header.created.replace("Z", "+00:00"))
        seen = datetime.fromisoformat(str(lap["last_seen"]).replace("Z", "+00:00"))
    except ValueError:
        return None
    return round((written - seen).total_seconds())


def _known_name(studio: Studio, device: str, name: str) -> str:
    """The laptop's name in the membership file, or, where it joined before its advisor was set up
    ("laptop 1a2b3c4d"), the advisor whose changes it has sent most recently."""
    if not name.startswith("laptop "):
        return name
    advisor = studio._scalar(
        "SELECT a.name FROM journal_tx t JOIN journal_device d ON d.n = t.device "
        "JOIN advisor a ON a.id = t.advisor_id WHERE d.id = ? ORDER BY t.n DESC LIMIT 1",
        device,
    )
    return str(advisor) if advisor else name


def _latest_header(t: Any, device: str) -> sg.Header | None:
    try:
        names = [n for n in t.list(f"journal/{device}") if re.fullmatch(r"\d{8}\.seg", n)]
        if not names:
            return None
        data = t.read(f"journal/{device}/{max(names)}")
        return sg.read_header(data)[0] if data else None
    except (SyncError, sg.SegmentError):
        return None


@dataclass(frozen=True)
class Collision:
    """One entry of *Changes to review*: a field two laptops changed unaware of each other."""

    table: str
    row_id: str
    field: str
    client_id: str | None
    client_name: str
    kept: Any
    kept_by: str
    kept_at: str  # ISO UTC from the stamp's wall time
    lost: Any
    lost_by: str
    lost_at: str
    key: str  # identifies the collision (its two stamps)


def collisions(studio: Studio, found: list[dict]) -> list[Collision]:
    """The collisions a sync reported (``SyncReport.collisions``), with the client and advisors
    named."""
    from studio.domain.base import table_name
    from studio.domain.models import MODELS
    from studio.domain.names import display_name

    _BY_TABLE.update({table_name(m): m for m in MODELS})

    with studio.read() as conn:
        advisors = {
            a: display_name(n, nn)
            for a, n, nn in conn.exec_driver_sql("SELECT id, name, native_name FROM advisor")
        }
        out = []
        for c in found:
            table, row_id = str(c["table"]), str(c["row_id"])
            client_id = row_id if table == "client" else None
            model = _BY_TABLE.get(table)
            if client_id is None and model is not None and "client_id" in _columns(model):
                client_id = conn.exec_driver_sql(
                    f"SELECT client_id FROM {model.__tablename__} WHERE id = ?", (row_id,)
                ).scalar()
            name = ""
            if client_id:
                row = conn.exec_driver_sql(
                    "SELECT name, native_name FROM client WHERE id = ?", (client_id,)
                ).first()
                name = display_name(row[0], row[1]) if row else ""
            out.append(
                Collision(
                    table=table,
                    row_id=row_id,
                    field=str(c["field"]),
                    client_id=client_id,
                    client_name=name,
                    kept=c.get("kept"),
                    kept_by=advisors.get(c.get("kept_advisor") or "", ""),
                    kept_at=_stamp_time(str(c.get("kept_stamp", ""))),
                    lost=c.get("lost"),
                    lost_by=advisors.get(c.get("lost_advisor") or "", ""),
                    lost_at=_stamp_time(str(c.get("lost_stamp", ""))),
                    key=f"{c.get('kept_stamp')}|{c.get('lost_stamp')}",
                )
            )
    return out


def _columns(model: Any) -> set[str]:
    return set(model.__table__.columns.keys())


def _stamp_time(stamp: str) -> str:
    from datetime import UTC, datetime

    try:
        ms = int(stamp.split(".", 1)[0])
    except ValueError:
        return ""
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat(timespec="seconds")


#: Local setting: the names of the studio's laptops as the last sync saw them (device id → name).
LAPTOP_NAMES = "sync_laptop_names"


def remember_laptop_names(studio: Studio, names: dict[str, str]) -> None:
    """Keep the laptops' names (from a sync) so History can say on which laptop a change was made
    without reading the shared place."""
    known = laptop_names(studio)
    names = {device: _known_name(studio, device, name) for device, name in names.items()}
    if names and {**known, **names} != known:
        studio.set_setting(LAPTOP_NAMES, json.dumps({**known, **names}, ensure_ascii=False))


def laptop_names(studio: Studio) -> dict[str, str]:
    """The laptops' names as the last sync saw them; empty for a studio that is not shared."""
    try:
        names = json.loads(studio.setting(LAPTOP_NAMES) or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}
