"""Relationship care: the daily agenda of birthdays, anniversaries, expiring passports and tasks.

Reminders come from *sources* (:class:`AgendaSource`): each turns rows of the studio into
:class:`Occurrence` s, one per day a reminded date falls on. Three sources ship now: important dates
(Gregorian or Chinese lunar, 29 February observed on 28 February or 1 March in common years),
travel documents (passport expiry) and win-back (a client with no contact for a number of months).
Trips plug in later as another source (trip anniversaries, welcome-home call, feedback request,
pre-departure check) through :func:`register_source`, without changing the agenda.

What an advisor does about an occurrence (done, snoozed to a date, dismissed) is an
:class:`~studio.domain.agenda_models.AgendaAction` keyed by (source table, source row, occurrence
day): next year's birthday is another occurrence and comes back fresh. Every write here is
validated and goes through the studio's write path (journaled, undoable).
"""

from __future__ import annotations

import calendar
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Protocol

from studio.domain import validate
from studio.domain.agenda_models import (
    ACTIONS,
    DOCUMENT_KINDS,
    AgendaAction,
    AgendaSetting,
    TravelDocument,
)
from studio.domain.models import Person
from studio.errors import NotFoundError, ValidationError
from studio.store import Studio

# -- rules and settings -----------------------------------------------------------------------
#: Kinds of reminder and how many days ahead each appears, unless the studio changes it.
DEFAULT_LEAD_DAYS: dict[str, int] = {
    "birthday": 14,
    "wedding": 21,
    "custom": 14,
    "passport": 180,
    "document": 90,  # visas, identity cards and other documents
    "winback": 0,
    # From trips (studio.services.agenda_trips): tasks show on their day.
    "trip_anniversary": 14,
    "pre_departure": 0,
    "welcome_home": 0,
    "feedback": 0,
}
#: Trip tasks: how many days before a trip starts (pre-departure) or after it ends they fall.
DEFAULT_OFFSET_DAYS: dict[str, int] = {"pre_departure": 7, "welcome_home": 2, "feedback": 14}
KIND_LABELS: dict[str, str] = {
    "birthday": "Birthday",
    "wedding": "Wedding anniversary",
    "custom": "Date",
    "passport": "Passport expiry",
    "document": "Document expiry",
    "winback": "Win-back",
    "trip_anniversary": "Trip anniversary",
    "pre_departure": "Pre-departure check",
    "welcome_home": "Welcome-home call",
    "feedback": "Feedback request",
}
FEB29_CHOICES = ("feb28", "mar1")
#: Studio-wide options and their defaults.
DEFAULT_OPTIONS: dict[str, Any] = {
    "feb29": "feb28",  # where 29 February is observed in common years
    "overdue_days": 30,  # how long a missed birthday or anniversary stays under Overdue
    "winback_months": 18,  # months without contact before a win-back task
}
MAX_LEAD_DAYS = 366
WINBACK_STAGES = ("active", "repeat", "dormant")

_NAMESPACE = uuid.UUID("5b0c7a36-6f0e-4a8e-9d61-3f4f6f5e2a10")


def setting_id(key: str) -> str:
    """The id of a setting's row: derived from its key, so every laptop edits the same row."""
    return str(uuid.uuid5(_NAMESPACE, f"agenda_setting:{key}"))


def action_id(source_table: str, source_id: str, occurrence: date) -> str:
    """The id of the action on one occurrence (one row per occurrence, on every laptop)."""
    return str(
        uuid.uuid5(_NAMESPACE, f"agenda_action:{source_table}:{source_id}:{occurrence.isoformat()}")
    )


@dataclass(frozen=True)
class Rules:
    """The studio's agenda rules: defaults overlaid with what the studio changed."""

    lead_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_LEAD_DAYS))
    enabled: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(DEFAULT_LEAD_DAYS, True))
    feb29: str = DEFAULT_OPTIONS["feb29"]
    overdue_days: int = DEFAULT_OPTIONS["overdue_days"]
    winback_months: int = DEFAULT_OPTIONS["winback_months"]
    offset_days: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_OFFSET_DAYS))

    def lead(self, kind: str) -> int:
        return self.lead_days.get(kind, DEFAULT_LEAD_DAYS.get(kind, 14))

    def offset(self, kind: str) -> int:
        """Days before a trip's start (pre-departure) or after its end a trip task falls."""
        return self.offset_days.get(kind, DEFAULT_OFFSET_DAYS.get(kind, 0))

    def on(self, kind: str) -> bool:
        return self.enabled.get(kind, True)


def rules(studio: Studio) -> Rules:
    with studio.read() as conn:
        stored = {
            k: json.loads(v)
            for k, v in conn.exec_driver_sql(
                "SELECT key, value FROM agenda_setting WHERE deleted_at IS NULL"
            )
        }
    return _rules_from(stored)


def _rules_from(stored: dict[str, Any]) -> Rules:
    lead = dict(DEFAULT_LEAD_DAYS)
    enabled = dict.fromkeys(DEFAULT_LEAD_DAYS, True)
    options = dict(DEFAULT_OPTIONS)
    offsets = dict(DEFAULT_OFFSET_DAYS)
    for key, value in stored.items():
        prefix, _, kind = key.partition(".")
        if prefix == "lead_days" and kind:
            lead[kind] = int(value)
        elif prefix == "offset_days" and kind:
            offsets[kind] = int(value)
        elif prefix == "enabled" and kind:
            enabled[kind] = bool(value)
        elif key in options:
            options[key] = value
    return Rules(lead_days=lead, enabled=enabled, offset_days=offsets, **options)


def _lead_days(value: Any) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "lead_days", f"Lead days must be a whole number, not “{value}”."
        ) from None
    if n < 0:
        raise ValidationError(
            "lead_days",
            f"Lead days cannot be negative ({n}): they say how many days ahead a reminder appears.",
        )
    if n > MAX_LEAD_DAYS:
        raise ValidationError(
            "lead_days", f"Lead days can be at most {MAX_LEAD_DAYS} (one year), not {n}."
        )
    return n


def set_rule(
    studio: Studio,
    kind: str,
    *,
    lead_days: Any = None,
    enabled: bool | None = None,
    offset_days: Any = None,
) -> None:
    """Change how many days ahead a kind of reminder appears, and whether it appears at all; for
    trip tasks also ``offset_days``, how many days before the start or after the end they fall."""
    if kind not in DEFAULT_LEAD_DAYS:
        raise ValidationError(
            "kind", f"“{kind}” is not a kind of reminder (one of: {', '.join(DEFAULT_LEAD_DAYS)})."
        )
    values: dict[str, Any] = {}
    if offset_days is not None:
        if kind not in DEFAULT_OFFSET_DAYS:
            raise ValidationError(
                "offset_days",
                f"Only trip tasks have offset days ({', '.join(DEFAULT_OFFSET_DAYS)}), not “{kind}”.",
            )
        values[f"offset_days.{kind}"] = _offset_days(offset_days)
    if lead_days is not None:
        values[f"lead_days.{kind}"] = _lead_days(lead_days)
    if enabled is not None:
        values[f"enabled.{kind}"] = bool(enabled)
    with studio.transaction() as tx:
        for key, value in values.items():
            _put_setting(tx, key, value)


def set_option(studio: Studio, key: str, value: Any) -> None:
    """Change a studio-wide option: ``feb29`` ("feb28" or "mar1"), ``overdue_days``, ``winback_months``."""
    if key == "feb29":
        if value not in FEB29_CHOICES:
            raise ValidationError(
                key, f"29 February is observed on “feb28” or “mar1” in common years, not “{value}”."
            )
    elif key in ("overdue_days", "winback_months"):
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise ValidationError(
                key, f"{key.replace('_', ' ').capitalize()} must be a whole number."
            ) from None
        if not 1 <= value <= 1200:
            raise ValidationError(
                key, f"{key.replace('_', ' ').capitalize()} must be from 1 to 1200, not {value}."
            )
    else:
        raise ValidationError(
            key, f"“{key}” is not an agenda option (one of: {', '.join(DEFAULT_OPTIONS)})."
        )
    with studio.transaction() as tx:
        _put_setting(tx, key, value)


def _put_setting(tx, key: str, value: Any) -> None:
    row_id = setting_id(key)
    encoded = json.dumps(value)
    row = tx.get(AgendaSetting, row_id, include_deleted=True)
    if row is None:
        tx.create(AgendaSetting, id=row_id, key=key, value=encoded)
        return
    if row.deleted_at:
        tx.restore(AgendaSetting, row_id)
    tx.update(AgendaSetting, row_id, value=encoded)


def _offset_days(value: Any) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ValidationError(
            "offset_days", f"Offset days must be a whole number, not “{value}”."
        ) from None
    if not 0 <= n <= MAX_LEAD_DAYS:
        raise ValidationError(
            "offset_days", f"Offset days must be from 0 to {MAX_LEAD_DAYS}, not {n}."
        )
    return n


# -- documents --------------------------------------------------------------------------------
def _document_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "kind":
            kind = validate.text(raw, name, required=True, max_len=20).lower()
            if kind not in DOCUMENT_KINDS:
                raise ValidationError(
                    name,
                    f"“{raw}” is not a kind of document (one of: {', '.join(DOCUMENT_KINDS)}).",
                )
            out[name] = kind
        elif name == "expires_on":
            out[name] = validate.iso_date(raw, name)
        elif name == "number":
            out[name] = validate.optional_text(raw, name, max_len=40)
        elif name == "country":
            c = validate.optional_text(raw, name, max_len=2)
            if c is not None and (len(c) != 2 or not c.isalpha()):
                raise ValidationError(
                    name, f"“{raw}” is not a country code (two letters, e.g. CN or FR)."
                )
            out[name] = c.upper() if c else None
        elif name == "note":
            out[name] = validate.text(raw, name, max_len=2000)
        else:
            raise ValidationError(name, f"A travel document has no editable field “{name}”.")
    return out


def add_document(
    studio: Studio, person_id: str, expires_on: Any, *, kind: str = "passport", **fields: Any
) -> TravelDocument:
    """A person's passport (number optional) or other document, reminded before it expires."""
    data = _document_fields({"kind": kind, "expires_on": expires_on, **fields})
    with studio.transaction() as tx:
        person = tx.get(Person, person_id)
        if person is None:
            raise ValidationError("person_id", "The person for this document does not exist.")
        return tx.create(TravelDocument, client_id=person.client_id, person_id=person_id, **data)


def update_document(studio: Studio, document_id: str, **changes: Any) -> dict:
    data = _document_fields(changes)
    with studio.transaction() as tx:
        if tx.get(TravelDocument, document_id) is None:
            raise NotFoundError(f"No travel document with id {document_id}.")
        return tx.update(TravelDocument, document_id, **data)


def delete_document(studio: Studio, document_id: str) -> bool:
    with studio.transaction() as tx:
        if tx.get(TravelDocument, document_id, include_deleted=True) is None:
            raise NotFoundError(f"No travel document with id {document_id}.")
        return tx.delete(TravelDocument, document_id)


# -- occurrences and their sources ------------------------------------------------------------
@dataclass(frozen=True)
class Occurrence:
    """One day a reminded thing falls on, as a source sees it."""

    source_table: str
    source_id: str
    kind: str
    client_id: str
    person_id: str | None
    on: date  # the day it falls on (Gregorian); with the source row, the occurrence's key
    what: str  # "Birthday", "Wedding anniversary", a custom label, "Passport expiry", "Win-back"
    why: str  # why it matters: "turns 60", "10th anniversary", "passport expires 3 March 2027"
    milestone: bool = False
    persistent: bool = False  # stays under Overdue until someone acts on it
    calendar_note: str | None = None  # "lunar 8th month, 15th day"

    @property
    def key(self) -> tuple[str, str, date]:
        return (self.source_table, self.source_id, self.on)


class AgendaSource(Protocol):
    """Something that produces occurrences: important dates, documents, clients, (later) trips.

    Trips (issue 5) plug in as one more source, with no change to the agenda, the actions, the UI
    or the CLI: ``table = "trip"``, kinds such as ``trip_anniversary`` (yearly from a completed
    trip's end: "a year ago today you were in Kyoto"), ``welcome_home`` (end + 2 days),
    ``feedback`` (end + 14 days) and ``pre_departure`` (start - 7 days), each added to
    :data:`DEFAULT_LEAD_DAYS` (0 for tasks, so they show on their day) and switched on and off like
    the others; then ``register_source(TripSource())``. The win-back source would then read the
    last trip booked or completed instead of the last interaction.
    """

    #: The table whose rows the occurrences come from (the first part of their key).
    table: str
    #: Kinds of reminder it produces (each has lead days and an on/off switch in :class:`Rules`).
    kinds: tuple[str, ...]

    def occurrences(
        self, conn, start: date, end: date, rules: Rules, today: date
    ) -> Iterable[Occurrence]:
        """Occurrences that fall in ``[start, end]`` (persistent ones may fall earlier)."""
        ...

    def describe(self, conn, source_id: str) -> tuple[str, str | None, str] | None:
        """(client id, person id, a short title) of a source row, or None if it is gone."""
        ...


def format_day(d: date, *, year: bool = True) -> str:
    """``3 March 2027`` (``3 March`` without the year)."""
    text = f"{d.day} {calendar.month_name[d.month]}"
    return f"{text} {d.year}" if year else text


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def is_round_birthday(age: int) -> bool:
    return age >= 10 and age % 10 == 0


def is_milestone_anniversary(years: int) -> bool:
    return years == 1 or (years >= 5 and years % 5 == 0)


def observed(year: int, month: int, day: int, feb29: str = "feb28") -> date:
    """The day a yearly Gregorian date is observed in ``year``; 29 February in common years goes
    to 28 February or 1 March as the studio chose."""
    if (month, day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1) if feb29 == "mar1" else date(year, 2, 28)
    return date(year, month, day)


def yearly_occurrences(
    month: int, day: int, cal: str, start: date, end: date, feb29: str
) -> list[tuple[int, date]]:
    """(year of the occurrence in the date's own calendar, Gregorian day) for days in [start, end]."""
    out: list[tuple[int, date]] = []
    if cal == "lunar":
        from studio.domain import lunar

        for ly in range(start.year - 1, end.year + 1):
            if lunar.FIRST_YEAR <= ly <= lunar.LAST_YEAR:
                d = lunar.to_gregorian(ly, month, day)
                if start <= d <= end:
                    out.append((ly, d))
        return out
    for y in range(start.year, end.year + 1):
        d = observed(y, month, day, feb29)
        if start <= d <= end:
            out.append((y, d))
    return out


_LUNAR_MONTHS = (
    "1st",
    "2nd",
    "3rd",
    "4th",
    "5th",
    "6th",
    "7th",
    "8th",
    "9th",
    "10th",
    "11th",
    "12th",
)


class ImportantDateSource:
    table = "important_date"
    kinds = ("birthday", "wedding", "custom")

    def occurrences(self, conn, start, end, rules, today):
        kinds = [k for k in self.kinds if rules.on(k)]
        if not kinds:
            return
        months = _months_between(start, end)
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
            for occ_year, on in yearly_occurrences(m, d, cal, start, end, rules.feb29):
                if y is None or occ_year >= y:  # nothing to remember before the date itself
                    yield self._occurrence(rid, cid, pid, kind, label, m, d, y, cal, occ_year, on)

    @staticmethod
    def _occurrence(rid, cid, pid, kind, label, m, d, y, cal, occ_year, on) -> Occurrence:
        n = occ_year - y if y else None
        milestone = False
        if kind == "birthday":
            what = "Birthday"
            if n is not None and n > 0:
                why, milestone = f"turns {n}", is_round_birthday(n)
            else:
                why = "birthday"
        elif kind == "wedding":
            what = "Wedding anniversary"
            if n is not None and n > 0:
                why, milestone = f"{ordinal(n)} anniversary", is_milestone_anniversary(n)
            else:
                why = "wedding day" if n == 0 else "wedding anniversary"
        else:
            what = label or "Date"
            why = f"{ordinal(n)} year" if n is not None and n > 0 else (label or "date")
        note = f"lunar {_LUNAR_MONTHS[m - 1]} month, day {d}" if cal == "lunar" else None
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
        )

    def describe(self, conn, source_id):
        row = conn.exec_driver_sql(
            "SELECT d.client_id, d.person_id, d.kind, d.label, p.name FROM important_date d "
            "LEFT JOIN person p ON p.id = d.person_id WHERE d.id = ?",
            (source_id,),
        ).first()
        if row is None:
            return None
        what = {"birthday": "Birthday", "wedding": "Wedding anniversary"}.get(
            row[2], row[3] or "Date"
        )
        return row[0], row[1], f"{what} of {row[4]}" if row[4] else what


class DocumentSource:
    table = "travel_document"
    kinds = ("passport", "document")

    def occurrences(self, conn, start, end, rules, today):
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
            noun = {"passport": "passport", "visa": "visa", "id_card": "identity card"}.get(
                kind, "document"
            )
            verb = "expires" if on >= today else "expired"
            yield Occurrence(
                source_table=self.table,
                source_id=rid,
                kind="passport" if kind == "passport" else "document",
                client_id=cid,
                person_id=pid,
                on=on,
                what=f"{noun.capitalize()} expiry",
                why=f"{noun} {verb} {format_day(on)}",
                persistent=True,
            )

    def describe(self, conn, source_id):
        row = conn.exec_driver_sql(
            "SELECT t.client_id, t.person_id, t.kind, p.name FROM travel_document t "
            "LEFT JOIN person p ON p.id = t.person_id WHERE t.id = ?",
            (source_id,),
        ).first()
        if row is None:
            return None
        return row[0], row[1], f"{row[2].replace('_', ' ').capitalize()} of {row[3]}"


class WinbackSource:
    """A client gone quiet: no contact for ``winback_months``. Until trips exist the last
    interaction stands for the last trip booked or completed; only active, repeat and dormant
    clients are considered (prospects and lost clients are not won back)."""

    table = "client"
    kinds = ("winback",)

    def occurrences(self, conn, start, end, rules, today):
        if not rules.on("winback"):
            return
        months = rules.winback_months
        sql = f"""
        SELECT c.id, coalesce(max(substr(i.occurred_at, 1, 10)), substr(c.created_at, 1, 10))
        FROM client c LEFT JOIN interaction i ON i.client_id = c.id AND i.deleted_at IS NULL
        WHERE c.deleted_at IS NULL AND c.stage IN ({",".join("?" * len(WINBACK_STAGES))})
        GROUP BY c.id
        """
        for cid, last in conn.exec_driver_sql(sql, WINBACK_STAGES):
            if not last:
                continue
            since = date.fromisoformat(last)
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
                    why=f"no contact since {format_day(since)}",
                    persistent=True,
                )

    def describe(self, conn, source_id):
        row = conn.exec_driver_sql("SELECT id, name FROM client WHERE id = ?", (source_id,)).first()
        return None if row is None else (row[0], None, f"Win-back of {row[1]}")


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _months_between(start: date, end: date) -> list[int]:
    if (end - start).days >= 366:
        return list(range(1, 13))
    months, d = [], date(start.year, start.month, 1)
    while d <= end and len(months) < 12:
        months.append(d.month)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return sorted(set(months))


_SOURCES: dict[str, AgendaSource] = {}


def register_source(source: AgendaSource) -> None:
    """Add a source of occurrences (trips will register theirs); replaces one for the same table."""
    _SOURCES[source.table] = source


def sources() -> list[AgendaSource]:
    return list(_SOURCES.values())


for _source in (ImportantDateSource(), DocumentSource(), WinbackSource()):
    register_source(_source)
# Trips: anniversaries, trip tasks, and a win-back that reads trips (replaces the one above).
from studio.services import agenda_trips as _agenda_trips  # noqa: E402,F401  (registers on import)

# -- the agenda ---------------------------------------------------------------------------------
SECTIONS = ("overdue", "today", "this_week", "next_days", "later")
SECTION_TITLES = {
    "overdue": "Overdue",
    "today": "Today",
    "this_week": "This week",
    "next_days": "Next {days} days",
    "later": "Coming up",
}


@dataclass(frozen=True)
class AgendaEntry:
    """One line of the agenda: an occurrence with who, the advisor, the last gift, its state."""

    occurrence: Occurrence
    section: str
    due: date  # the day it is due: the occurrence day, or the day it was snoozed to
    client_name: str
    client_native_name: str | None
    person_name: str | None
    person_native_name: str | None
    advisor_name: str | None
    last_gift: tuple[str, str] | None  # (YYYY-MM-DD, summary) of the last gift or greeting
    snoozed_from: date | None = None  # set when a snooze brought it back

    # Short-hands used by the CLI and the UI.
    @property
    def key(self) -> tuple[str, str, date]:
        return self.occurrence.key

    @property
    def client_id(self) -> str:
        return self.occurrence.client_id

    @property
    def who(self) -> str:
        name = self.person_name or self.client_name
        native = self.person_native_name if self.person_name else self.client_native_name
        who = f"{name} {native}" if native else name
        if self.person_name and self.person_name != self.client_name:
            who += f" ({self.client_name})"
        return who

    @property
    def what(self) -> str:
        return self.occurrence.what

    @property
    def why(self) -> str:
        occ = self.occurrence
        why = occ.why
        if occ.calendar_note:
            why += f" ({occ.calendar_note}; {format_day(occ.on, year=False)} this time)"
        return why

    @property
    def milestone(self) -> bool:
        return self.occurrence.milestone

    def as_dict(self) -> dict[str, Any]:
        occ = self.occurrence
        return {
            "section": self.section,
            "due": self.due.isoformat(),
            "date": occ.on.isoformat(),
            "kind": occ.kind,
            "who": self.who,
            "client_id": occ.client_id,
            "person_id": occ.person_id,
            "what": occ.what,
            "why": self.why,
            "milestone": occ.milestone,
            "advisor": self.advisor_name,
            "last_gift": {"date": self.last_gift[0], "summary": self.last_gift[1]}
            if self.last_gift
            else None,
            "snoozed_from": self.snoozed_from.isoformat() if self.snoozed_from else None,
            "source": {"table": occ.source_table, "id": occ.source_id},
        }


@dataclass
class Agenda:
    today: date
    days: int
    entries: list[AgendaEntry]

    def section(self, name: str) -> list[AgendaEntry]:
        return [e for e in self.entries if e.section == name]

    def sections(self) -> list[tuple[str, str, list[AgendaEntry]]]:
        """(key, title, entries) of each section, in order, empty ones included."""
        return [(s, SECTION_TITLES[s].format(days=self.days), self.section(s)) for s in SECTIONS]

    def due_today(self) -> list[AgendaEntry]:
        return self.section("today")


def agenda(studio: Studio, today: date | None = None, days: int = 30) -> Agenda:
    """What needs doing: overdue, today, this week, the next ``days`` days, and further ahead
    what a longer lead time already shows (a passport expiring in five months)."""
    today = today or date.today()
    if days < 1:
        raise ValidationError("days", f"The agenda looks at least 1 day ahead, not {days}.")
    r = rules(studio)
    horizon = today + timedelta(
        days=max([days] + [r.lead(k) for k in DEFAULT_LEAD_DAYS if r.on(k)])
    )
    start = today - timedelta(days=r.overdue_days)
    with studio.read() as conn:
        actions = _actions(conn)
        # A snoozed occurrence is looked for even when its own day is long past.
        snoozed = [
            k[2]
            for k, (what, _until) in actions.items()
            if what == "snoozed" and k[2] >= today - timedelta(days=366)
        ]
        start = min([start, *snoozed])
        chosen: list[tuple[Occurrence, str, date, date | None]] = []
        for source in sources():
            for occ in source.occurrences(conn, start, horizon, r, today):
                act = actions.get(occ.key)
                snoozed_from = None
                due = occ.on
                if act is not None:
                    if act[0] in ("done", "dismissed"):
                        continue
                    if act[0] == "snoozed" and act[1]:
                        due, snoozed_from = date.fromisoformat(act[1]), occ.on
                        if due > today:
                            continue  # hidden until the day it was snoozed to
                section = _section(occ, due, today, days, r, snoozed=snoozed_from is not None)
                if section is not None:
                    chosen.append((occ, section, due, snoozed_from))
        entries = _enrich(conn, chosen)
    order = {s: i for i, s in enumerate(SECTIONS)}
    entries.sort(
        key=lambda e: (
            order[e.section],
            e.due,
            not e.milestone,
            e.client_name.lower(),
            e.occurrence.source_id,
        )
    )
    return Agenda(today=today, days=days, entries=entries)


def _section(
    occ: Occurrence, due: date, today: date, days: int, r: Rules, *, snoozed: bool
) -> str | None:
    if due < today:
        if occ.persistent or (today - due).days <= r.overdue_days:
            return "overdue"
        return None
    if due == today:
        return "today"
    if not snoozed and (due - today).days > r.lead(occ.kind):
        return None  # its reminder has not begun yet
    if (due - today).days <= 7:
        return "this_week"
    if (due - today).days <= days:
        return "next_days"
    return "later"


def _actions(conn) -> dict[tuple[str, str, date], tuple[str, str | None]]:
    return {
        (t, sid, date.fromisoformat(occ)): (action, until)
        for t, sid, occ, action, until in conn.exec_driver_sql(
            "SELECT source_table, source_id, occurrence, action, snooze_until FROM agenda_action "
            "WHERE deleted_at IS NULL"
        )
    }


def _enrich(conn, chosen) -> list[AgendaEntry]:
    if not chosen:
        return []
    client_ids = json.dumps(sorted({occ.client_id for occ, *_ in chosen}))
    person_ids = json.dumps(sorted({occ.person_id for occ, *_ in chosen if occ.person_id}))
    clients = {
        r[0]: r[1:]
        for r in conn.exec_driver_sql(
            "SELECT c.id, c.name, c.native_name, a.name FROM client c LEFT JOIN advisor a ON a.id = c.advisor_id "
            "WHERE c.id IN (SELECT value FROM json_each(?))",
            (client_ids,),
        )
    }
    people = {
        r[0]: r[1:]
        for r in conn.exec_driver_sql(
            "SELECT id, name, native_name FROM person WHERE id IN (SELECT value FROM json_each(?))",
            (person_ids,),
        )
    }
    gifts: dict[str, tuple[str, str]] = {}
    for cid, when, summary in conn.exec_driver_sql(
        "SELECT i.client_id, i.occurred_at, i.summary FROM interaction i "
        "WHERE i.kind = 'gift' AND i.deleted_at IS NULL AND i.client_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY i.occurred_at",
        (client_ids,),
    ):
        gifts[cid] = (when[:10], summary)  # the latest wins
    out = []
    for occ, section, due, snoozed_from in chosen:
        name, native, advisor = clients.get(occ.client_id, ("?", None, None))
        pname, pnative = people.get(occ.person_id, (None, None)) if occ.person_id else (None, None)
        out.append(
            AgendaEntry(
                occurrence=occ,
                section=section,
                due=due,
                client_name=name,
                client_native_name=native,
                person_name=pname,
                person_native_name=pnative,
                advisor_name=advisor,
                last_gift=gifts.get(occ.client_id),
                snoozed_from=snoozed_from,
            )
        )
    return out


# -- acting on an occurrence --------------------------------------------------------------------
def _occurrence_day(value: Any, field_name: str = "occurrence") -> date:
    return date.fromisoformat(validate.iso_date(value, field_name))


def _act(
    studio: Studio, source_table: str, source_id: str, occurrence: Any, **values: Any
) -> AgendaAction:
    source = _SOURCES.get(source_table)
    if source is None:
        raise ValidationError("source_table", f"“{source_table}” is not a source of reminders.")
    day = _occurrence_day(occurrence)
    with studio.transaction() as tx:
        tx.flush()
        facts = source.describe(tx.conn, source_id)
        if facts is None:
            raise NotFoundError(
                f"The reminder's {source_table.replace('_', ' ')} {source_id} does not exist."
            )
        client_id = facts[0]
        row_id = action_id(source_table, source_id, day)
        data = {
            "action": values["action"],
            "snooze_until": values.get("snooze_until"),
            "sent": values.get("sent", ""),
            "interaction_id": values.get("interaction_id"),
            "advisor_id": studio.advisor_id,
        }
        row = tx.get(AgendaAction, row_id, include_deleted=True)
        if row is None:
            return tx.create(
                AgendaAction,
                id=row_id,
                client_id=client_id,
                source_table=source_table,
                source_id=source_id,
                occurrence=day.isoformat(),
                **data,
            )
        if row.deleted_at:
            tx.restore(AgendaAction, row_id)
        tx.update(AgendaAction, row_id, **data)
        return tx.get(AgendaAction, row_id)


def complete(
    studio: Studio,
    source_table: str,
    source_id: str,
    occurrence: Any,
    sent: str = "",
    *,
    on: Any = None,
) -> AgendaAction:
    """Mark an occurrence done. What was sent (flowers, a card, a call) goes on the client's
    timeline as a gift/greeting interaction, so "last gift" and the dossier show it."""
    from studio.services import clients

    sent = validate.text(sent, "sent", max_len=500)
    with studio.transaction() as tx:
        source = _SOURCES.get(source_table)
        facts = source.describe(tx.conn, source_id) if source else None
        interaction_id = None
        if sent and facts is not None:
            client_id, person_id, title = facts
            interaction = clients.log_interaction(
                studio,
                client_id,
                "gift",
                f"{sent} — {title}",
                occurred_at=on or date.today(),
                person_id=person_id,
            )
            interaction_id = interaction.id
        return _act(
            studio,
            source_table,
            source_id,
            occurrence,
            action="done",
            sent=sent,
            interaction_id=interaction_id,
        )


def snooze(
    studio: Studio,
    source_table: str,
    source_id: str,
    occurrence: Any,
    until: Any,
    *,
    today: date | None = None,
) -> AgendaAction:
    """Hide an occurrence until ``until`` (a later day); it then shows as due that day."""
    day = _occurrence_day(validate.iso_date(until, "snooze_until"), "snooze_until")
    today = today or date.today()
    if day <= today:
        raise ValidationError(
            "snooze_until",
            f"Snooze to a day after today ({format_day(today)}), not {format_day(day)}.",
        )
    return _act(
        studio, source_table, source_id, occurrence, action="snoozed", snooze_until=day.isoformat()
    )


def dismiss(studio: Studio, source_table: str, source_id: str, occurrence: Any) -> AgendaAction:
    """Nothing to do this time; next year's occurrence comes back as usual."""
    return _act(studio, source_table, source_id, occurrence, action="dismissed")


def reopen(studio: Studio, source_table: str, source_id: str, occurrence: Any) -> bool:
    """Forget what was done about an occurrence (the gift on the timeline stays)."""
    row_id = action_id(source_table, source_id, _occurrence_day(occurrence))
    with studio.transaction() as tx:
        if tx.get(AgendaAction, row_id) is None:
            return False
        return tx.delete(AgendaAction, row_id)


def act_on(studio: Studio, entry: AgendaEntry, action: str, **kwargs: Any) -> AgendaAction:
    """``complete``/``snooze``/``dismiss`` for an agenda entry (the UI's short-hand)."""
    fn = {"done": complete, "snoozed": snooze, "dismissed": dismiss}.get(action)
    if fn is None:
        raise ValidationError(
            "action", f"“{action}” is not an action (one of: {', '.join(ACTIONS)})."
        )
    occ = entry.occurrence
    return fn(studio, occ.source_table, occ.source_id, occ.on, **kwargs)


__all__ = [
    "Agenda",
    "AgendaEntry",
    "AgendaSource",
    "Occurrence",
    "Rules",
    "add_document",
    "agenda",
    "complete",
    "dismiss",
    "register_source",
    "rules",
    "set_option",
    "set_rule",
    "snooze",
]


# -- reading documents (the documents dialog) -------------------------------------------------
@dataclass(frozen=True)
class DocumentRow:
    document: TravelDocument
    person_name: str


def client_documents(
    studio: Studio, client_id: str
) -> tuple[list[tuple[str, str]], list[DocumentRow]]:
    """(the client's live people as (id, name), their live documents by expiry)."""
    from sqlmodel import select

    with studio.session() as s:
        people = s.exec(
            select(Person)
            .where(Person.client_id == client_id, Person.deleted_at.is_(None))
            .order_by(Person.position, Person.created_at)
        ).all()
        names = {p.id: p.name for p in people}
        docs = s.exec(
            select(TravelDocument)
            .where(TravelDocument.client_id == client_id, TravelDocument.deleted_at.is_(None))
            .order_by(TravelDocument.expires_on)
        ).all()
    return [(p.id, p.name) for p in people], [
        DocumentRow(d, names.get(d.person_id, "?")) for d in docs if d.person_id in names
    ]
