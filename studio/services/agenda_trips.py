"""Trips in the agenda: trip anniversaries, trip tasks, and a win-back that reads trips.

Registered by :mod:`studio.services.agenda` on import, as one more :class:`AgendaSource`:

- ``trip_anniversary``: yearly on the start day of a completed or followed-up trip ("a year ago
  today you were in Kyoto"); every fifth year is a milestone.
- ``pre_departure``: a check a number of days before a confirmed trip starts (default 7).
- ``welcome_home``: a call a number of days after a travelling or completed trip ends (default 2).
- ``feedback``: a feedback request with a satisfaction score after it ends (default 14).

Offsets are agenda rules (``set_rule(studio, "feedback", offset_days=10)``); every kind has lead
days and an on/off switch like the others. Done, snooze and dismiss work per occurrence: an
anniversary is keyed by (``trip``, trip id, day), a task by (``trip``, ``"<trip id>:<kind>"``, day)
so two tasks of one trip on the same day stay apart.

The win-back source here replaces the interaction-based one for clients with trips: a client is
due when no trip has been booked or completed for ``winback_months``; clients without any booked
trip still fall back to the last interaction.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from studio.services.agenda import (
    WINBACK_STAGES,
    Occurrence,
    WinbackSource,
    _add_months,
    format_day,
    register_source,
    yearly_occurrences,
)

TASK_KINDS = ("pre_departure", "welcome_home", "feedback")
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
    return places[0] if len(places) == 1 else f"{', '.join(places[:-1])} and {places[-1]}"


def _years_ago(n: int) -> str:
    return "a year ago" if n == 1 else f"{n} years ago"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


class TripSource:
    table = "trip"
    kinds = ("trip_anniversary", *TASK_KINDS)

    def occurrences(self, conn, start, end, rules, today):
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
                    why = f"{title} leaves {format_day(first)}: check documents, tickets and transfers"
                    persistent = True
                else:
                    if last is None:
                        continue
                    on = last + timedelta(days=rules.offset(kind))
                    why = (
                        f"home from {place} since {format_day(last)}"
                        if kind == "welcome_home"
                        else f"ask how {place} went, with a satisfaction score (0–100)"
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
                        what=_WHAT[kind],
                        why=why,
                        persistent=persistent,
                    )

    def _anniversaries(self, tid, cid, place, anchor, start, end, rules):
        if anchor is None:
            return
        for year, on in yearly_occurrences(
            anchor.month, anchor.day, "gregorian", start, end, rules.feb29
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
                    what="Trip anniversary",
                    why=f"{_years_ago(n)} today you were in {place}",
                    milestone=n % 5 == 0,
                )

    def describe(self, conn, source_id):
        trip_id, _, kind = source_id.partition(":")
        row = conn.exec_driver_sql(
            "SELECT client_id, title FROM trip WHERE id = ?", (trip_id,)
        ).first()
        if row is None or (kind and kind not in TASK_KINDS):
            return None
        return row[0], None, f"{_WHAT.get(kind, 'Trip anniversary')}: {row[1]}"


_WHAT = {
    "trip_anniversary": "Trip anniversary",
    "pre_departure": "Pre-departure check",
    "welcome_home": "Welcome-home call",
    "feedback": "Feedback request",
}


class TripWinbackSource(WinbackSource):
    """Win-back from trips: no trip booked or completed for ``winback_months`` (the latest of a
    booked trip's end, start or booking day). A client with no booked trip falls back to the
    last interaction, as before trips existed, and the why-text says which one it is."""

    def occurrences(self, conn, start, end, rules, today):
        if not rules.on("winback"):
            return
        months = rules.winback_months
        marks = ",".join("?" * len(WINBACK_STAGES))
        booked = ",".join("?" * len(BOOKED_STATUSES))
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
        WHERE c.deleted_at IS NULL AND c.stage IN ({marks})
        GROUP BY c.id
        """
        for cid, last in conn.exec_driver_sql(sql, WINBACK_STAGES):
            if cid in last_trip:
                day, title = last_trip[cid]
                since = date.fromisoformat(day)
                why = f"no trip booked or completed since {title} ({format_day(since)})"
            elif last:
                since = date.fromisoformat(last)
                why = f"no contact since {format_day(since)}"
            else:
                continue
            on = _add_months(since, months)
            if on <= end:
                yield Occurrence(
                    source_table=self.table,
                    source_id=cid,
                    kind="winback",
                    client_id=cid,
                    person_id=None,
                    on=on,
                    what="Win-back",
                    why=why,
                    persistent=True,
                )


register_source(TripSource())
register_source(TripWinbackSource())
