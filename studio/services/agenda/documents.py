"""People's travel documents (passports, visas, identity cards) the agenda reminds about before
they expire: adding, changing and removing them, and reading a client's for the documents dialog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from studio.domain import validate
from studio.domain.agenda_models import TravelDocument
from studio.domain.models import Person
from studio.domain.values import DocumentKind
from studio.errors import NotFoundError, ValidationError
from studio.store import Studio


def _document_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, raw in fields.items():
        if name == "kind":
            out[name] = validate.choice(DocumentKind, raw, name, noun="a kind of document")
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
    """Change fields of a document; returns what changed."""
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


# -- reading documents (the documents dialog) -------------------------------------------------
@dataclass(frozen=True)
class DocumentRow:
    document: TravelDocument
    person_name: str


def client_documents(
    studio: Studio, client_id: str
) -> tuple[list[tuple[str, str]], list[DocumentRow]]:
    """(the client's live people as (id, name), their live documents by expiry)."""
    with studio.session() as s:
        people = s.exec(
            select(Person)
            .where(Person.client_id == client_id, col(Person.deleted_at).is_(None))
            .order_by(col(Person.position), col(Person.created_at))
        ).all()
        names = {p.id: p.name for p in people}
        docs = s.exec(
            select(TravelDocument)
            .where(TravelDocument.client_id == client_id, col(TravelDocument.deleted_at).is_(None))
            .order_by(TravelDocument.expires_on)
        ).all()
    return [(p.id, p.name) for p in people], [
        DocumentRow(d, names.get(d.person_id, "?")) for d in docs if d.person_id in names
    ]
