"""Occurrences and the sources that make them: important dates and travel documents.

A source (:class:`AgendaSource`) turns rows of the studio into :class:`Occurrence` s, one per day
a reminded date falls on. The sources the agenda reads are listed once, in
:data:`studio.services.agenda.build.SOURCES`; trips and win-back are in
:mod:`studio.services.agenda.trip_sources`.

An occurrence is named, for what is done about it, by (source table, source row, *reference day*).
For yearly dates the reference day is the day the occurrence falls on under the default 29
February rule (:func:`studio.domain.dates.reference_day`): one per year of the date's own
calendar, so changing the studio's rule does not bring back an occurrence already marked done.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from studio.domain import dates
from studio.domain.agenda_models import DOCUMENT_KINDS
from studio.domain.i18n import mark, ordinal, tr
from studio.services.agenda.rules import Rules

#: A connection as the sources receive it (SQLAlchemy's, used through ``exec_driver_sql``).
Connection = Any


@dataclass(frozen=True)
class Occurrence:
    """One day a reminded thing falls on, as a source sees it."""

    source_table: str
    source_id: str
    kind: str
    client_id: str
    person_id: str | None
    on: date  # the day it falls on (Gregorian)
    what: str  # "Birthday", "Wedding anniversary", a custom label, "Passport expiry", "Win-back"
    why: str  # why it matters: "turns 60", "10th anniversary", "passport expires 3 March 2027"
    milestone: bool = False
    persistent: bool = False  # stays under Overdue until someone acts on it
    calendar_note: str | None = None  # "lunar 8th month, 15th day"
    #: The days an action on it is recorded under, its reference day first (empty: just ``on``).
    #: More than one only for 29 February in a common year (recorded under either rule).
    recorded: tuple[date, ...] = ()

    @property
    def key(self) -> tuple[str, str, date]:
        """(source table, source row, reference day): what an action on it is recorded under."""
        return (self.source_table, self.source_id, self.recorded[0] if self.recorded else self.on)

    def keys(self) -> list[tuple[str, str, date]]:
        """Every key an action on this occurrence may be recorded under, :attr:`key` first."""
        return [(self.source_table, self.source_id, d) for d in (self.recorded or (self.on,))]


class AgendaSource(Protocol):
    """Something that produces occurrences: important dates, documents, clients, trips.

    A new source is one class with these members, added to
    :data:`studio.services.agenda.build.SOURCES`, with its kinds added to
    :data:`~studio.services.agenda.rules.DEFAULT_LEAD_DAYS` and
    :data:`~studio.services.agenda.rules.KIND_LABELS`; the agenda, the actions, the UI and the CLI
    need no change.
    """

    #: The table whose rows the occurrences come from (the first part of their key).
    table: str
    #: Kinds of reminder it produces (each has lead days and an on/off switch in :class:`Rules`).
    kinds: tuple[str, ...]

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterable[Occurrence]:
        """Occurrences that fall in ``[start, end]`` (persistent ones may fall earlier)."""
        ...

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        """(client id, person id, a short title) of a source row, or None if it is gone."""
        ...

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        """The days an action on the occurrence of ``source_id`` observed on ``day`` is recorded
        under, its reference day first (see :attr:`Occurrence.recorded`)."""
        ...


def is_round_birthday(age: int) -> bool:
    return age >= 10 and age % 10 == 0


def is_milestone_anniversary(years: int) -> bool:
    return years == 1 or (years >= 5 and years % 5 == 0)


class ImportantDateSource:
    """Birthdays, wedding anniversaries and custom dates, Gregorian or lunar, with or without a
    year; 29 February observed as the studio's rule says."""

    table = "important_date"
    kinds: tuple[str, ...] = ("birthday", "wedding", "custom")

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterator[Occurrence]:
        kinds = [k for k in self.kinds if rules.on(k)]
        if not kinds:
            return
        months = dates.gregorian_months(start, end)
        month_filter = (
            ""
            if len(months) == 12
            else f"AND (d.calendar = 'lunar' OR d.month IN ({','.join(map(str, months))}))"
        )
        sql = f"""
        SELECT d.id, d.client_id, d.person_id, d.kind, d.label, d.month, d.day, d.year, d.calendar
        FROM important_date d
        JOIN client c ON c.id = d.client_id AND c.deleted_at IS NULL
        LEFT JOIN person p ON p.id = d.person_id
        WHERE d.deleted_at IS NULL AND (d.person_id IS NULL OR p.deleted_at IS NULL)
          AND d.kind IN ({",".join("?" * len(kinds))}) {month_filter}
        """
        for rid, cid, pid, kind, label, m, d, y, cal in conn.exec_driver_sql(sql, tuple(kinds)):
            for occ_year, on in dates.yearly_occurrences(m, d, cal, start, end, rules.feb29):
                if y is None or occ_year >= y:  # nothing to remember before the date itself
                    yield occurrence_of_date(rid, cid, pid, kind, label, m, d, y, cal, occ_year, on)

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        row = conn.exec_driver_sql(
            "SELECT d.client_id, d.person_id, d.kind, d.label, p.name FROM important_date d "
            "LEFT JOIN person p ON p.id = d.person_id WHERE d.id = ?",
            (source_id,),
        ).first()
        if row is None:
            return None
        what = {"birthday": tr("Birthday"), "wedding": tr("Wedding anniversary")}.get(
            row[2], row[3] or tr("Date")
        )
        return row[0], row[1], tr("{what} of {name}", what=what, name=row[4]) if row[4] else what

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        row = conn.exec_driver_sql(
            "SELECT month, day, calendar FROM important_date WHERE id = ?", (source_id,)
        ).first()
        return (day,) if row is None else dates.observed_days(row[0], row[1], row[2], day)


def occurrence_of_date(
    rid: str,
    cid: str,
    pid: str | None,
    kind: str,
    label: str | None,
    m: int,
    d: int,
    y: int | None,
    cal: str,
    occ_year: int,
    on: date,
) -> Occurrence:
    """The occurrence of an important date in ``occ_year`` (of its own calendar), falling ``on``."""
    n = dates.years_since(y, occ_year)
    milestone = False
    if kind == "birthday":
        what = tr("Birthday")
        if n is not None and n > 0:
            why, milestone = tr("turns {n}", n=n), is_round_birthday(n)
        else:
            why = tr("birthday")
    elif kind == "wedding":
        what = tr("Wedding anniversary")
        if n is not None and n > 0:
            why, milestone = tr("{nth} anniversary", nth=ordinal(n)), is_milestone_anniversary(n)
        else:
            why = tr("wedding day") if n == 0 else tr("wedding anniversary")
    else:
        what = label or tr("Date")
        why = tr("{nth} year", nth=ordinal(n)) if n is not None and n > 0 else (label or tr("date"))
    note = tr("lunar {nth} month, day {d}", nth=ordinal(m), d=d) if cal == dates.LUNAR else None
    return Occurrence(
        source_table="important_date",
        source_id=rid,
        kind=kind,
        client_id=cid,
        person_id=pid,
        on=on,
        what=what,
        why=why,
        milestone=milestone,
        calendar_note=note,
        recorded=dates.observed_days(m, d, cal, on),
    )


_EXPIRY_WHAT = {
    "passport": mark("Passport expiry"),
    "visa": mark("Visa expiry"),
    "id_card": mark("Identity card expiry"),
    "document": mark("Document expiry"),
}
_EXPIRY_WHY = {
    "passport": (mark("passport expires {day}"), mark("passport expired {day}")),
    "visa": (mark("visa expires {day}"), mark("visa expired {day}")),
    "id_card": (mark("identity card expires {day}"), mark("identity card expired {day}")),
    "document": (mark("document expires {day}"), mark("document expired {day}")),
}


class DocumentSource:
    """Passports and other documents, reminded before they expire (and overdue once expired)."""

    table = "travel_document"
    kinds: tuple[str, ...] = ("passport", "document")

    def occurrences(
        self, conn: Connection, start: date, end: date, rules: Rules, today: date
    ) -> Iterator[Occurrence]:
        kinds = [
            k for k in DOCUMENT_KINDS if rules.on("passport" if k == "passport" else "document")
        ]
        if not kinds:
            return
        sql = f"""
        SELECT t.id, t.client_id, t.person_id, t.kind, t.expires_on
        FROM travel_document t
        JOIN client c ON c.id = t.client_id AND c.deleted_at IS NULL
        JOIN person p ON p.id = t.person_id AND p.deleted_at IS NULL
        WHERE t.deleted_at IS NULL AND t.expires_on <= ? AND t.kind IN ({",".join("?" * len(kinds))})
        """
        for rid, cid, pid, kind, expires in conn.exec_driver_sql(sql, (end.isoformat(), *kinds)):
            on = date.fromisoformat(expires)
            noun = kind if kind in ("passport", "visa", "id_card") else "document"
            expires = on >= today
            yield Occurrence(
                source_table=self.table,
                source_id=rid,
                kind="passport" if kind == "passport" else "document",
                client_id=cid,
                person_id=pid,
                on=on,
                what=tr(_EXPIRY_WHAT[noun]),
                why=tr(_EXPIRY_WHY[noun][0 if expires else 1], day=dates.format_day(on)),
                persistent=True,
            )

    def describe(self, conn: Connection, source_id: str) -> tuple[str, str | None, str] | None:
        row = conn.exec_driver_sql(
            "SELECT t.client_id, t.person_id, t.kind, p.name FROM travel_document t "
            "LEFT JOIN person p ON p.id = t.person_id WHERE t.id = ?",
            (source_id,),
        ).first()
        if row is None:
            return None
        return row[0], row[1], f"{row[2].replace('_', ' ').capitalize()} of {row[3]}"

    def recorded_days(self, conn: Connection, source_id: str, day: date) -> tuple[date, ...]:
        return (day,)
