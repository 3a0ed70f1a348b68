"""The agenda: what needs doing today, this week and ahead, from every source of reminders.

The sources are listed here, once, in :data:`SOURCES` (no source registers itself on import). The
agenda asks each for its occurrences in a window, drops or moves those someone acted on (done,
dismissed, snoozed: matched by the occurrence's key, whatever day the 29 February rule shows it),
sorts the rest into sections and adds who, the advisor and the last gift.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from studio.domain import dates
from studio.domain.i18n import mark, tr
from studio.domain.names import NameForm, display_name
from studio.domain.values import AgendaSection, keys
from studio.errors import ValidationError
from studio.services.agenda.rules import DEFAULT_LEAD_DAYS, Rules, load_rules
from studio.services.agenda.sources import (
    AgendaSource,
    Connection,
    DocumentSource,
    ImportantDateSource,
    Occurrence,
)
from studio.services.agenda.trip_sources import TripSource, WinbackSource
from studio.services.loyalty.reminders import SOURCES as LOYALTY_SOURCES
from studio.store import Studio

#: Every source of reminders, in the order the agenda reads them; one per table.
SOURCES: tuple[AgendaSource, ...] = (
    ImportantDateSource(),
    DocumentSource(),
    TripSource(),
    WinbackSource(),
    *LOYALTY_SOURCES,
)


def sources() -> list[AgendaSource]:
    """The sources of reminders (:data:`SOURCES`)."""
    return list(SOURCES)


def source_for(table: str) -> AgendaSource | None:
    """The source whose occurrences come from ``table``, or None."""
    return next((s for s in SOURCES if s.table == table), None)


SECTIONS = keys(AgendaSection)
SECTION_TITLES = {
    "overdue": mark("Overdue"),
    "today": mark("Today"),
    "this_week": mark("This week"),
    "next_days": mark("Next {days} days"),
    "later": mark("Coming up"),
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
        who = display_name(name, native, NameForm.INLINE)
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
            why += tr(
                " ({note}; {day} this time)",
                note=occ.calendar_note,
                day=dates.format_day(occ.on, year=False),
            )
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
        return [(s, tr(SECTION_TITLES[s], days=self.days), self.section(s)) for s in SECTIONS]

    def due_today(self) -> list[AgendaEntry]:
        return self.section("today")


def agenda(studio: Studio, today: date | None = None, days: int = 30) -> Agenda:
    """What needs doing: overdue, today, this week, the next ``days`` days, and further ahead
    what a longer lead time already shows (a passport expiring in five months)."""
    today = today or date.today()
    if days < 1:
        raise ValidationError("days", f"The agenda looks at least 1 day ahead, not {days}.")
    r = load_rules(studio)
    horizon = today + timedelta(
        days=max([days] + [r.lead(k) for k in DEFAULT_LEAD_DAYS if r.on(k)])
    )
    start = today - timedelta(days=r.overdue_days)
    with studio.read() as conn:
        actions = _actions(conn)
        # A snoozed occurrence is looked for even when its own day is long past.
        # (One day earlier: a 29 February occurrence may be observed the day after its key.)
        snoozed = [
            k[2] - timedelta(days=1)
            for k, (what, _until) in actions.items()
            if what == "snoozed" and k[2] >= today - timedelta(days=366)
        ]
        start = min([start, *snoozed])
        chosen: list[tuple[Occurrence, str, date, date | None]] = []
        for source in SOURCES:
            for occ in source.occurrences(conn, start, horizon, r, today):
                act = next((actions[k] for k in occ.keys() if k in actions), None)
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


def _actions(conn: Connection) -> dict[tuple[str, str, date], tuple[str, str | None]]:
    return {
        (t, sid, date.fromisoformat(occ)): (action, until)
        for t, sid, occ, action, until in conn.exec_driver_sql(
            "SELECT source_table, source_id, occurrence, action, snooze_until FROM agenda_action "
            "WHERE deleted_at IS NULL"
        )
    }


def _enrich(
    conn: Connection, chosen: list[tuple[Occurrence, str, date, date | None]]
) -> list[AgendaEntry]:
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
