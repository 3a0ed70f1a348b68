"""Pipeline lines: the bulk read agrees with the trips service, trip by trip."""

from __future__ import annotations

from decimal import Decimal

from studio.services import clients
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import totals as trip_totals
from studio.services.trips import versions as trip_versions
from studio.services.trips.pipeline import pipeline_lines


def _studio_with_trips(studio):
    wang = clients.create_client(studio, "Wang Xiaoming", native_name="王小明")
    zoe = clients.create_client(studio, "Zoë Martin")
    kyoto = trip_lifecycle.create_trip(
        studio,
        wang.id,
        "Kyoto",
        start_date="2027-03-14",
        end_date="2027-03-15",
        destinations=["Kyoto", "Nara"],
        currency="JPY",
        purpose="culture",
    )
    d1 = trip_reading.days(studio, kyoto.current_version_id)[0]
    trip_plan.add_item(studio, d1.id, "Dinner", cost="90000", price="110000")
    gone = trip_plan.add_item(studio, d1.id, "Removed", cost="5", price="5")
    trip_plan.remove_item(studio, gone.id)
    trip_plan.add_item(studio, d1.id, "Helicopter", cost="900", price="1200.50", currency="USD")
    v2 = trip_versions.duplicate_version(studio, kyoto.current_version_id, "Slower")
    trip_plan.add_item(
        studio, trip_reading.days(studio, v2.id)[1].id, "Onsen", cost="1000", price="2000"
    )
    trip_versions.approve_version(studio, v2.id)
    provence = trip_lifecycle.create_trip(
        studio, zoe.id, "Provence", start_date="2027-01-10", end_date="2027-01-12", currency="EUR"
    )
    someday = trip_lifecycle.create_trip(studio, zoe.id, "Someday", currency="CNY")
    trip_lifecycle.update_trip(studio, someday.id, advisor_id=None)
    return wang, zoe, kyoto, provence, someday


def test_lines_match_the_trips_service(studio):
    wang, zoe, kyoto, provence, someday = _studio_with_trips(studio)
    lines = pipeline_lines(studio)
    assert [ln.title for ln in lines] == [
        "Provence",
        "Kyoto",
        "Someday",
    ]  # by start date, undated last
    by_id = {ln.id: ln for ln in lines}
    for t in trip_reading.trips_of(studio):
        ln = by_id[t.id]
        assert ln.totals == trip_totals.totals(studio, t.current_version_id)
        v = next(v for v in trip_reading.versions(studio, t.id) if v.id == t.current_version_id)
        assert (ln.version_id, ln.version_number, ln.version_label, ln.version_locked) == (
            v.id,
            v.number,
            v.label,
            v.locked,
        )
        assert (ln.status, ln.start_date, ln.end_date, ln.currency) == (
            t.status,
            t.start_date,
            t.end_date,
            t.currency,
        )
    k = by_id[kyoto.id]
    assert (k.client_name, k.client_native_name, k.destinations, k.purpose) == (
        "Wang Xiaoming",
        "王小明",
        ["Kyoto", "Nara"],
        "culture",
    )
    assert k.version_number == 2 and k.version_locked
    assert k.totals["JPY"].price == Decimal("112000") and k.totals["USD"].price == Decimal(
        "1200.50"
    )
    assert k.advisor_name == "Mei Lin" and by_id[someday.id].advisor_name is None
    assert by_id[provence.id].totals == {}


def test_lines_of_some_clients_only(studio):
    wang, zoe, kyoto, provence, someday = _studio_with_trips(studio)
    assert {ln.id for ln in pipeline_lines(studio, [zoe.id])} == {provence.id, someday.id}
    assert pipeline_lines(studio, []) == []
    trip_lifecycle.update_trip(studio, provence.id, status="cancelled")
    assert [ln.status for ln in pipeline_lines(studio, {zoe.id}) if ln.id == provence.id] == [
        "cancelled"
    ]
    clients.delete_client(studio, zoe.id)  # her trips leave the pipeline with her, and come back
    assert {ln.id for ln in pipeline_lines(studio)} == {kyoto.id}
    clients.restore_client(studio, zoe.id)
    assert len(pipeline_lines(studio)) == 3
