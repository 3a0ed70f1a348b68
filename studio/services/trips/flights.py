"""When a flight departs and lands, from what an item stores: the day's date, the departure and
arrival clock times (``HH:MM``) and the zones of both ends.

An item stores no arrival date: a flight lands at the first moment after its departure at which
the clocks of the arrival zone show the arrival time (so no flight is planned as taking a day or
more). Pure functions, no studio: the overlap checks and the handout's "(+1)" both read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

#: The minus sign the handout prints for a flight landing the calendar day before it left.
MINUS = "\u2212"


def _clock(hhmm: str) -> time:
    return datetime.strptime(hhmm, "%H:%M").time()


def flight_times(
    day: date, start: str, end: str | None, zone: str | None, end_zone: str | None = None
) -> tuple[datetime, datetime]:
    """Departure and arrival as aware datetimes, each in its own zone (missing zones: UTC; a
    missing arrival zone is the departure's). Without an arrival time the flight takes an hour."""
    dep_tz = ZoneInfo(zone or "UTC")
    arr_tz = ZoneInfo(end_zone or zone or "UTC")
    dep = datetime.combine(day, _clock(start), dep_tz)
    if not end:
        return dep, dep + timedelta(hours=1)
    # the arrival clock on the calendar day the arrival zone is at when the flight leaves, else
    # on the next day (compared as instants: aware datetimes sharing a zone compare wall clocks)
    local_day = dep.astimezone(arr_tz).date()
    arr = datetime.combine(local_day, _clock(end), arr_tz)
    if arr.timestamp() <= dep.timestamp():
        arr = datetime.combine(local_day + timedelta(days=1), _clock(end), arr_tz)
    return dep, arr


def day_offset(departure: datetime, arrival: datetime) -> int:
    """Calendar days between the local date of departure and the local date of arrival
    (Tokyo 21:40 → Honolulu 09:40 the same day: 0; Los Angeles 23:30 → Sydney 09:30: 2)."""
    return (arrival.date() - departure.date()).days


def offset_label(days: int) -> str:
    """“+1”, “+2”, “−1” (a true minus sign), or “” for a same-day arrival."""
    if days == 0:
        return ""
    return f"+{days}" if days > 0 else f"{MINUS}{-days}"


def arrival_offset(
    day: date, start: str | None, end: str | None, zone: str | None, end_zone: str | None = None
) -> str:
    """The label of a flight's arrival day relative to its departure day ("" when either time is
    missing)."""
    if not start or not end:
        return ""
    dep, arr = flight_times(day, start, end, zone, end_zone)
    return offset_label(day_offset(dep, arr))


def item_span(day_date: str | None, item: Mapping[str, Any]) -> tuple[datetime, datetime] | None:
    """A flight item's departure and arrival in UTC, or None when its day has no date or it has no
    departure time. ``item`` holds an item's fields (``start_time``, ``time_zone``…)."""
    if not day_date or not item.get("start_time"):
        return None
    dep, arr = flight_times(
        date.fromisoformat(day_date),
        item["start_time"],
        item.get("end_time"),
        item.get("time_zone"),
        item.get("end_time_zone"),
    )
    return dep.astimezone(UTC), arr.astimezone(UTC)
