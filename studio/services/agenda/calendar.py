"""``travel-studio ics``: the studio's dates and reminders as an iCalendar file (RFC 5545).

Calendar apps import it again without duplicates: every event's UID is derived from the row it
comes from, never from a date that can move (a win-back is ``client-<id>-winback`` whatever day
it falls due), so a re-imported event replaces its earlier self. Dates that cannot repeat by rule
(lunar dates) are one event per year of their own calendar, with the lunar year in the UID.
Dates are all-day (``VALUE=DATE``): a birthday is the same day in every time zone, so no zone is
attached; alarms fire the rule's lead days before, at the start of that day in the calendar's own
zone.

A changed event says so. ``SEQUENCE`` and ``DTSTAMP`` are derived, not stored: an event is drawn
from a handful of rows (the date or document or trip, the person's and client's names, the
advisor's name, the studio settings it follows: lead days, the 29 February rule, trip offsets,
``winback_months``; for a win-back also the client's interactions and trips). ``SEQUENCE`` is the
number of change-journal records on those rows' fields, and ``DTSTAMP`` the latest of their wall
times (or the row's last change when the journal holds nothing about it). The journal is
append-only, so the sequence only grows, and it grows with every change that can alter the event;
an unchanged studio gives the same file byte for byte, with no table of what was exported before
to keep in step across laptops. (A content hash compared with a stored table would count only
changes that alter the text, but needs that table, a write on every export and a merge rule when
two laptops export; a change that leaves the text as it was just costs a calendar app one update.)

- Gregorian dates repeat yearly; 29 February repeats on the last day of February
  (``BYMONTHDAY=-1``: 28 February in common years) or on the 60th day of the year (``BYYEARDAY=60``:
  1 March in common years), as the studio chose.
- Lunar dates move around the Gregorian year, which no RRULE can say: each of the next years is
  its own event (UID with the lunar year).
- Passport and document expiries, trip tasks and open win-back tasks are single events.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from studio.domain import dates
from studio.domain.i18n import SOURCE_LANGUAGE, current_language, tr
from studio.domain.names import NameForm, display_name
from studio.errors import StudioError
from studio.fileio import atomic_path
from studio.services.agenda.rules import load_rules, setting_id
from studio.services.agenda.sources import Connection, occurrence_of_date
from studio.services.agenda.trip_sources import TripSource, WinbackSource, place_of
from studio.store import Studio

PRODID = "-//Travel Studio//Relationship care//EN"
UID_DOMAIN = "travel-studio"
LUNAR_YEARS_AHEAD = 5  # re-export yearly; each year is one event per lunar date


def _stamp(iso: str | None) -> datetime:
    if not iso:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC).replace(microsecond=0)


#: Fields of the rows an event shows only a part of (the rest of the row leaves it as it is).
_SHOWN_FIELDS = {
    "client": ("name", "stage", "advisor_id", "deleted_at"),
    "person": ("name", "native_name", "deleted_at"),
    "advisor": ("name",),
    "trip": (
        "title",
        "destinations",
        "start_date",
        "end_date",
        "status",
        "client_id",
        "deleted_at",
    ),
}
#: Rows an event shows whole.
_WHOLE_TABLES = ("important_date", "travel_document", "agenda_setting")


class _Revisions:
    """How often, and when last, the rows behind an event changed: read from the change journal."""

    def __init__(self, conn: Connection) -> None:
        shown = " OR ".join(
            f"(table_name = '{t}' AND field IN ({', '.join(repr(f) for f in fields)}))"
            for t, fields in _SHOWN_FIELDS.items()
        )
        whole = ", ".join(repr(t) for t in _WHOLE_TABLES)
        self._rows: dict[tuple[str, str], tuple[int, str]] = {
            (t, r): (n, last)
            for t, r, n, last in conn.exec_driver_sql(
                f"SELECT table_name, row_id, count(*), max(wall_time) FROM change "
                f"WHERE table_name IN ({whole}) OR {shown} GROUP BY table_name, row_id"
            )
        }
        # A win-back moves with the client's interactions (when they were) and trips.
        for cid, n, last in conn.exec_driver_sql(
            "SELECT i.client_id, count(*), max(ch.wall_time) FROM change ch "
            "JOIN interaction i ON i.id = ch.row_id "
            "WHERE ch.table_name = 'interaction' AND ch.field IN ('occurred_at', 'deleted_at') "
            "GROUP BY i.client_id"
        ):
            self._rows[("interactions of", cid)] = (n, last)
        self.trips_of: dict[str, list[str]] = {}
        for tid, cid in conn.exec_driver_sql("SELECT id, client_id FROM trip ORDER BY id"):
            self.trips_of.setdefault(cid, []).append(tid)

    def of(
        self, rows: list[tuple[str, str | None]], fallback: str | None
    ) -> tuple[int, str | None]:
        """(SEQUENCE, DTSTAMP as ISO text) of an event drawn from ``rows`` (table, id)."""
        seq, stamp = 0, fallback
        for table, row_id in dict.fromkeys(rows):
            found = self._rows.get((table, row_id)) if row_id is not None else None
            if found is None:
                continue
            n, last = found
            seq += n
            if stamp is None or _stamp(last) > _stamp(stamp):
                stamp = last
        return seq, stamp


def _settings(*keys: str) -> list[tuple[str, str | None]]:
    return [("agenda_setting", setting_id(k)) for k in keys]


def _yearly_rule(feb29: str) -> dict[str, Any]:
    """The RRULE of a yearly 29 February as the studio observes it in common years."""
    if feb29 == "mar1":
        return {"freq": "yearly", "byyearday": 60}
    return {"freq": "yearly", "bymonth": 2, "bymonthday": -1}


def build_calendar(studio: Studio, today: date | None = None) -> Any:
    """The calendar as an ``icalendar.Calendar``."""
    from icalendar import Alarm, Calendar, Event

    today = today or date.today()
    rules = load_rules(studio)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Travel Studio")

    def event(
        uid: str,
        summary: str,
        day: date,
        revision: tuple[int, str | None],
        lead: int,
        description: str = "",
        rrule: dict | None = None,
    ) -> None:
        ev = Event()
        ev.add("uid", f"{uid}@{UID_DOMAIN}")
        ev.add("dtstamp", _stamp(revision[1]))
        ev.add("sequence", revision[0])
        ev.add("summary", summary)
        ev.add("dtstart", day)
        ev.add("dtend", day + timedelta(days=1))
        ev.add("transp", "TRANSPARENT")
        if rrule:
            ev.add("rrule", rrule)
        if description:
            ev.add("description", description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(days=-lead))
        ev.add_component(alarm)
        cal.add_component(ev)

    with studio.read() as conn:
        important = conn.exec_driver_sql("""
            SELECT d.id, d.kind, d.label, d.month, d.day, d.year, d.calendar, d.note, d.updated_at,
                   p.name, p.native_name, c.name, a.name, d.client_id, d.person_id, c.advisor_id
            FROM important_date d
            JOIN client c ON c.id = d.client_id AND c.deleted_at IS NULL
            LEFT JOIN person p ON p.id = d.person_id
            LEFT JOIN advisor a ON a.id = c.advisor_id
            WHERE d.deleted_at IS NULL AND (d.person_id IS NULL OR p.deleted_at IS NULL)
            ORDER BY d.id""").fetchall()
        documents = conn.exec_driver_sql("""
            SELECT t.id, t.kind, t.number, t.expires_on, t.updated_at, p.name, p.native_name, c.name, a.name,
                   t.client_id, t.person_id, c.advisor_id
            FROM travel_document t
            JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL
            JOIN person p ON p.id = t.person_id AND p.deleted_at IS NULL
            LEFT JOIN advisor a ON a.id = c.advisor_id
            WHERE t.deleted_at IS NULL ORDER BY t.id""").fetchall()
        trip_tasks = [
            occ
            for occ in TripSource().occurrences(
                conn, today - timedelta(days=366), today + timedelta(days=366), rules, today
            )
            if occ.kind != "trip_anniversary"
        ]
        trip_years = (
            []
            if not rules.on("trip_anniversary")
            else conn.exec_driver_sql("""
            SELECT t.id, t.client_id, t.title, t.destinations, coalesce(t.start_date, t.end_date), t.updated_at
            FROM trip t JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL
            WHERE t.deleted_at IS NULL AND t.status IN ('completed', 'followed-up')
              AND coalesce(t.start_date, t.end_date) IS NOT NULL ORDER BY t.id""").fetchall()
        )
        trip_stamps: dict[str, str] = dict(
            conn.exec_driver_sql("SELECT id, updated_at FROM trip").fetchall()
        )
        winbacks = list(
            WinbackSource().occurrences(conn, today - timedelta(days=3650), today, rules, today)
        )
        names: dict[str, str] = dict(
            conn.exec_driver_sql("SELECT id, name FROM client WHERE deleted_at IS NULL").fetchall()
        )
        stamps: dict[str, str] = dict(
            conn.exec_driver_sql("SELECT id, updated_at FROM client").fetchall()
        )
        revisions = _Revisions(conn)

    for row in important:
        rid, kind, label, m, d, y, calendar, note, updated, pname, pnative, cname, adv = row[:13]
        cid, pid, aid = row[13:]
        if not rules.on(kind):
            continue
        who = display_name(pname, pnative, NameForm.INLINE) if pname else cname
        what = {"birthday": tr("birthday"), "wedding": tr("wedding anniversary")}.get(
            kind, label or tr("date")
        )
        details = (
            [tr("Client: {name}", name=cname)]
            + ([tr("Advisor: {name}", name=adv)] if adv else [])
            + ([note] if note else [])
        )
        lead = rules.lead(kind)
        inputs = [
            ("important_date", rid),
            ("client", cid),
            ("person", pid),
            ("advisor", aid),
            *_settings(f"lead_days.{kind}"),
        ]
        if calendar == dates.LUNAR:
            details.insert(0, tr("Lunar calendar: month {m}, day {d}", m=m, d=d))
            revision = revisions.of(inputs, updated)
            for ly in range(today.year - 1, today.year + LUNAR_YEARS_AHEAD + 1):
                on = dates.occurrence_in(ly, m, d, calendar)
                if on is None or (y and ly <= y):
                    continue
                occ = occurrence_of_date(rid, "", None, kind, label, m, d, y, calendar, ly, on)
                event(
                    f"important_date-{rid}-{ly}",
                    f"{who}: {what} ({occ.why})",
                    occ.on,
                    revision,
                    lead,
                    "\n".join(details),
                )
            continue
        if y:
            details.insert(0, tr("Since {year}", year=y))
        if (m, d) == (2, 29):
            start = date(y if y and y % 4 == 0 else 2000, 2, 29)
            rule = _yearly_rule(rules.feb29)
            inputs += _settings("feb29")
        else:
            start = date(y or 2000, m, d)
            rule = {"freq": "yearly"}
        event(
            f"important_date-{rid}",
            f"{who}: {what}",
            start,
            revisions.of(inputs, updated),
            lead,
            "\n".join(details),
            rule,
        )

    for rid, kind, number, expires, updated, pname, pnative, cname, adv, cid, pid, aid in documents:
        k = "passport" if kind == "passport" else "document"
        if not rules.on(k):
            continue
        expiring = {
            "passport": tr("{who}: passport expires", who="{who}"),
            "visa": tr("{who}: visa expires", who="{who}"),
            "id_card": tr("{who}: identity card expires", who="{who}"),
        }.get(kind, tr("{who}: document expires", who="{who}"))
        who = display_name(pname, pnative, NameForm.INLINE)
        details = (
            [tr("Client: {name}", name=cname)]
            + ([tr("Number: {number}", number=number)] if number else [])
            + ([tr("Advisor: {name}", name=adv)] if adv else [])
        )
        inputs = [
            ("travel_document", rid),
            ("client", cid),
            ("person", pid),
            ("advisor", aid),
            *_settings(f"lead_days.{k}"),
        ]
        event(
            f"travel_document-{rid}",
            expiring.format(who=who),
            date.fromisoformat(expires),
            revisions.of(inputs, updated),
            rules.lead(k),
            "\n".join(details),
        )

    for tid, cid, title, dests, first, updated in trip_years:
        day = date.fromisoformat(first)
        inputs = [("trip", tid), ("client", cid), *_settings("lead_days.trip_anniversary")]
        # The first anniversary; for 29 February a common year, so it matches the rule.
        start = dates.observed(day.year + 1, day.month, day.day, rules.feb29)
        if (day.month, day.day) == (2, 29):
            rule = _yearly_rule(rules.feb29)
            inputs += _settings("feb29")
        else:
            rule = {"freq": "yearly"}
        event(
            f"trip-{tid}-anniversary",
            tr(
                "{who}: trip anniversary ({place})",
                who=names.get(cid, "?"),
                place=place_of(title, dests),
            ),
            start,
            revisions.of(inputs, updated),
            rules.lead("trip_anniversary"),
            tr("Trip: {title}, from {day}", title=title, day=first),
            rule,
        )
    for occ in trip_tasks:
        tid = occ.source_id.partition(":")[0]
        inputs = [
            ("trip", tid),
            ("client", occ.client_id),
            *_settings(f"lead_days.{occ.kind}", f"offset_days.{occ.kind}"),
        ]
        event(
            f"trip-{occ.source_id.replace(':', '-')}",  # one per trip and task: moved, not duplicated
            f"{names.get(occ.client_id, '?')}: {_lower(occ.what)}",
            occ.on,
            revisions.of(inputs, trip_stamps.get(tid)),
            rules.lead(occ.kind),
            occ.why,
        )
    for occ in winbacks:
        cid = occ.client_id
        inputs = [
            ("client", cid),
            ("interactions of", cid),
            *(("trip", t) for t in revisions.trips_of.get(cid, [])),
            *_settings("winback_months"),
        ]
        event(
            f"client-{occ.source_id}-winback",  # one per client: it moves, never duplicates
            tr("{who}: win-back", who=names.get(cid, "?")),
            occ.on,
            revisions.of(inputs, stamps.get(cid)),
            0,
            occ.why,
        )
    return cal


def _lower(text: str) -> str:
    """A title's lower case where the language has one ("Feedback request" → "feedback request")."""
    return text.lower() if current_language() == SOURCE_LANGUAGE else text


def write_ics(studio: Studio, path: Path, today: date | None = None) -> int:
    """Write the calendar file atomically; returns how many events it holds."""
    cal = build_calendar(studio, today)
    data = cal.to_ical()
    try:
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
    except OSError as exc:
        raise StudioError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    return sum(1 for c in cal.walk("VEVENT"))
