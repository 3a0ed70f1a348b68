"""The demo studio's loyalty: tiers, the referral-reward rule and rewards given, post-trip surveys
(a few low ones with their care calls), a past trip-story evening with RSVPs and attendance, and an
upcoming tasting.

Runs after :mod:`studio.services.demo.history` (it reads the trips that module wrote). Written
through the one write path, backdated to the days things happened, with seeded ids, so the same
seed and ``today`` give the same rows. Content: ``resources/demo/loyalty.json``.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from studio.domain.agenda_models import AgendaAction
from studio.domain.loyalty_models import EventGuest, LoyaltyTier, StudioEvent, TripSurvey
from studio.domain.models import Interaction
from studio.services.agenda.actions import action_id
from studio.services.agenda.rules import _put_setting
from studio.services.demo.common import load_resource, seeded_id
from studio.services.loyalty import events as events_service
from studio.services.loyalty import referrals, surveys
from studio.services.privacy import consent as privacy_consent
from studio.store import Studio
from studio.store.write import utc_now

SURVEY_SHARE = 0.7
SURVEY_WINDOW_DAYS = 420


def add_loyalty_demo(studio: Studio, *, seed: int, today: date) -> str:
    """Returns ", N post-trip surveys, N events"."""
    rng = random.Random(f"travel-studio-demo-loyalty-{seed}")
    ids = random.Random(f"travel-studio-demo-loyalty-ids-{seed}")
    data = load_resource("loyalty.json")
    n_surveys = 0
    with studio.transaction() as tx:
        conn = tx.conn
        owner = conn.exec_driver_sql(
            "SELECT id FROM advisor WHERE deleted_at IS NULL ORDER BY role = 'owner' DESC, name LIMIT 1"
        ).scalar()

        def at(day: date, hour: int = 10) -> None:
            when = f"{day.isoformat()}T{hour:02d}:{rng.randint(0, 59):02d}:00Z"
            # never dated after the present: other laptops hold records stamped in the future
            tx.backdate(when if when[:19] < utc_now()[:19] else None)

        # the studio's rules, a year ago
        at(today - timedelta(days=400), 9)
        for t in data["tiers"]:
            tx.create(
                LoyaltyTier,
                id=seeded_id(ids),
                name=t["name"],
                native_name=t["native_name"],
                rank=t["rank"],
                min_trips=t["min_trips"],
                min_spend=json.dumps(t["min_spend"]),
            )
        _put_setting(tx, referrals.SETTING_KEY, data["referral_rule"])

        # post-trip surveys of the trips that ended in the last months
        since = (today - timedelta(days=SURVEY_WINDOW_DAYS)).isoformat()
        trips = conn.exec_driver_sql(
            "SELECT t.id, t.client_id, t.title, t.end_date, c.advisor_id FROM trip t "
            "JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL "
            "WHERE t.deleted_at IS NULL AND t.status IN ('completed', 'followed-up') "
            "AND t.end_date >= ? AND t.end_date < ? ORDER BY t.end_date, t.id",
            (since, (today - timedelta(days=10)).isoformat()),
        ).fetchall()
        answers = []
        for tid, cid, title, end, adv in trips:
            if rng.random() > SURVEY_SHARE:
                continue
            day = min(date.fromisoformat(end) + timedelta(days=rng.randint(8, 20)), today)
            overall = max(20, min(100, round(rng.gauss(85, 11))))
            if overall >= 90:
                rec = rng.choice((9, 10, 10))
            elif overall >= 75:
                rec = rng.choice((7, 8, 8, 9))
            else:
                rec = rng.randint(2, 6)
            answers.append((day, tid, cid, title, adv, overall, rec))
        answers.sort()
        for day, tid, cid, title, adv, overall, rec in answers:
            keep, change = rng.choice(data["keep"]), rng.choice(data["change"])
            clean = surveys.clean_answers(overall, rec, keep, change)
            at(day, 15)
            iid = seeded_id(ids)
            surveys.feedback_entry(
                tx,
                client_id=cid,
                advisor_id=adv or owner,
                title=title,
                answers=clean,
                day=day.isoformat(),
                id=iid,
            )
            tx.create(
                TripSurvey,
                id=seeded_id(ids),
                client_id=cid,
                trip_id=tid,
                interaction_id=iid,
                answered_on=day.isoformat(),
                advisor_id=adv or owner,
                **clean,
            )
            n_surveys += 1

        # referral rewards: the older ones given (logged on the referrer's timeline), the
        # newest still waiting on the agenda
        tx.flush()
        firsts = sorted(
            (day, friend, title)
            for friend, (_tid, title, day) in referrals.first_confirmations(conn).items()
            if today - timedelta(days=300) <= day <= today
        )
        rule = referrals.rule_from(data["referral_rule"])
        for n, (day, friend, _title) in enumerate(firsts):
            if n >= len(firsts) - 2:
                break  # the last two wait on the agenda
            found = conn.exec_driver_sql(
                "SELECT referred_by_id, name FROM client WHERE id = ?", (friend,)
            ).first()
            assert found is not None  # read from the client table a moment ago
            referrer, fname = found
            given = min(day + timedelta(days=rng.randint(2, 9)), today)
            at(given, 11)
            iid = seeded_id(ids)
            sent = f"{rule.what} — thank you for bringing {fname}"
            tx.create(
                Interaction,
                id=iid,
                client_id=referrer,
                kind="gift",
                occurred_at=given.isoformat(),
                advisor_id=owner,
                summary=f"{sent} — Referral reward for bringing {fname}",
                body=f"Gift: {rule.what} ({rule.amount} {rule.currency})",
            )
            tx.create(
                AgendaAction,
                id=action_id("referral", friend, day),
                client_id=referrer,
                source_table="referral",
                source_id=friend,
                occurrence=day.isoformat(),
                action="done",
                sent=sent,
                interaction_id=iid,
                advisor_id=owner,
            )

        # events: a past evening with answers and attendance, an upcoming tasting
        refused = privacy_consent.refused_ids(conn, "marketing")
        pool = [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM client WHERE deleted_at IS NULL AND stage IN ('active', 'repeat') "
                "ORDER BY id"
            )
            if r[0] not in refused
        ]
        events = 0
        for ev in data["events"]:
            held = today + timedelta(days=ev["days"])
            invited_on = min(held - timedelta(days=30), today)
            at(invited_on - timedelta(days=2), 9)
            eid = seeded_id(ids)
            event = tx.create(
                StudioEvent,
                id=eid,
                kind=ev["kind"],
                title=ev["title"],
                theme=ev["theme"],
                held_on=held.isoformat(),
                start_time=ev["start_time"],
                place=ev["place"],
                capacity=ev["capacity"],
            )
            events += 1
            guests = rng.sample(pool, min(ev["invite"], len(pool)))
            answers_ = ["yes"] * ev["yes"] + ["maybe"] * ev["maybe"]
            answers_ += ["no"] * max(0, len(guests) - len(answers_))
            for k, cid in enumerate(guests):
                gid = seeded_id(ids)
                at(invited_on, 10)
                tx.create(
                    EventGuest,
                    id=gid,
                    client_id=cid,
                    event_id=eid,
                    invited_on=invited_on.isoformat(),
                )
                rsvp = answers_[k] if k < len(answers_) else "invited"
                if rsvp != "invited":
                    at(min(invited_on + timedelta(days=rng.randint(1, 12)), today), 14)
                    tx.update(EventGuest, gid, rsvp=rsvp)
                if rsvp == "yes" and k < ev["came"] and held <= today:
                    at(held, 21)
                    iid = seeded_id(ids)
                    events_service.attendance_entry(tx, event, cid, owner, id=iid)
                    tx.update(EventGuest, gid, attended=True, interaction_id=iid)
        tx.backdate(None)
    return f", {n_surveys:,} post-trip surveys, {events} events"
