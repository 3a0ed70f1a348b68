"""Is an imported person already a client? A simple check on normalised email, phone and name.

Kept behind :func:`find_match` (and :func:`build_index` that feeds it) so the studio's full
duplicate finder can take its place: an exact email or phone is a strong match (the row updates
that client), the same name alone is a possible duplicate (shown, not imported unless asked).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from studio.domain.i18n import tr

if TYPE_CHECKING:
    from studio.store import Studio


def norm_email(value: str) -> str:
    return value.strip().lower()


def norm_phone(value: str) -> str:
    """Digits of a phone number with its country code (E.164 without the +)."""
    return re.sub(r"\D", "", value)


def norm_name(value: str | None) -> str:
    """A name compared case-, accent-, order- and punctuation-insensitively ("Wang Xiaoming" =
    "xiaoming WANG"); Chinese characters kept as they are."""
    if not value:
        return ""
    s = unicodedata.normalize("NFKD", value.lower())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    words = re.findall(r"\w+", s)
    return " ".join(sorted(words))


def address_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def contact_key(kind: str, value: str) -> str:
    """A contact compared as the import compares it (email case, phone punctuation, address
    spacing and punctuation ignored)."""
    if kind == "email":
        return norm_email(value)
    if kind in ("phone", "whatsapp"):
        return norm_phone(value)
    return address_key(value) if kind == "address" else value.strip().lower()


@dataclass
class Match:
    client_id: str
    client_name: str
    #: True for the same email or phone (the row updates the client); False for a name alone.
    strong: bool
    reason: str  # "same email", "same mobile", "same name" (translated)


@dataclass
class Index:
    """The existing clients by normalised email, phone and name (the names of their people too)."""

    emails: dict[str, str] = field(default_factory=dict)
    phones: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    client_names: dict[str, str] = field(default_factory=dict)
    #: Per client: what it already holds, as ("email", key), ("person", name)… (see
    #: :func:`contact_key`), so a row that brings nothing new is skipped rather than "updated".
    holds: dict[str, set[tuple[str, str]]] = field(default_factory=dict)

    def add(
        self,
        client_id: str,
        client_name: str,
        *,
        emails: list[str] = (),  # type: ignore[assignment]
        phones: list[str] = (),  # type: ignore[assignment]
        names: list[str | None] = (),  # type: ignore[assignment]
    ) -> None:
        self.client_names[client_id] = client_name
        holds = self.holds.setdefault(client_id, set())
        holds.update(("email", norm_email(e)) for e in emails)
        holds.update(("phone", norm_phone(p)) for p in phones)
        holds.update(("person", norm_name(n)) for n in names if n)
        for e in emails:
            self.emails.setdefault(norm_email(e), client_id)
        for p in phones:
            if norm_phone(p):
                self.phones.setdefault(norm_phone(p), client_id)
        for n in names:
            if norm_name(n):
                self.names.setdefault(norm_name(n), client_id)


def build_index(studio: Studio) -> Index:
    """The live clients of ``studio`` as an :class:`Index`."""
    index = Index()
    with studio.read() as conn:
        for cid, name, native in conn.exec_driver_sql(
            "SELECT id, name, native_name FROM client WHERE deleted_at IS NULL"
        ):
            index.add(cid, name, names=[name, native])
        for cid, name, native in conn.exec_driver_sql(
            "SELECT p.client_id, p.name, p.native_name FROM person p JOIN client c "
            "ON c.id = p.client_id WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL"
        ):
            index.add(cid, index.client_names[cid], names=[name, native])
        for cid, kind, value in conn.exec_driver_sql(
            "SELECT k.client_id, k.kind, k.value FROM contact_point k JOIN client c "
            "ON c.id = k.client_id WHERE k.deleted_at IS NULL AND c.deleted_at IS NULL"
        ):
            if kind == "email":
                index.add(cid, index.client_names[cid], emails=[value])
            elif kind in ("phone", "whatsapp"):
                index.add(cid, index.client_names[cid], phones=[value])
            else:
                index.holds.setdefault(cid, set()).add((kind, contact_key(kind, value)))
    return index


def find_match(
    index: Index, *, emails: list[str], phones: list[str], names: list[str | None]
) -> Match | None:
    """The existing client an imported person most likely is, or None."""
    for e in emails:
        cid = index.emails.get(norm_email(e))
        if cid:
            return Match(cid, index.client_names[cid], True, tr("same email"))
    for p in phones:
        cid = index.phones.get(norm_phone(p))
        if cid:
            return Match(cid, index.client_names[cid], True, tr("same phone"))
    for n in names:
        cid = index.names.get(norm_name(n)) if norm_name(n) else None
        if cid:
            return Match(cid, index.client_names[cid], False, tr("same name"))
    return None
