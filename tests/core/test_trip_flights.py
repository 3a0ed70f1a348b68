"""A flight's departure, arrival and arrival day from the stored clock times and zones."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from studio.services.trips.flights import (
    arrival_offset,
    day_offset,
    flight_times,
    item_span,
    offset_label,
)

DAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("start", "end", "zone", "end_zone", "label", "hours"),
    [
        # the bug: compared as text, both of these printed "(+1)"
        ("21:40", "09:40", "Asia/Tokyo", "Pacific/Honolulu", "", 7),
        ("23:30", "09:30", "America/Los_Angeles", "Australia/Sydney", "+2", 15),
        # across the date line the other way: lands the calendar day before it left
        ("08:00", "19:00", "Australia/Sydney", "Pacific/Honolulu", "\u22121", 8),
        ("23:55", "06:20", "Asia/Shanghai", "Europe/Paris", "+1", 13.42),
        ("10:05", "14:40", "Asia/Shanghai", "Asia/Tokyo", "", 3.58),
        ("22:00", "06:00", "Europe/London", None, "+1", 8),  # one zone for both ends
        ("22:00", "06:00", None, None, "+1", 8),  # no zones: UTC
        ("13:00", "16:30", "America/New_York", "Europe/London", "+1", 22.5),
    ],
)
def test_arrival_day_from_the_zones(start, end, zone, end_zone, label, hours):
    dep, arr = flight_times(DAY, start, end, zone, end_zone)
    assert arr > dep
    assert (arr - dep) == pytest.approx(timedelta(hours=hours), abs=timedelta(minutes=1))
    assert offset_label(day_offset(dep, arr)) == label
    assert arrival_offset(DAY, start, end, zone, end_zone) == label


def test_labels_and_missing_times():
    assert [offset_label(n) for n in (-1, 0, 1, 2)] == ["\u22121", "", "+1", "+2"]
    assert arrival_offset(DAY, "09:00", None, "Asia/Tokyo") == ""
    assert arrival_offset(DAY, None, "09:00", "Asia/Tokyo") == ""
    dep, arr = flight_times(DAY, "09:00", None, "Asia/Tokyo")
    assert arr - dep == timedelta(hours=1)


def test_item_span_is_in_utc_and_needs_a_date_and_a_departure():
    flight = {"start_time": "21:40", "end_time": "09:40", "time_zone": "Asia/Tokyo"}
    flight["end_time_zone"] = "Pacific/Honolulu"
    dep, arr = item_span("2026-12-02", flight)
    assert (dep.utcoffset(), arr.utcoffset()) == (timedelta(0), timedelta(0))
    assert dep.isoformat() == "2026-12-02T12:40:00+00:00"
    assert arr.isoformat() == "2026-12-02T19:40:00+00:00"
    assert item_span(None, flight) is None
    assert item_span("2026-12-02", {**flight, "start_time": None}) is None
