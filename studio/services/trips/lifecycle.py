"""Trips: creating one (with its first version and a day per date), its fields, its place in the
pipeline (status) and its travellers."""

from __future__ import annotations

from datetime import date
from typing import Any

from studio.domain import dates, validate
from studio.domain.models import Advisor, Client, Person
from studio.domain.trip_models import Trip, TripDay, TripTraveller, TripVersion
from studio.domain.values import TripStatus
from studio.errors import ValidationError
from studio.services.trips.reading import get_row, tx_rows
from studio.services.trips.totals import presend_check
from studio.services.trips.validators import clean_trip
from studio.store import Studio


def _dates(start: str | None, end: str | None) -> list[str]:
    if not start or not end:
        return []
    return [
        d.isoformat() for d in dates.trip_dates(date.fromisoformat(start), date.fromisoformat(end))
    ]


def create_trip(
    studio: Studio,
    client_id: str,
    title: str,
    *,
    travellers: list[str] | None = None,
    **fields: Any,
) -> Trip:
    """A new trip with its first version (v1), one empty day per date when the dates are known.

    ``travellers`` are person ids of the client's party; by default the whole party travels.
    """
    data = clean_trip({"title": title, **fields})
    data.setdefault("advisor_id", studio.advisor_id)
    with studio.transaction() as tx:
        if tx.get(Client, client_id) is None:
            raise ValidationError("client_id", "The client chosen for this trip does not exist.")
        if data.get("advisor_id") and tx.get(Advisor, data["advisor_id"]) is None:
            raise ValidationError("advisor_id", "The advisor chosen for this trip does not exist.")
        party = {p.id for p in tx_rows(tx, Person, client_id=client_id)}
        chosen = list(travellers) if travellers is not None else sorted(party)
        for pid in chosen:
            if pid not in party:
                raise ValidationError(
                    "travellers", "A traveller must be one of the client's party."
                )
        trip = tx.create(Trip, client_id=client_id, **data)
        for pid in chosen:
            tx.create(TripTraveller, client_id=client_id, trip_id=trip.id, person_id=pid)
        v1 = tx.create(
            TripVersion, client_id=client_id, trip_id=trip.id, number=1, label="First proposal"
        )
        for n, d in enumerate(_dates(data.get("start_date"), data.get("end_date")), start=1):
            tx.create(
                TripDay, client_id=client_id, version_id=v1.id, day_number=n, date=d, position=n
            )
        tx.update(Trip, trip.id, current_version_id=v1.id)
        return get_row(tx, Trip, trip.id)


def update_trip(studio: Studio, trip_id: str, **changes: Any) -> dict:
    """Change a trip's fields. Days already planned are kept even if new dates leave them outside
    (the pre-send check lists them)."""
    with studio.transaction() as tx:
        current = get_row(tx, Trip, trip_id).model_dump()
        data = clean_trip(changes, current)
        if "current_version_id" in data:
            v = tx.get(TripVersion, data["current_version_id"])
            if v is None or v.trip_id != trip_id:
                raise ValidationError(
                    "current_version_id", "That version is not one of this trip's."
                )
        return tx.update(Trip, trip_id, **data)


def set_status(studio: Studio, trip_id: str, status: str, *, acknowledged: bool = False) -> dict:
    """Move a trip along the pipeline. Marking it proposed runs :func:`presend_check` first and
    refuses while it finds problems, unless the advisor ``acknowledged`` them."""
    status = validate.choice(TripStatus, status, "status")
    if status == "proposed" and not acknowledged:
        problems = presend_check(studio, trip_id)
        if problems:
            raise ValidationError(
                "status",
                "Before sending, check: "
                + "; ".join(problems[:5])
                + (" …" if len(problems) > 5 else "")
                + ".",
            )
    return update_trip(studio, trip_id, status=status)


def set_travellers(studio: Studio, trip_id: str, person_ids: list[str]) -> None:
    with studio.transaction() as tx:
        trip = get_row(tx, Trip, trip_id)
        party = {p.id for p in tx_rows(tx, Person, client_id=trip.client_id)}
        if any(p not in party for p in person_ids):
            raise ValidationError("travellers", "A traveller must be one of the client's party.")
        have = {t.person_id: t for t in tx_rows(tx, TripTraveller, trip_id=trip_id)}
        for pid, row in have.items():
            if pid not in person_ids:
                tx.delete(TripTraveller, row.id)
        for pid in person_ids:
            if pid not in have:
                tx.create(TripTraveller, client_id=trip.client_id, trip_id=trip_id, person_id=pid)
