"""The studio's own details (name, native name, contacts, 24 h emergency line, tagline).

Shared studio data, journaled like everything else: every laptop edits the same row (its id is
derived from a constant), changes can be undone, and export/import carry it. The handout, the
intake form and the memory book read it through :func:`profile`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, fields
from typing import Any

from studio.domain import validate
from studio.domain.studio_models import StudioProfile
from studio.errors import ValidationError
from studio.store import Studio

DEFAULT_NAME = "Travel Studio"

#: The one profile row's id, the same on every laptop.
PROFILE_ID = str(uuid.uuid5(uuid.UUID("5b0c7a36-6f0e-4a8e-9d61-3f4f6f5e2a10"), "studio_profile"))

#: Field → (label used in refusals, longest accepted text).
FIELDS: dict[str, tuple[str, int]] = {
    "name": ("The studio's name", 120),
    "native_name": ("The studio's native name", 120),
    "phone": ("The studio's phone", 40),
    "email": ("The studio's email", 254),
    "website": ("The studio's website", 200),
    "address": ("The studio's address", 400),
    "emergency_phone": ("The 24 h emergency line", 40),
    "tagline": ("The tagline", 160),
}

_WEBSITE = re.compile(r"^(https?://)?[\w-]+(\.[\w-]+)+(:\d+)?(/\S*)?$", re.UNICODE)


@dataclass(frozen=True)
class Profile:
    """The studio's details as the reports use them (empty text where nothing is set)."""

    name: str = DEFAULT_NAME
    native_name: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    address: str = ""
    emergency_phone: str = ""
    tagline: str = ""

    @property
    def display_name(self) -> str:
        """“Lotus Journeys 莲途旅行”, or the name alone."""
        if self.native_name and self.native_name != self.name:
            return f"{self.name} {self.native_name}"
        return self.name

    def contacts(self) -> list[str]:
        """Phone, email and website as printed: ``["+86 21 5555 0100", "hello@…", "…"]``."""
        out = [validate.format_phone(self.phone)] if self.phone else []
        return out + [v for v in (self.email, self.website) if v]


def profile(studio: Studio) -> Profile:
    """The studio's details; a studio that never set them is called “Travel Studio”."""
    with studio.session() as s:
        row = s.get(StudioProfile, PROFILE_ID)
    if row is None or row.deleted_at:
        return Profile()
    values = {f.name: getattr(row, f.name) or "" for f in fields(Profile)}
    values["name"] = values["name"] or DEFAULT_NAME
    return Profile(**values)


def _clean(name: str, raw: Any) -> str:
    if name not in FIELDS:
        raise ValidationError(
            name, f"“{name}” is not a detail of the studio (one of: {', '.join(FIELDS)})."
        )
    label, max_len = FIELDS[name]
    s = "" if raw is None else str(raw).strip()
    if name == "name" and not s:
        raise ValidationError(name, f"{label} cannot be empty.")
    if len(s) > max_len:
        raise ValidationError(
            name, f"{label} is too long ({len(s)} characters; at most {max_len})."
        )
    if not s:
        return ""
    if name in ("name", "native_name", "tagline"):
        return " ".join(s.split())
    if name in ("phone", "emergency_phone"):
        try:
            return validate.phone(s, name)
        except ValidationError:
            raise ValidationError(
                name,
                f"{label} “{s}” is not a valid phone number; write it with + and the country code, "
                "e.g. +86 21 5555 0100.",
            ) from None
    if name == "email":
        try:
            return validate.email(s, name)
        except ValidationError:
            raise ValidationError(
                name, f"{label} “{s}” is not a valid email address (e.g. hello@studio.example)."
            ) from None
    if name == "website" and not _WEBSITE.match(s):
        raise ValidationError(
            name, f"{label} “{s}” is not a web address (e.g. www.studio.example)."
        )
    return s


def default_region(studio: Studio) -> str | None:
    """The studio's country (e.g. "CN"), read from its own phone number (else its 24 h line):
    where a client's number written without a country code is."""
    import phonenumbers

    p = profile(studio)
    for number in (p.phone, p.emergency_phone):
        if number:
            try:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(number, None))
            except phonenumbers.NumberParseException:
                continue
            if region and region != "ZZ":
                return str(region)
    return None


def apply_default_region(studio: Studio) -> str | None:
    """Read numbers typed without a country code in the studio's country from now on."""
    region = default_region(studio)
    validate.set_default_region(region)
    return region


def update_profile(studio: Studio, **changes: Any) -> Profile:
    """Change some of the studio's details (validated; one journaled, undoable transaction).

    Raises :class:`~studio.errors.ValidationError` naming the first refused field; nothing is
    written then.
    """
    cleaned = {name: _clean(name, raw) for name, raw in changes.items()}
    with studio.transaction() as tx:
        row = tx.get(StudioProfile, PROFILE_ID, include_deleted=True)
        if row is None:
            tx.create(StudioProfile, id=PROFILE_ID, **{"name": DEFAULT_NAME, **cleaned})
        else:
            if row.deleted_at:
                tx.restore(StudioProfile, PROFILE_ID)
            tx.update(StudioProfile, PROFILE_ID, **cleaned)
    if {"phone", "emergency_phone"} & set(cleaned):
        apply_default_region(studio)
    return profile(studio)
