"""Trips in the agenda: trip anniversaries, trip tasks, and the win-back that reads trips.

Two sources, listed in :data:`studio.services.agenda.build.SOURCES` like the others:

- ``trip_anniversary``: yearly on the start day of a completed or followed-up trip ("a year ago
  today you were in Kyoto"); every fifth year is a milestone.
- ``pre_departure``: a check a number of days before a confirmed trip starts (default 7).
- ``welcome_home``: a call a number of days after a travelling or completed trip ends (default 2).
- ``feedback``: a feedback request with a satisfaction score after it ends (default 14).

Offsets are agenda rules (``set_rule(studio, "feedback", offset_days=10)``); every kind has lead
days and an on/off switch like the others. Done, snooze and dismiss work per occurrence: an
anniversary is keyed by (``trip``, trip id, reference day), a task by (``trip``,
``"<trip id>:<kind>"``, day) so two tasks of one trip on the same day stay apart.

Win-back: a client is due when no trip has been booked or completed for ``winback_months``
(:func:`~studio.services.agenda.rules.dormant_on`); a client without any booked trip falls back to
the last interaction, and without one to the day the dossier was opened. :func:`last_activity` is
that one measure, read by the profiles' lifecycle segment too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from studio.domain import dates
from studio.domain.i18n import mark, tr, tr_n
from studio.domain.values import TripTaskKind, keys
from studio.services.agenda.rules import WINBACK_STAGES, Rules, dormant_on
from studio.services.agenda.sources import Connection, Occurrence
from studio.services.privacy import consent as privacy_consent

TASK_KINDS = keys(TripTaskKind)
ANNIVERSARY_STATUSES = ("completed", "followed-up")
#: Trip statuses each task is made for.
TASK_STATUSES: dict[str, tuple[str, ...]] = {
    "pre_departure": ("confirmed",),
    "welcome_home": ("travelling", "completed"),
    "feedback": ("travelling", "completed"),
}
#: A trip in one of these is booked (or done): it counts for win-back.
BOOKED_STATUSES = ("confirmed", "travelling", "completed", "followed-up")


def place_of(title: str, destinations: str | None) -> str:
    """ "Kyoto", "Kyoto and Nara", "Kyoto, Nara and Osaka"; the trip's title without destinations."""
    try:
        places = [str(p) for p in json.loads(destinations or "[]") if str(p).strip()]
    except (ValueError, TypeError):
        places = []
    if not places:
        return title
    if len(places) == 1:
        return places[0]
    return tr("{places} and {last}", places=", ".join(places[:-1]), last=places[-1])


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class TripSource:
    """Anniversaries of trips taken, and the tasks before and after a trip."""

    table = "trip"
    kinds: tuple[str, ...] = ("trip_anniversary", *TASK_KINDS)

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterator[Occurrence]:
        kinds = [k for k in self.kinds if rules.on(k)]
        if not kinds:
            return
        sql = """
        SELECT t.id, t.client_id, t.title, t.destinations, t.start_date, t.end_date, t.status
        FROM trip t JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL
        WHERE t.deleted_at IS NULL AND t.status IN ('confirmed', 'travelling', 'completed', 'followed-up')
          AND (t.start_date IS NOT NULL OR t.end_date IS NOT NULL)
        """
        for tid, cid, title, dests, start_s, end_s, status in conn.exec_driver_sql(sql):
            first, last = _day(start_s), _day(end_s)
            place = place_of(title, dests)
            if "trip_anniversary" in kinds and status in ANNIVERSARY_STATUSES:
                yield from self._anniversaries(tid, cid, place, first or last, start, end, rules)
            for kind in TASK_KINDS:
                if kind not in kinds or status not in TASK_STATUSES[kind]:
                    continue
                if kind == "pre_departure":
                    if first is None or today > first:
                        continue  # no use once they have left
                    on = first - timedelta(days=rules.offset(kind))
                    why = tr(
                        "{title} leaves {day}: check documents, tickets and transfers",
                        title=title,
                        day=dates.format_day(first),
                    )
                    persistent = True
                else:
                    if last is None:
                        continue
                    on = last + timedelta(days=rules.offset(kind))
                    why = (
                        tr("home from {place} since {day}", place=place, day=dates.format_day(last))
                        if kind == "welcome_home"
                        else tr(
                            "ask how {place} went, with a satisfaction score (0–100)", place=place
                        )
                    )
                    persistent = True
                if on <= end and (persistent or on >= start):
                    yield Occurrence(
                        source_table=self.table,
                        source_id=f"{tid}:{kind}",
                        kind=kind,
                        client_id=cid,
                        person_id=None,
                        on=on,
                        what=tr(_WHAT[kind]),
                        why=why,
                        persistent=persistent,
                    )

    def _anniversaries(
        self,
        tid: str,
        cid: str,
        place: str,
        anchor: date | None,
        start: date,
        end: date,
        rules: Rules,
    ) -> Iterator[Occurrence]:
        if anchor is None:
            return
        for year, on in dates.yearly_occurrences(
            anchor.month, anchor.day, dates.GREGORIAN, start, end, rules.feb29
        ):
            n = year - anchor.year
            if n > 0:
                yield Occurrence(
                    source_table=self.table,
                    source_id=tid,
                    kind="trip_anniversary",
                    client_id=cid,
                    person_id=None,
                    on=on,
                    what=tr("Trip anniversary"),
                    why=tr_n(
                        "a year ago today you were in {place}",
                        "{n} years ago today you were in {place}",
                        n,
                        place=place,
                    ),
                    milestone=n % 5 == 0,
                    recorded=dates.observed_days(anchor.month, anchor.day, dates.GREGORIAN, on),
                )

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        trip_id, _, kind = source_id.partition(":")
        row = conn.exec_driver_sql(
            "SELECT client_id, title FROM trip WHERE id = ?", (trip_id,)
        ).first()
        if row is None or (kind and kind not in TASK_KINDS):
            return None
        return row[0], None, f"{tr(_WHAT.get(kind, 'Trip anniversary'))}: {row[1]}"

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        if ":" in source_id:
            return (day,)  # a task falls on one day
        anchor = _day(
            conn.exec_driver_sql(
                "SELECT coalesce(start_date, end_date) FROM trip WHERE id = ?", (source_id,)
            ).scalar()
        )
        if anchor is None:
            return (day,)
        return dates.observed_days(anchor.month, anchor.day, dates.GREGORIAN, day)


_WHAT = {
    "trip_anniversary": mark("Trip anniversary"),
    "pre_departure": mark("Pre-departure check"),
    "welcome_home": mark("Welcome-home call"),
    "feedback": mark("Feedback request"),
}


@dataclass(frozen=True)
class Activity:
    """A client's last activity for win-back and dormancy: the day, and the trip it was (if any)."""

    day: date
    trip_title: str | None = None

    def why(self) -> str:
        if self.trip_title is not None:
            return tr(
                "no trip booked or completed since {title} ({day})",
                title=self.trip_title,
                day=dates.format_day(self.day),
            )
        return tr("no contact since {day}", day=dates.format_day(self.day))


def last_activity(
    conn: Connection, *, stages: tuple[str, ...] | None = None, client_ids: str | None = None
) -> dict[str, Activity]:
    """Each live client's last activity: the latest end (else start, else booking day) of a
    booked trip; without one, the last interaction; without one, the day the dossier was opened.

    ``stages`` keeps clients in those stages; ``client_ids`` (a JSON list) keeps those clients.
    """
    booked = ",".join("?" * len(BOOKED_STATUSES))
    where, params = ["c.deleted_at IS NULL"], []
    if stages is not None:
        where.append(f"c.stage IN ({','.join('?' * len(stages))})")
        params += list(stages)
    if client_ids is not None:
        where.append("c.id IN (SELECT value FROM json_each(?))")
        params.append(client_ids)
    last_trip = {
        cid: (day, title)
        for cid, day, title in conn.exec_driver_sql(
            f"""
        SELECT t.client_id, max(coalesce(t.end_date, t.start_date, substr(t.created_at, 1, 10))), t.title
        FROM trip t WHERE t.deleted_at IS NULL AND t.status IN ({booked}) GROUP BY t.client_id
        """,
            BOOKED_STATUSES,
        )
    }
    sql = f"""
    SELECT c.id, coalesce(max(substr(i.occurred_at, 1, 10)), substr(c.created_at, 1, 10))
    FROM client c LEFT JOIN interaction i ON i.client_id = c.id AND i.deleted_at IS NULL
    WHERE {" AND ".join(where)}
    GROUP BY c.id
    """
    out: dict[str, Activity] = {}
    for cid, last in conn.exec_driver_sql(sql, tuple(params)):
        if cid in last_trip:
            day, title = last_trip[cid]
            out[cid] = Activity(date.fromisoformat(day), title)
        elif last:
            out[cid] = Activity(date.fromisoformat(last))
    return out


class WinbackSource:
    """A client gone quiet: no trip booked or completed (or no contact) for ``winback_months``.
    Only active, repeat and dormant clients are considered (prospects and lost clients are not
    won back); the why-text says whether it was a trip or a contact."""

    table = "client"
    kinds: tuple[str, ...] = ("winback",)

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterator[Occurrence]:
        if not rules.on("winback"):
            return
        no_marketing = privacy_consent.refused_ids(conn, "marketing")
        for cid, activity in last_activity(conn, stages=WINBACK_STAGES).items():
            if cid in no_marketing:
                continue  # withdrew marketing consent: no win-back
            on = dormant_on(activity.day, rules.winback_months)
            if on <= end:
                yield Occurrence(
                    source_table=self.table,
                    source_id=cid,
                    kind="winback",
                    client_id=cid,
                    person_id=None,
                    on=on,
                    what=tr("Win-back"),
                    why=activity.why(),
                    persistent=True,
                )

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        row = conn.exec_driver_sql("SELECT id, name FROM client WHERE id = ?", (source_id,)).first()
        return None if row is None else (row[0], None, tr("Win-back of {name}", name=row[1]))

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        return (day,)
