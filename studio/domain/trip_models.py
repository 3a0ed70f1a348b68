"""Tables of itineraries: trips, their travellers, versions (proposals), days and items, and the
studio's supplier directory (imported by :mod:`studio.domain.models`).

Registered in :data:`studio.domain.models.MODELS`; the schema is revision ``0006_trips``. Rows that
belong to a client carry its ``client_id`` so search and the dossier's history follow them. Money is
stored as decimal text ("1250.00") so no amount is rounded by floating point.
"""

from __future__ import annotations

from sqlmodel import Field

from studio.domain import values as v
from studio.domain.base import Row


class Supplier(Row, table=True):
    """A hotel, airline, ground operator, guide, restaurant, insurer… that items link to."""

    __tablename__ = "supplier"
    kind: str = "other"
    name: str
    native_name: str | None = None
    contacts: str = ""  # phone numbers, e-mail, emergency line, as the advisor writes them
    location: str = ""
    rating: int | None = None  # 1-5
    notes: str = ""


class Trip(Row, table=True):
    __tablename__ = "trip"
    client_id: str = Field(foreign_key="client.id")
    title: str
    destinations: str = "[]"  # JSON array of strings
    start_date: str | None = None  # YYYY-MM-DD
    end_date: str | None = None
    purpose: str | None = None
    budget: str | None = None  # decimal text
    currency: str = "USD"
    advisor_id: str | None = Field(default=None, foreign_key="advisor.id")
    status: str = "inquiry"
    current_version_id: str | None = None  # the version shown and printed
    notes: str = ""


class TripTraveller(Row, table=True):
    __tablename__ = "trip_traveller"
    client_id: str = Field(foreign_key="client.id")
    trip_id: str = Field(foreign_key="trip.id")
    person_id: str = Field(foreign_key="person.id")


class TripVersion(Row, table=True):
    """One proposal (v1, v2…). An approved version is locked: editing it starts the next one."""

    __tablename__ = "trip_version"
    client_id: str = Field(foreign_key="client.id")
    trip_id: str = Field(foreign_key="trip.id")
    number: int = 1
    label: str | None = None
    locked: bool = False
    approved_at: str | None = None
    based_on_id: str | None = None  # the version it was copied from


class TripDay(Row, table=True):
    __tablename__ = "trip_day"
    client_id: str = Field(foreign_key="client.id")
    version_id: str = Field(foreign_key="trip_version.id")
    day_number: int = 1
    date: str | None = None  # YYYY-MM-DD
    title: str = ""
    notes: str = ""
    position: int = 0


class TripItem(Row, table=True):
    __tablename__ = "trip_item"
    client_id: str = Field(foreign_key="client.id")
    version_id: str = Field(foreign_key="trip_version.id")
    day_id: str = Field(foreign_key="trip_day.id")
    kind: str = "activity"
    title: str
    start_time: str | None = None  # HH:MM local time at the place
    end_time: str | None = None  # HH:MM local (earlier than start: the next day)
    time_zone: str | None = None  # IANA name, e.g. Asia/Shanghai
    end_time_zone: str | None = None  # a flight lands in another zone
    place: str = ""
    supplier_id: str | None = Field(default=None, foreign_key="supplier.id")
    confirmation: str | None = None
    cost: str | None = None  # decimal text
    price: str | None = None
    currency: str | None = None
    notes: str = ""
    tags: str = "[]"  # JSON array of strings, matched against profiles
    position: int = 0
    change_reason: str | None = None
    origin_id: str | None = None  # the first item this one was copied from, across versions


TRIP_MODELS: tuple[type[Row], ...] = (Supplier, Trip, TripTraveller, TripVersion, TripDay, TripItem)

# The vocabularies as plain tuples, for the callers that iterate or index them; the one definition
# of each is its StrEnum in studio.domain.values.
TRIP_STATUSES = v.keys(v.TripStatus)
ITEM_KINDS = v.keys(v.ItemKind)
SUPPLIER_KINDS = v.keys(v.SupplierKind)
CHANGE_REASONS = v.keys(v.ChangeReason)
