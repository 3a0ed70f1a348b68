"""``travel-studio agenda`` and ``travel-studio ics``; the calendar file parsed back with icalendar."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from studio.cli import main
from studio.services import clients
from studio.services.agenda import build as agenda_build
from studio.services.agenda import documents as agenda_documents
from studio.services.agenda import rules as agenda_rules
from studio.services.agenda.calendar import build_calendar, write_ics
from studio.store import Studio


@pytest.fixture
def small(studio):
    c = clients.create_client(studio, "Wang Wei", native_name="王伟")
    with studio.read() as conn:
        pid = conn.exec_driver_sql("SELECT id FROM person WHERE client_id = ?", (c.id,)).scalar()
    studio.ids = {
        "leap": clients.add_important_date(studio, pid, "birthday", 2, 29, 1988).id,
        "plain": clients.add_important_date(studio, pid, "wedding", 12, 2, 2016).id,
        "noyear": clients.add_important_date(studio, pid, "birthday", 1, 2).id,
        "lunar": clients.add_important_date(
            studio, pid, "birthday", 8, 15, 1966, calendar="lunar"
        ).id,
        "passport": agenda_documents.add_document(studio, pid, "2027-03-03", number="E1").id,
    }
    return studio


def _events(cal) -> dict[str, object]:
    return {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}


def test_ics_round_trip_with_rules_alarms_and_stable_uids(small, tmp_path):
    out = tmp_path / "studio.ics"
    n = write_ics(small, out, today=date(2026, 11, 22))
    cal = Calendar.from_ical(out.read_bytes())
    events = _events(cal)
    assert len(events) == n
    ids = small.ids
    leap = events[f"important_date-{ids['leap']}@travel-studio"]
    assert leap["DTSTART"].dt == date(1988, 2, 29) and leap["DTEND"].dt == date(1988, 3, 1)
    rrule = leap["RRULE"]
    assert rrule["FREQ"] == ["YEARLY"] and rrule["BYMONTH"] == [2] and rrule["BYMONTHDAY"] == [-1]
    alarm = leap.walk("VALARM")[0]
    assert alarm["TRIGGER"].dt == timedelta(days=-14) and str(alarm["ACTION"]) == "DISPLAY"
    plain = events[f"important_date-{ids['plain']}@travel-studio"]
    assert plain["RRULE"]["FREQ"] == ["YEARLY"] and plain.walk("VALARM")[0][
        "TRIGGER"
    ].dt == timedelta(days=-21)
    assert events[f"important_date-{ids['noyear']}@travel-studio"]["DTSTART"].dt == date(2000, 1, 2)
    # all-day dates: plain dates, no time zone to get wrong
    assert all(type(ev["DTSTART"].dt) is date for ev in events.values())
    lunar_2026 = events[f"important_date-{ids['lunar']}-2026@travel-studio"]
    assert lunar_2026["DTSTART"].dt == date(2026, 9, 25) and "turns 60" in str(
        lunar_2026["SUMMARY"]
    )
    assert "RRULE" not in lunar_2026
    passport = events[f"travel_document-{ids['passport']}@travel-studio"]
    assert passport["DTSTART"].dt == date(2027, 3, 3)
    assert passport.walk("VALARM")[0]["TRIGGER"].dt == timedelta(days=-180)
    # the same studio gives the same file: calendar apps update rather than duplicate
    again = tmp_path / "again.ics"
    write_ics(small, again, today=date(2026, 11, 22))
    assert again.read_bytes() == out.read_bytes()


def test_ics_follows_the_studio_rules(small):
    agenda_rules.set_option(small, "feb29", "mar1")
    agenda_rules.set_rule(small, "wedding", enabled=False)
    agenda_rules.set_rule(small, "passport", lead_days=90)
    events = _events(Calendar.from_ical(build_calendar(small, date(2026, 11, 22)).to_ical()))
    leap = events[f"important_date-{small.ids['leap']}@travel-studio"]
    assert leap["RRULE"]["BYYEARDAY"] == [60]
    assert f"important_date-{small.ids['plain']}@travel-studio" not in events
    passport = events[f"travel_document-{small.ids['passport']}@travel-studio"]
    assert passport.walk("VALARM")[0]["TRIGGER"].dt == timedelta(days=-90)


def test_cli_agenda_text_and_json(small, capsys):
    data_dir = str(small.data_dir)
    small.close()
    assert main(["--data-dir", data_dir, "agenda", "--today", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Agenda for Wednesday 25 November 2026")
    assert "★ Wang Wei 王伟 — Wedding anniversary: 10th anniversary" in out
    assert "passport expires 3 March 2027" in out
    assert (
        main(["--data-dir", data_dir, "agenda", "--json", "--days", "7", "--today", "2026-11-25"])
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["days"] == 7 and list(doc["sections"]) == list(agenda_build.SECTIONS)
    wedding = doc["sections"]["this_week"][0]
    assert (wedding["why"], wedding["milestone"], wedding["date"]) == (
        "10th anniversary",
        True,
        "2026-12-02",
    )
    assert main(["--data-dir", data_dir, "agenda", "--days", "0"]) == 1
    assert "at least 1 day" in capsys.readouterr().err
    Studio.open(data_dir).close()


def test_cli_ics_writes_atomically(small, tmp_path, capsys):
    data_dir = str(small.data_dir)
    small.close()
    out = tmp_path / "cal.ics"
    assert main(["--data-dir", data_dir, "ics", str(out)]) == 0
    assert "events to" in capsys.readouterr().out
    assert Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert main(["--data-dir", data_dir, "ics", str(tmp_path / "missing" / "cal.ics")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not list((tmp_path).glob(".cal.ics.*"))
