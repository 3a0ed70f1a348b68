"""One definition of dormant, from the studio's ``winback_months``: the profiles' lifecycle
segment and the agenda's win-back agree, and the lifecycle counts real trips."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from studio.services import clients, profiles
from studio.services.agenda import build as agenda_build
from studio.services.agenda import rules as agenda_rules
from studio.services.trips import lifecycle as trip_lifecycle


@pytest.fixture
def client_id(studio):
    return clients.create_client(
        studio, "Chen family", stage="active", people=[{"name": "Chen Wei", "role": "primary"}]
    ).id


def _winback_due(studio, today):
    return [e for e in agenda_build.agenda(studio, today).entries if e.occurrence.kind == "winback"]


def _trip(studio, cid, start, end, status="completed"):
    t = trip_lifecycle.create_trip(studio, cid, "Kyoto", start_date=start, end_date=end)
    trip_lifecycle.update_trip(studio, t.id, status=status)


def test_dormant_follows_the_winback_setting(studio, client_id):
    clients.log_interaction(studio, client_id, "call", "Catch-up", occurred_at="2025-01-15")
    today = date(2025, 9, 20)  # eight months later
    assert profiles.segments(studio, client_id, today).lifecycle == "new"
    assert not _winback_due(studio, today)
    agenda_rules.set_option(studio, "winback_months", 6)
    assert profiles.segments(studio, client_id, today).lifecycle == "dormant"
    assert [e.due for e in _winback_due(studio, today)] == [date(2025, 7, 15)]


def test_the_segment_and_the_win_back_agree_day_by_day(studio, client_id):
    _trip(studio, client_id, "2024-05-01", "2024-05-10")
    clients.log_interaction(studio, client_id, "call", "Thank-you call", occurred_at="2025-06-01")
    # Dormant 18 months after the last trip (10 May 2024), not after the call.
    for today in (date(2025, 11, 9), date(2025, 11, 10), date(2025, 11, 11)):
        dormant = profiles.segments(studio, client_id, today).lifecycle == "dormant"
        assert dormant == bool(_winback_due(studio, today)) == (today >= date(2025, 11, 10))


def test_lifecycle_counts_real_trips(studio, client_id):
    today = date(2026, 6, 1)
    _trip(studio, client_id, "2025-05-01", "2025-05-10")
    assert profiles.segments(studio, client_id, today).lifecycle == "new"
    _trip(studio, client_id, "2025-10-01", "2025-10-08")
    assert profiles.segments(studio, client_id, today).lifecycle == "repeat"
    _trip(studio, client_id, "2026-07-01", "2026-07-09", status="confirmed")  # booked counts
    assert profiles.segments(studio, client_id, today).lifecycle == "loyal"
    t = trip_lifecycle.create_trip(studio, client_id, "Just an idea", start_date="2026-09-01")
    assert t.status == "inquiry"  # not booked: does not count
    assert profiles.segments(studio, client_id, today).lifecycle == "loyal"


def test_lifecycle_with_a_setting():
    last = date(2026, 1, 1)
    assert profiles.lifecycle("active", 0, last, last + timedelta(days=200)) == "new"
    assert profiles.lifecycle("active", 0, last, date(2026, 7, 1), winback_months=6) == "dormant"
    assert profiles.lifecycle("active", 0, "2026-01-01", date(2026, 6, 30), 6) == "new"
