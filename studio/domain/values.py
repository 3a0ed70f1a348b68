"""Closed vocabularies of the dossier, and dates that may lack a year.

Values are stored as their short English keys; labels for people live in the UI (translatable).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class AdvisorRole(StrEnum):
    ADVISOR = "advisor"
    OWNER = "owner"


class ClientKind(StrEnum):
    INDIVIDUAL = "individual"
    HOUSEHOLD = "household"
    ORGANIZATION = "organization"


class Stage(StrEnum):
    PROSPECT = "prospect"
    ACTIVE = "active"
    REPEAT = "repeat"
    DORMANT = "dormant"
    LOST = "lost"


class Source(StrEnum):
    REFERRAL = "referral"
    WEBSITE = "website"
    EVENT = "event"
    SOCIAL = "social"
    WALK_IN = "walk-in"
    PARTNER = "partner"
    PRESS = "press"
    REPEAT = "repeat"
    OTHER = "other"


class PersonRole(StrEnum):
    PRIMARY = "primary"
    PARTNER = "partner"
    CHILD = "child"
    PARENT = "parent"
    RELATIVE = "relative"
    FRIEND = "friend"
    ASSISTANT = "assistant"
    MEMBER = "member"
    CONTACT = "contact"


class ContactKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    WECHAT = "wechat"
    WHATSAPP = "whatsapp"
    LINE = "line"
    OTHER = "other"


class InteractionKind(StrEnum):
    NOTE = "note"
    CALL = "call"
    MEETING = "meeting"
    MESSAGE = "message"
    EMAIL = "email"
    FEEDBACK = "feedback"
    COMPLAINT = "complaint"
    GIFT = "gift"


class ComplaintStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class ConsentPurpose(StrEnum):
    PROFILE = "profile"
    MARKETING = "marketing"
    PHOTOS = "photos"


class ConsentMethod(StrEnum):
    FORM = "form"
    EMAIL = "email"
    VERBAL = "verbal"
    SIGNED = "signed"
    WEBSITE = "website"


class DateKind(StrEnum):
    BIRTHDAY = "birthday"
    WEDDING = "wedding"
    CUSTOM = "custom"


class CalendarKind(StrEnum):
    GREGORIAN = "gregorian"
    LUNAR = "lunar"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A day of the year with an optional year: a birthday whose year nobody told us.

    Never stored with a fake year; ``str()`` gives ``1984-03-14`` or ``--03-14`` (ISO 8601's
    form for a date without a year).
    """

    month: int
    day: int
    year: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} does not exist")
        if self.year is not None and not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range")
        # Without a year, 29 February is allowed: it recurs in leap years.
        leap_year = self.year if self.year is not None else 2000
        last = calendar.monthrange(leap_year, self.month)[1]
        if not 1 <= self.day <= last:
            name = calendar.month_name[self.month]
            when = f"{name} {self.day}" + (f", {self.year}" if self.year is not None else "")
            raise ValueError(f"{when} does not exist")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM-DD``, ``--MM-DD`` or ``MM-DD``."""
        t = text.strip()
        try:
            if t.startswith("--"):
                m, d = t[2:].split("-")
                return cls(int(m), int(d))
            parts = t.split("-")
            if len(parts) == 2:
                return cls(int(parts[0]), int(parts[1]))
            if len(parts) == 3:
                return cls(int(parts[1]), int(parts[2]), int(parts[0]))
        except ValueError as exc:
            if "does not exist" in str(exc) or "out of range" in str(exc):
                raise
        raise ValueError(f"“{text}” is not a date (use YYYY-MM-DD, or --MM-DD without a year)")

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.year is not None else None
