"""Reading trips, versions, days, items and travellers (live rows only), and the row helpers
the writing modules share."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Connection

from studio.domain.base import Row, table_name, table_of
from studio.domain.models import Person
from studio.domain.trip_models import (
    TRIP_STATUSES,
    Trip,
    TripDay,
    TripItem,
    TripTraveller,
    TripVersion,
)
from studio.errors import NotFoundError
from studio.store import Studio, Transaction

RowT = TypeVar("RowT", bound=Row)


def read_rows(
    conn: Connection, model: type[RowT], order: tuple[str, ...] = (), **where: Any
) -> list[RowT]:
    """The live rows of ``model`` matching ``where`` (column = value), in ``order``."""
    t = table_of(model)
    q = select(t).where(t.c.deleted_at.is_(None), *[t.c[k] == v for k, v in where.items()])
    if order:
        q = q.order_by(*[t.c[o] for o in order])
    return [model(**r) for r in conn.execute(q).mappings()]


def tx_rows(
    tx: Transaction, model: type[RowT], order: tuple[str, ...] = (), **where: Any
) -> list[RowT]:
    """:func:`read_rows` inside a transaction, seeing its own writes."""
    tx.flush()
    return read_rows(tx.conn, model, order, **where)


def get_row(tx: Transaction, model: type[RowT], row_id: str) -> RowT:
    """The live row ``row_id`` of ``model``, else :class:`~studio.errors.NotFoundError`."""
    row = tx.get(model, row_id)
    if row is None:
        raise NotFoundError(f"No {table_name(model).replace('_', ' ')} with id {row_id}.")
    return row


def find_trip(studio: Studio, ref: str) -> Trip:
    """A trip by id, or by a title that matches exactly one trip (exactly, else as a part)."""
    with studio.read() as conn:
        t = table_of(Trip)
        row = (
            conn.execute(select(t).where(t.c.id == ref, t.c.deleted_at.is_(None)))
            .mappings()
            .first()
        )
        if row:
            return Trip(**row)
        all_trips = read_rows(conn, Trip)
    matches = [x for x in all_trips if x.title == ref] or [
        x for x in all_trips if ref.lower() in x.title.lower()
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"No trip matches “{ref}”.")
    names = ", ".join(m.title for m in matches[:5])
    raise NotFoundError(
        f"“{ref}” matches {len(matches)} trips ({names}…); give more of the title or the id."
    )


def trips_of(studio: Studio, client_id: str | None = None) -> list[Trip]:
    with studio.read() as conn:
        where = {"client_id": client_id} if client_id else {}
        return read_rows(conn, Trip, ("start_date", "title"), **where)


def pipeline(studio: Studio) -> dict[str, list[Trip]]:
    """The studio's trips by status, in the pipeline's order."""
    out: dict[str, list[Trip]] = {s: [] for s in TRIP_STATUSES}
    for t in trips_of(studio):
        out.setdefault(t.status, []).append(t)
    return out


def versions(studio: Studio, trip_id: str) -> list[TripVersion]:
    with studio.read() as conn:
        return read_rows(conn, TripVersion, ("number",), trip_id=trip_id)


def days(studio: Studio, version_id: str) -> list[TripDay]:
    with studio.read() as conn:
        return read_rows(conn, TripDay, ("position", "day_number"), version_id=version_id)


def items(studio: Studio, day_id: str) -> list[TripItem]:
    with studio.read() as conn:
        return read_rows(conn, TripItem, ("position",), day_id=day_id)


def version_items(studio: Studio, version_id: str) -> list[TripItem]:
    with studio.read() as conn:
        return read_rows(conn, TripItem, ("position",), version_id=version_id)


def travellers(studio: Studio, trip_id: str) -> list[Person]:
    with studio.read() as conn:
        ids = [t.person_id for t in read_rows(conn, TripTraveller, trip_id=trip_id)]
        people = [
            Person(**r)
            for r in conn.execute(
                select(table_of(Person)).where(table_of(Person).c.id.in_(ids))
            ).mappings()
        ]
    return sorted(people, key=lambda p: (p.position, p.name))


def trip_of_version(tx: Transaction, version_id: str) -> Trip:
    return get_row(tx, Trip, get_row(tx, TripVersion, version_id).trip_id)
