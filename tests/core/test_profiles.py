"""Preference profiles: validation, completeness, segments, conflicts, glance, search, history."""

from __future__ import annotations

import json
from datetime import date

import pytest

from studio.domain import taxonomy
from studio.domain.profile_models import ProfileFact
from studio.errors import ValidationError
from studio.services import clients, exchange, profiles
from studio.services.check import check
from studio.services.queries import history
from studio.services.search import search
from studio.store import Studio

TODAY = date(2026, 11, 22)


@pytest.fixture
def party(studio):
    """The Chen household: two adults and a child, with a few facts."""
    c = clients.create_client(
        studio,
        "Chen household",
        kind="household",
        people=[
            {
                "name": "Chen Wei",
                "native_name": "陈伟",
                "role": "primary",
                "birth_date": "1970-05-02",
            },
            {"name": "Li Na", "native_name": "李娜", "role": "partner"},
            {"name": "Chen Xiao", "role": "child", "birth_date": "2016-01-09"},
        ],
    )
    people = {p["name"]: p["id"] for p in _people(studio, c.id)}
    profiles.set_fact(
        studio,
        c.id,
        "dietary.shellfish",
        "never",
        person_id=people["Li Na"],
        severity="severe",
        note="carries an EpiPen",
        learned_on="2025-03-01",
    )
    profiles.set_fact(
        studio, c.id, "access.no_stairs", "must", person_id=people["Chen Wei"], note="knee surgery"
    )
    profiles.set_fact(studio, c.id, "pace.early_start", "dislike", person_id=people["Chen Xiao"])
    profiles.set_fact(studio, c.id, "interests.diving", "love", person_id=people["Chen Wei"])
    profiles.set_fact(studio, c.id, "dietary.vegetarian", "must", person_id=people["Chen Xiao"])
    profiles.set_fact(studio, c.id, "prompts.flowers", "must", note="peonies on the anniversary")
    return c, people


def _people(studio, cid):
    with studio.read() as conn:
        return [
            dict(r)
            for r in conn.exec_driver_sql(
                "SELECT id, name FROM person WHERE client_id = ? ORDER BY position, created_at",
                (cid,),
            ).mappings()
        ]


# -- taxonomy ---------------------------------------------------------------------------------
def test_taxonomy_covers_the_issue_in_both_languages():
    tax = taxonomy.load()
    for sec in (
        "interests",
        "lodging",
        "transport",
        "dining",
        "dietary",
        "access",
        "pace",
        "budget",
        "values",
        "purpose",
        "party",
        "never",
        "insights",
        "prompts",
    ):
        assert sec in tax.by_section, sec
    for key in (
        "interests.photography",
        "interests.diving",
        "interests.golf",
        "lodging.high_floor",
        "lodging.buckwheat_pillow",
        "lodging.connecting_rooms",
        "transport.aisle_seat",
        "transport.private_driver",
        "transport.rail",
        "dietary.shellfish",
        "access.altitude",
        "access.motion_sickness",
        "pace.early_riser",
        "values.sustainability",
        "party.children",
    ):
        assert tax.knows(key), key
    for item in tax.items.values():
        assert item.label["en"] and item.label["zh"], item.key
    assert set(tax.levels) == set(taxonomy.LEVELS)
    assert taxonomy.label("dietary.vegetarian", "zh") == "素食"


# -- validation -------------------------------------------------------------------------------
def test_level_outside_the_scale_is_refused_naming_the_field(party, studio):
    c, _ = party
    with pytest.raises(ValidationError) as exc:
        profiles.set_fact(studio, c.id, "interests.golf", "adore")
    assert exc.value.field == "level"
    with pytest.raises(ValidationError) as exc:
        profiles.set_fact(studio, c.id, "interests.golf", "like", source="rumour")
    assert exc.value.field == "source"
    with pytest.raises(ValidationError) as exc:
        profiles.set_fact(studio, c.id, "dietary.fish", "never", severity="deadly")
    assert exc.value.field == "severity"


def test_person_of_another_client_is_refused(party, studio):
    c, _ = party
    other = clients.create_client(studio, "Someone Else")
    pid = _people(studio, other.id)[0]["id"]
    with pytest.raises(ValidationError) as exc:
        profiles.set_fact(studio, c.id, "interests.golf", "like", person_id=pid)
    assert exc.value.field == "person_id"


def test_unknown_keys_are_kept_and_visible(party, studio):
    c, _ = party
    profiles.set_fact(studio, c.id, "interests.falconry", "love")
    assert "interests.falconry" in [f.key for f in profiles.facts(studio, c.id)]
    assert profiles.unknown_keys(studio, c.id) == ["interests.falconry"]
    assert taxonomy.label("interests.falconry") == "interests.falconry (unknown)"
    assert any("falconry" in line for line in profiles.glance(studio, c.id).loves)


def test_setting_again_updates_the_same_fact(party, studio):
    c, people = party
    before = len(profiles.facts(studio, c.id))
    profiles.set_fact(studio, c.id, "interests.diving", "like", person_id=people["Chen Wei"])
    assert len(profiles.facts(studio, c.id)) == before


# -- completeness -----------------------------------------------------------------------------
def test_completeness_lists_what_is_missing(party, studio):
    c, _ = party
    comp = profiles.completeness(studio, c.id)
    assert not comp.complete
    assert set(comp.missing) == {"purpose", "lodging", "transport", "budget"}
    assert comp.score == 50
    assert "Lodging" in comp.missing_labels() and "住宿" in comp.missing_labels("zh")
    for key in ("purpose.family", "lodging.villa", "transport.business_class", "budget.luxury"):
        profiles.set_fact(studio, c.id, key, "love")
    comp = profiles.completeness(studio, c.id)
    assert comp.complete and comp.score == 100 and comp.missing == []


def test_studio_share_of_complete_dossiers(party, studio):
    c, _ = party
    clients.create_client(studio, "Empty One")
    assert profiles.studio_completeness(studio).complete == 0
    for key in ("purpose.family", "lodging.villa", "transport.business_class", "budget.luxury"):
        profiles.set_fact(studio, c.id, key, "love")
    sc = profiles.studio_completeness(studio)
    assert (sc.complete, sc.total, sc.share, sc.on_target) == (1, 2, 0.5, False)


# -- segments ---------------------------------------------------------------------------------
def test_segments(party, studio):
    c, _ = party
    profiles.set_fact(studio, c.id, "purpose.family", "must")
    profiles.set_fact(studio, c.id, "budget.premium", "like")
    profiles.set_fact(studio, c.id, "budget.luxury", "must")
    seg = profiles.segments(studio, c.id, today=TODAY)
    assert seg.purposes == ["purpose.family"]
    assert seg.spending_band == "budget.luxury"
    assert seg.age_band == "45–59"  # the first adult, not the child
    assert seg.with_children
    assert seg.lifecycle == "new"
    assert profiles.clients_in_segment(studio, purpose="purpose.family", today=TODAY) == [c.id]
    assert profiles.clients_in_segment(studio, lifecycle="loyal", today=TODAY) == []


@pytest.mark.parametrize(
    ("stage", "trips", "last", "expected"),
    [
        ("active", 0, "2026-10-01", "new"),
        ("active", 2, "2026-10-01", "repeat"),
        ("repeat", 0, "2026-10-01", "repeat"),
        ("repeat", 2, "2026-10-01", "loyal"),
        ("active", 3, "2026-10-01", "loyal"),
        ("active", 5, "2024-01-01", "dormant"),
        ("lost", 0, None, "dormant"),
    ],
)
def test_lifecycle(stage, trips, last, expected):
    assert profiles.lifecycle(stage, trips, last, TODAY) == expected


# -- conflicts --------------------------------------------------------------------------------
def test_conflicts_with_reasons(party, studio):
    c, _ = party
    found = profiles.conflicts(
        studio, c.id, ["shellfish", "stairs", "early start", "high altitude"]
    )
    reasons = [x.reason for x in found]
    assert (
        reasons[0].startswith("Li Na") and "severe allergy" in reasons[0] and "EpiPen" in reasons[0]
    )
    assert any(
        x.person == "Chen Wei" and "stairs" in x.reason and "knee" in x.reason for x in found
    )
    assert any(x.person == "Chen Xiao" and "dislikes early starts" in x.reason for x in found)
    assert not any("high altitude" in r for r in reasons)
    assert profiles.conflicts(studio, c.id, ["Meat"])[0].person == "Chen Xiao"  # vegetarian
    assert profiles.conflicts(studio, c.id, ["diving"]) == []  # loves it: no clash
    assert profiles.conflicts(studio, c.id, []) == []


def test_whole_party_fact_and_altitude(party, studio):
    c, _ = party
    profiles.set_fact(studio, c.id, "access.altitude", "must")
    (x,) = profiles.conflicts(studio, c.id, ["high-altitude"])
    assert x.person == "Whole party" and "Altitude sensitivity" in x.reason


# -- glance -----------------------------------------------------------------------------------
def test_glance_puts_must_knows_first(party, studio):
    c, _ = party
    g = profiles.glance(studio, c.id)
    assert g.must_knows[0].startswith("Li Na: Severe allergy: Shellfish")
    assert any("Avoid stairs" in line for line in g.must_knows)
    assert g.loves == ["Chen Wei: Diving & snorkelling"]
    assert any("Early starts" in line for line in g.avoids)
    assert g.prompts == ["Whole party: Flowers in the room — peonies on the anniversary"]
    zh = profiles.glance(studio, c.id, "zh")
    assert zh.must_knows[0] == "李娜：严重过敏：贝类海鲜（carries an EpiPen）"


# -- search -----------------------------------------------------------------------------------
def test_search_by_preference_in_both_languages(party, studio):
    c, _ = party
    clients.create_client(studio, "Other Person")
    assert [h.client_id for h in search(studio, "diving")] == [c.id]
    assert [h.client_id for h in search(studio, "潜水")] == [c.id]
    assert [h.client_id for h in search(studio, "素食")] == [c.id]
    assert [h.client_id for h in search(studio, "EpiPen")] == [c.id]
    fid = next(f.id for f in profiles.facts(studio, c.id) if f.key == "interests.diving")
    profiles.remove_fact(studio, fid)
    assert search(studio, "diving") == []


# -- history ----------------------------------------------------------------------------------
def test_history_says_was_and_now(party, studio):
    c, people = party
    profiles.set_fact(
        studio,
        c.id,
        "interests.diving",
        "like",
        person_id=people["Chen Wei"],
        source="post-trip-feedback",
        trip_id="Kyoto 2026",
    )
    latest = profiles.profile_history(studio, c.id)[0]
    assert latest.person == "Chen Wei"
    assert latest.text == (
        "Diving & snorkelling: was Love, now Like — learned from post-trip feedback (Kyoto 2026)"
    )
    assert any(e.subject == "profile: Diving & snorkelling" for e in history(studio, c.id))


def test_undo_of_a_fact(party, studio):
    c, _ = party
    seen = []
    studio.subscribe(lambda cs: seen.append(cs.tx))
    profiles.set_fact(studio, c.id, "interests.golf", "love")
    studio.revert(seen[-1])
    assert "interests.golf" not in [f.key for f in profiles.facts(studio, c.id)]


# -- exchange and check -----------------------------------------------------------------------
def test_export_round_trip_and_unknown_key_reported(party, studio, tmp_path):
    c, _ = party
    profiles.set_fact(studio, c.id, "interests.falconry", "love")
    out = tmp_path / "s.json"
    exchange.export_studio(studio, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["tables"]["profile_fact"]) == 7
    with Studio.open(tmp_path / "copy") as other:
        summary = exchange.import_studio(other, out)
        assert "7 profile facts" in summary
        assert "interests.falconry" in summary and "kept" in summary
        assert {f.key for f in profiles.facts(other, c.id)} == {
            f.key for f in profiles.facts(studio, c.id)
        }
        assert [h.client_id for h in search(other, "diving")] == [c.id]
        assert check(other).ok
        again = tmp_path / "again.json"
        exchange.export_studio(other, again)
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_import_refuses_a_level_outside_the_scale(party, studio, tmp_path):
    out = tmp_path / "s.json"
    exchange.export_studio(studio, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["tables"]["profile_fact"][0]["level"] = "adore"
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with Studio.open(tmp_path / "copy") as other, pytest.raises(Exception) as exc:
        exchange.import_studio(other, out)
    assert "level" in str(exc.value) and "nothing was imported" in str(exc.value)


def test_check_counts_facts(party, studio):
    rep = check(studio)
    assert rep.ok
    assert any(line.startswith("profile_fact: 6 live") for line in rep.facts)
    assert (
        "preference profiles: 0 of 1 dossiers complete (0%; the studio's target is 90%)"
        in rep.facts
    )
    assert ProfileFact.__tablename__ == "profile_fact"


# -- demo -------------------------------------------------------------------------------------
def test_demo_profiles_are_rich_and_varied(tmp_path):
    from studio.services.demo.build import build_demo

    with Studio.open(tmp_path / "demo") as s:
        summary = build_demo(s, clients=40, seed=5, today=TODAY)
        assert "profile facts" in summary
        wang = search(s, "小明")[0].client_id
        g = profiles.glance(s, wang)
        assert g.must_knows[0].startswith("Li Na: Severe allergy: Shellfish")
        assert g.loves and g.prompts
        assert profiles.completeness(s, wang).complete
        share = profiles.studio_completeness(s)
        assert 0.3 < share.share < 0.9  # varied: some dossiers still need work
        lifecycles = {seg.lifecycle for seg in profiles.all_segments(s, TODAY).values()}
        assert {"new", "repeat", "dormant"} <= lifecycles
        assert search(s, "素食") and search(s, "diving")
        assert profiles.unknown_keys(s) == []
        assert check(s).ok


def test_client_list_sorts_and_filters_by_completeness(party, studio):
    from studio.services.queries import ClientFilter, client_ids, client_rows

    c, _ = party
    empty = clients.create_client(studio, "Empty One")
    full = clients.create_client(studio, "Full One")
    for key in profiles.required_sections():
        profiles.set_fact(
            studio,
            full.id,
            f"{key}.none"
            if key in ("dietary", "access")
            else next(iter(taxonomy.load().by_section[key].items)).key,
            "must",
        )
    assert client_ids(studio, sort="completeness") == [empty.id, c.id, full.id]
    assert client_ids(studio, sort="completeness", descending=True)[0] == full.id
    assert client_ids(studio, ClientFilter(profile="complete")) == [full.id]
    assert set(client_ids(studio, ClientFilter(profile="incomplete"))) == {empty.id, c.id}
    assert [r.completeness for r in client_rows(studio, [empty.id, c.id, full.id])] == [0, 50, 100]


def test_a_studio_upgraded_from_the_first_schema_takes_facts(data_dir):
    import shutil
    import sqlite3
    from pathlib import Path

    from studio import paths

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "studio-0001.sqlite3"
    shutil.copy(fixture, data_dir / paths.DB_NAME)
    with Studio.open(data_dir) as s:
        wang = search(s, "小明")[0].client_id
        profiles.set_fact(s, wang, "interests.diving", "love")
        assert [h.client_id for h in search(s, "潜水")] == [wang]
        assert check(s).ok
    con = sqlite3.connect(data_dir / paths.DB_NAME)
    try:
        with pytest.raises(
            sqlite3.IntegrityError
        ):  # the schema itself refuses a level off the scale
            con.execute("UPDATE profile_fact SET level = 'adore'")
    finally:
        con.close()
