"""Closed vocabularies of a studio's data, and dates that may lack a year.

Every closed vocabulary is a :class:`~enum.StrEnum` here, validated by one function,
:func:`studio.domain.validate.choice`. Values are stored as their short English keys (a member
*is* its stored text); labels for people live in the UI (translatable) and in the PDFs' words.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
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


# -- preference profiles --------------------------------------------------------------------
class FactLevel(StrEnum):
    """How a traveller feels about a taxonomy item."""

    LOVE = "love"
    LIKE = "like"
    NEUTRAL = "neutral"
    DISLIKE = "dislike"
    NEVER = "never"
    MUST = "must"


class Severity(StrEnum):
    """How serious a dietary fact is."""

    PREFERENCE = "preference"
    INTOLERANCE = "intolerance"
    SEVERE = "severe"


class FactSource(StrEnum):
    """Where a profile fact was learned. ``post trip feedback`` and ``post_trip_feedback`` are
    read as ``post-trip-feedback``."""

    INTAKE_FORM = "intake-form"
    CONVERSATION = "conversation"
    POST_TRIP_FEEDBACK = "post-trip-feedback"
    OBSERVED_ON_TRIP = "observed-on-trip"

    @classmethod
    def _missing_(cls, value: object) -> FactSource | None:
        dashed = str(value).replace("_", "-").replace(" ", "-")
        return next((m for m in cls if m.value == dashed), None)


class Language(StrEnum):
    """Languages of the taxonomy's labels and of the printed documents."""

    EN = "en"
    ZH = "zh"


class ChangeOp(StrEnum):
    """What one record of the change journal did to its row."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"


# -- agenda -----------------------------------------------------------------------------------
class DocumentKind(StrEnum):
    PASSPORT = "passport"
    VISA = "visa"
    ID_CARD = "id_card"
    OTHER = "other"


class AgendaSection(StrEnum):
    """The agenda's sections, in the order it shows them."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    NEXT_DAYS = "next_days"
    LATER = "later"


class TripTaskKind(StrEnum):
    """The reminders a trip brings, each at its point of the pipeline."""

    PRE_DEPARTURE = "pre_departure"
    WELCOME_HOME = "welcome_home"
    FEEDBACK = "feedback"


class OccurrenceAction(StrEnum):
    """What was done about one occurrence of a reminder."""

    DONE = "done"
    SNOOZED = "snoozed"
    DISMISSED = "dismissed"


# -- trips ------------------------------------------------------------------------------------
class TripStatus(StrEnum):
    """A trip's place in the pipeline, in pipeline order."""

    INQUIRY = "inquiry"
    DRAFTING = "drafting"
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    TRAVELLING = "travelling"
    COMPLETED = "completed"
    FOLLOWED_UP = "followed-up"
    CANCELLED = "cancelled"


class ItemKind(StrEnum):
    FLIGHT = "flight"
    LODGING = "lodging"
    TRANSFER = "transfer"
    ACTIVITY = "activity"
    DINING = "dining"
    FREE = "free"
    NOTE = "note"


class SupplierKind(StrEnum):
    HOTEL = "hotel"
    AIRLINE = "airline"
    GROUND_OPERATOR = "ground-operator"
    GUIDE = "guide"
    RESTAURANT = "restaurant"
    INSURER = "insurer"
    OTHER = "other"


class ChangeReason(StrEnum):
    """Why an item of a trip already under way changed."""

    WEATHER = "weather"
    CLIENT_REQUEST = "client request"
    SUPPLIER = "supplier"
    OTHER = "other"


class HandoutSize(StrEnum):
    """Page sizes of the itinerary handout."""

    A4 = "a4"
    LETTER = "letter"


# -- media ------------------------------------------------------------------------------------
class BookSize(StrEnum):
    """Page sizes of the memory book."""

    A4 = "a4"
    A4_LANDSCAPE = "a4-landscape"
    LETTER = "letter"
    SQUARE8 = "square8"
    SQUARE20 = "square20"


def keys(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    """A vocabulary's stored keys as plain strings, in their order."""
    return tuple(m.value for m in vocabulary)


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
