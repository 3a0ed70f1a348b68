"""Loyalty: post-trip surveys, referral rewards, tiers, events and ideas (core, no Qt)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studio.errors import ValidationError
from studio.services import clients, profiles
from studio.services.agenda import actions
from studio.services.agenda.build import agenda
from studio.services.loyalty import events, ideas, referrals, surveys, tiers
from studio.services.trips import lifecycle, plan
from studio.services.trips import reading as trip_reading

TODAY = date.today()


def _trip(studio, client_id, title, dests, status="completed", days_ago=30, price=None, cur="CNY"):
    start = TODAY - timedelta(days=days_ago + 5)
    end = TODAY - timedelta(days=days_ago)
    trip = lifecycle.create_trip(
        studio,
        client_id,
        title,
        destinations=dests,
        start_date=start.isoformat(),
        end_date=end.isoformat(),
        currency=cur,
    )
    if price is not None:
        day = trip_reading.days(studio, trip.current_version_id)[0]
        plan.add_item(studio, day.id, "Stay", kind="lodging", price=str(price), currency=cur)
    lifecycle.update_trip(studio, trip.id, status=status)
    return trip


def _journal_count(studio, table):
    with studio.read() as conn:
        return conn.exec_driver_sql(
            "SELECT count(*) FROM change WHERE table_name = ?", (table,)
        ).scalar()


# -- surveys ----------------------------------------------------------------------------------
def test_survey_is_the_trips_feedback_and_journaled(studio):
    c = clients.create_client(studio, "Wang Li")
    trip = _trip(studio, c.id, "Kyoto in autumn", ["Kyoto"])
    s = surveys.record_survey(
        studio, trip.id, 88, 9, keep="the tea master", change="fewer early starts"
    )
    with studio.read() as conn:
        row = conn.exec_driver_sql(
            "SELECT kind, satisfaction, summary, body FROM interaction WHERE id = ?",
            (s.interaction_id,),
        ).first()
    assert row[0] == "feedback" and row[1] == 88
    assert "Kyoto in autumn" in row[2] and "9/10" in row[2]
    assert "the tea master" in row[3] and "fewer early starts" in row[3]
    assert _journal_count(studio, "trip_survey") > 0
    # recording again corrects, never duplicates
    again = surveys.record_survey(studio, trip.id, 70, 8)
    assert again.id == s.id and again.interaction_id == s.interaction_id
    with studio.read() as conn:
        n = conn.exec_driver_sql(
            "SELECT count(*) FROM interaction WHERE client_id = ? AND kind = 'feedback' "
            "AND deleted_at IS NULL",
            (c.id,),
        ).scalar()
        score = conn.exec_driver_sql(
            "SELECT satisfaction FROM interaction WHERE id = ?", (s.interaction_id,)
        ).scalar()
    assert n == 1 and score == 70
    assert surveys.survey_of_trip(studio, trip.id).overall == 70


@pytest.mark.parametrize(
    ("overall", "recommend", "words"),
    [
        (101, 5, "from 0 to 100"),
        (-1, 5, "from 0 to 100"),
        (50, 11, "from 0 to 10"),
        ("lots", 5, "not lots"),
    ],
)
def test_survey_score_out_of_range_is_one_sentence_and_writes_nothing(
    studio, overall, recommend, words
):
    c = clients.create_client(studio, "Wang Li")
    trip = _trip(studio, c.id, "Kyoto", ["Kyoto"])
    with pytest.raises(ValidationError) as exc:
        surveys.record_survey(studio, trip.id, overall, recommend)
    assert words in str(exc.value)
    assert _journal_count(studio, "trip_survey") == 0


def test_survey_refused_before_the_trip(studio):
    c = clients.create_client(studio, "Wang Li")
    trip = lifecycle.create_trip(studio, c.id, "Patagonia")
    with pytest.raises(ValidationError, match="has not been taken yet"):
        surveys.record_survey(studio, trip.id, 90, 10)


def test_low_score_opens_a_care_task_and_done_logs_it(studio):
    c = clients.create_client(studio, "Zhao Min")
    trip = _trip(studio, c.id, "Bali", ["Bali"])
    surveys.record_survey(studio, trip.id, 45, 4, change="the villa was noisy")
    care = [e for e in agenda(studio).entries if e.occurrence.kind == "survey_care"]
    assert len(care) == 1 and care[0].client_id == c.id and "45/100" in care[0].why
    actions.act_on(studio, care[0], "done", sent="Called, offered a spa day")
    assert not [e for e in agenda(studio).entries if e.occurrence.kind == "survey_care"]


def test_good_score_opens_no_care_task(studio):
    c = clients.create_client(studio, "Zhao Min")
    trip = _trip(studio, c.id, "Bali", ["Bali"])
    surveys.record_survey(studio, trip.id, 92, 10)
    assert not [e for e in agenda(studio).entries if e.occurrence.kind == "survey_care"]


@given(st.lists(st.integers(0, 10), max_size=40))
@settings(max_examples=60)
def test_nps_is_promoters_minus_detractors(scores):
    n = surveys.nps_of(scores)
    assert n.answers == len(scores)
    if scores:
        assert -100 <= n.score <= 100
        p = sum(s >= 9 for s in scores)
        d = sum(s <= 6 for s in scores)
        assert n.score == round(100 * (p - d) / len(scores), 1)
    else:
        assert n.score is None


def test_nps_on_the_owners_desk(studio):
    from studio.services.figures import compute
    from studio.services.figures.period import Period

    for i, rec in enumerate((10, 9, 7, 3)):
        c = clients.create_client(studio, f"Client {i}")
        trip = _trip(studio, c.id, f"Trip {i}", ["Kyoto"])
        surveys.record_survey(studio, trip.id, 80, rec, answered_on=TODAY)
    period = Period(TODAY.replace(day=1), TODAY + timedelta(days=1))
    d = compute.desk(studio, period)
    assert d.nps.promoters == 2 and d.nps.detractors == 1 and d.nps.answers == 4
    assert d.nps.score == 25.0
    assert d.to_json()["nps"]["score"] == 25.0
    from studio.services.figures.text import report_lines

    assert any("NPS" in line and "+25" in line for line in report_lines(d))


# -- referrals --------------------------------------------------------------------------------
def test_referral_reward_prompt_after_first_confirmed_trip(studio):
    referrer = clients.create_client(studio, "Chen Jing")
    friend = clients.create_client(studio, "Liu Yang", referred_by_id=referrer.id)
    referrals.set_rule(studio, "gift", "a bottle of Burgundy")
    trip = lifecycle.create_trip(studio, friend.id, "Provence")
    assert not [e for e in agenda(studio).entries if e.occurrence.kind == "referral_reward"]
    lifecycle.update_trip(studio, trip.id, status="confirmed")
    prompts = [e for e in agenda(studio).entries if e.occurrence.kind == "referral_reward"]
    assert len(prompts) == 1
    p = prompts[0]
    assert p.client_id == referrer.id and "Liu Yang" in p.why and "Burgundy" in p.why
    # a second confirmed trip of the friend does not bring a second prompt
    t2 = lifecycle.create_trip(studio, friend.id, "Tuscany")
    lifecycle.update_trip(studio, t2.id, status="confirmed")
    assert len([e for e in agenda(studio).entries if e.occurrence.kind == "referral_reward"]) == 1
    actions.act_on(studio, p, "done", sent="Burgundy sent with a card")
    with studio.read() as conn:
        gift = conn.exec_driver_sql(
            "SELECT summary FROM interaction WHERE client_id = ? AND kind = 'gift'", (referrer.id,)
        ).scalar()
    assert "Burgundy sent" in gift and "Liu Yang" in gift
    friends = referrals.friends_of(studio, referrer.id)
    assert [f.name for f in friends] == ["Liu Yang"]
    assert friends[0].first_trip == "Provence" and friends[0].rewarded_on == TODAY


def test_referral_rule_bad_input(studio):
    with pytest.raises(ValidationError, match="gift or a credit"):
        referrals.set_rule(studio, "voucher", "x")
    with pytest.raises(ValidationError, match="needs its amount"):
        referrals.set_rule(studio, "credit")
    with pytest.raises(ValidationError, match="currency code"):
        referrals.set_rule(studio, "credit", amount="500")
    rule = referrals.set_rule(studio, "credit", "on the next trip", amount="500", currency="eur")
    assert referrals.load_rule(studio) == rule and "500.00 EUR" in rule.describe()


def test_disabled_rule_raises_no_prompt(studio):
    referrer = clients.create_client(studio, "Chen Jing")
    friend = clients.create_client(studio, "Liu Yang", referred_by_id=referrer.id)
    referrals.set_rule(studio, "gift", "tea", enabled=False)
    trip = lifecycle.create_trip(studio, friend.id, "Provence")
    lifecycle.update_trip(studio, trip.id, status="confirmed")
    assert not [e for e in agenda(studio).entries if e.occurrence.kind == "referral_reward"]


# -- tiers ------------------------------------------------------------------------------------
def test_tiers_by_trips_and_spend_per_currency(studio):
    tiers.define_tier(studio, "Silver", 1, min_trips=2)
    tiers.define_tier(studio, "Gold", 2, min_trips=4, min_spend="100000 CNY")
    a = clients.create_client(studio, "Two trips")
    _trip(studio, a.id, "A1", ["Kyoto"], days_ago=400)
    _trip(studio, a.id, "A2", ["Nara"], days_ago=20)
    b = clients.create_client(studio, "Big spender")
    _trip(studio, b.id, "B1", ["Paris"], price=120000, cur="CNY")
    c = clients.create_client(studio, "Spends in euros")
    _trip(studio, c.id, "C1", ["Rome"], price=120000, cur="EUR")  # never converted to CNY
    with studio.read() as conn:
        st_ = tiers.standings(conn)
    assert st_[a.id].tier.name == "Silver" and st_[a.id].next_tier.name == "Gold"
    assert st_[a.id].trips_to_next == 2
    assert st_[b.id].tier.name == "Gold"
    assert st_[c.id].tier is None


def test_tier_rules_that_overlap_are_refused(studio):
    tiers.define_tier(studio, "Silver", 1, min_trips=3)
    with pytest.raises(ValidationError, match="overlap"):
        tiers.define_tier(studio, "Gold", 2, min_trips=3)
    with pytest.raises(ValidationError, match="both have rank 1"):
        tiers.define_tier(studio, "Bronze", 1, min_trips=1)
    with pytest.raises(ValidationError, match="completed trips or a spend"):
        tiers.define_tier(studio, "Nothing", 3)
    with pytest.raises(ValidationError, match="not a currency code"):
        tiers.define_tier(studio, "Gold", 2, min_spend={"yuan": "5"})
    assert [t.name for t in tiers.list_tiers(studio)] == ["Silver"]  # nothing half-written


def test_agenda_notices_one_trip_from_next_tier(studio):
    tiers.define_tier(studio, "Silver", 1, min_trips=2)
    a = clients.create_client(studio, "One trip")
    _trip(studio, a.id, "A1", ["Kyoto"], days_ago=10)
    near = [e for e in agenda(studio).entries if e.occurrence.kind == "tier_near"]
    assert len(near) == 1 and near[0].client_id == a.id and "Silver" in near[0].why


# -- events -----------------------------------------------------------------------------------
def test_event_rsvps_capacity_attendance_and_followup(studio):
    guests = [clients.create_client(studio, f"Guest {i}") for i in range(3)]
    ev = events.create_event(
        studio,
        "Burgundy tasting",
        TODAY - timedelta(days=3),
        kind="tasting",
        theme="Pinot",
        capacity=2,
    )
    assert events.invite(studio, ev.id, [g.id for g in guests]) == (3, 0)
    assert events.invite(studio, ev.id, [guests[0].id]) == (0, 1)
    events.set_rsvp(studio, ev.id, guests[0].id, "yes")
    events.set_rsvp(studio, ev.id, guests[1].id, "yes")
    with pytest.raises(ValidationError, match="is full: 2 of 2"):
        events.set_rsvp(studio, ev.id, guests[2].id, "yes")
    with pytest.raises(ValidationError, match="more than a capacity of 1"):
        events.update_event(studio, ev.id, capacity=1)
    events.set_attended(studio, ev.id, guests[0].id, True)
    ev = events.get_event(studio, ev.id)
    assert ev.coming == 2 and ev.came == 1
    with studio.read() as conn:
        meeting = conn.exec_driver_sql(
            "SELECT summary FROM interaction WHERE client_id = ? AND kind = 'meeting' "
            "AND deleted_at IS NULL",
            (guests[0].id,),
        ).scalar()
    assert "Burgundy tasting" in meeting
    follow = [e for e in agenda(studio).entries if e.occurrence.kind == "event_followup"]
    assert [e.client_id for e in follow] == [guests[0].id]
    events.set_attended(studio, ev.id, guests[0].id, False)
    with studio.read() as conn:
        assert not conn.exec_driver_sql(
            "SELECT 1 FROM interaction WHERE client_id = ? AND kind = 'meeting' "
            "AND deleted_at IS NULL",
            (guests[0].id,),
        ).scalar()
    assert [e for e, _g in events.events_of_client(studio, guests[1].id)][
        0
    ].title == "Burgundy tasting"


def test_event_bad_input(studio):
    with pytest.raises(ValidationError, match="capacity"):
        events.create_event(studio, "Salon", TODAY, capacity=0)
    with pytest.raises(ValidationError, match="not a kind of event"):
        events.create_event(studio, "Salon", TODAY, kind="party")
    with pytest.raises(ValidationError, match="time of day"):
        events.create_event(studio, "Salon", TODAY, start_time="25:00")
    ev = events.create_event(studio, "Salon", TODAY + timedelta(days=5))
    c = clients.create_client(studio, "Guest")
    events.invite(studio, ev.id, [c.id])
    with pytest.raises(ValidationError, match="has not happened yet"):
        events.set_attended(studio, ev.id, c.id, True)


# -- ideas ------------------------------------------------------------------------------------
def test_ideas_from_similar_clients_who_loved_a_place(studio):
    me = clients.create_client(studio, "Me")
    profiles.set_fact(studio, me.id, "interests.food_wine", "love")
    profiles.set_fact(studio, me.id, "pace.relaxed", "like")
    _trip(studio, me.id, "Kyoto", ["Kyoto"])
    for i in range(3):
        o = clients.create_client(studio, f"Wine lover {i}")
        profiles.set_fact(studio, o.id, "interests.food_wine", "love")
        profiles.set_fact(studio, o.id, "pace.relaxed", "love")
        t = _trip(studio, o.id, f"Provence {i}", ["Provence"])
        surveys.record_survey(studio, t.id, 95, 10)
        k = _trip(studio, o.id, f"Kyoto {i}", ["Kyoto"], days_ago=200)
        surveys.record_survey(studio, k.id, 96, 10)  # I have been: not an idea
    low = clients.create_client(studio, "Didn't love Lisbon")
    profiles.set_fact(studio, low.id, "interests.food_wine", "love")
    surveys.record_survey(studio, _trip(studio, low.id, "Lisbon", ["Lisbon"]).id, 70, 7)
    stranger = clients.create_client(studio, "Diver")
    profiles.set_fact(studio, stranger.id, "interests.diving", "love")
    surveys.record_survey(studio, _trip(studio, stranger.id, "Maldives", ["Maldives"]).id, 99, 10)
    found = ideas.ideas_for(studio, me.id)
    assert [i.destination for i in found] == ["Provence"]
    assert found[0].clients == 3
    assert "3 clients who rated Provence 90+" in found[0].reason
    assert "food" in found[0].reason.lower()


def test_no_ideas_without_a_profile(studio):
    me = clients.create_client(studio, "Me")
    assert ideas.ideas_for(studio, me.id) == []
