"""The studio's events: salons, tastings and trip-story evenings, with their guests.

An event has a day, a place, a theme and a capacity. Guests are invited from a list of clients
(the client list's current filter, or a selection); each guest's answer (RSVP) is kept, and
after the event who came. Marking a guest as having come writes a meeting on their timeline and
brings a follow-up task for them to the agenda (:class:`studio.services.loyalty.reminders.
EventFollowupSource`); unmarking removes that timeline entry. More "yes" answers than the
capacity are refused in one sentence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from studio.domain import validate
from studio.domain.i18n import mark, tr
from studio.domain.loyalty_models import EventGuest, StudioEvent
from studio.domain.models import Client, Interaction
from studio.errors import NotFoundError, ValidationError
from studio.services.loyalty.common import Connection, live, whole
from studio.store import Studio, Transaction

KINDS: dict[str, str] = {
    "salon": mark("Salon"),
    "tasting": mark("Tasting"),
    "story": mark("Trip-story evening"),
}
RSVPS: dict[str, str] = {
    "invited": mark("Invited"),
    "yes": mark("Coming"),
    "maybe": mark("Maybe"),
    "no": mark("Not coming"),
}
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class Guest:
    id: str
    client_id: str
    name: str
    native_name: str | None
    rsvp: str
    attended: bool


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    title: str
    theme: str
    held_on: str
    start_time: str | None
    place: str
    capacity: int
    notes: str
    guests: tuple[Guest, ...] = ()

    @property
    def coming(self) -> int:
        return sum(1 for g in self.guests if g.rsvp == "yes")

    @property
    def came(self) -> int:
        return sum(1 for g in self.guests if g.attended)

    @property
    def kind_label(self) -> str:
        return tr(KINDS.get(self.kind, self.kind))


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in values.items():
        if name == "kind":
            kind = str(raw or "").strip().lower()
            if kind not in KINDS:
                raise ValidationError(
                    "kind",
                    tr(
                        "“{kind}” is not a kind of event (salon, tasting or story).",
                        kind=raw,
                    ),
                )
            out[name] = kind
        elif name == "title":
            out[name] = validate.text(raw, "title", required=True, max_len=200)
        elif name in ("theme", "place"):
            out[name] = validate.text(raw, name, max_len=400)
        elif name == "notes":
            out[name] = validate.text(raw, name, max_len=4000)
        elif name == "held_on":
            out[name] = validate.iso_date(raw, "held_on")
        elif name == "start_time":
            t = validate.text(raw, "start_time", max_len=5)
            if t and not _TIME.match(t):
                raise ValidationError(
                    "start_time", tr("“{time}” is not a time of day such as 19:30.", time=t)
                )
            out[name] = t or None
        elif name == "capacity":
            out[name] = whole(raw, "capacity", 1, 10000, tr("An event's capacity"))
        else:
            raise ValidationError(name, tr("An event has no field “{name}”.", name=name))
    return out


def create_event(
    studio: Studio,
    title: str,
    held_on: Any,
    *,
    kind: str = "salon",
    theme: str = "",
    place: str = "",
    capacity: Any = 20,
    start_time: str | None = None,
    notes: str = "",
) -> Event:
    data = _clean(
        {
            "title": title,
            "held_on": held_on,
            "kind": kind,
            "theme": theme,
            "place": place,
            "capacity": capacity,
            "start_time": start_time or "",
            "notes": notes,
        }
    )
    with studio.transaction() as tx:
        row = tx.create(StudioEvent, **data)
    return get_event(studio, row.id)


def update_event(studio: Studio, event_id: str, **changes: Any) -> dict:
    data = _clean(changes)
    with studio.transaction() as tx:
        live(tx, StudioEvent, event_id)
        if "capacity" in data:
            coming = _coming(tx.conn, event_id)
            if coming > data["capacity"]:
                raise ValidationError(
                    "capacity",
                    tr(
                        "{n} guests have said yes, more than a capacity of {cap}; change an answer first.",
                        n=coming,
                        cap=data["capacity"],
                    ),
                )
        return tx.update(StudioEvent, event_id, **data)


def delete_event(studio: Studio, event_id: str) -> bool:
    with studio.transaction() as tx:
        live(tx, StudioEvent, event_id)
        return tx.delete(StudioEvent, event_id)


def _coming(conn: Connection, event_id: str) -> int:
    return int(
        conn.exec_driver_sql(
            "SELECT count(*) FROM event_guest WHERE event_id = ? AND rsvp = 'yes' "
            "AND deleted_at IS NULL",
            (event_id,),
        ).scalar()
        or 0
    )


def _guest_row(conn: Connection, event_id: str, client_id: str) -> str | None:
    return conn.exec_driver_sql(
        "SELECT id FROM event_guest WHERE event_id = ? AND client_id = ? AND deleted_at IS NULL",
        (event_id, client_id),
    ).scalar()


def invite(
    studio: Studio, event_id: str, client_ids: list[str], *, on: Any = None
) -> tuple[int, int]:
    """Invite clients (already invited ones are left as they are); returns (added, already)."""
    day = validate.iso_date(on or date.today(), "invited_on")
    if not client_ids:
        raise ValidationError("client_ids", tr("Choose at least one client to invite."))
    added = already = 0
    with studio.transaction() as tx:
        live(tx, StudioEvent, event_id)
        for cid in dict.fromkeys(client_ids):
            if tx.get(Client, cid) is None:
                raise ValidationError(
                    "client_ids", tr("A client chosen to invite does not exist ({id}).", id=cid)
                )
            if _guest_row(tx.conn, event_id, cid):
                already += 1
                continue
            tx.create(EventGuest, client_id=cid, event_id=event_id, invited_on=day)
            tx.flush()
            added += 1
    return added, already


def _guest(tx: Transaction, event_id: str, client_id: str) -> EventGuest:
    tx.flush()
    gid = _guest_row(tx.conn, event_id, client_id)
    if gid is None:
        raise NotFoundError(tr("That client is not invited to this event."))
    row = tx.get(EventGuest, gid)
    assert row is not None
    return row


def set_rsvp(studio: Studio, event_id: str, client_id: str, rsvp: str) -> dict:
    """Record a guest's answer; a "yes" beyond the capacity is refused."""
    rsvp = (rsvp or "").strip().lower()
    if rsvp not in RSVPS:
        raise ValidationError(
            "rsvp", tr("“{rsvp}” is not an answer (invited, yes, maybe or no).", rsvp=rsvp)
        )
    with studio.transaction() as tx:
        event = live(tx, StudioEvent, event_id)
        guest = _guest(tx, event_id, client_id)
        if rsvp == "yes" and guest.rsvp != "yes":
            coming = _coming(tx.conn, event_id)
            if coming >= event.capacity:
                raise ValidationError(
                    "rsvp",
                    tr(
                        "{title} is full: {n} of {cap} places are taken; raise the capacity or "
                        "note this answer as maybe.",
                        title=event.title,
                        n=coming,
                        cap=event.capacity,
                    ),
                )
        return tx.update(EventGuest, guest.id, rsvp=rsvp)


def attendance_entry(
    tx: Transaction,
    event: StudioEvent,
    client_id: str,
    advisor_id: str | None,
    id: str | None = None,
) -> Interaction:
    """The meeting an attended event leaves on the guest's timeline; ``id`` only for the demo's
    seeded ids."""
    seeded = {"id": id} if id else {}
    kind_label = tr(KINDS.get(event.kind, event.kind))
    return tx.create(
        Interaction,
        **seeded,
        client_id=client_id,
        kind="meeting",
        occurred_at=event.held_on,
        advisor_id=advisor_id,
        summary=tr("Came to the {kind} “{title}”", kind=kind_label.lower(), title=event.title),
        body="\n".join(x for x in (event.theme, event.place) if x),
    )


def set_attended(studio: Studio, event_id: str, client_id: str, attended: bool = True) -> dict:
    """Mark whether a guest came: it writes (or removes) a meeting on their timeline."""
    with studio.transaction() as tx:
        event = live(tx, StudioEvent, event_id)
        guest = _guest(tx, event_id, client_id)
        changes: dict[str, Any] = {"attended": bool(attended)}
        if attended and not guest.interaction_id:
            held = event.held_on
            if held > date.today().isoformat():
                raise ValidationError(
                    "attended",
                    tr("{title} has not happened yet ({day}).", title=event.title, day=held),
                )
            interaction = attendance_entry(tx, event, client_id, studio.advisor_id)
            changes["interaction_id"] = interaction.id
            if guest.rsvp != "yes":
                changes["rsvp"] = "yes"
        elif not attended and guest.interaction_id:
            if tx.get(Interaction, guest.interaction_id) is not None:
                tx.delete(Interaction, guest.interaction_id)
            changes["interaction_id"] = None
        return tx.update(EventGuest, guest.id, **changes)


def uninvite(studio: Studio, event_id: str, client_id: str) -> bool:
    with studio.transaction() as tx:
        guest = _guest(tx, event_id, client_id)
        if guest.attended:
            raise ValidationError(
                "client_id", tr("This guest came; unmark their attendance before removing them.")
            )
        return tx.delete(EventGuest, guest.id)


_EVENT_COLS = "id, kind, title, theme, held_on, start_time, place, capacity, notes"


def _guests(conn: Connection, event_id: str) -> tuple[Guest, ...]:
    return tuple(
        Guest(r[0], r[1], r[2], r[3], r[4], bool(r[5]))
        for r in conn.exec_driver_sql(
            "SELECT g.id, g.client_id, c.name, c.native_name, g.rsvp, g.attended "
            "FROM event_guest g JOIN client c ON c.id = g.client_id AND c.deleted_at IS NULL "
            "WHERE g.event_id = ? AND g.deleted_at IS NULL ORDER BY c.name COLLATE NOCASE",
            (event_id,),
        )
    )


def _event(r: Any, guests: tuple[Guest, ...] = ()) -> Event:
    return Event(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], guests)


def get_event(studio: Studio, event_id: str) -> Event:
    with studio.read() as conn:
        row = conn.exec_driver_sql(
            f"SELECT {_EVENT_COLS} FROM studio_event WHERE id = ? AND deleted_at IS NULL",
            (event_id,),
        ).first()
        if row is None:
            raise NotFoundError(tr("No event with id {id}.", id=event_id))
        return _event(row, _guests(conn, event_id))


def list_events(studio: Studio) -> list[Event]:
    """Every live event, the latest first, with its guests."""
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT {_EVENT_COLS} FROM studio_event WHERE deleted_at IS NULL "
            "ORDER BY held_on DESC, title"
        ).fetchall()
        return [_event(r, _guests(conn, r[0])) for r in rows]


def events_of_client(studio: Studio, client_id: str) -> list[tuple[Event, Guest]]:
    """The events a client was invited to, the latest first, with their answer."""
    with studio.read() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT e.{_EVENT_COLS.replace(', ', ', e.')}, g.id, g.rsvp, g.attended "
            "FROM event_guest g JOIN studio_event e ON e.id = g.event_id AND e.deleted_at IS NULL "
            "WHERE g.client_id = ? AND g.deleted_at IS NULL ORDER BY e.held_on DESC",
            (client_id,),
        ).fetchall()
        names = conn.exec_driver_sql(
            "SELECT name, native_name FROM client WHERE id = ?", (client_id,)
        ).first() or ("", None)
    return [
        (_event(r), Guest(r[9], client_id, names[0], names[1], r[10], bool(r[11]))) for r in rows
    ]


def guest_ids_json(event: Event) -> str:
    return json.dumps([g.client_id for g in event.guests])
