"""The agenda's loyalty reminders, four sources listed in
:data:`studio.services.agenda.build.SOURCES` like the others:

- ``survey_care``: a survey scored low (:func:`studio.services.loyalty.surveys.needs_care`): call
  the client, on the day it was answered, until someone acts on it.
- ``referral_reward``: a referred client's first trip was confirmed: the referrer's advisor thanks
  the referrer and gives the studio's reward (the rule in
  :mod:`studio.services.loyalty.referrals`). *Done* logs what was given on the referrer's timeline.
- ``tier_near``: a client one completed trip from the next loyalty tier.
- ``event_followup``: a guest who came to an event, two days after it.

Each is persistent (stays under Overdue until done, snoozed or dismissed); reminders about things
older than :data:`RECENT_DAYS` are not raised, so history imported or built long ago does not
flood the agenda.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from studio.domain import dates
from studio.domain.i18n import mark, tr
from studio.services.agenda.rules import Rules
from studio.services.agenda.sources import Connection, Occurrence
from studio.services.loyalty import referrals, surveys, tiers

KINDS = ("survey_care", "referral_reward", "tier_near", "event_followup")
LEAD_DAYS = dict.fromkeys(KINDS, 0)
LABELS = {
    "survey_care": mark("Care call after a survey"),
    "referral_reward": mark("Referral reward"),
    "tier_near": mark("One trip from the next tier"),
    "event_followup": mark("Event follow-up"),
}
#: How far back a reminder is still raised.
RECENT_DAYS = 180
FOLLOWUP_AFTER_DAYS = 2


def _recent(day: date, today: date) -> bool:
    return day >= today - timedelta(days=RECENT_DAYS)


def _occ(table: str, sid: str, kind: str, cid: str, on: date, why: str) -> Occurrence:
    return Occurrence(
        source_table=table,
        source_id=sid,
        kind=kind,
        client_id=cid,
        person_id=None,
        on=on,
        what=tr(LABELS[kind]),
        why=why,
        persistent=True,
    )


class SurveyCareSource:
    table = "trip_survey"
    kinds: tuple[str, ...] = ("survey_care",)

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterator[Occurrence]:
        if not rules.on("survey_care"):
            return
        for sid, cid, title, overall, rec, day in conn.exec_driver_sql(
            "SELECT s.id, s.client_id, t.title, s.overall, s.recommend, s.answered_on "
            "FROM trip_survey s JOIN trip t ON t.id = s.trip_id "
            "JOIN client c ON c.id = s.client_id AND c.deleted_at IS NULL "
            "WHERE s.deleted_at IS NULL AND (s.overall < ? OR s.recommend <= ?)",
            (surveys.CARE_BELOW, surveys.DETRACTOR_UP_TO),
        ):
            on = date.fromisoformat(day)
            if on <= end and _recent(on, today):
                why = tr(
                    "scored {trip} {overall}/100, would recommend {recommend}/10: call to listen "
                    "and put it right",
                    trip=title,
                    overall=overall,
                    recommend=rec,
                )
                yield _occ(self.table, sid, "survey_care", cid, on, why)

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        row = conn.exec_driver_sql(
            "SELECT s.client_id, t.title FROM trip_survey s JOIN trip t ON t.id = s.trip_id "
            "WHERE s.id = ?",
            (source_id,),
        ).first()
        return None if row is None else (row[0], None, f"{tr(LABELS['survey_care'])}: {row[1]}")

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        return (day,)


class ReferralSource:
    """Keyed by (``referral``, the referred client's id, the day their first trip was confirmed)."""

    table = "referral"
    kinds: tuple[str, ...] = ("referral_reward",)

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterator[Occurrence]:
        if not rules.on("referral_reward"):
            return
        rule = referrals.read_rule(conn)
        if not rule.enabled:
            return
        firsts = referrals.first_confirmations(conn)
        if not firsts:
            return
        people = {
            r[0]: r[1:]
            for r in conn.exec_driver_sql(
                "SELECT f.id, f.name, f.referred_by_id FROM client f "
                "JOIN client r ON r.id = f.referred_by_id AND r.deleted_at IS NULL "
                "WHERE f.referred_by_id IS NOT NULL AND f.referred_by_id != f.id"
            )
        }
        for friend, (_tid, title, on) in firsts.items():
            if friend not in people or on > end or not _recent(on, today):
                continue
            name, referrer = people[friend]
            why = tr(
                "{friend}, whom they referred, confirmed {trip}: thank them with {reward}",
                friend=name,
                trip=title,
                reward=rule.describe(),
            )
            yield _occ(self.table, friend, "referral_reward", referrer, on, why)

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        row = conn.exec_driver_sql(
            "SELECT referred_by_id, name FROM client WHERE id = ? AND referred_by_id IS NOT NULL",
            (source_id,),
        ).first()
        if row is None:
            return None
        return row[0], None, tr("Referral reward for bringing {friend}", friend=row[1])

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        return (day,)


class TierSource:
    """Keyed by (``loyalty_tier``, ``"<client id>:<tier id>"``, the end of their last trip)."""

    table = "loyalty_tier"
    kinds: tuple[str, ...] = ("tier_near",)

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterator[Occurrence]:
        if not rules.on("tier_near"):
            return
        live = {
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT id FROM client WHERE deleted_at IS NULL AND stage != 'lost'"
            )
        }
        for cid, s in tiers.standings(conn).items():
            if cid not in live or s.trips_to_next != 1 or not s.last_trip_end:
                continue
            assert s.next_tier is not None
            on = date.fromisoformat(s.last_trip_end[:10])
            if on > end or not _recent(on, today):
                continue
            why = tr(
                "{n} completed trips; one more reaches {tier}",
                n=s.trips,
                tier=s.next_tier.name,
            )
            yield _occ(self.table, f"{cid}:{s.next_tier.id}", "tier_near", cid, on, why)

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        cid, _, tid = source_id.partition(":")
        name = conn.exec_driver_sql("SELECT name FROM loyalty_tier WHERE id = ?", (tid,)).scalar()
        known = conn.exec_driver_sql("SELECT 1 FROM client WHERE id = ?", (cid,)).scalar()
        if name is None or known is None:
            return None
        return cid, None, tr("One trip from {tier}", tier=name)

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        return (day,)


class EventFollowupSource:
    table = "event_guest"
    kinds: tuple[str, ...] = ("event_followup",)

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterator[Occurrence]:
        if not rules.on("event_followup"):
            return
        for gid, cid, title, held in conn.exec_driver_sql(
            "SELECT g.id, g.client_id, e.title, e.held_on FROM event_guest g "
            "JOIN studio_event e ON e.id = g.event_id AND e.deleted_at IS NULL "
            "JOIN client c ON c.id = g.client_id AND c.deleted_at IS NULL "
            "WHERE g.deleted_at IS NULL AND g.attended"
        ):
            day = date.fromisoformat(held)
            on = day + timedelta(days=FOLLOWUP_AFTER_DAYS)
            if on <= end and _recent(on, today):
                why = tr(
                    "came to {event} on {day}: thank them and ask what they would like next",
                    event=title,
                    day=dates.format_day(day),
                )
                yield _occ(self.table, gid, "event_followup", cid, on, why)

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        row = conn.exec_driver_sql(
            "SELECT g.client_id, e.title FROM event_guest g JOIN studio_event e "
            "ON e.id = g.event_id WHERE g.id = ?",
            (source_id,),
        ).first()
        return None if row is None else (row[0], None, f"{tr(LABELS['event_followup'])}: {row[1]}")

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        return (day,)


SOURCES = (SurveyCareSource(), ReferralSource(), TierSource(), EventFollowupSource())
