"""A version's totals per currency, the items that clash with a traveller's profile, and the
check before a proposal goes to the client."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from studio.domain.trip_models import Trip, TripTraveller, TripVersion
from studio.errors import NotFoundError
from studio.services import profiles
from studio.services.trips.flights import item_span
from studio.services.trips.reading import days, find_trip, read_rows, version_items
from studio.store import Studio


@dataclass(frozen=True)
class Totals:
    cost: Decimal
    price: Decimal

    @property
    def margin(self) -> Decimal:
        return self.price - self.cost

    @property
    def margin_share(self) -> Decimal | None:
        return (self.margin / self.price * 100).quantize(Decimal("0.1")) if self.price else None


def totals(studio: Studio, version_id: str) -> dict[str, Totals]:
    """Cost, price and margin of a version, per currency (never converted)."""
    acc: dict[str, list[Decimal]] = {}
    for it in version_items(studio, version_id):
        if it.cost is None and it.price is None:
            continue
        cur = it.currency or "—"
        c = acc.setdefault(cur, [Decimal(0), Decimal(0)])
        c[0] += Decimal(it.cost or 0)
        c[1] += Decimal(it.price or 0)
    return {cur: Totals(c, p) for cur, (c, p) in sorted(acc.items())}


@dataclass(frozen=True)
class Flag:
    item_id: str
    title: str
    day: int | None
    reason: str


def flags(studio: Studio, version_id: str) -> list[Flag]:
    """Items whose tags clash with a traveller's profile, each with the reason."""
    with studio.read() as conn:
        v = read_rows(conn, TripVersion, id=version_id)
        if not v:
            raise NotFoundError(f"No trip version with id {version_id}.")
        trip = read_rows(conn, Trip, id=v[0].trip_id)[0]
        going = {t.person_id for t in read_rows(conn, TripTraveller, trip_id=trip.id)}
    day_no = {d.id: d.day_number for d in days(studio, version_id)}
    out: list[Flag] = []
    for it in version_items(studio, version_id):
        tags = json.loads(it.tags or "[]")
        if not tags:
            continue
        for c in profiles.conflicts(studio, trip.client_id, tags):
            if going and c.fact.person_id and c.fact.person_id not in going:
                continue
            out.append(Flag(it.id, it.title, day_no.get(it.day_id), c.reason))
    out.sort(key=lambda f: (f.day or 0, f.title))
    return out


def presend_check(studio: Studio, trip_id: str, version_id: str | None = None) -> list[str]:
    """Everything to look at before a proposal goes to the client, one sentence each: profile
    clashes, days outside the trip's dates, overlapping flights, items priced in an unknown way."""
    trip = find_trip(studio, trip_id)
    vid = version_id or trip.current_version_id
    if vid is None:  # a trip without versions: what flags() says of a version that isn't there
        raise NotFoundError(f"No trip version with id {vid}.")
    out = [f"Day {f.day}, “{f.title}”: {f.reason}" for f in flags(studio, vid)]
    ds = days(studio, vid)
    for d in ds:
        if (
            d.date
            and trip.start_date
            and trip.end_date
            and not trip.start_date <= d.date <= trip.end_date
        ):
            out.append(
                f"Day {d.day_number} ({d.date}) is outside the trip's dates ({trip.start_date} to {trip.end_date})"
            )
    by_day = {d.id: d for d in ds}
    spans = []
    for it in version_items(studio, vid):
        if it.kind == "flight":
            day = by_day.get(it.day_id)
            s = item_span(day.date if day else None, it.model_dump())
            if s:
                spans.append((s, it))
    for i, (s, a) in enumerate(spans):
        for t, b in spans[i + 1 :]:
            if s[0] < t[1] and t[0] < s[1]:
                out.append(f"The flights “{a.title}” and “{b.title}” overlap")
    return out
