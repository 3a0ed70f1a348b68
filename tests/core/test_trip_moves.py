"""Moving items and days as one change: copy-on-write of an approved version happens once, in the
core, which says where the move landed (the copies' ids)."""

from __future__ import annotations

import pytest

from studio.errors import ValidationError
from studio.services import clients
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import versions as trip_versions


@pytest.mark.parametrize(
    ("current", "moving", "row", "order"),
    [
        (["a", "b", "c"], ["c"], 0, ["c", "a", "b"]),
        (["a", "b", "c"], ["a"], -1, ["b", "c", "a"]),
        (["a", "b", "c"], ["a"], 2, ["b", "a", "c"]),  # before what is now the third
        (["a", "b", "c"], ["a", "c"], 1, ["a", "c", "b"]),
        (["a", "b"], ["x"], 1, ["a", "x", "b"]),  # from another day
        (["a", "b"], ["x"], 9, ["a", "b", "x"]),
        ([], ["x", "y"], -1, ["x", "y"]),
    ],
)
def test_arranged(current, moving, row, order):
    assert trip_plan.arranged(current, moving, row) == order


@pytest.fixture
def plan(studio):
    c = clients.create_client(studio, "Ines Duarte")
    trip = trip_lifecycle.create_trip(
        studio, c.id, "Douro", start_date="2027-06-01", end_date="2027-06-03"
    )
    vid = trip.current_version_id
    d1, d2, d3 = trip_reading.days(studio, vid)
    a = trip_plan.add_item(studio, d1.id, "Port lodge")
    b = trip_plan.add_item(studio, d1.id, "River cruise")
    c2 = trip_plan.add_item(studio, d2.id, "Vineyard lunch")
    return trip, vid, (d1, d2, d3), (a, b, c2)


def _titles(studio, day_id):
    return [i.title for i in trip_reading.items(studio, day_id)]


def test_move_items_on_an_open_version_stays_there(studio, plan):
    trip, vid, (d1, d2, _), (a, b, c) = plan
    where = trip_plan.move_items(studio, [c.id], d1.id, 1)
    assert where.version_id == vid and not where.copied
    assert _titles(studio, d1.id) == ["Port lodge", "Vineyard lunch", "River cruise"]
    assert _titles(studio, d2.id) == []


def test_move_items_of_an_approved_version_start_one_new_version(studio, plan):
    trip, vid, (d1, d2, _), (a, b, c) = plan
    trip_versions.approve_version(studio, vid)
    where = trip_plan.move_items(studio, [c.id, a.id], d1.id, 0, change_reason="weather")
    assert where.copied and where.version_id != vid
    versions = trip_reading.versions(studio, trip.id)
    assert [v.number for v in versions] == [1, 2]  # one new version for the whole move
    assert trip_reading.find_trip(studio, trip.id).current_version_id == where.version_id
    new_d1, new_d2 = where.day(d1.id), where.day(d2.id)
    assert _titles(studio, new_d1) == ["Vineyard lunch", "Port lodge", "River cruise"]
    assert _titles(studio, new_d2) == []
    moved = {i.id: i for i in trip_reading.items(studio, new_d1)}
    assert moved[where.item(c.id)].change_reason == "weather"
    assert moved[where.item(a.id)].origin_id == a.id
    assert moved[where.item(b.id)].change_reason is None
    # the approved version is untouched
    assert _titles(studio, d1.id) == ["Port lodge", "River cruise"]


def test_a_move_that_changes_nothing_writes_nothing(studio, plan):
    trip, vid, (d1, _, _), (a, b, _) = plan
    trip_versions.approve_version(studio, vid)
    where = trip_plan.move_items(studio, [a.id], d1.id, 0)
    assert where.version_id == vid and len(trip_reading.versions(studio, trip.id)) == 1
    assert trip_plan.move_days(studio, vid, [d1.id], 0).version_id == vid
    assert len(trip_reading.versions(studio, trip.id)) == 1


def test_move_days_of_an_approved_version(studio, plan):
    trip, vid, (d1, d2, d3), _ = plan
    trip_versions.approve_version(studio, vid)
    where = trip_plan.move_days(studio, vid, [d3.id], 0)
    assert where.copied
    days = trip_reading.days(studio, where.version_id)
    assert [d.id for d in days] == [where.day(d3.id), where.day(d1.id), where.day(d2.id)]
    assert [d.date for d in days] == ["2027-06-01", "2027-06-02", "2027-06-03"]


def test_moves_are_refused_across_versions(studio, plan):
    trip, vid, (d1, _, _), (a, _, _) = plan
    other = trip_versions.duplicate_version(studio, vid)
    o1 = trip_reading.days(studio, other.id)[0]
    with pytest.raises(ValidationError):
        trip_plan.move_items(studio, [a.id], o1.id)
    with pytest.raises(ValidationError):
        trip_plan.move_days(studio, vid, [o1.id], 0)
