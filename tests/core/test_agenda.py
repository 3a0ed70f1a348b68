"""Relationship care: reminders over many years, lunar dates, 29 February, acting per occurrence."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from studio.domain import dates, lunar
from studio.domain.agenda_models import AgendaAction, AgendaSetting, TravelDocument
from studio.errors import ValidationError
from studio.services import clients, exchange
from studio.services.agenda import actions as agenda_actions
from studio.services.agenda import build as agenda_build
from studio.services.agenda import documents as agenda_documents
from studio.services.agenda import rules as agenda_rules
from studio.services.check import check
from studio.store import Studio


def person(studio, name="Wang Wei", native="王伟", stage="prospect"):
    c = clients.create_client(studio, name, native_name=native, stage=stage)
    with studio.read() as conn:
        pid = conn.exec_driver_sql("SELECT id FROM person WHERE client_id = ?", (c.id,)).scalar()
    return c.id, pid


def entries(studio, today, days=30, kind=None):
    out = agenda_build.agenda(studio, today, days).entries
    return [e for e in out if kind is None or e.occurrence.kind == kind]


def only(studio, today, **kw):
    found = entries(studio, today, **kw)
    assert len(found) == 1, [(e.section, e.due, e.why) for e in found]
    return found[0]


# -- dates over the years ---------------------------------------------------------------------
@pytest.mark.parametrize("year", range(2020, 2037))
def test_29_february_is_observed_once_a_year(studio, year):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 2, 29, 1988)
    e = only(studio, date(year, 2, 20))
    leap = year % 4 == 0
    assert e.due == (date(year, 2, 29) if leap else date(year, 2, 28))
    assert e.why == f"turns {year - 1988}"
    agenda_rules.set_option(studio, "feb29", "mar1")
    e = only(studio, date(year, 2, 20))
    assert e.due == (date(year, 2, 29) if leap else date(year, 3, 1))


def test_observed_day_rules():
    assert dates.observed(2027, 2, 29) == date(2027, 2, 28)
    assert dates.observed(2027, 2, 29, "mar1") == date(2027, 3, 1)
    assert dates.observed(2100, 2, 29) == date(2100, 2, 28)  # 2100 is not a leap year
    assert dates.observed(2000, 2, 29, "mar1") == date(2000, 2, 29)


def test_year_boundary_2_january_seen_from_20_december(studio):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 1, 2, 1966)
    e = only(studio, date(2025, 12, 20))
    assert (e.due, e.section, e.why, e.milestone) == (
        date(2026, 1, 2),
        "next_days",
        "turns 60",
        True,
    )
    assert e.who == "Wang Wei 王伟"
    assert e.advisor_name == "Mei Lin"
    # and from the other side of the boundary: 31 December seen from 25 December, then overdue in January
    clients.add_important_date(studio, pid, "wedding", 12, 31, 2016)
    wedding = only(studio, date(2026, 12, 25), kind="wedding")
    assert (wedding.due, wedding.why, wedding.milestone) == (
        date(2026, 12, 31),
        "10th anniversary",
        True,
    )
    late = only(studio, date(2027, 1, 3), kind="wedding")
    assert (late.section, late.due) == ("overdue", date(2026, 12, 31))


def test_sections_and_lead_days(studio):
    _cid, pid = person(studio)
    today = date(2026, 5, 10)
    for offset in (0, 3, 12, 20):
        d = today + timedelta(days=offset)
        clients.add_important_date(studio, pid, "custom", d.month, d.day, label=f"in {offset}")
    d = today - timedelta(days=5)
    clients.add_important_date(studio, pid, "custom", d.month, d.day, label="missed")
    got = {e.what: e.section for e in entries(studio, today)}
    # custom dates appear 14 days ahead: "in 20" not yet
    assert got == {"in 0": "today", "in 3": "this_week", "in 12": "next_days", "missed": "overdue"}
    agenda_rules.set_rule(studio, "custom", lead_days=30)
    assert {e.what: e.section for e in entries(studio, today)}["in 20"] == "next_days"
    agenda_rules.set_rule(studio, "custom", enabled=False)
    assert entries(studio, today) == []
    # a date missed more than 30 days ago is no longer shown
    agenda_rules.set_rule(studio, "custom", enabled=True)
    assert [
        e.what for e in entries(studio, today + timedelta(days=45)) if e.section == "overdue"
    ] == ["in 20"]


def test_bad_rules_are_refused(studio):
    with pytest.raises(ValidationError, match="cannot be negative"):
        agenda_rules.set_rule(studio, "birthday", lead_days=-3)
    with pytest.raises(ValidationError, match="at most 366"):
        agenda_rules.set_rule(studio, "birthday", lead_days=400)
    with pytest.raises(ValidationError, match="not a kind of reminder"):
        agenda_rules.set_rule(studio, "christmas", lead_days=3)
    with pytest.raises(ValidationError, match="feb28"):
        agenda_rules.set_option(studio, "feb29", "mar2")
    assert agenda_rules.load_rules(studio).lead("birthday") == 14
    agenda_rules.set_rule(studio, "birthday", lead_days=7)
    agenda_rules.set_rule(studio, "birthday", lead_days=10)
    assert agenda_rules.load_rules(studio).lead("birthday") == 10
    assert studio.count(AgendaSetting) == 1  # one row per setting, changed in place


def test_person_without_birth_year_gets_reminders_without_an_age(studio):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 6, 1)
    for year in range(2024, 2032):
        e = only(studio, date(year, 5, 25))
        assert (e.due, e.why, e.milestone) == (date(year, 6, 1), "birthday", False)


def test_30_february_and_impossible_lunar_dates_are_refused(studio):
    _cid, pid = person(studio)
    with pytest.raises(ValidationError, match="February 30 does not exist"):
        clients.add_important_date(studio, pid, "birthday", 2, 30)
    with pytest.raises(ValidationError, match="only 29 days"):
        clients.add_important_date(studio, pid, "birthday", 2, 30, 2026, calendar="lunar")
    with pytest.raises(ValidationError, match="no day 31"):
        clients.add_important_date(studio, pid, "birthday", 1, 31, calendar="lunar")
    with pytest.raises(ValidationError, match="month 13"):
        clients.add_important_date(studio, pid, "birthday", 13, 1, calendar="lunar")
    # day 30 without a year is a real lunar date (some years' months have 30 days)
    clients.add_important_date(studio, pid, "birthday", 2, 30, calendar="lunar")


# -- lunar dates --------------------------------------------------------------------------------
def test_lunar_conversion_known_days():
    assert lunar.to_gregorian(2026, 1, 1) == date(2026, 2, 17)  # Chinese New Year 2026
    assert lunar.to_gregorian(2025, 1, 1) == date(2025, 1, 29)
    assert lunar.to_gregorian(2024, 8, 15) == date(2024, 9, 17)  # Mid-Autumn 2024
    assert lunar.to_gregorian(2025, 12, 30) == date(2026, 2, 16)  # a 29-day month: its last day
    assert lunar.from_gregorian(date(2026, 2, 17)) == (2026, 1, 1)


def test_lunar_birthday_shows_the_gregorian_day_of_each_year(studio):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 8, 15, 1966, calendar="lunar")
    seen = []
    for year in range(2024, 2031):
        day = lunar.to_gregorian(year, 8, 15)
        e = only(studio, day - timedelta(days=3))
        assert e.due == day
        assert e.why.startswith(f"turns {year - 1966} (lunar 8th month, day 15;")
        seen.append(day)
    assert len(set(d.strftime("%m-%d") for d in seen)) > 3  # it moves around the Gregorian year
    assert only(studio, date(2026, 9, 22)).milestone  # 60 in 2026


def test_lunar_new_year_eve_crosses_the_gregorian_year(studio):
    _cid, pid = person(studio)
    clients.add_important_date(
        studio, pid, "custom", 12, 30, calendar="lunar", label="Family reunion"
    )
    e = only(studio, date(2026, 2, 10))
    assert e.due == date(2026, 2, 16)  # lunar 2025's last month has 29 days


# -- documents and win-back ---------------------------------------------------------------------
def test_passport_expiry(studio):
    _cid, pid = person(studio)
    with pytest.raises(ValidationError, match="not a valid date"):
        agenda_documents.add_document(studio, pid, "2027-02-30")
    doc = agenda_documents.add_document(studio, pid, "2027-03-03", number="E12345678", country="cn")
    assert doc.country == "CN"
    e = only(studio, date(2026, 11, 22))  # 101 days ahead: passports show 180 days ahead
    assert (e.section, e.why) == ("later", "passport expires 3 March 2027")
    assert not entries(studio, date(2026, 8, 1))
    e = only(studio, date(2027, 6, 1))
    assert (e.section, e.why) == ("overdue", "passport expired 3 March 2027")  # until someone acts


def test_win_back_after_18_months_without_contact(studio):
    cid, _pid = person(studio, stage="dormant")
    clients.log_interaction(studio, cid, "call", "Talked about Japan", occurred_at="2024-03-10")
    assert not entries(studio, date(2025, 9, 1), kind="winback")
    e = only(studio, date(2025, 9, 20), kind="winback")
    assert (e.section, e.due, e.why) == (
        "overdue",
        date(2025, 9, 10),
        "no contact since 10 March 2024",
    )
    lost, _ = person(studio, "Lost Client", None, stage="lost")
    assert all(e.client_id != lost for e in entries(studio, date(2027, 1, 1)))


# -- acting per occurrence --------------------------------------------------------------------
def test_done_logs_the_gift_and_next_year_comes_back(studio):
    cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 3, 14, 1966)
    e = only(studio, date(2026, 3, 10))
    assert e.last_gift is None
    agenda_actions.act_on(studio, e, "done", sent="Peonies and a card", on="2026-03-12")
    assert entries(studio, date(2026, 3, 10)) == []
    with studio.read() as conn:
        kind, summary, pid_logged = conn.exec_driver_sql(
            "SELECT kind, summary, person_id FROM interaction WHERE client_id = ?", (cid,)
        ).one()
    assert (kind, summary, pid_logged) == ("gift", "Peonies and a card — Birthday of Wang Wei", pid)
    nxt = only(studio, date(2027, 3, 10))
    assert nxt.why == "turns 61"
    assert nxt.last_gift == ("2026-03-12", "Peonies and a card — Birthday of Wang Wei")


def test_snooze_hides_until_the_day_then_shows_due(studio):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "wedding", 7, 1, 2001)
    e = only(studio, date(2026, 6, 25))
    with pytest.raises(ValidationError, match="after today"):
        agenda_actions.snooze(studio, *e.key, "2026-06-25", today=date(2026, 6, 25))
    agenda_actions.snooze(studio, *e.key, "2026-07-05", today=date(2026, 6, 25))
    assert entries(studio, date(2026, 6, 25)) == []
    assert entries(studio, date(2026, 7, 4)) == []
    back = only(studio, date(2026, 7, 5))
    assert (back.section, back.due, back.snoozed_from) == (
        "today",
        date(2026, 7, 5),
        date(2026, 7, 1),
    )
    assert only(studio, date(2026, 7, 9)).section == "overdue"
    # snoozing again moves the same row; a year later the next anniversary is fresh
    agenda_actions.snooze(studio, *e.key, "2026-07-20", today=date(2026, 7, 9))
    assert studio.count(AgendaAction) == 1
    assert only(studio, date(2027, 6, 30)).why == "26th anniversary"


def test_dismiss_is_per_occurrence_and_undoable(studio):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 10, 10)
    e = only(studio, date(2026, 10, 1))
    with studio.transaction() as tx:
        agenda_actions.dismiss(studio, *e.key)
    assert entries(studio, date(2026, 10, 1)) == []
    assert only(studio, date(2027, 10, 1)).due == date(2027, 10, 10)
    studio.revert(tx.id)  # undo
    assert only(studio, date(2026, 10, 1)).due == date(2026, 10, 10)
    agenda_actions.dismiss(studio, *e.key)  # again, after undo: the same row comes back
    assert entries(studio, date(2026, 10, 1)) == []
    assert agenda_actions.reopen(studio, *e.key)
    assert len(entries(studio, date(2026, 10, 1))) == 1


def test_deleted_rows_leave_the_agenda(studio):
    cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 4, 4)
    agenda_documents.add_document(studio, pid, "2026-05-01")
    assert len(entries(studio, date(2026, 4, 1))) == 2
    clients.delete_client(studio, cid)
    assert entries(studio, date(2026, 4, 1)) == []


# -- the tables travel with the studio ----------------------------------------------------------
def test_agenda_rows_round_trip_through_export(studio, tmp_path):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 1, 5, 1970, calendar="lunar")
    doc = agenda_documents.add_document(studio, pid, "2027-01-01", number="P1")
    agenda_rules.set_rule(studio, "passport", lead_days=120)
    agenda_actions.dismiss(studio, "travel_document", doc.id, "2027-01-01")
    assert check(studio).ok
    out = tmp_path / "studio.json"
    exchange.export_studio(studio, out)
    tables = json.loads(out.read_text(encoding="utf-8"))["tables"]
    assert [len(tables[t]) for t in ("agenda_setting", "travel_document", "agenda_action")] == [
        1,
        1,
        1,
    ]
    with Studio.open(tmp_path / "copy") as copy:
        exchange.import_studio(copy, out)
        assert copy.count(TravelDocument) == 1 and copy.count(AgendaAction) == 1
        assert agenda_rules.load_rules(copy).lead("passport") == 120
        again = tmp_path / "again.json"
        exchange.export_studio(copy, again)
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_import_refuses_bad_agenda_rows(studio, tmp_path):
    from studio.errors import ImportFileError

    _cid, pid = person(studio)
    agenda_documents.add_document(studio, pid, "2027-01-01")
    out = tmp_path / "studio.json"
    exchange.export_studio(studio, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["tables"]["travel_document"][0]["expires_on"] = "2027-02-30"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    with (
        Studio.open(tmp_path / "copy") as copy,
        pytest.raises(ImportFileError, match="not a valid date"),
    ):
        exchange.import_studio(copy, bad)


def test_nothing_before_the_date_itself(studio):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "wedding", 6, 20, 2027)
    assert entries(studio, date(2026, 6, 15)) == []
    assert only(studio, date(2027, 6, 15)).why == "wedding day"
    assert only(studio, date(2028, 6, 15)).why == "1st anniversary"


# -- 29 February observed on 1 March: overdue and done like any other date --------------------
def test_29_february_on_1_march_stays_overdue_as_long_as_a_real_1_march(studio):
    _cid, pid = person(studio)
    _cid2, pid2 = person(studio, name="Li Na", native="李娜")
    clients.add_important_date(studio, pid, "birthday", 2, 29, 1988)
    clients.add_important_date(studio, pid2, "birthday", 3, 1, 1988)
    agenda_rules.set_option(studio, "feb29", "mar1")
    # 30 days after 1 March 2027: both are still overdue (overdue_days = 30), neither after.
    late = entries(studio, date(2027, 3, 31))
    assert [(e.section, e.due) for e in late] == [("overdue", date(2027, 3, 1))] * 2
    assert not entries(studio, date(2027, 4, 1))


def test_changing_the_29_february_rule_keeps_a_done_occurrence_done(studio):
    _cid, pid = person(studio)
    clients.add_important_date(studio, pid, "birthday", 2, 29, 1988)
    e = only(studio, date(2027, 3, 5))
    assert (e.section, e.due) == ("overdue", date(2027, 2, 28))
    agenda_actions.act_on(studio, e, "done", sent="Card", on="2027-03-05")
    assert not entries(studio, date(2027, 3, 5))
    agenda_rules.set_option(studio, "feb29", "mar1")  # now observed on 1 March
    assert not entries(studio, date(2027, 3, 5))
    agenda_rules.set_option(studio, "feb29", "feb28")
    assert not entries(studio, date(2027, 3, 5))
    assert len(entries(studio, date(2028, 2, 20))) == 1  # next year's comes back fresh


def test_an_action_recorded_under_the_other_rule_still_counts(studio):
    """Actions recorded before the fix, on the day the rule showed (1 March), still match; acting
    again records it under the reference day and leaves one row."""
    _cid, pid = person(studio)
    d = clients.add_important_date(studio, pid, "birthday", 2, 29, 1988)
    agenda_rules.set_option(studio, "feb29", "mar1")
    with studio.transaction() as tx:  # as the old code wrote it
        tx.create(
            AgendaAction,
            id=agenda_actions.action_id("important_date", d.id, date(2027, 3, 1)),
            client_id=d.client_id,
            source_table="important_date",
            source_id=d.id,
            occurrence="2027-03-01",
            action="dismissed",
        )
    assert not entries(studio, date(2027, 3, 5))
    agenda_rules.set_option(studio, "feb29", "feb28")
    assert not entries(studio, date(2027, 3, 5))
    assert agenda_actions.reopen(studio, "important_date", d.id, "2027-02-28")
    e = only(studio, date(2027, 3, 5))
    agenda_actions.snooze(
        studio, *e.key, until="2027-03-08", today=date(2027, 3, 5)
    )  # key: the reference day
    with studio.read() as conn:
        live = conn.exec_driver_sql(
            "SELECT occurrence, action FROM agenda_action WHERE deleted_at IS NULL"
        ).fetchall()
    assert live == [("2027-02-28", "snoozed")]
    assert only(studio, date(2027, 3, 8)).snoozed_from == date(2027, 2, 28)
