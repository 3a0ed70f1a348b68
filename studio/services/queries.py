"""Reading dossiers: the client list (paged for 100,000 clients), a dossier, its history."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from sqlmodel import col, select

from studio.domain import dates
from studio.domain.models import (
    Advisor,
    Client,
    Consent,
    ContactPoint,
    ImportantDate,
    Interaction,
    Person,
)
from studio.errors import NotFoundError
from studio.services.agenda.rules import load_rules
from studio.services.profiles import completeness_sql
from studio.store import Studio, fts
from studio.store.write import decode

#: Sort keys of the client list and the SQL that orders by them.
SORTS: dict[str, str] = {
    "name": "c.name COLLATE NOCASE",
    "native_name": "coalesce(c.native_name, c.name)",
    "stage": "c.stage",
    "advisor": "(SELECT a.name FROM advisor a WHERE a.id = c.advisor_id) COLLATE NOCASE",
    "created": "c.created_at",
    "updated": "c.updated_at",
    "last_interaction": "(SELECT max(i.occurred_at) FROM interaction i WHERE i.client_id = c.id AND i.deleted_at IS NULL)",
    "deleted": "c.deleted_at",
    "completeness": completeness_sql("c"),
}


@dataclass
class ClientFilter:
    text: str = ""
    stage: str | None = None
    advisor_id: str | None = None
    tag: str | None = None
    deleted: bool = False  # True: only the Recently deleted
    #: "complete" / "incomplete" (preference-profile completeness), or a segment as
    #: "lifecycle:loyal", "purpose:purpose.honeymoon", "budget:budget.luxury", "age:60–74".
    profile: str | None = None
    #: only these clients (the ones behind a figure of the owner's desk); None: no such limit
    ids: tuple[str, ...] | None = None


@dataclass
class ClientRow:
    """One line of the client list."""

    id: str
    kind: str
    name: str
    native_name: str | None
    stage: str
    advisor_name: str | None
    tags: list[str]
    last_interaction: str | None
    next_date: tuple[str, str] | None  # (YYYY-MM-DD of next occurrence, what)
    deleted_at: str | None
    people_count: int = 0
    completeness: int = 0  # percent of the preference profile's required sections answered


def client_ids(
    studio: Studio, flt: ClientFilter | None = None, sort: str = "name", descending: bool = False
) -> list[str]:
    """Ids of the clients matching ``flt``, in list order. Cheap even for 100,000 clients."""
    flt = flt or ClientFilter()
    where = ["c.deleted_at IS NOT NULL" if flt.deleted else "c.deleted_at IS NULL"]
    params: list[Any] = []
    join = ""
    order = SORTS.get(sort, SORTS["name"])
    if flt.text.strip():
        expr = fts.match_expression(flt.text)
        if expr is None:
            return []
        join = "JOIN client_fts f ON f.rowid = c.rowid"
        where.append("client_fts MATCH ?")
        params.append(expr)
    if flt.stage:
        where.append("c.stage = ?")
        params.append(flt.stage)
    if flt.advisor_id:
        where.append("c.advisor_id = ?")
        params.append(flt.advisor_id)
    if flt.tag:
        where.append("EXISTS (SELECT 1 FROM json_each(c.tags) j WHERE j.value = ?)")
        params.append(flt.tag)
    if flt.profile in ("complete", "incomplete"):
        where.append(f"{SORTS['completeness']} {'>=' if flt.profile == 'complete' else '<'} 100")
    elif flt.profile and ":" in flt.profile:
        from studio.services.profiles import clients_in_segment

        kind, value = flt.profile.split(":", 1)
        arg = {
            "lifecycle": "lifecycle",
            "purpose": "purpose",
            "budget": "spending_band",
            "age": "age_band",
        }.get(kind)
        ids = clients_in_segment(studio, **cast(dict[str, Any], {arg: value})) if arg else []
        where.append("c.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(ids))
    if flt.ids is not None:
        where.append("c.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(list(flt.ids)))
    direction = "DESC" if descending else "ASC"
    sql = f"SELECT c.id FROM client c {join} WHERE {' AND '.join(where)} ORDER BY {order} {direction}, c.id"
    with studio.read() as conn:
        return [r[0] for r in conn.exec_driver_sql(sql, tuple(params))]


def client_rows(studio: Studio, ids: list[str], today: date | None = None) -> list[ClientRow]:
    """The list lines for ``ids`` (one page), in the same order."""
    if not ids:
        return []
    today = today or date.today()
    sql = """
    SELECT c.id, c.kind, c.name, c.native_name, c.stage, a.name, c.tags, c.deleted_at,
      (SELECT max(i.occurred_at) FROM interaction i WHERE i.client_id = c.id AND i.deleted_at IS NULL),
      (SELECT count(*) FROM person p WHERE p.client_id = c.id AND p.deleted_at IS NULL),
      {completeness}
    FROM client c LEFT JOIN advisor a ON a.id = c.advisor_id
    WHERE c.id IN (SELECT value FROM json_each(?))
    """
    dates_sql = """
    SELECT d.client_id, d.kind, d.label, d.month, d.day, d.year, d.calendar, p.name
    FROM important_date d LEFT JOIN person p ON p.id = d.person_id
    WHERE d.deleted_at IS NULL AND d.client_id IN (SELECT value FROM json_each(?))
    """
    key = json.dumps(ids)
    sql = sql.replace("{completeness}", SORTS["completeness"])
    feb29 = load_rules(studio).feb29
    with studio.read() as conn:
        rows = {r[0]: r for r in conn.exec_driver_sql(sql, (key,))}
        upcoming: dict[str, tuple[str, str]] = {}
        for cid, kind, label, m, d, y, cal, pname in conn.exec_driver_sql(dates_sql, (key,)):
            year, when = dates.next_occurrence(m, d, today, cal, feb29)
            what = describe_date(kind, label, pname, y, year)
            if cid not in upcoming or when.isoformat() < upcoming[cid][0]:
                upcoming[cid] = (when.isoformat(), what)
    out = []
    for cid in ids:
        r = rows.get(cid)
        if r is None:
            continue
        out.append(
            ClientRow(
                id=r[0],
                kind=r[1],
                name=r[2],
                native_name=r[3],
                stage=r[4],
                advisor_name=r[5],
                tags=json.loads(r[6] or "[]"),
                deleted_at=r[7],
                last_interaction=r[8],
                people_count=r[9],
                next_date=upcoming.get(cid),
                completeness=r[10] or 0,
            )
        )
    return out


def describe_date(
    kind: str, label: str | None, person: str | None, year: int | None, occurrence_year: int
) -> str:
    """What a date's next occurrence is, for the list: "Li Na: turns 60", "birthday"…
    ``occurrence_year`` is counted in the date's own calendar (a lunar year for a lunar date)."""
    what = {"birthday": "birthday", "wedding": "wedding anniversary"}.get(kind, label or "date")
    if kind == "custom" and label:
        what = label
    n = dates.years_since(year, occurrence_year)
    if n is not None and kind in ("birthday", "wedding"):
        what = f"turns {n}" if kind == "birthday" else f"{dates.ordinal(n)} wedding anniversary"
    return f"{person}: {what}" if person else what


# -- a dossier --------------------------------------------------------------------------------
@dataclass
class PersonCard:
    person: Person
    contacts: list[ContactPoint] = field(default_factory=list)
    dates: list[ImportantDate] = field(default_factory=list)


@dataclass
class Dossier:
    client: Client
    advisor: Advisor | None
    referred_by: Client | None
    referrals: list[Client]
    people: list[PersonCard]
    contacts: list[ContactPoint]  # all of the client's, preferred first
    consents: list[Consent]
    interactions: list[Interaction]  # newest first
    feb29: str = dates.DEFAULT_FEB29  # the studio's 29 February rule when it was read
    shared_dates: list[ImportantDate] = field(default_factory=list)  # the household's (wedding)

    def next_date(self, d: ImportantDate, today: date) -> date:
        """The next day (today or later) one of the dossier's dates falls on, in its calendar
        and with the studio's 29 February rule."""
        return dates.next_occurrence(d.month, d.day, today, d.calendar, self.feb29)[1]

    @property
    def tags(self) -> list[str]:
        return json.loads(self.client.tags or "[]")

    @property
    def open_complaints(self) -> list[Interaction]:
        return [i for i in self.interactions if i.kind == "complaint" and i.status == "open"]


def get_dossier(studio: Studio, client_id: str) -> Dossier:
    feb29 = load_rules(studio).feb29
    with studio.session() as s:
        client = s.get(Client, client_id)
        if client is None:
            raise NotFoundError(f"No client with id {client_id}.")
        live = lambda model: select(model).where(  # noqa: E731
            model.client_id == client_id, model.deleted_at.is_(None)
        )
        people = s.exec(live(Person).order_by(col(Person.position), col(Person.created_at))).all()
        contacts = s.exec(
            live(ContactPoint).order_by(col(ContactPoint.preferred).desc(), col(ContactPoint.kind))
        ).all()
        dates = s.exec(
            live(ImportantDate).order_by(col(ImportantDate.month), col(ImportantDate.day))
        ).all()
        cards = {p.id: PersonCard(p) for p in people}
        for c in contacts:
            if c.person_id in cards:
                cards[c.person_id].contacts.append(c)
        for d in dates:
            if d.person_id in cards:
                cards[d.person_id].dates.append(d)
        shared = [d for d in dates if d.person_id is None]
        return Dossier(
            shared_dates=shared,
            client=client,
            advisor=s.get(Advisor, client.advisor_id) if client.advisor_id else None,
            referred_by=s.get(Client, client.referred_by_id) if client.referred_by_id else None,
            referrals=list(
                s.exec(
                    select(Client)
                    .where(Client.referred_by_id == client_id, col(Client.deleted_at).is_(None))
                    .order_by(Client.name)
                ).all()
            ),
            people=list(cards.values()),
            contacts=list(contacts),
            consents=list(s.exec(live(Consent).order_by(Consent.purpose)).all()),
            interactions=list(
                s.exec(
                    live(Interaction).order_by(
                        col(Interaction.occurred_at).desc(), col(Interaction.created_at).desc()
                    )
                ).all()
            ),
            feb29=feb29,
        )


def referral_counts(studio: Studio) -> dict[str, int]:
    """How many live clients each client has referred."""
    with studio.read() as conn:
        return dict(
            conn.exec_driver_sql(
                "SELECT referred_by_id, count(*) FROM client WHERE referred_by_id IS NOT NULL "
                "AND deleted_at IS NULL GROUP BY referred_by_id"
            ).fetchall()
        )


# -- history from the journal -----------------------------------------------------------------
@dataclass
class HistoryEntry:
    tx: str
    when: str  # wall time, ISO UTC
    hlc: str
    advisor: str | None
    table: str
    row_id: str
    field: str
    op: str
    old: Any
    new: Any
    subject: str  # what row it is about, e.g. "Zoë Martin" or "email zoe@example.com"
    device: str = ""  # the laptop the change was made on

    def describe(self) -> str:
        if self.op == "create":
            return f"set {self.field.replace('_', ' ')} to {_show(self.new)}"
        if self.op == "delete":
            return "deleted"
        if self.op == "restore":
            return "restored"
        return f"changed {self.field.replace('_', ' ')} from {_show(self.old)} to {_show(self.new)}"


def _show(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str) and value.startswith("["):
        try:
            return ", ".join(json.loads(value)) or "—"
        except json.JSONDecodeError:
            pass
    return f"“{value}”" if isinstance(value, str) else str(value)


def history(studio: Studio, client_id: str, limit: int = 500) -> list[HistoryEntry]:
    """Who changed what, when, across the client and every row that belongs to it; newest first."""
    sql = """
    WITH rows(table_name, row_id, subject) AS (
        SELECT 'client', id, name FROM client WHERE id = :c
        UNION ALL SELECT 'person', id, name FROM person WHERE client_id = :c
        UNION ALL SELECT 'contact_point', id, kind || ' ' || value FROM contact_point WHERE client_id = :c
        UNION ALL SELECT 'consent', id, 'consent to ' || purpose FROM consent WHERE client_id = :c
        UNION ALL SELECT 'interaction', id, kind || ' ' || occurred_at FROM interaction WHERE client_id = :c
        UNION ALL SELECT 'important_date', id, kind || ' ' || month || '/' || day FROM important_date WHERE client_id = :c
        UNION ALL SELECT 'profile_fact', id, 'profile ' || key FROM profile_fact WHERE client_id = :c
    )
    SELECT ch.tx, ch.wall_time, ch.hlc, a.name, ch.table_name, ch.row_id, ch.field, ch.op, ch.old, ch.new, r.subject,
           ch.device_id
    FROM change ch JOIN rows r ON r.row_id = ch.row_id AND r.table_name = ch.table_name
    LEFT JOIN advisor a ON a.id = ch.advisor_id
    ORDER BY ch.hlc DESC, ch.seq DESC LIMIT :limit
    """
    from sqlalchemy import text

    with studio.read() as conn:
        rows = conn.execute(text(sql), {"c": client_id, "limit": limit}).fetchall()
    from studio.domain.taxonomy import label

    return [
        HistoryEntry(
            tx=r[0],
            when=r[1],
            hlc=r[2],
            advisor=r[3],
            table=r[4],
            row_id=r[5],
            field=r[6],
            op=r[7],
            old=decode(r[8]),
            new=decode(r[9]),
            subject=f"profile: {label(r[10][8:])}" if r[4] == "profile_fact" else r[10],
            device=r[11] or "",
        )
        for r in rows
    ]


# -- lookups ----------------------------------------------------------------------------------
def advisors(studio: Studio) -> list[Advisor]:
    with studio.session() as s:
        return list(
            s.exec(
                select(Advisor).where(col(Advisor.deleted_at).is_(None)).order_by(col(Advisor.name))
            ).all()
        )


def all_tags(studio: Studio) -> list[str]:
    with studio.read() as conn:
        return [
            r[0]
            for r in conn.exec_driver_sql(
                "SELECT DISTINCT j.value FROM client c, json_each(c.tags) j WHERE c.deleted_at IS NULL ORDER BY 1"
            )
        ]


def find_client(studio: Studio, ref: str) -> Client:
    """A client by id, or by a name (romanized or native) that matches exactly one client."""
    with studio.session() as s:
        c = s.get(Client, ref)
        if c is not None and c.deleted_at is None:
            return c
        matches = s.exec(
            select(Client).where(
                (col(Client.name) == ref) | (col(Client.native_name) == ref),
                col(Client.deleted_at).is_(None),
            )
        ).all()
        if not matches:
            ref_l = ref.lower()
            matches = [
                m
                for m in s.exec(select(Client).where(col(Client.deleted_at).is_(None))).all()
                if ref_l in m.name.lower() or (m.native_name and ref in m.native_name)
            ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise NotFoundError(f"No client matches “{ref}”.")
    names = ", ".join(m.name for m in matches[:5])
    raise NotFoundError(
        f"“{ref}” matches {len(matches)} clients ({names}…); give more of the name or the id."
    )
