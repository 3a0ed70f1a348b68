"""Trips: versions (duplicate, compare, restore, lock), days and items, totals, profile checks,
bad input refused with the field named, and trips surviving an export/import round trip."""

from __future__ import annotations

from decimal import Decimal

import pytest

from studio.domain.models import MODELS
from studio.domain.trip_models import Trip, TripItem, TripVersion
from studio.errors import ValidationError
from studio.services import clients, exchange, profiles
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import suppliers as trip_suppliers
from studio.services.trips import totals as trip_totals
from studio.services.trips import versions as trip_versions
from studio.store import Studio


@pytest.fixture
def party(studio):
    c = clients.create_client(
        studio,
        "Chen family",
        kind="household",
        native_name="陈家",
        people=[
            {"name": "Chen Wei", "native_name": "陈伟", "role": "primary"},
            {"name": "Li Na", "native_name": "李娜", "role": "partner"},
        ],
    )
    people = {p.name: p for p in _people(studio, c.id)}
    profiles.set_fact(studio, c.id, "dietary.vegetarian", "must", person_id=people["Li Na"].id)
    return c, people


def _people(studio, client_id):
    from sqlmodel import select

    from studio.domain.models import Person

    with studio.session() as s:
        return s.exec(select(Person).where(Person.client_id == client_id)).all()


@pytest.fixture
def trip(studio, party):
    c, _ = party
    return trip_lifecycle.create_trip(
        studio,
        c.id,
        "Kyoto in autumn",
        start_date="2026-11-01",
        end_date="2026-11-05",
        destinations=["Kyoto", "Nara"],
        currency="JPY",
        budget="1500000",
    )


def _v(studio, trip_id) -> TripVersion:
    t = trip_reading.find_trip(studio, trip_id)
    return [v for v in trip_reading.versions(studio, trip_id) if v.id == t.current_version_id][0]


def test_new_trip_has_v1_with_a_day_per_date_and_the_party(studio, trip, party):
    v = _v(studio, trip.id)
    assert v.number == 1 and not v.locked
    ds = trip_reading.days(studio, v.id)
    assert [d.date for d in ds] == [
        "2026-11-01",
        "2026-11-02",
        "2026-11-03",
        "2026-11-04",
        "2026-11-05",
    ]
    assert {p.name for p in trip_reading.travellers(studio, trip.id)} == {"Chen Wei", "Li Na"}
    assert trip_reading.find_trip(studio, "kyoto").id == trip.id
    assert trip_reading.pipeline(studio)["inquiry"][0].id == trip.id


def test_duplicate_compare_restore(studio, trip):
    v1 = _v(studio, trip.id)
    d1, d2 = trip_reading.days(studio, v1.id)[:2]
    tea = trip_plan.add_item(studio, d1.id, "Tea ceremony", place="Uji", start_time="10:00")
    trip_plan.add_item(studio, d1.id, "Ryokan", kind="lodging", price="80000", cost="60000")
    v2 = trip_versions.duplicate_version(studio, v1.id, "Slower pace")
    assert v2.number == 2 and trip_reading.find_trip(studio, trip.id).current_version_id == v2.id
    assert len(trip_reading.version_items(studio, v2.id)) == 2
    copy_tea = [i for i in trip_reading.version_items(studio, v2.id) if i.title == "Tea ceremony"][
        0
    ]
    trip_plan.update_item(studio, copy_tea.id, start_time="14:00")
    ryokan2 = [i for i in trip_reading.version_items(studio, v2.id) if i.title == "Ryokan"][0]
    trip_plan.remove_item(studio, ryokan2.id)
    trip_plan.add_item(
        studio,
        trip_reading.days(studio, v2.id)[1].id,
        "Fushimi Inari at dawn",
        tags=["early start"],
    )
    cmp = trip_versions.compare_versions(studio, v1.id, v2.id)
    assert [c.title for c in cmp.added] == ["Fushimi Inari at dawn"]
    assert [c.title for c in cmp.removed] == ["Ryokan"]
    assert [(c.title, c.fields) for c in cmp.changed] == [("Tea ceremony", ("start_time",))]
    # v1 is untouched by edits to v2
    assert (
        trip_reading.items(studio, d1.id)[0].start_time == "10:00"
        and tea.id == trip_reading.items(studio, d1.id)[0].id
    )
    v3 = trip_versions.restore_version(studio, v1.id)
    assert v3.number == 3 and v3.label == "Restored from v1"
    assert trip_reading.find_trip(studio, trip.id).current_version_id == v3.id
    assert trip_versions.compare_versions(studio, v1.id, v3.id).is_empty
    assert d2.version_id == v1.id


def test_approved_version_is_locked_edits_start_a_new_version(studio, trip):
    v1 = _v(studio, trip.id)
    day = trip_reading.days(studio, v1.id)[0]
    item = trip_plan.add_item(studio, day.id, "Kaiseki dinner", kind="dining", price="30000")
    trip_versions.approve_version(studio, v1.id)
    changed = trip_plan.update_item(studio, item.id, price="32000")
    assert changed.id != item.id and changed.version_id != v1.id and changed.price == "32000.00"
    assert (
        trip_reading.items(studio, day.id)[0].price == "30000.00"
    )  # the approved one is as approved
    v2 = _v(studio, trip.id)
    assert v2.number == 2 and not v2.locked and v2.based_on_id == v1.id
    cmp = trip_versions.compare_versions(studio, v1.id, v2.id)
    assert [(c.title, c.fields) for c in cmp.changed] == [("Kaiseki dinner", ("price",))]


def test_reorder_and_move_and_undo(studio, trip):
    v = _v(studio, trip.id)
    d1, d2 = trip_reading.days(studio, v.id)[:2]
    a = trip_plan.add_item(studio, d1.id, "A")
    b = trip_plan.add_item(studio, d1.id, "B")
    c = trip_plan.add_item(studio, d1.id, "C", position=0)
    assert [i.title for i in trip_reading.items(studio, d1.id)] == ["C", "A", "B"]
    trip_plan.reorder_items(studio, d1.id, [a.id, b.id, c.id])
    assert [i.title for i in trip_reading.items(studio, d1.id)] == ["A", "B", "C"]
    seen = []
    studio.subscribe(lambda cs: seen.append(cs.tx))
    trip_plan.move_item(studio, b.id, d2.id)
    assert [i.title for i in trip_reading.items(studio, d1.id)] == ["A", "C"]
    assert [i.title for i in trip_reading.items(studio, d2.id)] == ["B"]
    studio.revert(seen[-1])
    assert [i.title for i in trip_reading.items(studio, d1.id)] == ["A", "B", "C"]
    trip_plan.reorder_days(
        studio, v.id, [d2.id] + [d.id for d in trip_reading.days(studio, v.id) if d.id != d2.id]
    )
    ds = trip_reading.days(studio, v.id)
    assert ds[0].id == d2.id and ds[0].day_number == 1 and ds[0].date == "2026-11-01"
    assert ds[1].id == d1.id and ds[1].date == "2026-11-02"


def test_totals_per_currency(studio, trip):
    v = _v(studio, trip.id)
    d = trip_reading.days(studio, v.id)[0]
    trip_plan.add_item(studio, d.id, "Hotel", kind="lodging", cost="100000", price="130000")
    trip_plan.add_item(studio, d.id, "Guide", cost="20000", price="25000.50")
    trip_plan.add_item(
        studio, d.id, "Flight", kind="flight", cost="900", price="1000", currency="usd"
    )
    t = trip_totals.totals(studio, v.id)
    assert t["JPY"].cost == Decimal("120000") and t["JPY"].price == Decimal("155000.50")
    assert t["JPY"].margin == Decimal("35000.50")
    assert t["USD"].margin == Decimal("100")


def test_profile_conflicts_flagged_and_listed_before_sending(studio, trip):
    v = _v(studio, trip.id)
    d = trip_reading.days(studio, v.id)[1]
    trip_plan.add_item(studio, d.id, "Wagyu tasting", kind="dining", tags=["meat"])
    found = trip_totals.flags(studio, v.id)
    assert (
        len(found) == 1
        and found[0].day == 2
        and "Li Na" in found[0].reason
        and "meat" in found[0].reason
    )
    problems = trip_totals.presend_check(studio, trip.id)
    assert any("Wagyu tasting" in p and "Li Na" in p for p in problems)
    with pytest.raises(ValidationError) as exc:
        trip_lifecycle.set_status(studio, trip.id, "proposed")
    assert exc.value.field == "status" and "Wagyu" in exc.value.message
    trip_lifecycle.set_status(studio, trip.id, "proposed", acknowledged=True)
    assert trip_reading.find_trip(studio, trip.id).status == "proposed"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s, t, d: trip_lifecycle.update_trip(s, t.id, end_date="2026-10-01"), "end_date"),
        (lambda s, t, d: trip_plan.add_item(s, d.id, "X", price="-5"), "price"),
        (lambda s, t, d: trip_plan.add_item(s, d.id, "X", price="12", currency="ABC"), "currency"),
        (lambda s, t, d: trip_lifecycle.update_trip(s, t.id, currency="DOLLARS"), "currency"),
        (lambda s, t, d: trip_plan.add_item(s, d.id, "X", start_time="25:00"), "start_time"),
        (lambda s, t, d: trip_plan.add_item(s, d.id, "X", time_zone="Mars/Olympus"), "time_zone"),
        (lambda s, t, d: trip_plan.add_item(s, d.id, "", kind="activity"), "title"),
        (lambda s, t, d: trip_plan.add_item(s, d.id, "X", kind="cruise"), "kind"),
        (lambda s, t, d: trip_plan.add_day(s, d.version_id, date="2026-12-24"), "date"),
        (
            lambda s, t, d: trip_suppliers.create_supplier(s, "Hotel", kind="hotel", rating=9),
            "rating",
        ),
    ],
)
def test_bad_input_refused_naming_the_field(studio, trip, call, field):
    d = trip_reading.days(studio, _v(studio, trip.id).id)[0]
    before = studio.count(TripItem), studio.count(Trip)
    with pytest.raises(ValidationError) as exc:
        call(studio, trip, d)
    assert exc.value.field == field and exc.value.message
    assert (studio.count(TripItem), studio.count(Trip)) == before


def test_overlapping_flights_refused_across_time_zones(studio, trip):
    v = _v(studio, trip.id)
    d = trip_reading.days(studio, v.id)[0]
    trip_plan.add_item(
        studio,
        d.id,
        "KIX → PVG",
        kind="flight",
        start_time="10:00",
        end_time="12:00",
        time_zone="Asia/Tokyo",
        end_time_zone="Asia/Shanghai",
    )
    with pytest.raises(ValidationError) as exc:
        trip_plan.add_item(
            studio,
            d.id,
            "PVG → PEK",
            kind="flight",
            start_time="11:30",
            end_time="14:00",
            time_zone="Asia/Shanghai",
        )
    assert exc.value.field == "start_time" and "KIX → PVG" in exc.value.message
    # 12:10 Shanghai is after the 12:00 Shanghai landing: fine
    trip_plan.add_item(
        studio,
        d.id,
        "PVG → PEK",
        kind="flight",
        start_time="12:10",
        end_time="14:30",
        time_zone="Asia/Shanghai",
    )


def test_shrinking_trip_dates_keeps_days_and_flags_them(studio, trip):
    v = _v(studio, trip.id)
    trip_lifecycle.update_trip(studio, trip.id, end_date="2026-11-03")
    assert len(trip_reading.days(studio, v.id)) == 5  # nothing entered is lost
    assert (
        sum("outside the trip's dates" in p for p in trip_totals.presend_check(studio, trip.id))
        == 2
    )


def test_travelling_changes_need_a_reason(studio, trip):
    v = _v(studio, trip.id)
    d = trip_reading.days(studio, v.id)[0]
    it = trip_plan.add_item(studio, d.id, "Arashiyama walk")
    trip_lifecycle.set_status(studio, trip.id, "travelling")
    with pytest.raises(ValidationError) as exc:
        trip_plan.update_item(studio, it.id, start_time="15:00")
    assert exc.value.field == "change_reason"
    assert (
        trip_plan.update_item(
            studio, it.id, start_time="15:00", change_reason="weather"
        ).change_reason
        == "weather"
    )


def test_export_import_round_trip_with_trips(studio, trip, tmp_path):
    v = _v(studio, trip.id)
    sup = trip_suppliers.create_supplier(
        studio,
        "Hoshinoya Kyoto",
        kind="hotel",
        native_name="星のや京都",
        contacts="+81 50 3134 8091",
        rating=5,
    )
    d = trip_reading.days(studio, v.id)[0]
    trip_plan.add_item(
        studio,
        d.id,
        "Check in",
        kind="lodging",
        supplier_id=sup.id,
        confirmation="HX-1",
        cost="100",
        price="120",
        tags=["river"],
    )
    trip_versions.approve_version(studio, v.id)
    out = tmp_path / "s.json"
    exchange.export_studio(studio, out)
    with Studio.open(tmp_path / "other") as other:
        exchange.import_studio(other, out)
        for m in MODELS:
            assert other.count(m, include_deleted=True) == studio.count(m, include_deleted=True), (
                m.__tablename__
            )
        t2 = trip_reading.find_trip(other, trip.id)
        assert t2.current_version_id == v.id
        [it] = trip_reading.version_items(other, v.id)
        assert it.supplier_id == sup.id and it.price == "120.00" and it.tags == '["river"]'
        assert trip_reading.versions(other, trip.id)[0].locked


def test_demo_has_trips_in_every_status_with_versions_and_prints(tmp_path, monkeypatch):
    from datetime import date

    from studio.services.demo import history

    # the featured trips, without the demo's three years of past ones
    monkeypatch.setattr(history, "add_history_demo", lambda *a, **k: "")

    from studio.domain.trip_models import TRIP_STATUSES
    from studio.services.demo.build import build_demo
    from studio.services.trips.handout import write_itinerary

    with Studio.open(tmp_path / "demo") as s:
        summary = build_demo(s, clients=30, seed=3, today=date(2026, 11, 22))
        assert "trips" in summary
        pipe = trip_reading.pipeline(s)
        assert all(pipe[st] for st in TRIP_STATUSES)
        confirmed = pipe["confirmed"][0]
        vs = trip_reading.versions(s, confirmed.id)
        assert len(vs) >= 2 and vs[-1].locked and vs[-1].id == confirmed.current_version_id
        assert not trip_versions.compare_versions(s, vs[0].id, vs[-1].id).is_empty
        on_road = pipe["travelling"][0]
        items = trip_reading.version_items(s, on_road.current_version_id)
        assert any(i.change_reason for i in items)
        assert not trip_reading.versions(s, on_road.id)[-1].locked
        assert trip_totals.totals(s, confirmed.current_version_id)
        assert write_itinerary(s, confirmed.id, tmp_path / "demo.pdf") >= 4
        assert all(
            i.end_time is None
            or i.start_time is None
            or i.end_time > i.start_time
            or i.kind == "flight"
            for i in items
        )


def test_import_refuses_an_item_pointing_to_a_missing_supplier(studio, trip, tmp_path):
    import json

    from studio.errors import ImportFileError

    d = trip_reading.days(studio, _v(studio, trip.id).id)[0]
    sup = trip_suppliers.create_supplier(studio, "Gone Hotel", kind="hotel")
    trip_plan.add_item(studio, d.id, "Stay", kind="lodging", supplier_id=sup.id)
    out = tmp_path / "s.json"
    exchange.export_studio(studio, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["tables"]["supplier"] = []
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with Studio.open(tmp_path / "other") as other:
        with pytest.raises(ImportFileError) as err:
            exchange.import_studio(other, out)
        assert "supplier_id" in str(err.value) and other.count(Trip) == 0
