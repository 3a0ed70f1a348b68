"""The one answer to when a yearly date falls: Gregorian or lunar, 29 February, ordinals, trip days;
and the client list and dossier that show the next date through it."""

from __future__ import annotations

from datetime import date

import pytest

from studio.domain import dates, lunar
from studio.services import clients, queries
from studio.services.agenda import rules as agenda_rules


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th")]
    + [(21, "21st"), (41, "41st"), (52, "52nd"), (100, "100th"), (111, "111th"), (123, "123rd")],
)
def test_ordinals(n, text):
    assert dates.ordinal(n) == text


def test_next_occurrence_gregorian_and_29_february():
    assert dates.next_occurrence(3, 14, date(2026, 3, 14)) == (2026, date(2026, 3, 14))
    assert dates.next_occurrence(3, 14, date(2026, 3, 15)) == (2027, date(2027, 3, 14))
    assert dates.next_occurrence(2, 29, date(2027, 1, 10)) == (2027, date(2027, 2, 28))
    assert dates.next_occurrence(2, 29, date(2027, 1, 10), feb29="mar1") == (2027, date(2027, 3, 1))
    assert dates.next_occurrence(2, 29, date(2027, 3, 2), feb29="mar1") == (2028, date(2028, 2, 29))


def test_next_occurrence_lunar_counts_lunar_years():
    # Mid-Autumn (8th month, 15th day): 25 September 2026, 15 September 2027.
    assert dates.next_occurrence(8, 15, date(2026, 9, 1), "lunar") == (2026, date(2026, 9, 25))
    assert dates.next_occurrence(8, 15, date(2026, 9, 26), "lunar") == (2027, date(2027, 9, 15))
    # The 12th month of lunar 2025 falls in January 2026: its year is still 2025.
    year, day = dates.next_occurrence(12, 1, date(2026, 1, 1), "lunar")
    assert year == 2025 and day == lunar.to_gregorian(2025, 12, 1) and day.year == 2026


def test_yearly_occurrences_in_a_range():
    got = dates.yearly_occurrences(2, 29, "gregorian", date(2027, 1, 1), date(2028, 12, 31), "mar1")
    assert got == [(2027, date(2027, 3, 1)), (2028, date(2028, 2, 29))]
    lunar_days = dates.yearly_occurrences(1, 1, "lunar", date(2025, 1, 1), date(2026, 12, 31))
    assert lunar_days == [(2025, date(2025, 1, 29)), (2026, date(2026, 2, 17))]


def test_reference_day_does_not_move_with_the_rule():
    for rule in dates.FEB29_RULES:
        on = dates.observed(2027, 2, 29, rule)
        assert dates.reference_day(2, 29, "gregorian", on) == date(2027, 2, 28)
        assert dates.observed_days(2, 29, "gregorian", on) == (date(2027, 2, 28), date(2027, 3, 1))
    assert dates.observed_days(2, 29, "gregorian", date(2028, 2, 29)) == (date(2028, 2, 29),)
    assert dates.observed_days(3, 1, "gregorian", date(2027, 3, 1)) == (date(2027, 3, 1),)


def test_months_a_range_can_hold_include_february_for_1_march():
    assert dates.gregorian_months(date(2027, 3, 1), date(2027, 3, 31)) == [2, 3]
    assert dates.gregorian_months(date(2026, 12, 20), date(2027, 1, 5)) == [1, 12]
    assert dates.gregorian_months(date(2026, 1, 1), date(2027, 1, 1)) == list(range(1, 13))


def test_months_ages_and_trip_days():
    assert dates.add_months(date(2024, 8, 31), 18) == date(2026, 2, 28)
    assert dates.age_on(date(1966, 9, 25), date(2026, 9, 24)) == 59
    assert dates.age_on(date(1966, 9, 25), date(2026, 9, 25)) == 60
    assert dates.trip_day(date(2026, 3, 30), 3) == date(2026, 4, 1)
    assert dates.trip_dates(date(2026, 2, 27), date(2026, 3, 1)) == [
        date(2026, 2, 27),
        date(2026, 2, 28),
        date(2026, 3, 1),
    ]
    assert dates.trip_dates(date(2026, 3, 2), date(2026, 3, 1)) == []


# -- the client list and the dossier ----------------------------------------------------------
def _client_with(studio, *date_args, **date_kw):
    c = clients.create_client(studio, "Wang Wei", native_name="王伟")
    with studio.read() as conn:
        pid = conn.exec_driver_sql("SELECT id FROM person WHERE client_id = ?", (c.id,)).scalar()
    clients.add_important_date(studio, pid, *date_args, **date_kw)
    return c.id


def test_client_list_next_date_follows_the_lunar_calendar(studio):
    cid = _client_with(studio, "birthday", 8, 15, 1966, calendar="lunar")
    (row,) = queries.client_rows(studio, [cid], today=date(2026, 9, 1))
    assert row.next_date == ("2026-09-25", "Wang Wei: turns 60")
    dossier = queries.get_dossier(studio, cid)
    (d,) = dossier.people[0].dates
    assert dossier.next_date(d, date(2026, 9, 1)) == date(2026, 9, 25)


def test_client_list_next_date_follows_the_29_february_rule(studio):
    cid = _client_with(studio, "birthday", 2, 29, 1988)
    (row,) = queries.client_rows(studio, [cid], today=date(2027, 1, 10))
    assert row.next_date == ("2027-02-28", "Wang Wei: turns 39")
    agenda_rules.set_option(studio, "feb29", "mar1")
    (row,) = queries.client_rows(studio, [cid], today=date(2027, 1, 10))
    assert row.next_date == ("2027-03-01", "Wang Wei: turns 39")
    dossier = queries.get_dossier(studio, cid)
    (d,) = dossier.people[0].dates
    assert dossier.next_date(d, date(2027, 1, 10)) == date(2027, 3, 1)
