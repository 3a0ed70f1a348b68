"""The day-by-day plan of a version: days and items, added, changed, removed and moved. An edit
aimed at a locked (approved) version lands in a copy of it (see
:func:`studio.services.trips.versions.writable_version`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from studio.domain import validate
from studio.domain.dates import trip_day
from studio.domain.trip_models import CHANGE_REASONS, Supplier, Trip, TripDay, TripItem
from studio.errors import ValidationError
from studio.services.trips.flights import item_span
from studio.services.trips.reading import get_row, trip_of_version, tx_rows
from studio.services.trips.validators import clean_item, text_field
from studio.services.trips.versions import WritableVersion, writable, writable_version
from studio.store import Studio, Transaction


def add_day(
    studio: Studio, version_id: str, *, title: str = "", notes: str = "", date: str | None = None
) -> TripDay:
    """Append a day to a version (dated the day after its last day when the trip has dates)."""
    title = text_field(title, "title", max_len=200)
    notes = text_field(notes, "notes", max_len=20000)
    with studio.transaction() as tx:
        vid, _, _ = writable_version(tx, version_id)
        trip = trip_of_version(tx, vid)
        existing = tx_rows(tx, TripDay, ("position",), version_id=vid)
        number = len(existing) + 1
        if date:
            date = validate.iso_date(date, "date")
        elif trip.start_date:
            date = trip_day(datetime.fromisoformat(trip.start_date).date(), number).isoformat()
        if (
            date
            and trip.start_date
            and trip.end_date
            and not trip.start_date <= date <= trip.end_date
        ):
            raise ValidationError(
                "date",
                f"Day {number} ({date}) falls outside the trip's dates ({trip.start_date} to {trip.end_date}); change the trip's dates first.",
            )
        return tx.create(
            TripDay,
            client_id=trip.client_id,
            version_id=vid,
            day_number=number,
            date=date,
            title=title,
            notes=notes,
            position=number,
        )


def update_day(studio: Studio, day_id: str, **changes: Any) -> dict:
    data = {}
    for k, v in changes.items():
        if k in ("title",):
            data[k] = text_field(v, k, max_len=200)
        elif k == "notes":
            data[k] = text_field(v, k, max_len=20000)
        else:
            raise ValidationError(k, f"A day has no editable field “{k}”.")
    with studio.transaction() as tx:
        day = get_row(tx, TripDay, day_id)
        _, day_map, _ = writable_version(tx, day.version_id)
        return tx.update(TripDay, day_map.get(day_id, day_id), **data)


def remove_day(studio: Studio, day_id: str, *, change_reason: str | None = None) -> str:
    """Delete a day and its items (soft; undo brings them back). The days after it move up one:
    numbers follow the order and, as in :func:`reorder_days`, the dates stay on the calendar while
    the plans move. Returns the version the day was removed from."""
    with studio.transaction() as tx:
        day = get_row(tx, TripDay, day_id)
        vid, day_map, item_map = writable_version(tx, day.version_id)
        trip = trip_of_version(tx, vid)
        _require_reason(trip, {"change_reason": change_reason})
        target = day_map.get(day_id, day_id)
        existing = tx_rows(tx, TripDay, ("position", "day_number"), version_id=vid)
        dates = [d.date for d in existing]
        for it in tx_rows(tx, TripItem, ("position",), day_id=target):
            if change_reason:
                tx.update(TripItem, it.id, change_reason=change_reason)
            tx.delete(TripItem, it.id)
        tx.delete(TripDay, target)
        for n, d in enumerate(r for r in existing if r.id != target):
            tx.update(TripDay, d.id, position=n + 1, day_number=n + 1, date=dates[n])
        return vid


def _check_flight(
    tx: Transaction, version_id: str, day: TripDay, item_id: str | None, data: dict
) -> None:
    """Refuse a flight whose times overlap another flight of the same version."""
    if data.get("kind") != "flight":
        return
    span = item_span(day.date, data)
    if span is None:
        return
    days_by_id = {d.id: d for d in tx_rows(tx, TripDay, version_id=version_id)}
    for other in tx_rows(tx, TripItem, version_id=version_id, kind="flight"):
        if other.id == item_id:
            continue
        o_day = days_by_id.get(other.day_id)
        o_span = item_span(o_day.date if o_day else None, other.model_dump())
        if o_day and o_span and span[0] < o_span[1] and o_span[0] < span[1]:
            raise ValidationError(
                "start_time",
                f"This flight overlaps the flight “{other.title}” (day {o_day.day_number}, {other.start_time}–{other.end_time}).",
            )


def _require_reason(trip: Trip, data: dict) -> None:
    if trip.status == "travelling" and not data.get("change_reason"):
        raise ValidationError(
            "change_reason",
            f"The client is travelling: say why this changes (e.g. {', '.join(CHANGE_REASONS)}).",
        )


def add_item(
    studio: Studio, day_id: str, title: str, kind: str = "activity", **fields: Any
) -> TripItem:
    """Add an item at the end of a day (or at ``position``)."""
    data = clean_item({"title": title, "kind": kind, **fields})
    with studio.transaction() as tx:
        day = get_row(tx, TripDay, day_id)
        vid, day_map, _ = writable_version(tx, day.version_id)
        day = get_row(tx, TripDay, day_map.get(day_id, day_id))
        trip = trip_of_version(tx, vid)
        _require_reason(trip, data)
        if data.get("supplier_id") and tx.get(Supplier, data["supplier_id"]) is None:
            raise ValidationError(
                "supplier_id", "The supplier chosen for this item does not exist."
            )
        if (data.get("cost") or data.get("price")) and not data.get("currency"):
            data["currency"] = trip.currency  # an empty currency field means the trip's
        _check_flight(tx, vid, day, None, data)
        siblings = tx_rows(tx, TripItem, ("position",), day_id=day.id)
        pos = data.pop("position", None)
        item = tx.create(
            TripItem,
            client_id=trip.client_id,
            version_id=vid,
            day_id=day.id,
            position=len(siblings),
            **data,
        )
        if pos is not None:
            _place(tx, day.id, item.id, pos)
        return get_row(tx, TripItem, item.id)


def update_item(studio: Studio, item_id: str, **changes: Any) -> TripItem:
    """Change an item; on a locked version the change lands in a new version. Returns the item
    as it now is (in the version where the change landed)."""
    data = clean_item(changes)
    with studio.transaction() as tx:
        it = get_row(tx, TripItem, item_id)
        vid, _, item_map = writable_version(tx, it.version_id)
        target = item_map.get(item_id, item_id)
        it = get_row(tx, TripItem, target)
        trip = trip_of_version(tx, vid)
        _require_reason(trip, data)
        if data.get("supplier_id") and tx.get(Supplier, data["supplier_id"]) is None:
            raise ValidationError(
                "supplier_id", "The supplier chosen for this item does not exist."
            )
        merged = {**it.model_dump(), **data}
        if merged.get("currency") is None and (merged.get("cost") or merged.get("price")):
            data["currency"] = trip.currency
        _check_flight(tx, vid, get_row(tx, TripDay, it.day_id), target, merged)
        tx.update(TripItem, target, **data)
        return get_row(tx, TripItem, target)


def remove_item(studio: Studio, item_id: str, *, change_reason: str | None = None) -> str:
    """Delete an item (soft; undo brings it back). Returns the version it was removed from."""
    with studio.transaction() as tx:
        it = get_row(tx, TripItem, item_id)
        vid, _, item_map = writable_version(tx, it.version_id)
        trip = trip_of_version(tx, vid)
        _require_reason(trip, {"change_reason": change_reason})
        target = item_map.get(item_id, item_id)
        if change_reason:
            tx.update(TripItem, target, change_reason=change_reason)
        tx.delete(TripItem, target)
        return vid


def _place(tx: Transaction, day_id: str, item_id: str, position: int) -> None:
    rows = [r for r in tx_rows(tx, TripItem, ("position",), day_id=day_id) if r.id != item_id]
    position = max(0, min(int(position), len(rows)))
    ids = [r.id for r in rows]
    ids.insert(position, item_id)
    for n, rid in enumerate(ids):
        tx.update(TripItem, rid, position=n)


def reorder_items(studio: Studio, day_id: str, item_ids: list[str]) -> None:
    """Put a day's items in the given order (all of them, each once)."""
    with studio.transaction() as tx:
        day = get_row(tx, TripDay, day_id)
        have = [r.id for r in tx_rows(tx, TripItem, ("position",), day_id=day_id)]
        if sorted(have) != sorted(item_ids):
            raise ValidationError("items", "The new order must list each of the day's items once.")
        _, day_map, item_map = writable_version(tx, day.version_id)
        for n, rid in enumerate(item_ids):
            tx.update(TripItem, item_map.get(rid, rid), position=n)


def move_item(studio: Studio, item_id: str, day_id: str, position: int | None = None) -> TripItem:
    """Move an item to another day of the same version (at ``position``, else at the end)."""
    with studio.transaction() as tx:
        it = get_row(tx, TripItem, item_id)
        day = get_row(tx, TripDay, day_id)
        if day.version_id != it.version_id:
            raise ValidationError("day_id", "An item can only move to a day of the same version.")
        _, day_map, item_map = writable_version(tx, it.version_id)
        target, to_day = item_map.get(item_id, item_id), day_map.get(day_id, day_id)
        old_day = get_row(tx, TripItem, target).day_id
        merged = get_row(tx, TripItem, target).model_dump()
        _check_flight(
            tx,
            get_row(tx, TripDay, to_day).version_id,
            get_row(tx, TripDay, to_day),
            target,
            merged,
        )
        tx.update(TripItem, target, day_id=to_day)
        n = len(tx_rows(tx, TripItem, day_id=to_day)) - 1
        _place(tx, to_day, target, n if position is None else position)
        for k, r in enumerate(tx_rows(tx, TripItem, ("position",), day_id=old_day)):
            tx.update(TripItem, r.id, position=k)
        return get_row(tx, TripItem, target)


def reorder_days(studio: Studio, version_id: str, day_ids: list[str]) -> None:
    """Put a version's days in the given order; day numbers and dates follow the new order (the
    dates stay where they were on the calendar, the plans move)."""
    with studio.transaction() as tx:
        existing = tx_rows(tx, TripDay, ("position", "day_number"), version_id=version_id)
        if sorted(d.id for d in existing) != sorted(day_ids):
            raise ValidationError(
                "days", "The new order must list each of the version's days once."
            )
        dates = [d.date for d in existing]
        _, day_map, _ = writable_version(tx, version_id)
        for n, did in enumerate(day_ids):
            tx.update(
                TripDay, day_map.get(did, did), position=n + 1, day_number=n + 1, date=dates[n]
            )


def arranged(current: Sequence[str], moving: Sequence[str], row: int = -1) -> list[str]:
    """``current`` with ``moving`` (in that order) put before what is now its ``row``-th entry;
    -1 or past the end: at the end. ``row`` counts the entries as they are, the moving ones
    included (as a drop names the row it lands on); ids of ``moving`` not in ``current`` come in."""
    if row < 0 or row > len(current):
        row = len(current)
    before = sum(1 for i in current[:row] if i in moving)
    order = [i for i in current if i not in moving]
    at = row - before
    order[at:at] = list(moving)
    return order


def move_items(
    studio: Studio,
    item_ids: Sequence[str],
    day_id: str,
    row: int = -1,
    *,
    change_reason: str | None = None,
) -> WritableVersion:
    """Put ``item_ids`` (in that order, all of the day's version) into ``day_id`` before what is now
    its ``row``-th item (-1: at the end), as one change: on an approved version the move lands in
    one new version. ``change_reason`` (why the plan moves on the road) is kept on each moved item.
    Returns where the move landed (the ids of the copies when a version was started)."""
    with studio.transaction() as tx:
        day = get_row(tx, TripDay, day_id)
        came_from: dict[str, str] = {}
        for i in item_ids:
            it = get_row(tx, TripItem, i)
            if it.version_id != day.version_id:
                raise ValidationError(
                    "day_id", "An item can only move to a day of the same version."
                )
            came_from[i] = it.day_id
        current = [r.id for r in tx_rows(tx, TripItem, ("position",), day_id=day_id)]
        order = arranged(current, item_ids, row)
        if order == current and not change_reason:
            return WritableVersion(day.version_id)  # nothing moves: no new version either
        target = writable(studio, day.version_id)
        to_day = target.day(day_id)
        for i in item_ids:  # moves into the day land at its end; then the day's final order
            if came_from[i] != day_id:
                move_item(studio, target.item(i), to_day)
        reorder_items(studio, to_day, [target.item(i) for i in order])
        if change_reason:  # the trip's story keeps why its plan moved on the road
            for i in item_ids:
                update_item(studio, target.item(i), change_reason=change_reason)
        return target


def move_days(
    studio: Studio, version_id: str, day_ids: Sequence[str], row: int = -1
) -> WritableVersion:
    """Put ``day_ids`` (in that order) before what is now the version's ``row``-th day (-1: at the
    end); numbers and dates follow the new order as in :func:`reorder_days`. One change: on an
    approved version it lands in one new version. Returns where it landed."""
    with studio.transaction() as tx:
        current = [
            d.id for d in tx_rows(tx, TripDay, ("position", "day_number"), version_id=version_id)
        ]
        if any(d not in current for d in day_ids):
            raise ValidationError("days", "Only the version's own days can move.")
        order = arranged(current, day_ids, row)
        if order == current:
            return WritableVersion(version_id)
        target = writable(studio, version_id)
        reorder_days(studio, target.version_id, [target.day(d) for d in order])
        return target
