"""The tables of a studio, as sqlmodel classes.

The schema itself is created by the Alembic revisions in ``studio/store/migrations``; these classes
map it for reading and give the write path its field lists. Every syncable row has a text UUID key
and created/updated/deleted timestamps (ISO 8601, UTC); deleting sets ``deleted_at``.
"""

from __future__ import annotations

import uuid

from sqlmodel import Field, SQLModel


def new_id() -> str:
    return str(uuid.uuid4())


class Row(SQLModel):
    id: str = Field(default_factory=new_id, primary_key=True)
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None


class Advisor(Row, table=True):
    __tablename__ = "advisor"
    name: str
    native_name: str | None = None
    role: str = "advisor"
    email: str | None = None


class Client(Row, table=True):
    """A dossier: one individual, a household or travelling party, or an organization."""

    __tablename__ = "client"
    kind: str = "individual"
    name: str
    native_name: str | None = None
    stage: str = "prospect"
    source: str | None = None
    source_detail: str | None = None
    referred_by_id: str | None = Field(default=None, foreign_key="client.id")
    advisor_id: str | None = Field(default=None, foreign_key="advisor.id")
    tags: str = "[]"  # JSON array of strings
    notes: str = ""


class Person(Row, table=True):
    __tablename__ = "person"
    client_id: str = Field(foreign_key="client.id")
    name: str
    native_name: str | None = None
    role: str = "primary"
    birth_date: str | None = None  # YYYY-MM-DD
    notes: str = ""
    position: int = 0


class ContactPoint(Row, table=True):
    __tablename__ = "contact_point"
    client_id: str = Field(foreign_key="client.id")
    person_id: str | None = Field(default=None, foreign_key="person.id")
    kind: str
    value: str
    label: str | None = None
    preferred: bool = False


class Consent(Row, table=True):
    __tablename__ = "consent"
    client_id: str = Field(foreign_key="client.id")
    purpose: str
    granted: bool = True
    decided_on: str  # YYYY-MM-DD
    method: str
    note: str = ""


class Interaction(Row, table=True):
    __tablename__ = "interaction"
    client_id: str = Field(foreign_key="client.id")
    person_id: str | None = Field(default=None, foreign_key="person.id")
    kind: str
    occurred_at: str  # YYYY-MM-DD or YYYY-MM-DDTHH:MM
    advisor_id: str | None = Field(default=None, foreign_key="advisor.id")
    summary: str = ""
    body: str = ""
    satisfaction: int | None = None  # 0-100, feedback only
    status: str | None = None  # complaints: open / resolved
    resolution: str | None = None
    resolved_at: str | None = None


class ImportantDate(Row, table=True):
    __tablename__ = "important_date"
    client_id: str = Field(foreign_key="client.id")
    person_id: str | None = Field(default=None, foreign_key="person.id")
    kind: str = "birthday"
    label: str | None = None
    month: int
    day: int
    year: int | None = None
    calendar: str = "gregorian"
    note: str = ""


class Change(SQLModel, table=True):
    """One changed field: the append-only journal behind history, undo and sync.

    ``change`` is a read-only view over the compact tables of ``journal_models``; ``hlc`` is a
    record's identity.
    """

    __tablename__ = "change"
    seq: int | None = Field(default=None, primary_key=True)
    tx: str
    op: str  # create / update / delete / restore
    table_name: str
    row_id: str
    field: str
    old: str | None = None  # JSON
    new: str | None = None  # JSON
    advisor_id: str | None = None
    device_id: str
    hlc: str
    wall_time: str


from studio.domain.agenda_models import AGENDA_MODELS  # noqa: E402 - needs Row, defined above
from studio.domain.media_models import MEDIA_MODELS  # noqa: E402 - needs Row, defined above
from studio.domain.profile_models import ProfileFact  # noqa: E402 - needs Row, defined above
from studio.domain.studio_models import STUDIO_MODELS  # noqa: E402 - needs Row, defined above
from studio.domain.trip_models import TRIP_MODELS  # noqa: E402 - needs Row, defined above

#: Syncable tables in the order a reader meets them (parents before children).
MODELS: tuple[type[Row], ...] = (
    Advisor,
    Client,
    Person,
    ContactPoint,
    Consent,
    Interaction,
    ImportantDate,
    ProfileFact,
    *AGENDA_MODELS,
    *TRIP_MODELS,
    *MEDIA_MODELS,
    *STUDIO_MODELS,
)

_BY_TABLE = {m.__tablename__: m for m in MODELS}


def model_for_table(name: str) -> type[Row]:
    return _BY_TABLE[name]
