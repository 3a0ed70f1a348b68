"""Changing dossiers: clients, people, contacts, consent, interactions and important dates.

Every function validates first (raising :class:`~studio.errors.ValidationError` naming the field),
then writes through the studio's transaction, so each change lands in the journal. Calls made
inside an open ``studio.transaction()`` join it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from studio.domain import validate
from studio.domain.base import Row, table_name
from studio.domain.models import (
    Advisor,
    Client,
    Consent,
    ContactPoint,
    ImportantDate,
    Interaction,
    Person,
)
from studio.domain.values import ClientKind, ComplaintStatus, InteractionKind
from studio.errors import NotFoundError, ValidationError
from studio.store import Studio, Transaction


def _require(tx: Transaction, model: type[Row], row_id: str | None, field: str) -> None:
    if row_id and tx.get(model, row_id) is None:
        raise ValidationError(
            field,
            f"The {table_name(model).replace('_', ' ')} chosen for {field.replace('_id', '').replace('_', ' ')} does not exist.",
        )


def _current(tx: Transaction, model: type[Row], row_id: str) -> dict:
    row = tx.get(model, row_id, include_deleted=True)
    if row is None:
        raise NotFoundError(f"No {table_name(model).replace('_', ' ')} with id {row_id}.")
    return row.model_dump()


# -- advisors ---------------------------------------------------------------------------------
def create_advisor(studio: Studio, name: str, role: str = "advisor", **fields: Any) -> Advisor:
    data = validate.clean(Advisor, {"name": name, "role": role, **fields})
    with studio.transaction() as tx:
        return tx.create(Advisor, **data)


def setup_local_advisor(studio: Studio, name: str, role: str = "advisor", **fields: Any) -> Advisor:
    """First run: who uses this laptop. Creates the advisor and remembers it for this device."""
    adv = create_advisor(studio, name, role, **fields)
    studio.set_local_advisor(adv.id)
    return adv


# -- clients ----------------------------------------------------------------------------------
def create_client(
    studio: Studio,
    name: str,
    *,
    kind: str = ClientKind.INDIVIDUAL,
    people: list[dict] | None = None,
    contacts: list[dict] | None = None,
    **fields: Any,
) -> Client:
    """A new dossier. An individual gets a primary person of the same name unless ``people``."""
    data = validate.clean(Client, {"name": name, "kind": kind, **fields})
    if "advisor_id" not in data:
        data["advisor_id"] = studio.advisor_id
    with studio.transaction() as tx:
        _require(tx, Advisor, data.get("advisor_id"), "advisor_id")
        _require(tx, Client, data.get("referred_by_id"), "referred_by_id")
        client = tx.create(Client, **data)
        if people is None and data["kind"] == ClientKind.INDIVIDUAL:
            people = [
                {"name": data["name"], "native_name": data.get("native_name"), "role": "primary"}
            ]
        persons = [add_person(studio, client.id, **p) for p in (people or [])]
        for c in contacts or []:
            c = dict(c)
            if c.get("person") is not None:
                c["person_id"] = persons[c.pop("person")].id
            add_contact(studio, client.id, **c)
        return client


def update_client(studio: Studio, client_id: str, **changes: Any) -> dict:
    """Change fields of a client; returns ``{field: (old, new)}`` of what changed."""
    with studio.transaction() as tx:
        current = _current(tx, Client, client_id)
        data = validate.clean(Client, changes, current=current)
        if "referred_by_id" in data:
            if data["referred_by_id"] == client_id:
                raise ValidationError(
                    "referred_by_id", "A client cannot be referred by themselves."
                )
            _require(tx, Client, data["referred_by_id"], "referred_by_id")
        if "advisor_id" in data:
            _require(tx, Advisor, data["advisor_id"], "advisor_id")
        return tx.update(Client, client_id, **data)


def delete_client(studio: Studio, client_id: str) -> bool:
    """Move a client to Recently deleted (restorable)."""
    with studio.transaction() as tx:
        _current(tx, Client, client_id)
        return tx.delete(Client, client_id)


def restore_client(studio: Studio, client_id: str) -> bool:
    with studio.transaction() as tx:
        _current(tx, Client, client_id)
        return tx.restore(Client, client_id)


# -- people -----------------------------------------------------------------------------------
def add_person(studio: Studio, client_id: str, name: str, **fields: Any) -> Person:
    data = validate.clean(Person, {"name": name, **fields})
    with studio.transaction() as tx:
        _require(tx, Client, client_id, "client_id")
        return tx.create(Person, client_id=client_id, **data)


# -- contact points ---------------------------------------------------------------------------
def add_contact(
    studio: Studio, client_id: str, kind: str, value: str, *, preferred: bool = False, **fields: Any
) -> ContactPoint:
    data = validate.clean(
        ContactPoint, {"kind": kind, "value": value, "preferred": preferred, **fields}
    )
    with studio.transaction() as tx:
        _require(tx, Client, client_id, "client_id")
        _require(tx, Person, data.get("person_id"), "person_id")
        if data["preferred"]:
            _clear_preferred(tx, client_id, data["kind"])
        return tx.create(ContactPoint, client_id=client_id, **data)


def _clear_preferred(tx: Transaction, client_id: str, kind: str, keep: str | None = None) -> None:
    rows = tx.conn.exec_driver_sql(
        "SELECT id FROM contact_point WHERE client_id = ? AND kind = ? AND preferred AND deleted_at IS NULL",
        (client_id, kind),
    ).fetchall()
    for (cid,) in rows:
        if cid != keep:
            tx.update(ContactPoint, cid, preferred=False)


# -- consent ----------------------------------------------------------------------------------
def set_consent(
    studio: Studio,
    client_id: str,
    purpose: str,
    granted: bool,
    *,
    method: str = "verbal",
    decided_on: str | date | None = None,
    note: str = "",
) -> Consent:
    """Record what the client agreed (or declined) for a purpose, replacing the earlier answer."""
    data = validate.clean(
        Consent,
        {
            "purpose": purpose,
            "granted": granted,
            "method": method,
            "decided_on": decided_on or date.today(),
            "note": note,
        },
    )
    with studio.transaction() as tx:
        _require(tx, Client, client_id, "client_id")
        existing = tx.conn.exec_driver_sql(
            "SELECT id FROM consent WHERE client_id = ? AND purpose = ? AND deleted_at IS NULL",
            (client_id, data["purpose"]),
        ).scalar()
        if existing:
            tx.update(Consent, existing, **data)
            updated = tx.get(Consent, existing)
            assert updated is not None  # live a line ago, in this transaction
            return updated
        return tx.create(Consent, client_id=client_id, **data)


# -- interactions -----------------------------------------------------------------------------
def log_interaction(
    studio: Studio,
    client_id: str,
    kind: str,
    summary: str = "",
    *,
    occurred_at: Any = None,
    **fields: Any,
) -> Interaction:
    """Add to the timeline. A complaint starts open; only feedback carries a satisfaction score."""
    data = validate.clean(
        Interaction,
        {"kind": kind, "summary": summary, "occurred_at": occurred_at or date.today(), **fields},
    )
    if data.get("satisfaction") is not None and data["kind"] != InteractionKind.FEEDBACK:
        raise ValidationError("satisfaction", "Only feedback carries a satisfaction score.")
    if data["kind"] == InteractionKind.COMPLAINT:
        data.setdefault("status", ComplaintStatus.OPEN.value)
    if not data.get("summary") and not data.get("body"):
        raise ValidationError("summary", "Say in a few words what happened.")
    data.setdefault("advisor_id", studio.advisor_id)
    with studio.transaction() as tx:
        _require(tx, Client, client_id, "client_id")
        _require(tx, Person, data.get("person_id"), "person_id")
        _require(tx, Advisor, data.get("advisor_id"), "advisor_id")
        return tx.create(Interaction, client_id=client_id, **data)


def resolve_complaint(
    studio: Studio, interaction_id: str, resolution: str, *, resolved_at: Any = None
) -> dict:
    with studio.transaction() as tx:
        current = _current(tx, Interaction, interaction_id)
        if current["kind"] != InteractionKind.COMPLAINT:
            raise ValidationError("status", "Only a complaint can be resolved.")
        data = validate.clean(
            Interaction,
            {
                "status": "resolved",
                "resolution": validate.text(resolution, "resolution", required=True),
                "resolved_at": resolved_at or date.today(),
            },
            current=current,
        )
        return tx.update(Interaction, interaction_id, **data)


# -- important dates --------------------------------------------------------------------------
def add_important_date(
    studio: Studio,
    person_id: str,
    kind: str,
    month: int,
    day: int,
    year: int | None = None,
    **fields: Any,
) -> ImportantDate:
    """A date to remember for a person; the year is optional (never a fake one)."""
    data = validate.clean(
        ImportantDate, {"kind": kind, "month": month, "day": day, "year": year, **fields}
    )
    with studio.transaction() as tx:
        person = tx.get(Person, person_id)
        if person is None:
            raise ValidationError("person_id", "The person for this date does not exist.")
        return tx.create(ImportantDate, client_id=person.client_id, person_id=person_id, **data)


# -- any row ----------------------------------------------------------------------------------
def update_row(studio: Studio, model: type[Row], row_id: str, **changes: Any) -> dict:
    """Validated change of any dossier row (person, contact, consent, interaction, date…)."""
    if model is Client:
        return update_client(studio, row_id, **changes)
    with studio.transaction() as tx:
        current = _current(tx, model, row_id)
        if model is ImportantDate and {"month", "day", "year"} & set(changes):
            changes = {**{k: current[k] for k in ("month", "day", "year")}, **changes}
        if model is ContactPoint and "kind" in changes and "value" not in changes:
            changes["value"] = current["value"]
        data = validate.clean(model, changes, current=current)
        if model is ContactPoint and data.get("preferred"):
            _clear_preferred(
                tx, current["client_id"], data.get("kind", current["kind"]), keep=row_id
            )
        return tx.update(model, row_id, **data)


def delete_row(studio: Studio, model: type[Row], row_id: str) -> bool:
    with studio.transaction() as tx:
        _current(tx, model, row_id)
        return tx.delete(model, row_id)


def restore_row(studio: Studio, model: type[Row], row_id: str) -> bool:
    with studio.transaction() as tx:
        _current(tx, model, row_id)
        return tx.restore(model, row_id)
