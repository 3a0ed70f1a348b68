"""The itinerary handout of a trip: its content read from the studio, and the PDF written from it.

:func:`handout_content` gathers what the handout prints into a
:class:`~studio.reports.handout_content.HandoutContent` (times with their zones' abbreviations, each
flight's arrival day, prices but never costs); :mod:`studio.reports.itinerary` lays it out.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from studio.domain import validate
from studio.domain.models import Advisor, Client
from studio.domain.names import NameForm, display_name
from studio.domain.trip_models import Supplier, TripItem, TripVersion
from studio.domain.values import HandoutSize, Language
from studio.errors import NotFoundError
from studio.reports import itinerary
from studio.reports.handout_content import (
    HandoutAdvisor,
    HandoutContent,
    HandoutDay,
    HandoutItem,
    HandoutStudio,
    HandoutSupplier,
    PriceTotal,
)
from studio.services import studio_profile
from studio.services.trips.flights import arrival_offset
from studio.services.trips.reading import days, find_trip, travellers, version_items
from studio.services.trips.suppliers import suppliers
from studio.store import Studio


def zone_abbreviation(zone: str | None, day: date, hhmm: str) -> str:
    """“JST”, “CEST”… for a zone at a day and time (the zone's name when it has no abbreviation);
    "" without a zone."""
    if not zone:
        return ""
    try:
        when = datetime.combine(day, datetime.strptime(hhmm, "%H:%M").time(), ZoneInfo(zone))
        return when.tzname() or zone
    except (ValueError, KeyError):
        return zone


def _item(
    it: TripItem, day: str | None, trip_currency: str, sup: dict[str, Supplier]
) -> HandoutItem:
    # an undated day: the zones' abbreviations and the arrival day as of today
    on = date.fromisoformat(day) if day else date.today()
    start_zone = zone_abbreviation(it.time_zone, on, it.start_time) if it.start_time else ""
    end_zone = ""
    if it.start_time and it.end_time:
        end_zone = zone_abbreviation(it.end_time_zone or it.time_zone, on, it.end_time)
    offset = ""
    if it.kind == "flight":
        offset = arrival_offset(on, it.start_time, it.end_time, it.time_zone, it.end_time_zone)
    s = sup.get(it.supplier_id or "")
    return HandoutItem(
        kind=it.kind,
        title=it.title,
        start_time=it.start_time,
        end_time=it.end_time,
        start_zone=start_zone,
        end_zone=end_zone,
        arrival_offset=offset,
        place=it.place,
        supplier=(
            HandoutSupplier(s.kind, s.name, s.native_name, s.contacts, s.location) if s else None
        ),
        confirmation=it.confirmation,
        price=Decimal(it.price) if it.price is not None else None,
        currency=it.currency or trip_currency,
        notes=it.notes or "",
    )


def handout_content(
    studio: Studio,
    trip_ref: str,
    version_id: str | None = None,
    *,
    studio_name: str | None = None,
) -> HandoutContent:
    """What the handout of ``trip_ref`` (id or unambiguous title) prints, from its current version
    (or ``version_id``). ``studio_name`` prints another name than the studio's own."""
    trip = find_trip(studio, trip_ref)
    vid = version_id or trip.current_version_id
    with studio.session() as s:
        client = s.get(Client, trip.client_id)
        advisor = s.get(Advisor, trip.advisor_id) if trip.advisor_id else None
        version = s.get(TripVersion, vid) if vid else None
    if version is None or version.trip_id != trip.id:
        raise NotFoundError(f"The trip “{trip.title}” has no version to print.")
    if client is None:  # the trip's client row is gone
        raise NotFoundError(f"No client with id {trip.client_id}.")
    by_day: dict[str, list[TripItem]] = {}
    for it in version_items(studio, version.id):
        by_day.setdefault(it.day_id, []).append(it)
    sup = {x.id: x for x in suppliers(studio)}
    plan_days = tuple(
        HandoutDay(
            number=d.day_number,
            date=d.date,
            title=d.title,
            notes=d.notes,
            items=tuple(
                _item(it, d.date, trip.currency, sup)
                for it in sorted(by_day.get(d.id, []), key=lambda i: i.position)
            ),
        )
        for d in days(studio, version.id)
    )
    # prices per currency, never cost or margin; only items on the plan's days count
    sums: dict[str, list] = {}
    for d in plan_days:
        for item in d.items:
            if item.price is not None:
                acc = sums.setdefault(item.currency, [Decimal(0), 0])
                acc[0] += item.price
                acc[1] += 1
    totals = tuple(
        PriceTotal(cur, amount, n) for cur, (amount, n) in sorted(sums.items()) if amount
    )
    details = studio_profile.profile(studio)
    if studio_name:
        details = dataclasses.replace(details, name=studio_name, native_name="")
    brand = HandoutStudio(
        name=details.name,
        native_name=details.native_name,
        display_name=details.display_name,
        tagline=details.tagline,
        contacts=tuple(details.contacts()),
        address=details.address,
        emergency_phone=(
            validate.format_phone(details.emergency_phone) if details.emergency_phone else ""
        ),
    )
    try:
        destinations = json.loads(trip.destinations or "[]")
    except ValueError:
        destinations = []
    adv = None
    if advisor:
        adv = HandoutAdvisor(
            display_name(advisor.name, advisor.native_name, NameForm.PRINTED),
            advisor.email or "",
        )
    return HandoutContent(
        title=trip.title,
        client=display_name(client.name, client.native_name, NameForm.PRINTED),
        client_name=client.name,
        currency=trip.currency,
        start_date=trip.start_date,
        end_date=trip.end_date,
        travellers=tuple(
            display_name(p.name, p.native_name, NameForm.PRINTED)
            for p in travellers(studio, trip.id)
        ),
        destinations=tuple(str(x) for x in destinations),
        version_number=version.number,
        version_label=version.label,
        approved_on=version.approved_at[:10] if version.approved_at else None,
        advisor=adv,
        days=plan_days,
        price_totals=totals,
        studio=brand,
    )


def write_itinerary(
    studio: Studio,
    trip_ref: str,
    out: str | Path,
    *,
    size: str = "a4",
    version_id: str | None = None,
    studio_name: str | None = None,
    prices: bool = False,
    lang: str = "en",
) -> int:
    """Write the handout for ``trip_ref`` (id or unambiguous title) to ``out``; returns pages.

    ``prices`` adds each item's price and the totals per currency (never cost or margin);
    ``lang`` ("en" or "zh") is the language of the handout's own words and dates.
    """
    size = validate.choice(HandoutSize, size, "size", noun="a page size of the handout")
    lang = validate.choice(Language, lang, "lang", noun="a language of the handout")
    content = handout_content(studio, trip_ref, version_id, studio_name=studio_name)
    return itinerary.render(content, Path(out), size=size, prices=prices, lang=lang)
