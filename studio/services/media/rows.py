"""Reading a trip's rows for its photos and story: the trip, its days (the current version's, else
one per date), its photos in book order, the day journals and the memory book's settings."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from studio.domain import dates
from studio.domain.base import table_of
from studio.domain.media_models import MemoryBook, TripJournal, TripMedia
from studio.domain.trip_models import Trip, TripDay
from studio.errors import NotFoundError, ValidationError
from studio.store import Studio, Transaction


def live_rows(conn: Connection, model: type, order: tuple[str, ...] = (), **where: Any) -> list:
    """The rows of ``model`` not deleted that match ``where``, as model objects, in ``order``."""
    t = table_of(model)
    q = select(t).where(t.c.deleted_at.is_(None), *[t.c[k] == v for k, v in where.items()])
    if order:
        q = q.order_by(*[t.c[o] for o in order])
    return [model(**r) for r in conn.execute(q).mappings()]


def trip_row(studio: Studio, trip_id: str) -> Trip:
    """The trip (not deleted); :class:`NotFoundError` otherwise."""
    with studio.read() as conn:
        row = (
            conn.execute(select(table_of(Trip)).where(table_of(Trip).c.id == trip_id))
            .mappings()
            .first()
        )
    if row is None or row["deleted_at"]:
        raise NotFoundError(f"No trip with id {trip_id}.")
    return Trip(**row)


def trip_days(studio: Studio, trip: Trip) -> list[TripDay]:
    """The days of the trip's current version, in order."""
    if not trip.current_version_id:
        return []
    with studio.read() as conn:
        return live_rows(
            conn, TripDay, ("position", "day_number"), version_id=trip.current_version_id
        )


def day_dates(studio: Studio, trip: Trip) -> dict[str, int]:
    """``{YYYY-MM-DD: day number}`` from the current version's days, else start date + n."""
    out: dict[str, int] = {}
    days = trip_days(studio, trip)
    start = date.fromisoformat(trip.start_date) if trip.start_date else None
    for d in days:
        when = d.date
        if when is None and start is not None:
            when = dates.trip_day(start, d.day_number).isoformat()
        if when:
            out.setdefault(when, d.day_number)
    if not days and start and trip.end_date:
        for n, on in enumerate(dates.trip_dates(start, date.fromisoformat(trip.end_date)), 1):
            out[on.isoformat()] = n
    return out


def tx_live_rows(tx: Transaction, model: type, **where: Any) -> list:
    """Like :func:`live_rows`, inside the open transaction (what it has written so far included)."""
    tx.flush()
    return live_rows(tx.conn, model, (), **where)


def day_count(studio: Studio, trip: Trip) -> int:
    days = trip_days(studio, trip)
    if days:
        return max(d.day_number for d in days)
    if trip.start_date and trip.end_date:
        return (date.fromisoformat(trip.end_date) - date.fromisoformat(trip.start_date)).days + 1
    return 0


def check_day(studio: Studio, trip: Trip, value: Any, *, optional: bool) -> int | None:
    if value is None or value == "":
        if optional:
            return None
        raise ValidationError("day_number", "Choose the day of the trip.")
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "day_number", f"The day must be a day number like 3, not “{value}”."
        ) from None
    count = day_count(studio, trip)
    if n < 1 or (count and n > count):
        raise ValidationError(
            "day_number",
            f"Day {n} is not a day of this trip (it has {count} day{'s' if count != 1 else ''})."
            if count
            else f"Day {n} is not a day number (days start at 1).",
        )
    return n


def journal_of(studio: Studio, trip_id: str) -> dict[int, TripJournal]:
    """The trip's day journals by day number."""
    with studio.read() as conn:
        rows = live_rows(conn, TripJournal, ("day_number",), trip_id=trip_id)
    return {r.day_number: r for r in rows}


def highlights_of(entry: TripJournal | None) -> list[str]:
    if entry is None:
        return []
    try:
        items = json.loads(entry.highlights or "[]")
    except json.JSONDecodeError:
        return []
    return [str(x) for x in items] if isinstance(items, list) else []


def book_settings(studio: Studio, trip_id: str) -> MemoryBook:
    """The trip's memory-book settings; an unsaved row of defaults when none were set."""
    trip = trip_row(studio, trip_id)
    with studio.read() as conn:
        rows = live_rows(conn, MemoryBook, ("created_at",), trip_id=trip_id)
    return rows[0] if rows else MemoryBook(id="", client_id=trip.client_id, trip_id=trip_id)


def media_of(studio: Studio, trip_id: str, *, included_only: bool = False) -> list[TripMedia]:
    """The trip's photos in book order."""
    with studio.read() as conn:
        rows = live_rows(
            conn, TripMedia, ("position", "taken_at", "original_name"), trip_id=trip_id
        )
    return [r for r in rows if r.included] if included_only else rows


def get_media(studio: Studio, media_id: str) -> TripMedia:
    with studio.read() as conn:
        row = (
            conn.execute(select(table_of(TripMedia)).where(table_of(TripMedia).c.id == media_id))
            .mappings()
            .first()
        )
    if row is None:
        raise NotFoundError(f"No photo with id {media_id}.")
    return TripMedia(**row)
