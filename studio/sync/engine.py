"""Exchanging a studio's journal with the shared place, and merging what other laptops wrote.

Layout of the shared place::

    travel-studio.json               which studio this is (plain: id and format)
    membership.json                  laptops allowed to write, signed by the owner
    requests/<device>.req            a laptop asking to join, sealed with the studio key
    keys/<generation>/<device>.key   a generation of the studio key, sealed to one laptop (after a
                                     removal: see studio.sync.rotation)
    journal/<device>/00000001.seg    that laptop's segments, numbered, chained, sealed, signed

A sync (1) admits join requests when this laptop is the owner's, (2) sends this laptop's new
journal records as a segment (first kept in ``sync-outbox/`` in the data directory, so a place
that is full, read-only or unplugged mid-write loses nothing), (3) reads every other laptop's
segments in number order and applies each in one transaction through
:meth:`studio.store.write.Transaction.apply_remote`. A segment is *held* (kept, retried at every
sync) while it is incomplete, follows a missing one, comes from a laptop the owner has not yet
admitted, was written by a newer schema, or carries stamps more than five minutes ahead of this
laptop's clock; it is *refused* (never applied, reported by name) when it is tampered, forged,
malformed, out of its chain, of another studio, or from a removed laptop after its removal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studio import __version__
from studio.domain.base import new_id
from studio.domain.journal_models import OPS
from studio.services.privacy import erase as privacy_erase
from studio.store import schema
from studio.store.database import Studio
from studio.store.hlc import wall_ms
from studio.store.write import Transaction
from studio.sync import media as photos
from studio.sync import membership as mb
from studio.sync import review, rotation
from studio.sync import segment as sg
from studio.sync.keys import KEYS_NAME, LocalKeys, StudioKey, SyncError, new_device_key
from studio.sync.places import open_place
from studio.sync.transport import Transport

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

PLACE_FILE = "travel-studio.json"
OUTBOX = "sync-outbox"
#: A segment whose stamps are further ahead of this laptop's clock than this is held.
MAX_AHEAD_MS = 5 * 60 * 1000
#: Journal records per segment (a laptop back after weeks offline sends several).
SEGMENT_RECORDS = 50_000
#: Incoming records applied in one transaction at most (several segments; one at least).
APPLY_BATCH_RECORDS = 250_000
_SEG_NAME = re.compile(r"^(\d{8})\.seg$")
_HLC = re.compile(r"^\d{13}\.\d{5}\..+$")


@dataclass
class SyncReport:
    place: str
    sent_segments: int = 0
    sent_records: int = 0
    received_segments: int = 0
    received_records: int = 0
    duplicates: int = 0
    parked: int = 0
    received_from: dict[str, int] = field(default_factory=dict)
    held: list[dict] = field(default_factory=list)  # {"file", "device", "reason"}
    refused: list[dict] = field(default_factory=list)  # {"file", "device", "reason"}
    admitted: list[str] = field(default_factory=list)
    waiting_admission: bool = False
    #: the same field changed on two laptops unaware of each other (see Transaction.apply_remote)
    collisions: list[dict] = field(default_factory=list)
    #: this laptop's changes wait: the owner has not handed it the studio's current key yet
    waiting_key: bool = False
    #: key generations the owner handed this laptop in this sync
    keys_received: list[int] = field(default_factory=list)
    #: photo files put in the place, fetched from it, and needed here but not there yet
    media_sent: int = 0
    media_fetched: int = 0
    media_waiting: int = 0
    #: the exchange stopped early when asked to (what was applied is whole segments; the rest
    #: comes at the next sync)
    cancelled: bool = False

    def to_json(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [
            f"sent {self.sent_records:,} change(s) in {self.sent_segments} segment(s) to {self.place}",
            f"received {self.received_records:,} change(s) in {self.received_segments} segment(s)"
            + (f" ({self.duplicates:,} already here)" if self.duplicates else ""),
        ]
        out += [f"admitted laptop {d}" for d in self.admitted]
        if self.waiting_admission:
            out.append("this laptop waits for the owner's laptop to admit it (at its next sync)")
        if self.waiting_key:
            out.append(
                "this laptop's changes wait for the studio's new key from the owner's laptop "
                "(kept here; they go out at a later sync)"
            )
        if self.media_sent or self.media_fetched:
            out.append(f"photos: {self.media_sent} sent, {self.media_fetched} fetched")
        if self.media_waiting:
            out.append(
                f"{self.media_waiting} photo(s) not in the shared place yet (their laptop sends "
                "them at its next sync)"
            )
        out += [f"held {h['file']}: {h['reason']}" for h in self.held]
        out += [f"refused {r['file']}: {r['reason']}" for r in self.refused]
        out += [
            f"collision on {c['table']} {c['row_id']} {c['field']}: kept {c['kept']!r}, "
            f"the other laptop's {c['lost']!r} stays in its history"
            for c in self.collisions
        ]
        if self.parked:
            out.append(f"{self.parked:,} change(s) kept but not shown yet (waiting for their row)")
        return out


def _stored_place(place: str) -> str:
    """The place as kept in the keys file: a URL without its password (given again each time)."""
    import urllib.parse

    parts = urllib.parse.urlsplit(place)
    if parts.scheme and parts.password:
        host = (parts.username or "") + "@" + (parts.hostname or "")
        if parts.port:
            host += f":{parts.port}"
        return urllib.parse.urlunsplit(parts._replace(netloc=host))
    return place


def _clock_iso(studio: Studio) -> str:
    """This laptop's wall clock (the one its clock stamps read), as ISO 8601 UTC with ms."""
    at = datetime.fromtimestamp(studio.clock.now_ms() / 1000, UTC)
    return at.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _device_name(studio: Studio) -> str:
    adv = studio.advisor_id
    if adv:
        name = studio._scalar("SELECT name FROM advisor WHERE id = ?", adv)
        if name:
            return str(name)
    return f"laptop {studio.device_id[:8]}"


def _keys(studio: Studio) -> LocalKeys:
    keys = LocalKeys.load(studio.data_dir)
    if keys is None:
        raise SyncError(
            "This studio is not shared: run “travel-studio share create PLACE” on the owner's "
            "laptop, or “travel-studio share join PLACE --key-file KEY” into an empty one."
        )
    return keys


def _check_key_fits(t: Transport, key: StudioKey) -> None:
    """Refuse a key of another studio in plain words (before its signature check would call the
    place's membership file forged)."""
    data = t.read(PLACE_FILE)
    if data is None:
        return  # the membership check says what is missing
    try:
        studio_id = json.loads(data.decode("utf-8")).get("studio")
    except (ValueError, UnicodeDecodeError, AttributeError):
        return
    if studio_id and studio_id != key.studio_id:
        raise SyncError(
            f"This key belongs to another studio than the one shared in {t.description}; "
            "use the key file from this studio's recovery sheet."
        )


def _read_membership(t: Transport, keys: LocalKeys) -> mb.Membership:
    data = t.read(mb.NAME)
    if data is None:
        raise SyncError(f"{t.description} holds no shared studio (its membership file is missing).")
    return mb.Membership.parse(data, keys.studio.owner_key, keys.studio.studio_id)


# -- creating and joining -------------------------------------------------------------------
def create_share(studio: Studio, place: str, key_file: Path | None = None) -> tuple[Path, str]:
    """Make this studio shared in ``place``; returns (key file, fingerprint)."""
    if LocalKeys.load(studio.data_dir) is not None:
        raise SyncError("This studio is already shared (see “travel-studio share status”).")
    t = open_place(place)
    root = getattr(t, "root", None)
    if root is not None and not root.exists():
        try:
            root.mkdir(parents=False)
        except OSError as exc:
            raise SyncError(f"Cannot create the shared folder {root}: {exc.strerror}.") from None
    t.check()
    if t.read(PLACE_FILE) is not None or t.read(mb.NAME) is not None:
        raise SyncError(f"{place} already holds a shared studio; join it instead.")
    device_key = new_device_key()
    keys = LocalKeys(
        studio.device_id, device_key, StudioKey.new(new_id(), b""), _stored_place(place), True
    )
    keys.studio.owner_key = keys.public_key
    members = mb.Membership(studio=keys.studio.studio_id, owner=studio.device_id)
    members.devices[studio.device_id] = {
        "key": sg.b64(keys.public_key),
        "name": _device_name(studio),
        "added": _now_iso(),
    }
    key_file = Path(key_file) if key_file else studio.data_dir / "studio-key.json"
    keys.studio.write(key_file)
    t.write(
        PLACE_FILE,
        json.dumps(
            {"format": "travel-studio-share", "version": 1, "studio": members.studio}
        ).encode(),
    )
    t.write(mb.NAME, members.sign(keys.signer))
    keys.save(studio.data_dir)
    return key_file, keys.studio.fingerprint()


def _joinable(studio: Studio) -> bool:
    """An empty studio, or one whose only history is this laptop setting up its own advisor (the
    app asks who works here before it offers to join)."""
    if studio._scalar("SELECT count(*) FROM client"):
        return False
    others = studio._scalar(
        "SELECT count(*) FROM change WHERE table_name != 'advisor' OR device_id != ?",
        studio.device_id,
    )
    return not others


def join_share(studio: Studio, place: str, key_file: Path) -> str:
    """Join the studio shared in ``place`` with its key file; returns the fingerprint.

    Run again on a laptop that asked to join but was not admitted before the owner rotated the
    studio key, it asks again with the new key file."""
    existing = LocalKeys.load(studio.data_dir)
    if existing is not None:
        return _ask_again(studio, existing, key_file)
    if not _joinable(studio):
        raise SyncError(
            f"{studio.data_dir} already holds a studio; join into an empty data directory."
        )
    key = StudioKey.read(key_file)
    t = open_place(place)
    t.check()
    _check_key_fits(t, key)
    probe = LocalKeys(studio.device_id, b"", key, place)
    members = _read_membership(t, probe)  # the place holds this studio, signed by its owner
    generation = rotation.join_generation(members, key.key)
    keys = LocalKeys(studio.device_id, new_device_key(), key, _stored_place(place), False)
    ring = rotation.Keyring(rotation.new_kx_key(), {generation: key.key})
    t.write(
        mb.request_name(studio.device_id),
        rotation.seal_join_request(keys, ring, _device_name(studio), key.key, key.studio_id),
    )
    try:
        ring.save(
            studio.data_dir
        )  # before sharing.json: a keyring is never guessed for this laptop
        keys.save(studio.data_dir)
    except BaseException:
        # nothing of the join stays: not its request (the owner would admit a laptop that
        # cannot read the studio), not half of its keys
        (studio.data_dir / rotation.KEYRING_NAME).unlink(missing_ok=True)
        t.delete(mb.request_name(studio.device_id))
        raise
    return key.fingerprint()


def abandon_join(studio: Studio) -> bool:
    """Give up a join that has taken in nothing yet (cancelled, or failed before its fetch).

    Its request and any segment this laptop already put there leave the shared place, and this
    data directory forgets the share (it may join again), so the owner's laptop never admits a
    laptop that did not finish. Returns False when this studio is not joining anything. Raises
    :class:`SyncError` when the place cannot be reached (the local keys stay, so a later call
    can finish the job) or when changes of the studio have already arrived here (the join then
    stands; the rest comes at the next sync)."""
    keys = LocalKeys.load(studio.data_dir)
    if keys is None:
        return False
    if keys.owner:
        raise SyncError("The owner's laptop cannot give up its own shared studio.")
    received = studio._scalar(
        "SELECT count(*) FROM sync_segment WHERE device != ?", studio.device_id
    )
    if received:
        raise SyncError(
            "This laptop has already taken in part of the shared studio; it stays joined and "
            "the rest comes at the next sync."
        )
    t = open_place(keys.place)
    own = f"journal/{studio.device_id}"
    for name in t.list(own):
        t.delete(f"{own}/{name}")
    t.delete(mb.request_name(studio.device_id))
    with studio.engine.connect() as conn, conn.begin():
        conn.exec_driver_sql("DELETE FROM sync_segment WHERE device = ?", (studio.device_id,))
    for path in sorted(_outbox(studio).glob("*.seg")) if _outbox(studio).is_dir() else []:
        path.unlink()
    (studio.data_dir / rotation.KEYRING_NAME).unlink(missing_ok=True)
    (studio.data_dir / KEYS_NAME).unlink(missing_ok=True)
    return True


def _ask_again(studio: Studio, keys: LocalKeys, key_file: Path) -> str:
    """A laptop waiting for admission asks again with a key file of the current generation."""
    key = StudioKey.read(key_file)
    if key.studio_id != keys.studio.studio_id:
        raise SyncError("This data directory already belongs to another shared studio.")
    t = open_place(keys.place)
    t.check()
    members = _read_membership(t, keys)
    if studio.device_id in members.devices or studio.device_id in members.removed:
        raise SyncError("This data directory already belongs to a shared studio.")
    generation = rotation.join_generation(members, key.key)
    ring = rotation.load_keyring(studio.data_dir, keys)
    ring.generations[generation] = key.key
    ring.save(studio.data_dir)
    t.write(
        mb.request_name(studio.device_id),
        rotation.seal_join_request(keys, ring, _device_name(studio), key.key, key.studio_id),
    )
    return key.fingerprint()


# -- sync -----------------------------------------------------------------------------------
Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def sync(
    studio: Studio, *, progress: Progress | None = None, cancel: Cancel | None = None
) -> SyncReport:
    """Exchange with the shared place now (see the module's docstring).

    ``progress(done, total, message)`` is told of each segment received; when ``cancel()`` turns
    true, receiving stops after the segment being applied (what was applied stays: whole
    segments; the rest comes at the next sync) and the report says ``cancelled``."""
    keys = _keys(studio)
    t = open_place(keys.place)
    t.check()
    report = SyncReport(place=t.description)
    members = _read_membership(t, keys)
    ring = rotation.load_keyring(studio.data_dir, keys)
    if keys.owner:
        members = _admit(t, keys, members, report, ring)
        rotation.deliver(t, keys, ring, members)
    if studio.device_id not in members.devices:
        if studio.device_id in members.removed:
            raise SyncError("The owner removed this laptop from the shared studio.")
        report.waiting_admission = True
        if rotation.sending_key(ring, members) is None:
            raise SyncError(
                "The owner's laptop removed a laptop after this one asked to join, so the key "
                "it asked with no longer admits it: ask the owner for a new key file "
                "(“travel-studio share key-file KEY”) and run “travel-studio share join PLACE "
                "--key-file KEY” again here."
            )
    elif not keys.owner:
        report.keys_received = rotation.refresh(
            t, keys, ring, members, studio.data_dir, report.refused
        )
        _publish_kx(studio, t, keys, ring, members)
    _send(studio, t, keys, report, members, ring)
    report.media_sent = photos.send_media(studio, t, ring, members)
    for device in t.folders("journal"):
        if device != studio.device_id:
            _receive(studio, t, keys, members, device, report, ring, progress, cancel)
            if report.cancelled:
                break
    if report.cancelled:
        studio.set_setting("sync_last", json.dumps({"at": _now_iso(), **report.to_json()}))
        return report
    fetched = photos.fetch_missing(studio, t, ring)
    report.media_fetched, report.media_waiting = fetched.fetched, len(fetched.waiting)
    report.refused += fetched.refused
    studio.set_setting("sync_last", json.dumps({"at": _now_iso(), **report.to_json()}))
    return report


def _admit(
    t: Transport,
    keys: LocalKeys,
    members: mb.Membership,
    report: SyncReport,
    ring: rotation.Keyring,
) -> mb.Membership:
    changed = False
    current = rotation.current_generation(members)
    for name in t.list(mb.REQUESTS):
        data = t.read(f"{mb.REQUESTS}/{name}") or b""
        req, sealed_with = None, None
        for gen, key in sorted(ring.generations.items(), reverse=True):
            req = rotation.open_join_request(key, data, keys.studio.studio_id)
            if req is not None:
                sealed_with = gen
                break
        if req is None or name != f"{req['device']}.req":
            continue
        device = req["device"]
        if device in members.removed:
            continue
        if device in members.devices:  # a member publishing its X25519 key, signed by itself
            entry = members.devices[device]
            if req["signed"] and req["kx"] and req["key"] == entry["key"]:
                if entry.get("kx") != req["kx"]:
                    entry["kx"] = req["kx"]
                    changed = True
            continue
        if sealed_with != current:
            continue  # sealed with a retired key: a removed laptop's old key file
        members.devices[device] = {"key": req["key"], "name": req["name"], "added": _now_iso()}
        if req["kx"]:
            members.devices[device]["kx"] = req["kx"]
        report.admitted.append(device)
        changed = True
    if changed:
        members.version += 1
        t.write(mb.NAME, members.sign(keys.signer))
    return members


def _last_segment(studio: Studio, device: str) -> tuple[int, str, int]:
    with studio.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT number, hash, last_seq FROM sync_segment WHERE device = ? "
            "ORDER BY number DESC LIMIT 1",
            (device,),
        ).first()
    return (row[0], row[1], row[2] or 0) if row else (0, "", 0)


_OUTGOING = """
SELECT j.seq, t.id, CASE j.op WHEN 0 THEN 'create' WHEN 1 THEN 'update' WHEN 2 THEN 'delete'
       ELSE 'restore' END, f.table_name, r.row_id, f.field, j.old, j.new, t.advisor_id, td.id,
       printf('%013d.%05d.%s', j.stamp / 100000, j.stamp % 100000, hd.id), t.wall_time
FROM journal j JOIN journal_tx t ON t.n = j.tx JOIN journal_field f ON f.n = j.field
JOIN journal_row r ON r.n = j.row JOIN journal_device hd ON hd.n = j.device
JOIN journal_device td ON td.n = t.device
WHERE j.seq > ? AND j.tx NOT IN (SELECT tx FROM sync_inbound) ORDER BY j.seq LIMIT ?
"""
_FLAT = ("tx", "op", "table_name", "row_id", "field", "old", "new", "advisor_id", "device_id")


def pending_records(studio: Studio) -> int:
    """This laptop's journal records not yet in a segment."""
    _n, _h, last_seq = _last_segment(studio, studio.device_id)
    return int(
        studio._scalar(
            "SELECT count(*) FROM journal WHERE seq > ? "
            "AND tx NOT IN (SELECT tx FROM sync_inbound)",
            last_seq,
        )
    )


def _outbox(studio: Studio) -> Path:
    return studio.data_dir / OUTBOX


def _publish_kx(
    studio: Studio, t: Transport, keys: LocalKeys, ring: rotation.Keyring, members: mb.Membership
) -> None:
    """A laptop the membership file knows without its X25519 key (joined before key generations)
    asks the owner, in its own request file, to record it."""
    entry = members.devices.get(studio.device_id, {})
    if entry.get("kx") == sg.b64(ring.kx_public):
        return
    name = mb.request_name(studio.device_id)
    for key in ring.generations.values():
        req = rotation.open_join_request(key, t.read(name) or b"", keys.studio.studio_id)
        if req is not None and req["kx"] == sg.b64(ring.kx_public):
            return  # asked already; the owner's next sync records it
    gen = max(ring.generations)
    t.write(
        name,
        rotation.seal_join_request(
            keys, ring, entry.get("name", ""), ring.generations[gen], keys.studio.studio_id
        ),
    )


def _send(
    studio: Studio,
    t: Transport,
    keys: LocalKeys,
    report: SyncReport,
    members: mb.Membership | None = None,
    ring: rotation.Keyring | None = None,
) -> None:
    # segments made earlier whose upload did not finish go first
    box = _outbox(studio)
    recorded = _last_segment(studio, studio.device_id)[0]
    for path in sorted(box.glob("*.seg")) if box.is_dir() else []:
        if int(path.stem) <= recorded:
            t.write(sg.file_name(studio.device_id, int(path.stem)), path.read_bytes())
        path.unlink()  # one never recorded (a crash before its commit) is made again below
    ring = ring or rotation.load_keyring(studio.data_dir, keys)
    sending = rotation.sending_key(ring, members) if members else (0, keys.studio.key)
    if sending is None:
        report.waiting_key = pending_records(studio) > 0
        return
    generation, studio_key = sending
    while True:
        number, prev, last_seq = _last_segment(studio, studio.device_id)
        with studio.read() as conn:
            rows = list(conn.exec_driver_sql(_OUTGOING, (last_seq, SEGMENT_RECORDS)).fetchall())
            if len(rows) == SEGMENT_RECORDS:  # never split a transaction between segments
                rows += conn.exec_driver_sql(
                    _OUTGOING.replace("ORDER BY", "AND t.id = ? ORDER BY"),
                    (rows[-1][0], rows[-1][1], SEGMENT_RECORDS * 100),
                ).fetchall()
        if not rows:
            return
        records = [
            {**dict(zip(_FLAT, r[1:10], strict=True)), "hlc": r[10], "wall_time": r[11]}
            for r in rows
        ]
        stamps = sorted(r["hlc"] for r in records)
        header = sg.Header(
            format=sg.FORMAT,
            studio=keys.studio.studio_id,
            device=studio.device_id,
            number=number + 1,
            prev=prev,
            schema=schema.HEAD,
            records=len(records),
            first=stamps[0],
            last=stamps[-1],
            max_wall=max(wall_ms(s) for s in stamps),
            created=_clock_iso(studio),
            nonce=sg.new_nonce(),
            generation=generation,
            app=__version__,
        )
        data = sg.seal(header, sg.encode_records(records), studio_key, keys.signer)
        box.mkdir(exist_ok=True)
        staged = box / f"{header.number:08d}.seg"
        staged.write_bytes(data)
        with studio.engine.connect() as conn, conn.begin():
            conn.exec_driver_sql(
                "INSERT INTO sync_segment (device, number, hash, records, last_seq, applied_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    studio.device_id,
                    header.number,
                    sg.digest(data),
                    len(records),
                    rows[-1][0],
                    _now_iso(),
                ),
            )
        t.write(sg.file_name(studio.device_id, header.number), data)
        staged.unlink()
        report.sent_segments += 1
        report.sent_records += len(records)


def _receive(
    studio: Studio,
    t: Transport,
    keys: LocalKeys,
    members: mb.Membership,
    device: str,
    report: SyncReport,
    ring: rotation.Keyring | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> None:
    ring = ring or rotation.load_keyring(studio.data_dir, keys)
    numbers = sorted(
        int(m.group(1)) for m in map(_SEG_NAME.match, t.list(f"journal/{device}")) if m
    )
    last, prev, _seq = _last_segment(studio, device)
    todo = report.received_segments + sum(1 for n in numbers if n > last)
    laptop = members.devices.get(device, {}).get("name")
    # consecutive segments are applied in one transaction, up to APPLY_BATCH_RECORDS records:
    # a joining laptop commits (and reindexes its search) a few times, not once per segment
    tx: Transaction | None = None
    batched = 0
    with ExitStack() as batch:
        for number in numbers:
            if number <= last:
                continue
            name = sg.file_name(device, number)

            def hold(reason: str, name: str = name) -> None:
                report.held.append({"file": name, "device": device, "reason": reason})

            def refuse(reason: str, name: str = name) -> None:
                report.refused.append({"file": name, "device": device, "reason": reason})

            if number != last + 1:
                hold(f"waits for segment {last + 1} of this laptop, not here yet")
                return
            if cancel is not None and cancel():
                report.cancelled = True
                return
            if progress is not None:
                progress(
                    report.received_segments,
                    todo,
                    f"Fetching changes from {laptop or 'laptop ' + device[:8]}",
                )
            data = t.read(name)
            try:
                if data is None:
                    raise sg.Truncated("the file vanished while reading")
                header, body, signature = sg.read_header(data)
                if header.studio != keys.studio.studio_id:
                    raise sg.Refused("it belongs to another studio")
                if header.device != device or header.number != number:
                    raise sg.Refused(
                        "its header names another laptop or number (moved or replayed)"
                    )
                key = members.key_of(device)
                if key is None:
                    hold("its laptop is not (yet) admitted by the owner")
                    return
                removed = members.removed.get(device)
                if removed and number > int(removed.get("last_number", 0)):
                    raise sg.Refused("its laptop was removed from the studio")
                sg.verify(body, signature, key)
                if header.prev != prev:
                    raise sg.Refused(
                        f"it does not follow segment {number - 1} (replayed or forged)"
                    )
                if header.schema not in schema.REVISIONS:
                    hold(
                        f"written by a newer Travel Studio (schema {header.schema}); update to see its "
                        f"{header.records:,} changes"
                    )
                    return
                now = studio.clock.now_ms()
                if header.max_wall > now + MAX_AHEAD_MS:
                    ahead = (header.max_wall - now) / 60000
                    hold(
                        f"its laptop's clock is {ahead:,.0f} min ahead of this one's; applied once its "
                        "stamps are no longer in the future"
                    )
                    return
                studio_key = ring.key(header.generation)
                if studio_key is None:
                    hold(
                        f"sealed with the studio key of generation {header.generation}, which the "
                        "owner's laptop has not handed to this one yet"
                    )
                    return
                records = sg.decode_records(sg.unseal(header, body, studio_key))
                if len(records) != header.records:
                    raise sg.Refused("it holds another number of records than its header says")
                good, bad = _check_records(records)
                if good and max(wall_ms(r["hlc"]) for r in good) > now + MAX_AHEAD_MS:
                    hold("its stamps are ahead of this laptop's clock; applied once they are not")
                    return
            except sg.Truncated as exc:
                hold(f"{exc.reason}; retried when it arrives whole")
                return
            except sg.Refused as exc:
                refuse(exc.reason)
                return
            if tx is None or batched >= APPLY_BATCH_RECORDS:
                batch.close()  # commits the segments applied so far
                tx, batched = batch.enter_context(studio.transaction()), 0
            result = privacy_erase.apply_remote(tx, good)  # erasures honoured (issue 13)
            review.record(tx.conn, result.collisions)
            tx.conn.exec_driver_sql(
                "INSERT INTO sync_segment (device, number, hash, records, last_seq, applied_at, "
                "written_at) VALUES (?, ?, ?, ?, NULL, ?, ?)",
                (device, number, sg.digest(data), len(records), _clock_iso(studio), header.created),
            )
            batched += len(records)
            report.received_segments += 1
            report.received_records += result.applied
            report.duplicates += result.duplicates
            report.parked += result.parked + bad
            report.collisions += result.collisions
            report.received_from[device] = report.received_from.get(device, 0) + result.applied
            last, prev = number, sg.digest(data)


def _check_records(records: list[dict]) -> tuple[list[dict], int]:
    """Records fit to apply, and how many were not (kept out; never fails the segment)."""
    good = []
    ok_op = set(OPS)
    for r in records:
        try:
            fit = (
                r["op"] in ok_op
                and _HLC.match(r["hlc"]) is not None
                and r["table_name"]
                and r["row_id"]
                and r["field"]
                and type(r["table_name"]) is type(r["row_id"]) is type(r["field"]) is str
                and (r["old"] is None or type(r["old"]) is str)
                and (r["new"] is None or type(r["new"]) is str)
                and type(r["tx"]) is type(r["device_id"]) is type(r["wall_time"]) is str
            )
        except (KeyError, TypeError):
            fit = False
        if fit:
            good.append(r)
    return good, len(records) - len(good)


# -- status and removal ---------------------------------------------------------------------
def status(studio: Studio) -> dict:
    """What this laptop knows about the shared studio (for ``share status``)."""
    keys = _keys(studio)
    out: dict = {
        "place": keys.place,
        "studio": keys.studio.studio_id,
        "device": studio.device_id,
        "owner": keys.owner,
        "fingerprint": keys.studio.fingerprint(),
        "waiting_to_go_out": pending_records(studio),
        "last_sync": json.loads(studio.setting("sync_last") or "null"),
        "laptops": [],
    }
    t = open_place(keys.place)
    try:
        t.check()
        members = _read_membership(t, keys)
    except SyncError as exc:
        out["problem"] = str(exc)
        return out
    out["key_generation"] = members.generation
    with studio.read() as conn:
        seen = {
            d: (n, at)
            for d, n, at in conn.exec_driver_sql(
                "SELECT device, max(number), max(applied_at) FROM sync_segment GROUP BY device"
            )
        }
        offsets = clock_offsets(conn, studio.device_id)
    for device, entry in [*members.devices.items(), *members.removed.items()]:
        n, at = seen.get(device, (0, None))
        out["laptops"].append(
            {
                "device": device,
                "name": entry.get("name", ""),
                "removed": device in members.removed,
                "segments": n,
                "last_seen": at,
                "this_laptop": device == studio.device_id,
                "clock_offset_s": 0 if device == studio.device_id else offsets.get(device),
            }
        )
    return out


#: How many of a laptop's latest segments its clock offset is estimated from.
OFFSET_SAMPLES = 20


def clock_offsets(conn: Connection, this_device: str) -> dict[str, int]:
    """Each other laptop's clock offset from this one's, estimated in seconds (positive: ahead).

    A segment says when its laptop wrote it, by that laptop's clock; this laptop notes when it
    took the segment in, by its own. The difference is the offset less the time the file took
    to arrive, so the largest difference over a laptop's latest segments is the best estimate,
    and a lower bound: that laptop's clock is at least this far ahead (or at most this far
    behind). Laptops with no such segment yet are left out."""
    rows = conn.exec_driver_sql(
        "SELECT device, written_at, applied_at FROM sync_segment "
        "WHERE device != ? AND written_at IS NOT NULL ORDER BY device, number DESC",
        (this_device,),
    ).fetchall()
    samples: dict[str, list[float]] = {}
    for device, written, applied in rows:
        got = samples.setdefault(device, [])
        if len(got) >= OFFSET_SAMPLES:
            continue
        try:
            diff = _parse_iso(written) - _parse_iso(applied)
        except ValueError:
            continue
        got.append(diff)
    return {device: round(max(got)) for device, got in samples.items() if got}


def _parse_iso(text: str) -> float:
    """Seconds since the epoch of an ISO 8601 UTC time as segments and this module write it."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def remove_device(studio: Studio, device: str) -> str:
    """Remove a laptop (owner only): its segments after the last one seen here are refused."""
    keys = _keys(studio)
    if not keys.owner:
        raise SyncError("Only the owner's laptop can remove a laptop from the studio.")
    t = open_place(keys.place)
    t.check()
    members = _read_membership(t, keys)
    matches = [d for d in members.devices if d == device or d.startswith(device)]
    if len(matches) != 1:
        raise SyncError(f"No single laptop {device} in this studio (see “share status”).")
    (device,) = matches
    if device == studio.device_id:
        raise SyncError("The owner's laptop cannot remove itself.")
    last, _h, _s = _last_segment(studio, device)
    entry = members.devices.pop(device)
    members.removed[device] = {**entry, "removed": _now_iso(), "last_number": last}
    # a new generation of the studio key, handed to the laptops that stay (before the membership
    # file names it, so each finds its key when it reads the file)
    ring = rotation.load_keyring(studio.data_dir, keys)
    rotation.rotate(t, keys, ring, members, studio.data_dir)
    members.version += 1
    t.write(mb.NAME, members.sign(keys.signer))
    return device


def fetch_media(studio: Studio, sha256: str) -> Path | None:
    """Fetch one photo file from the shared place now (see :func:`studio.sync.media.fetch_media`):
    its local path, or None when it is not in the place yet."""
    return photos.fetch_media(studio, sha256)


def write_key_file(studio: Studio, path: Path) -> str:
    """Owner: write a key file for a new laptop (0600) holding the studio's current key; after
    a laptop was removed, the key file the studio was shared with no longer admits anyone.
    Returns the join code (fingerprint) to compare on the new laptop."""
    key = current_key(studio)
    key.write(Path(path))
    return key.fingerprint()


def current_key(studio: Studio) -> StudioKey:
    """Owner: the studio key a new laptop joins with now (the current generation: after a laptop
    was removed, the first key no longer admits anyone). Reads the shared place."""
    keys = _keys(studio)
    if not keys.owner:
        raise SyncError("Only the owner's laptop writes key files for new laptops.")
    t = open_place(keys.place)
    t.check()
    members = _read_membership(t, keys)
    return rotation.key_file(keys, rotation.load_keyring(studio.data_dir, keys), members)
