"""Removing a day: its items go with it, later days move up, the calendar stays, undo restores."""

from __future__ import annotations

import pytest

from studio.errors import ValidationError
from studio.services import clients
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import totals as trip_totals
from studio.services.trips import versions as trip_versions


@pytest.fixture
def version(studio):
    c = clients.create_client(
        studio,
        "Okafor family",
        kind="household",
        people=[{"name": "Ada Okafor", "role": "primary"}],
    )
    trip = trip_lifecycle.create_trip(
        studio,
        c.id,
        "Hokkaido winter",
        start_date="2027-01-10",
        end_date="2027-01-13",
        destinations=["Sapporo"],
        currency="JPY",
    )
    return trip, trip_reading.find_trip(studio, trip.id).current_version_id


def test_remove_day_takes_its_items_and_renumbers_the_rest(studio, version):
    trip, vid = version
    d1, d2, d3, d4 = trip_reading.days(studio, vid)
    trip_plan.add_item(studio, d2.id, "Ice festival")
    snow = trip_plan.add_item(studio, d3.id, "Snowshoe walk")
    with studio.transaction() as tx:
        assert trip_plan.remove_day(studio, d2.id) == vid
    left = trip_reading.days(studio, vid)
    assert [d.id for d in left] == [d1.id, d3.id, d4.id]
    assert [d.day_number for d in left] == [1, 2, 3]
    assert [d.date for d in left] == ["2027-01-10", "2027-01-11", "2027-01-12"]
    assert [i.title for i in trip_reading.version_items(studio, vid)] == ["Snowshoe walk"]
    assert trip_reading.items(studio, d3.id)[0].id == snow.id

    studio.revert(tx.id)
    back = trip_reading.days(studio, vid)
    assert [d.id for d in back] == [d1.id, d2.id, d3.id, d4.id]
    assert [d.date for d in back] == ["2027-01-10", "2027-01-11", "2027-01-12", "2027-01-13"]
    assert sorted(i.title for i in trip_reading.version_items(studio, vid)) == [
        "Ice festival",
        "Snowshoe walk",
    ]


def test_remove_day_of_an_approved_version_starts_the_next(studio, version):
    trip, vid = version
    trip_versions.approve_version(studio, vid)
    first = trip_reading.days(studio, vid)[0]
    new_vid = trip_plan.remove_day(studio, first.id)
    assert new_vid != vid
    assert len(trip_reading.days(studio, vid)) == 4
    assert len(trip_reading.days(studio, new_vid)) == 3


def test_remove_day_while_travelling_needs_a_reason(studio, version):
    trip, vid = version
    trip_lifecycle.update_trip(studio, trip.id, status="travelling")
    day = trip_reading.days(studio, vid)[1]
    with pytest.raises(ValidationError) as err:
        trip_plan.remove_day(studio, day.id)
    assert err.value.field == "change_reason"
    assert len(trip_reading.days(studio, vid)) == 4
    trip_plan.remove_day(studio, day.id, change_reason="weather")
    assert len(trip_reading.days(studio, vid)) == 3


def test_a_priced_item_with_an_empty_currency_takes_the_trips(studio, version):
    _, vid = version
    day = trip_reading.days(studio, vid)[0]
    item = trip_plan.add_item(
        studio, day.id, "Crab dinner", kind="dining", price="18000", currency=""
    )
    assert item.currency == "JPY"
    assert trip_totals.totals(studio, vid)["JPY"].price == 18000
