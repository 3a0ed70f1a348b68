"""``travel-studio ics``: the studio's dates and reminders as an iCalendar file (RFC 5545).

Calendar apps import it again without duplicates: every event's UID is derived from the row it
comes from (and, for dates that cannot repeat by rule, the year), and DTSTAMP is the row's last
change, so an unchanged studio gives the same file. Dates are all-day (``VALUE=DATE``): a birthday
is the same day in every time zone, so no zone is attached; alarms fire the rule's lead days
before, at the start of that day in the calendar's own zone.

- Gregorian dates repeat yearly; 29 February repeats on the last day of February
  (``BYMONTHDAY=-1``: 28 February in common years) or on the 60th day of the year (``BYYEARDAY=60``:
  1 March in common years), as the studio chose.
- Lunar dates move around the Gregorian year, which no RRULE can say: each of the next years is
  its own event (UID with the lunar year).
- Passport and document expiries and open win-back tasks are single events.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from studio.errors import StudioError
from studio.fileio import atomic_path
from studio.services import agenda as ag
from studio.services.agenda_trips import place_of
from studio.store import Studio

PRODID = "-//Travel Studio//Relationship care//EN"
UID_DOMAIN = "travel-studio"
LUNAR_YEARS_AHEAD = 5  # re-export yearly; each year is one event per lunar date


def _stamp(iso: str | None) -> datetime:
    if not iso:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(UTC).replace(microsecond=0)


def build_calendar(studio: Studio, today: date | None = None):
    """The calendar as an ``icalendar.Calendar``."""
    from icalendar import Alarm, Calendar, Event

    today = today or date.today()
    rules = ag.rules(studio)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Travel Studio")

    def event(
        uid: str,
        summary: str,
        day: date,
        stamp: str | None,
        lead: int,
        description: str = "",
        rrule: dict | None = None,
    ) -> None:
        ev = Event()
        ev.add("uid", f"{uid}@{UID_DOMAIN}")
        ev.add("dtstamp", _stamp(stamp))
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
        dates = conn.exec_driver_sql("""
            SELECT d.id, d.kind, d.label, d.month, d.day, d.year, d.calendar, d.note, d.updated_at,
                   p.name, p.native_name, c.name, a.name
            FROM important_date d
            JOIN client c ON c.id = d.client_id AND c.deleted_at IS NULL
            LEFT JOIN person p ON p.id = d.person_id
            LEFT JOIN advisor a ON a.id = c.advisor_id
            WHERE d.deleted_at IS NULL AND (d.person_id IS NULL OR p.deleted_at IS NULL)
            ORDER BY d.id""").fetchall()
        documents = conn.exec_driver_sql("""
            SELECT t.id, t.kind, t.number, t.expires_on, t.updated_at, p.name, p.native_name, c.name, a.name
            FROM travel_document t
            JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL
            JOIN person p ON p.id = t.person_id AND p.deleted_at IS NULL
            LEFT JOIN advisor a ON a.id = c.advisor_id
            WHERE t.deleted_at IS NULL ORDER BY t.id""").fetchall()
        winback_source = next(
            (src for src in ag.sources() if src.table == "client"), ag.WinbackSource()
        )
        trip_source = next((src for src in ag.sources() if src.table == "trip"), None)
        trip_tasks = (
            []
            if trip_source is None
            else [
                occ
                for occ in trip_source.occurrences(
                    conn, today - timedelta(days=366), today + timedelta(days=366), rules, today
                )
                if occ.kind != "trip_anniversary"
            ]
        )
        trip_years = (
            []
            if not rules.on("trip_anniversary")
            else conn.exec_driver_sql("""
            SELECT t.id, t.client_id, t.title, t.destinations, coalesce(t.start_date, t.end_date), t.updated_at
            FROM trip t JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL
            WHERE t.deleted_at IS NULL AND t.status IN ('completed', 'followed-up')
              AND coalesce(t.start_date, t.end_date) IS NOT NULL ORDER BY t.id""").fetchall()
        )
        trip_stamps = dict(conn.exec_driver_sql("SELECT id, updated_at FROM trip").fetchall())
        winbacks = list(
            winback_source.occurrences(conn, today - timedelta(days=3650), today, rules, today)
        )
        names = dict(
            conn.exec_driver_sql("SELECT id, name FROM client WHERE deleted_at IS NULL").fetchall()
        )
        stamps = dict(conn.exec_driver_sql("SELECT id, updated_at FROM client").fetchall())

    for rid, kind, label, m, d, y, calendar, note, updated, pname, pnative, cname, adv in dates:
        if not rules.on(kind):
            continue
        who = f"{pname} {pnative}" if pname and pnative else (pname or cname)
        what = {"birthday": "birthday", "wedding": "wedding anniversary"}.get(kind, label or "date")
        details = (
            [f"Client: {cname}"] + ([f"Advisor: {adv}"] if adv else []) + ([note] if note else [])
        )
        lead = rules.lead(kind)
        if calendar == "lunar":
            from studio.domain import lunar

            details.insert(0, f"Lunar calendar: month {m}, day {d}")
            for ly in range(today.year - 1, today.year + LUNAR_YEARS_AHEAD + 1):
                if not lunar.FIRST_YEAR <= ly <= lunar.LAST_YEAR or (y and ly <= y):
                    continue
                occ = ag.ImportantDateSource._occurrence(
                    rid, "", None, kind, label, m, d, y, calendar, ly, lunar.to_gregorian(ly, m, d)
                )
                event(
                    f"important_date-{rid}-{ly}",
                    f"{who}: {what} ({occ.why})",
                    occ.on,
                    updated,
                    lead,
                    "\n".join(details),
                )
            continue
        if y:
            details.insert(0, f"Since {y}")
        if (m, d) == (2, 29):
            start = date(y if y and y % 4 == 0 else 2000, 2, 29)
            rule = (
                {"freq": "yearly", "byyearday": 60}
                if rules.feb29 == "mar1"
                else {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
            )
        else:
            start = date(y or 2000, m, d)
            rule = {"freq": "yearly"}
        event(
            f"important_date-{rid}",
            f"{who}: {what}",
            start,
            updated,
            lead,
            "\n".join(details),
            rule,
        )

    for rid, kind, number, expires, updated, pname, pnative, cname, adv in documents:
        k = "passport" if kind == "passport" else "document"
        if not rules.on(k):
            continue
        noun = {"passport": "passport", "visa": "visa", "id_card": "identity card"}.get(
            kind, "document"
        )
        who = f"{pname} {pnative}" if pnative else pname
        details = (
            [f"Client: {cname}"]
            + ([f"Number: {number}"] if number else [])
            + ([f"Advisor: {adv}"] if adv else [])
        )
        event(
            f"travel_document-{rid}",
            f"{who}: {noun} expires",
            date.fromisoformat(expires),
            updated,
            rules.lead(k),
            "\n".join(details),
        )

    for tid, cid, title, dests, first, updated in trip_years:
        day = date.fromisoformat(first)
        if (day.month, day.day) == (2, 29):
            rule = (
                {"freq": "yearly", "byyearday": 60}
                if rules.feb29 == "mar1"
                else {"freq": "yearly", "bymonth": 2, "bymonthday": -1}
            )
            start = ag.observed(day.year + 1, 2, 29, rules.feb29)  # a common year: matches the rule
        else:
            start, rule = ag.observed(day.year + 1, day.month, day.day), {"freq": "yearly"}
        event(
            f"trip-{tid}-anniversary",
            f"{names.get(cid, '?')}: trip anniversary ({place_of(title, dests)})",
            start,
            updated,
            rules.lead("trip_anniversary"),
            f"Trip: {title}, from {first}",
            rule,
        )
    for occ in trip_tasks:
        event(
            f"trip-{occ.source_id.replace(':', '-')}",  # one per trip and task: moved, not duplicated
            f"{names.get(occ.client_id, '?')}: {occ.what.lower()}",
            occ.on,
            trip_stamps.get(occ.source_id.partition(":")[0]),
            rules.lead(occ.kind),
            occ.why,
        )
    for occ in winbacks:
        event(
            f"client-{occ.source_id}-winback-{occ.on.isoformat()}",
            f"{names.get(occ.client_id, '?')}: win-back",
            occ.on,
            stamps.get(occ.client_id),
            0,
            occ.why,
        )
    return cal


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
