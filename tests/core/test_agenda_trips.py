"""Trips in the agenda: anniversaries over year boundaries, trip tasks and their offsets, acting
per occurrence, and win-back from trips (with the last-interaction fallback)."""

from __future__ import annotations

from datetime import date

import pytest

from studio.errors import ValidationError
from studio.services import clients
from studio.services.agenda import actions as agenda_actions
from studio.services.agenda import build as agenda_build
from studio.services.agenda import rules as agenda_rules
from studio.services.agenda import trip_sources
from studio.services.trips import lifecycle as trip_lifecycle


@pytest.fixture
def client_id(studio):
    return clients.create_client(
        studio,
        "Chen family",
        kind="household",
        stage="active",
        people=[{"name": "Chen Wei", "role": "primary"}],
    ).id


def trip(studio, cid, start, end, status, title="Kyoto in autumn", destinations=("Kyoto",)):
    t = trip_lifecycle.create_trip(
        studio, cid, title, start_date=start, end_date=end, destinations=list(destinations)
    )
    trip_lifecycle.update_trip(studio, t.id, status=status)
    return t


def entries(studio, today, kind, days=30):
    return [
        e for e in agenda_build.agenda(studio, today, days).entries if e.occurrence.kind == kind
    ]


def only(studio, today, kind, days=30):
    found = entries(studio, today, kind, days)
    assert len(found) == 1, [(e.section, e.due, e.why) for e in found]
    return found[0]


def test_trip_source_is_registered():
    assert isinstance(
        [s for s in agenda_build.sources() if s.table == "trip"][0], trip_sources.TripSource
    )
    for kind in ("trip_anniversary", "pre_departure", "welcome_home", "feedback"):
        assert kind in agenda_rules.DEFAULT_LEAD_DAYS and kind in agenda_rules.KIND_LABELS


# -- anniversaries ----------------------------------------------------------------------------
def test_anniversary_across_the_year_boundary(studio, client_id):
    trip(studio, client_id, "2024-01-02", "2024-01-09", "completed", destinations=["Kyoto", "Nara"])
    e = only(studio, date(2024, 12, 20), "trip_anniversary")  # 2 January seen from 20 December
    assert (e.due, e.section, e.why) == (
        date(2025, 1, 2),
        "next_days",
        "a year ago today you were in Kyoto and Nara",
    )
    assert e.what == "Trip anniversary" and not e.milestone
    assert not entries(
        studio, date(2024, 1, 5), "trip_anniversary"
    )  # nothing in the trip's own year
    assert not entries(studio, date(2025, 12, 1), "trip_anniversary")  # 14 days ahead only
    e = only(studio, date(2025, 12, 31), "trip_anniversary")
    assert (e.due, e.why) == (date(2026, 1, 2), "2 years ago today you were in Kyoto and Nara")
    fifth = only(studio, date(2029, 1, 2), "trip_anniversary")
    assert (fifth.section, fifth.milestone, fifth.why) == (
        "today",
        True,
        "5 years ago today you were in Kyoto and Nara",
    )


@pytest.mark.parametrize(
    "status,shown",
    [
        ("completed", True),
        ("followed-up", True),
        ("confirmed", False),
        ("cancelled", False),
        ("inquiry", False),
    ],
)
def test_anniversaries_only_for_trips_that_happened(studio, client_id, status, shown):
    trip(studio, client_id, "2024-05-10", "2024-05-20", status)
    assert bool(entries(studio, date(2025, 5, 10), "trip_anniversary")) is shown


def test_anniversary_of_a_29_february_start(studio, client_id):
    trip(studio, client_id, "2024-02-29", "2024-03-04", "completed")
    assert only(studio, date(2025, 2, 20), "trip_anniversary").due == date(2025, 2, 28)
    agenda_rules.set_option(studio, "feb29", "mar1")
    assert only(studio, date(2025, 2, 20), "trip_anniversary").due == date(2025, 3, 1)
    assert only(studio, date(2028, 2, 20), "trip_anniversary").due == date(2028, 2, 29)


# -- trip tasks -------------------------------------------------------------------------------
def test_each_task_falls_on_its_day(studio, client_id):
    t = trip(studio, client_id, "2026-03-01", "2026-03-10", "confirmed")
    assert not entries(studio, date(2026, 2, 21), "pre_departure")
    e = only(studio, date(2026, 2, 22), "pre_departure")
    assert (e.section, e.due, e.what) == ("today", date(2026, 2, 22), "Pre-departure check")
    assert "leaves 1 March 2026" in e.why
    assert only(studio, date(2026, 2, 25), "pre_departure").section == "overdue"  # until acted on
    assert not entries(studio, date(2026, 3, 2), "pre_departure")  # moot once they have left
    assert not entries(studio, date(2026, 3, 12), "welcome_home")  # not for a trip only confirmed
    trip_lifecycle.update_trip(studio, t.id, status="completed")
    assert not entries(studio, date(2026, 2, 22), "pre_departure")
    e = only(studio, date(2026, 3, 12), "welcome_home")
    assert (e.section, e.due, e.why) == (
        "today",
        date(2026, 3, 12),
        "home from Kyoto since 10 March 2026",
    )
    e = only(studio, date(2026, 3, 24), "feedback")
    assert (e.section, e.due) == ("today", date(2026, 3, 24))
    assert "satisfaction score" in e.why and e.what == "Feedback request"
    assert only(studio, date(2026, 5, 1), "feedback").section == "overdue"
    trip_lifecycle.update_trip(studio, t.id, status="followed-up")  # feedback taken: no more tasks
    assert not entries(studio, date(2026, 5, 1), "feedback")
    assert not entries(studio, date(2026, 5, 1), "welcome_home")


def test_offsets_and_switches_are_rules(studio, client_id):
    trip(studio, client_id, "2026-03-01", "2026-03-10", "completed")
    agenda_rules.set_rule(studio, "welcome_home", offset_days=1)
    agenda_rules.set_rule(studio, "feedback", offset_days=21, lead_days=3)
    assert agenda_rules.load_rules(studio).offset("feedback") == 21
    assert agenda_rules.load_rules(studio).offset("pre_departure") == 7  # the default stays
    assert only(studio, date(2026, 3, 11), "welcome_home").due == date(2026, 3, 11)
    assert not entries(studio, date(2026, 3, 27), "feedback")
    assert only(studio, date(2026, 3, 28), "feedback").section == "this_week"  # 3 days ahead
    agenda_rules.set_rule(studio, "feedback", enabled=False)
    assert not entries(studio, date(2026, 3, 31), "feedback")
    with pytest.raises(ValidationError, match="Offset days"):
        agenda_rules.set_rule(studio, "feedback", offset_days=-1)
    with pytest.raises(ValidationError, match="Only trip tasks"):
        agenda_rules.set_rule(studio, "birthday", offset_days=3)


def test_pre_departure_offset(studio, client_id):
    trip(studio, client_id, "2026-03-01", "2026-03-10", "confirmed")
    agenda_rules.set_rule(studio, "pre_departure", offset_days=10)
    assert only(studio, date(2026, 2, 19), "pre_departure").due == date(2026, 2, 19)


def test_two_tasks_on_one_day_are_acted_on_apart(studio, client_id):
    trip(studio, client_id, "2026-03-01", "2026-03-10", "completed")
    agenda_rules.set_rule(studio, "feedback", offset_days=2)
    home = only(studio, date(2026, 3, 12), "welcome_home")
    feedback = only(studio, date(2026, 3, 12), "feedback")
    assert home.key != feedback.key
    agenda_actions.act_on(studio, home, "done", sent="Call: all well", on="2026-03-12")
    assert not entries(studio, date(2026, 3, 12), "welcome_home")
    assert entries(studio, date(2026, 3, 12), "feedback")
    with studio.read() as conn:
        summary = conn.exec_driver_sql(
            "SELECT summary FROM interaction WHERE kind = 'gift'"
        ).scalar()
    assert summary == "Call: all well — Welcome-home call: Kyoto in autumn"


# -- acting per occurrence --------------------------------------------------------------------
def test_done_and_snooze_per_anniversary_occurrence(studio, client_id):
    trip(studio, client_id, "2024-06-10", "2024-06-20", "completed")
    e = only(studio, date(2025, 6, 5), "trip_anniversary")
    agenda_actions.act_on(studio, e, "done", sent="Postcard from Kyoto", on="2025-06-09")
    assert not entries(studio, date(2025, 6, 5), "trip_anniversary")
    nxt = only(studio, date(2026, 6, 5), "trip_anniversary")  # next year comes back fresh
    assert nxt.why == "2 years ago today you were in Kyoto"
    assert nxt.last_gift == (
        "2025-06-09",
        "Postcard from Kyoto — Trip anniversary: Kyoto in autumn",
    )
    agenda_actions.act_on(studio, nxt, "snoozed", until="2026-06-12", today=date(2026, 6, 5))
    assert not entries(studio, date(2026, 6, 11), "trip_anniversary")
    back = only(studio, date(2026, 6, 12), "trip_anniversary")
    assert (back.section, back.due, back.snoozed_from) == (
        "today",
        date(2026, 6, 12),
        date(2026, 6, 10),
    )
    agenda_actions.act_on(studio, back, "dismissed")
    assert not entries(studio, date(2026, 6, 12), "trip_anniversary")


def test_snooze_a_task(studio, client_id):
    trip(studio, client_id, "2026-03-01", "2026-03-10", "completed")
    e = only(studio, date(2026, 3, 24), "feedback")
    agenda_actions.snooze(
        studio,
        e.occurrence.source_table,
        e.occurrence.source_id,
        e.occurrence.on,
        "2026-03-30",
        today=date(2026, 3, 24),
    )
    assert not entries(studio, date(2026, 3, 29), "feedback")
    assert only(studio, date(2026, 3, 30), "feedback").snoozed_from == date(2026, 3, 24)


# -- win-back ---------------------------------------------------------------------------------
def test_win_back_reads_the_last_trip(studio, client_id):
    clients.log_interaction(studio, client_id, "call", "Newsletter chat", occurred_at="2025-06-01")
    trip(studio, client_id, "2023-04-01", "2023-04-10", "completed")
    trip(studio, client_id, "2024-01-05", "2024-01-15", "cancelled")  # not booked: does not count
    assert not entries(studio, date(2024, 10, 1), "winback")
    e = only(studio, date(2024, 10, 20), "winback")
    assert (e.section, e.due) == ("overdue", date(2024, 10, 10))  # 18 months after 10 April 2023
    assert e.why == "no trip booked or completed since Kyoto in autumn (10 April 2023)"
    trip(
        studio, client_id, "2025-02-01", "2025-02-08", "confirmed", title="Lunar New Year in Taipei"
    )
    assert not entries(studio, date(2025, 1, 1), "winback")
    e = only(studio, date(2026, 8, 10), "winback")
    assert e.due == date(2026, 8, 8) and "Lunar New Year in Taipei (8 February 2025)" in e.why
    agenda_rules.set_option(studio, "winback_months", 6)
    assert only(studio, date(2025, 8, 10), "winback").due == date(2025, 8, 8)


def test_win_back_without_trips_falls_back_to_contact(studio, client_id):
    clients.log_interaction(
        studio, client_id, "call", "Talked about Japan", occurred_at="2024-03-10"
    )
    trip_lifecycle.create_trip(
        studio, client_id, "Just an idea", start_date="2024-05-01", end_date="2024-05-03"
    )
    e = only(studio, date(2025, 9, 20), "winback")  # an inquiry is not a booked trip
    assert (e.due, e.why) == (date(2025, 9, 10), "no contact since 10 March 2024")


# -- the calendar file ------------------------------------------------------------------------
def test_ics_holds_trip_anniversaries_and_tasks(studio, client_id):
    from icalendar import Calendar

    from studio.services.agenda import calendar as calendar_file

    t = trip(studio, client_id, "2026-03-01", "2026-03-10", "completed", destinations=["Kyoto"])
    events = {
        str(e["uid"]): e
        for e in Calendar.from_ical(
            calendar_file.build_calendar(studio, date(2026, 3, 15)).to_ical()
        ).walk("VEVENT")
    }
    year = events[f"trip-{t.id}-anniversary@travel-studio"]
    assert (
        year.decoded("dtstart") == date(2027, 3, 1)
        and str(year["summary"]) == "Chen family: trip anniversary (Kyoto)"
    )
    assert year["rrule"]["FREQ"] == ["YEARLY"]
    assert events[f"trip-{t.id}-welcome_home@travel-studio"].decoded("dtstart") == date(2026, 3, 12)
    assert events[f"trip-{t.id}-feedback@travel-studio"].decoded("dtstart") == date(2026, 3, 24)
    agenda_rules.set_rule(studio, "trip_anniversary", enabled=False)
    uids = {
        str(e["uid"])
        for e in calendar_file.build_calendar(studio, date(2026, 3, 15)).walk("VEVENT")
    }
    assert f"trip-{t.id}-anniversary@travel-studio" not in uids
