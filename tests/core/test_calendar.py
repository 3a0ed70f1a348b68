"""The calendar file across changes: UIDs stable for the life of their source, and a changed event
says so (SEQUENCE grows, DTSTAMP is its latest change)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar

from studio.domain.models import Person
from studio.services import clients
from studio.services.agenda import rules as agenda_rules
from studio.services.agenda.calendar import build_calendar

TODAY = date(2025, 10, 1)


@pytest.fixture
def studio_dates(studio):
    c = clients.create_client(studio, "Wang Wei", native_name="王伟", stage="active")
    with studio.read() as conn:
        pid = conn.exec_driver_sql("SELECT id FROM person WHERE client_id = ?", (c.id,)).scalar()
    clients.log_interaction(studio, c.id, "call", "Talked about Japan", occurred_at="2024-03-10")
    studio.ids = {
        "client": c.id,
        "person": pid,
        "leap": clients.add_important_date(studio, pid, "birthday", 2, 29, 1988).id,
        "plain": clients.add_important_date(studio, pid, "wedding", 12, 2, 2016).id,
    }
    return studio


def _events(studio) -> dict[str, object]:
    cal = Calendar.from_ical(build_calendar(studio, TODAY).to_ical())
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def _latest_change(studio) -> datetime:
    with studio.read() as conn:
        wall = conn.exec_driver_sql("SELECT max(wall_time) FROM change").scalar()
    return (
        datetime.fromisoformat(wall.replace("Z", "+00:00")).astimezone(UTC).replace(microsecond=0)
    )


def test_a_win_back_keeps_its_uid_when_its_date_moves(studio_dates):
    uid = f"client-{studio_dates.ids['client']}-winback@travel-studio"
    before = _events(studio_dates)[uid]
    assert before.decoded("dtstart") == date(2025, 9, 10)  # 18 months after the last call
    agenda_rules.set_option(studio_dates, "winback_months", 12)
    after = _events(studio_dates)
    winbacks = [u for u in after if u.endswith("-winback@travel-studio")]
    assert winbacks == [uid]  # moved, not duplicated
    assert after[uid].decoded("dtstart") == date(2025, 3, 10)
    assert after[uid]["SEQUENCE"] > before["SEQUENCE"]
    assert after[uid].decoded("dtstamp") == _latest_change(studio_dates)


def test_a_renamed_person_changes_their_events_only(studio_dates):
    ids = studio_dates.ids
    before = _events(studio_dates)
    clients.update_row(studio_dates, Person, ids["person"], native_name="王薇")
    after = _events(studio_dates)
    for key in ("leap", "plain"):
        uid = f"important_date-{ids[key]}@travel-studio"
        assert "王薇" in str(after[uid]["SUMMARY"])
        assert after[uid]["SEQUENCE"] > before[uid]["SEQUENCE"]
        assert after[uid].decoded("dtstamp") == _latest_change(studio_dates)
    uid = f"client-{ids['client']}-winback@travel-studio"  # shows the client, not the person
    assert after[uid]["SEQUENCE"] == before[uid]["SEQUENCE"]


def test_the_29_february_rule_changes_the_leap_day_event_only(studio_dates):
    ids = studio_dates.ids
    leap, plain = (f"important_date-{ids[k]}@travel-studio" for k in ("leap", "plain"))
    before = _events(studio_dates)
    agenda_rules.set_option(studio_dates, "feb29", "mar1")
    after = _events(studio_dates)
    assert after[leap]["RRULE"]["BYYEARDAY"] == [60]
    assert after[leap]["SEQUENCE"] > before[leap]["SEQUENCE"]
    assert after[leap].decoded("dtstamp") == _latest_change(studio_dates)
    assert after[plain]["SEQUENCE"] == before[plain]["SEQUENCE"]
    assert after[plain].decoded("dtstamp") == before[plain].decoded("dtstamp")
    # a lead-day change is an alarm change: the events of that kind say so
    agenda_rules.set_rule(studio_dates, "wedding", lead_days=30)
    again = _events(studio_dates)
    assert again[plain]["SEQUENCE"] > after[plain]["SEQUENCE"]
    assert again[leap]["SEQUENCE"] == after[leap]["SEQUENCE"]


def test_an_unchanged_studio_gives_the_same_sequences(studio_dates):
    first = {u: (e["SEQUENCE"], e.decoded("dtstamp")) for u, e in _events(studio_dates).items()}
    assert first == {
        u: (e["SEQUENCE"], e.decoded("dtstamp")) for u, e in _events(studio_dates).items()
    }
    assert all(seq >= 0 for seq, _ in first.values())
