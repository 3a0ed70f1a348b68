"""Marking a profile flag checked: who and when, through the journal; quiet after, listed still;
loud again once the item's text or the fact changes; following the item into the next version."""

from __future__ import annotations

import pytest

from studio.errors import ValidationError
from studio.services import clients, exchange, profiles
from studio.services.safety import check as safety_check
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import plan as trip_plan
from studio.services.trips import reading as trip_reading
from studio.services.trips import totals as trip_totals
from studio.services.trips import versions as trip_versions


@pytest.fixture
def trip(studio):
    c = clients.create_client(
        studio,
        "Wong household",
        kind="household",
        people=[{"name": "Ana Wong", "role": "primary"}, {"name": "Tom Wong", "role": "partner"}],
    )
    with studio.read() as conn:
        people = dict(
            conn.exec_driver_sql(
                "SELECT name, id FROM person WHERE client_id = ?", (c.id,)
            ).fetchall()
        )
    profiles.set_fact(
        studio,
        c.id,
        "dietary.peanuts",
        "never",
        person_id=people["Ana Wong"],
        severity="severe",
        note="anaphylaxis",
    )
    t = trip_lifecycle.create_trip(
        studio, c.id, "Singapore", start_date="2026-11-01", end_date="2026-11-03"
    )
    return t


def _day(studio, trip):
    v = trip_reading.find_trip(studio, trip.id).current_version_id
    return v, trip_reading.days(studio, v)[0]


def test_flag_from_title_tags_and_notes_with_severity(studio, trip):
    v, d = _day(studio, trip)
    trip_plan.add_item(
        studio, d.id, "Dinner at Sushi Zen", kind="dining", tags=["sushi", "peanut sauce"]
    )
    (f,) = trip_totals.flags(studio, v)
    assert f.severity == "danger"
    assert "“peanut sauce” in the tags matches the severe peanut allergy (anaphylaxis)" in f.reason


def test_checked_flag_goes_quiet_but_stays_in_the_presend_list(studio, trip):
    v, d = _day(studio, trip)
    it = trip_plan.add_item(studio, d.id, "Satay at Lau Pa Sat", kind="dining")
    (f,) = trip_totals.flags(studio, v)
    mark = safety_check.mark_checked(studio, it.id, f.fact_id, note="kitchen confirmed")
    assert mark.checked_by == studio.advisor_id and mark.checked_at
    assert trip_totals.flags(studio, v) == []  # no longer shouting
    (kept,) = trip_totals.flags(studio, v, include_checked=True)
    assert kept.checked and "Mei Lin" in kept.checked and kept.check_id == mark.id
    problems = trip_totals.presend_check(studio, trip.id)
    assert any("Satay" in p and "checked by Mei Lin" in p for p in problems)
    # The mark went through the write path: it is journaled.
    with studio.read() as conn:
        n = conn.exec_driver_sql(
            "SELECT count(*) FROM change WHERE table_name = 'safety_check' AND row_id = ?",
            (mark.id,),
        ).scalar()
    assert n and n > 0


def test_a_mark_never_hides_a_flag_whose_text_changed(studio, trip):
    v, d = _day(studio, trip)
    it = trip_plan.add_item(studio, d.id, "Satay at Lau Pa Sat", kind="dining")
    (f,) = trip_totals.flags(studio, v)
    safety_check.mark_checked(studio, it.id, f.fact_id)
    trip_plan.update_item(studio, it.id, notes="with extra peanut sauce")
    (again,) = trip_totals.flags(studio, v)
    assert again.checked is None and "changed since it was checked by Mei Lin" in again.reason


def test_a_mark_no_longer_holds_once_the_fact_changes(studio, trip):
    v, d = _day(studio, trip)
    it = trip_plan.add_item(studio, d.id, "Satay at Lau Pa Sat", kind="dining")
    (f,) = trip_totals.flags(studio, v)
    safety_check.mark_checked(studio, it.id, f.fact_id)
    profiles.update_fact(studio, f.fact_id, severity="intolerance")
    assert len(trip_totals.flags(studio, v)) == 1


def test_unmark_makes_it_loud_again(studio, trip):
    v, d = _day(studio, trip)
    it = trip_plan.add_item(studio, d.id, "Satay at Lau Pa Sat", kind="dining")
    (f,) = trip_totals.flags(studio, v)
    mark = safety_check.mark_checked(studio, it.id, f.fact_id)
    safety_check.unmark(studio, mark.id)
    assert len(trip_totals.flags(studio, v)) == 1


def test_a_mark_follows_the_item_into_the_next_version(studio, trip):
    v, d = _day(studio, trip)
    it = trip_plan.add_item(studio, d.id, "Satay at Lau Pa Sat", kind="dining")
    (f,) = trip_totals.flags(studio, v)
    safety_check.mark_checked(studio, it.id, f.fact_id)
    v2 = trip_versions.duplicate_version(studio, v)
    assert trip_totals.flags(studio, v2.id) == []
    assert len(trip_totals.flags(studio, v2.id, include_checked=True)) == 1


def test_marking_what_does_not_clash_is_refused(studio, trip):
    v, d = _day(studio, trip)
    it = trip_plan.add_item(studio, d.id, "Botanic gardens walk")
    fact = profiles.facts(studio, trip.client_id)[0]
    with pytest.raises(ValidationError):
        safety_check.mark_checked(studio, it.id, fact.id)


def test_marks_travel_in_an_export(studio, trip, tmp_path):
    v, d = _day(studio, trip)
    it = trip_plan.add_item(studio, d.id, "Satay at Lau Pa Sat", kind="dining")
    (f,) = trip_totals.flags(studio, v)
    safety_check.mark_checked(studio, it.id, f.fact_id)
    out = tmp_path / "studio.json"
    exchange.export_studio(studio, out)
    assert "safety_check" in out.read_text(encoding="utf-8")


def test_suggested_tags_offer_used_tags_first_and_both_languages(studio, trip):
    _, d = _day(studio, trip)
    trip_plan.add_item(studio, d.id, "Dinner", tags=["rooftop"])
    tags = safety_check.suggested_tags(studio)
    assert tags[0] == "rooftop" and "peanut" in tags and "花生" in tags and "early start" in tags
