"""Dead ends of the core found in the walkthrough: approving a version moves the trip on; phone
numbers without a country code are read in the studio's country."""

from __future__ import annotations

from decimal import Decimal

import pytest

from studio.domain import validate
from studio.errors import ValidationError
from studio.services import clients
from studio.services import studio_profile as sp
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import reading as trip_reading
from studio.services.trips import versions as trip_versions


@pytest.fixture
def trip(studio):
    c = clients.create_client(studio, "Ana Wong")
    return trip_lifecycle.create_trip(studio, c.id, "Lisbon", start_date="2026-05-01")


@pytest.mark.parametrize("status", ["inquiry", "drafting", "proposed"])
def test_approving_a_version_confirms_a_trip_not_yet_confirmed(studio, trip, status):
    trip_lifecycle.update_trip(studio, trip.id, status=status)
    trip_versions.approve_version(studio, trip.current_version_id)
    assert trip_reading.find_trip(studio, trip.id).status == "confirmed"


def test_approving_leaves_a_trip_further_along_where_it_is(studio, trip):
    trip_lifecycle.update_trip(studio, trip.id, status="travelling")
    trip_versions.approve_version(studio, trip.current_version_id)
    assert trip_reading.find_trip(studio, trip.id).status == "travelling"


def test_approval_and_its_move_are_one_undoable_step(studio, trip):
    with studio.transaction() as tx:
        trip_versions.approve_version(studio, trip.current_version_id)
    studio.revert(tx.id)
    t = trip_reading.find_trip(studio, trip.id)
    assert t.status == "inquiry"


def test_a_national_number_is_read_in_the_studio_country(studio):
    try:
        with pytest.raises(ValidationError):
            validate.phone("138 0013 8000")
        sp.update_profile(studio, phone="+86 21 6321 0000")
        assert sp.default_region(studio) == "CN"
        c = clients.create_client(
            studio, "Wang Wei", contacts=[{"kind": "phone", "value": "138 0013 8000"}]
        )
        with studio.read() as conn:
            stored = conn.exec_driver_sql(
                "SELECT value FROM contact_point WHERE client_id = ?", (c.id,)
            ).scalar()
        assert stored == "+8613800138000"
        assert validate.phone("+33 1 42 68 53 00") == "+33142685300"  # a + still wins
    finally:
        validate.set_default_region(None)


def test_without_a_studio_country_the_message_asks_for_the_code():
    with pytest.raises(ValidationError) as exc:
        validate.phone("138 0013 8000")
    assert "country code" in exc.value.message


def test_a_clients_trips_spend_next_departure_and_last_trip(studio):
    from datetime import date

    from studio.services.trips import client_trips
    from studio.services.trips import plan as trip_plan

    c = clients.create_client(studio, "Ana Wong")
    past = trip_lifecycle.create_trip(
        studio, c.id, "Kyoto", start_date="2025-04-01", end_date="2025-04-02", currency="JPY"
    )
    day = trip_reading.days(studio, past.current_version_id)[0]
    trip_plan.add_item(studio, day.id, "Ryokan", price="150000", currency="JPY")
    trip_plan.add_item(studio, day.id, "Guide", price="300", currency="USD")
    trip_lifecycle.update_trip(studio, past.id, status="completed")
    soon = trip_lifecycle.create_trip(studio, c.id, "Lisbon", start_date="2026-05-01")
    quoted = trip_lifecycle.create_trip(
        studio, c.id, "Patagonia", start_date="2027-01-10", end_date="2027-01-11"
    )
    d2 = trip_reading.days(studio, quoted.current_version_id)[0]
    trip_plan.add_item(studio, d2.id, "Estancia", price="9000", currency="USD")  # not booked
    found = client_trips.client_trips(studio, c.id, today=date(2026, 3, 1))
    assert [t.title for t in found.trips] == ["Kyoto", "Lisbon", "Patagonia"]
    assert found.spend == {"JPY": Decimal("150000"), "USD": Decimal("300")}
    assert found.next_departure is not None and found.next_departure.id == soon.id
    assert found.last_trip is not None and found.last_trip.id == past.id
