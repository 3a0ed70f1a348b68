"""Removing a day: its items go with it, later days move up, the calendar stays, undo restores."""

from __future__ import annotations

import pytest

from studio.errors import ValidationError
from studio.services import clients, trips


@pytest.fixture
def version(studio):
    c = clients.create_client(
        studio,
        "Okafor family",
        kind="household",
        people=[{"name": "Ada Okafor", "role": "primary"}],
    )
    trip = trips.create_trip(
        studio,
        c.id,
        "Hokkaido winter",
        start_date="2027-01-10",
        end_date="2027-01-13",
        destinations=["Sapporo"],
        currency="JPY",
    )
    return trip, trips.find_trip(studio, trip.id).current_version_id


def test_remove_day_takes_its_items_and_renumbers_the_rest(studio, version):
    trip, vid = version
    d1, d2, d3, d4 = trips.days(studio, vid)
    trips.add_item(studio, d2.id, "Ice festival")
    snow = trips.add_item(studio, d3.id, "Snowshoe walk")
    with studio.transaction() as tx:
        assert trips.remove_day(studio, d2.id) == vid
    left = trips.days(studio, vid)
    assert [d.id for d in left] == [d1.id, d3.id, d4.id]
    assert [d.day_number for d in left] == [1, 2, 3]
    assert [d.date for d in left] == ["2027-01-10", "2027-01-11", "2027-01-12"]
    assert [i.title for i in trips.version_items(studio, vid)] == ["Snowshoe walk"]
    assert trips.items(studio, d3.id)[0].id == snow.id

    studio.revert(tx.id)
    back = trips.days(studio, vid)
    assert [d.id for d in back] == [d1.id, d2.id, d3.id, d4.id]
    assert [d.date for d in back] == ["2027-01-10", "2027-01-11", "2027-01-12", "2027-01-13"]
    assert sorted(i.title for i in trips.version_items(studio, vid)) == [
        "Ice festival",
        "Snowshoe walk",
    ]


def test_remove_day_of_an_approved_version_starts_the_next(studio, version):
    trip, vid = version
    trips.approve_version(studio, vid)
    first = trips.days(studio, vid)[0]
    new_vid = trips.remove_day(studio, first.id)
    assert new_vid != vid
    assert len(trips.days(studio, vid)) == 4
    assert len(trips.days(studio, new_vid)) == 3


def test_remove_day_while_travelling_needs_a_reason(studio, version):
    trip, vid = version
    trips.update_trip(studio, trip.id, status="travelling")
    day = trips.days(studio, vid)[1]
    with pytest.raises(ValidationError) as err:
        trips.remove_day(studio, day.id)
    assert err.value.field == "change_reason"
    assert len(trips.days(studio, vid)) == 4
    trips.remove_day(studio, day.id, change_reason="weather")
    assert len(trips.days(studio, vid)) == 3


def test_a_priced_item_with_an_empty_currency_takes_the_trips(studio, version):
    _, vid = version
    day = trips.days(studio, vid)[0]
    item = trips.add_item(studio, day.id, "Crab dinner", kind="dining", price="18000", currency="")
    assert item.currency == "JPY"
    assert trips.totals(studio, vid)["JPY"].price == 18000
