"""Versions (proposals) of a trip: copies, labels, approval (which locks a version), restoring an
older one, the copy-on-write that edits of a locked version go through, and comparing two."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio.domain import validate
from studio.domain.trip_models import Trip, TripDay, TripItem, TripVersion
from studio.services.trips.reading import days, get_row, tx_rows, version_items
from studio.services.trips.validators import ITEM_FIELDS
from studio.store import Studio, Transaction

_COMPARED = tuple(f for f in ITEM_FIELDS if f not in ("position", "change_reason"))


def copy_version(
    tx: Transaction, version: TripVersion, label: str | None
) -> tuple[TripVersion, dict[str, str], dict[str, str]]:
    """Deep copy of a version (days and items) as the trip's next version, made current."""
    numbers = [v.number for v in tx_rows(tx, TripVersion, trip_id=version.trip_id)]
    new = tx.create(
        TripVersion,
        client_id=version.client_id,
        trip_id=version.trip_id,
        number=max(numbers) + 1,
        label=label,
        based_on_id=version.id,
    )
    day_map: dict[str, str] = {}
    item_map: dict[str, str] = {}
    for d in tx_rows(tx, TripDay, ("position",), version_id=version.id):
        nd = tx.create(
            TripDay,
            client_id=d.client_id,
            version_id=new.id,
            day_number=d.day_number,
            date=d.date,
            title=d.title,
            notes=d.notes,
            position=d.position,
        )
        day_map[d.id] = nd.id
    for it in tx_rows(tx, TripItem, ("position",), version_id=version.id):
        ni = tx.create(
            TripItem,
            client_id=it.client_id,
            version_id=new.id,
            day_id=day_map[it.day_id],
            origin_id=it.origin_id or it.id,
            title=it.title,
            **{f: getattr(it, f) for f in ITEM_FIELDS if f != "title"},
        )
        item_map[it.id] = ni.id
    tx.update(Trip, version.trip_id, current_version_id=new.id)
    return new, day_map, item_map


def duplicate_version(studio: Studio, version_id: str, label: str | None = None) -> TripVersion:
    """Start the next proposal from ``version_id``: a deep copy, which becomes current."""
    label = validate.optional_text(label, "label", max_len=200)
    with studio.transaction() as tx:
        src = get_row(tx, TripVersion, version_id)
        new, _, _ = copy_version(tx, src, label or f"Based on v{src.number}")
        return new


def label_version(studio: Studio, version_id: str, label: str | None) -> dict:
    label = validate.optional_text(label, "label", max_len=200)
    with studio.transaction() as tx:
        get_row(tx, TripVersion, version_id)
        return tx.update(TripVersion, version_id, label=label)


#: Statuses an approval moves on: the client said yes to a proposal, so the trip is confirmed.
APPROVAL_MOVES = ("inquiry", "drafting", "proposed")


def approve_version(studio: Studio, version_id: str, when: str | None = None) -> dict:
    """The client approved this version: lock it (later edits start a new version), and a trip
    still before confirmation (inquiry, drafting, proposed) becomes confirmed."""
    with studio.transaction() as tx:
        v = get_row(tx, TripVersion, version_id)
        changed = tx.update(TripVersion, v.id, locked=True, approved_at=when or tx.now)
        trip = get_row(tx, Trip, v.trip_id)
        if trip.status in APPROVAL_MOVES:
            changed |= {
                f"trip.{k}": val for k, val in tx.update(Trip, trip.id, status="confirmed").items()
            }
        return changed


def restore_version(studio: Studio, version_id: str) -> TripVersion:
    """Bring an older version back as current: a copy of it becomes the newest version, so
    nothing in between is lost and the restore itself can be compared and undone."""
    with studio.transaction() as tx:
        src = get_row(tx, TripVersion, version_id)
        new, _, _ = copy_version(tx, src, f"Restored from v{src.number}")
        return new


def writable_version(
    tx: Transaction, version_id: str
) -> tuple[str, dict[str, str], dict[str, str]]:
    """The version an edit aimed at ``version_id`` lands in, with id maps when it was copied."""
    v = get_row(tx, TripVersion, version_id)
    if not v.locked:
        return v.id, {}, {}
    new, day_map, item_map = copy_version(tx, v, f"Changes after v{v.number} was approved")
    return new.id, day_map, item_map


@dataclass(frozen=True)
class WritableVersion:
    """Where edits aimed at a version land: the version itself while it is open, else the new
    version copied from it (copy-on-write of an approved version), with the ids of the copies of
    its days and items (old id → new id)."""

    version_id: str
    copied_from: str | None = None  # the approved version the edit was aimed at, when copied
    day_ids: dict[str, str] = field(default_factory=dict)
    item_ids: dict[str, str] = field(default_factory=dict)

    @property
    def copied(self) -> bool:
        """Whether the edit started a new version."""
        return self.copied_from is not None

    def day(self, day_id: str) -> str:
        """The id the day ``day_id`` has in the version written to."""
        return self.day_ids.get(day_id, day_id)

    def item(self, item_id: str) -> str:
        """The id the item ``item_id`` has in the version written to."""
        return self.item_ids.get(item_id, item_id)


def writable(studio: Studio, version_id: str) -> WritableVersion:
    """The version edits aimed at ``version_id`` land in. An approved (locked) version is copied
    first, once: called inside a transaction (which it joins), every later write of that
    transaction can use the copy's ids, so one change to an approved plan makes one new version."""
    with studio.transaction() as tx:
        vid, day_map, item_map = writable_version(tx, version_id)
    return WritableVersion(vid, version_id if vid != version_id else None, day_map, item_map)


@dataclass(frozen=True)
class ItemChange:
    title: str
    day: int | None
    fields: tuple[str, ...] = ()
    #: The changed fields' values before and after, in the order of ``fields`` (day numbers for "day").
    old_values: tuple[Any, ...] = ()
    new_values: tuple[Any, ...] = ()
    #: The currency of the prices and costs before and after (the item's, else the trip's).
    old_currency: str | None = None
    new_currency: str | None = None


@dataclass
class Comparison:
    added: list[ItemChange] = field(default_factory=list)
    removed: list[ItemChange] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def compare_versions(studio: Studio, old_version_id: str, new_version_id: str) -> Comparison:
    """What was added, removed and changed (with the changed fields) from one version to another.

    Items are matched by lineage: a copied item remembers the first item it came from.
    """

    def load(vid: str) -> dict[str, tuple[TripItem, int | None]]:
        day_no = {d.id: d.day_number for d in days(studio, vid)}
        return {
            (i.origin_id or i.id): (i, day_no.get(i.day_id)) for i in version_items(studio, vid)
        }

    a, b = load(old_version_id), load(new_version_id)
    with studio.read() as conn:
        trip_currency = conn.exec_driver_sql(
            "SELECT t.currency FROM trip t JOIN trip_version v ON v.trip_id = t.id WHERE v.id = ?",
            (new_version_id,),
        ).scalar()
    out = Comparison()
    for key, (it, day) in b.items():
        if key not in a:
            out.added.append(ItemChange(it.title, day))
            continue
        old, old_day = a[key]
        diff = tuple(f for f in _COMPARED if getattr(old, f) != getattr(it, f))
        if old_day != day:
            diff += ("day",)
        if diff:
            olds = tuple(old_day if f == "day" else getattr(old, f) for f in diff)
            news = tuple(day if f == "day" else getattr(it, f) for f in diff)
            out.changed.append(
                ItemChange(
                    it.title,
                    day,
                    diff,
                    olds,
                    news,
                    old.currency or trip_currency,
                    it.currency or trip_currency,
                )
            )
    for key, (it, day) in a.items():
        if key not in b:
            out.removed.append(ItemChange(it.title, day))
    return out
