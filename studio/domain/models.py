"""The tables of a studio, as sqlmodel classes, and the one list of them all (:data:`MODELS`).

The schema itself is created by the Alembic revisions in ``studio/store/migrations``; these classes
map it for reading and give the write path its field lists. Every syncable row has a text UUID key
and created/updated/deleted timestamps (ISO 8601, UTC); deleting sets ``deleted_at``
(:class:`studio.domain.base.Row`). The dossier's tables and the change journal are defined here;
the other table modules build on ``base`` alone and are gathered into :data:`MODELS` below.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from studio.domain.agenda_models import AGENDA_MODELS
from studio.domain.base import Row, table_name
from studio.domain.loyalty_models import LOYALTY_MODELS
from studio.domain.media_models import MEDIA_MODELS
from studio.domain.profile_models import ProfileFact
from studio.domain.safety_models import SAFETY_MODELS
from studio.domain.studio_models import STUDIO_MODELS
from studio.domain.trip_models import TRIP_MODELS


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
    *SAFETY_MODELS,
    *LOYALTY_MODELS,
)

_BY_TABLE = {table_name(m): m for m in MODELS}


def model_for_table(name: str) -> type[Row]:
    """The table class behind a table name (``"client"`` → :class:`Client`)."""
    return _BY_TABLE[name]
