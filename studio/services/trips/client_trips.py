"""A client's trips as their dossier shows them: every trip with its totals, what the client has
spent per currency (never converted), the next departure and the last trip taken."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from studio.services.agenda.trip_sources import BOOKED_STATUSES
from studio.services.trips.pipeline import PipelineLine, pipeline_lines
from studio.store import Studio


@dataclass
class ClientTrips:
    trips: list[PipelineLine] = field(default_factory=list)
    spend: dict[str, Decimal] = field(default_factory=dict)  # booked trips' prices per currency
    next_departure: PipelineLine | None = None  # the first trip starting today or later
    last_trip: PipelineLine | None = None  # the latest booked trip already over or under way


def client_trips(studio: Studio, client_id: str, today: date | None = None) -> ClientTrips:
    """The dossier's Trips tab and header figures. Spend counts the current version's prices of
    trips booked or taken (confirmed, travelling, completed, followed up), per currency."""
    today_s = (today or date.today()).isoformat()
    lines = pipeline_lines(studio, [client_id])
    out = ClientTrips(trips=lines)
    for t in lines:
        if t.status in BOOKED_STATUSES:
            for cur, tot in t.totals.items():
                out.spend[cur] = out.spend.get(cur, Decimal(0)) + tot.price
    upcoming = [
        t for t in lines if t.status != "cancelled" and t.start_date and t.start_date >= today_s
    ]
    if upcoming:
        out.next_departure = min(upcoming, key=lambda t: t.start_date or "")
    taken = [
        t for t in lines if t.status in BOOKED_STATUSES and t.start_date and t.start_date < today_s
    ]
    if taken:
        out.last_trip = max(taken, key=lambda t: t.start_date or "")
    out.spend = {k: v for k, v in sorted(out.spend.items()) if v}
    return out
