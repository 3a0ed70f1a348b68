"""Tables of relationship care: the studio's agenda settings, people's documents, and what was
done about each occurrence of a reminder.

Registered in :data:`studio.domain.models.MODELS`; the schema is revision ``0005_agenda``.
"""

from __future__ import annotations

from sqlmodel import Field

from studio.domain import values as v
from studio.domain.base import Row


class AgendaSetting(Row, table=True):
    """One studio-wide agenda setting, e.g. ``lead_days.birthday`` = ``14`` or ``feb29`` = ``"mar1"``.

    The id is derived from the key (:func:`studio.services.agenda.rules.setting_id`), so two laptops that
    change the same setting change the same row. ``value`` is JSON.
    """

    __tablename__ = "agenda_setting"
    key: str
    value: str


class TravelDocument(Row, table=True):
    """A person's passport (or other document) whose expiry the agenda reminds about."""

    __tablename__ = "travel_document"
    client_id: str = Field(foreign_key="client.id")
    person_id: str = Field(foreign_key="person.id")
    kind: str = "passport"
    number: str | None = None
    country: str | None = None  # ISO 3166 alpha-2, e.g. CN
    expires_on: str  # YYYY-MM-DD
    note: str = ""


class AgendaAction(Row, table=True):
    """What was done about one occurrence of a reminder: done, snoozed to a date, or dismissed.

    Keyed by (source table, source row, the occurrence's reference day: for yearly dates the day
    under the default 29 February rule, so the key does not move when the studio changes the rule):
    next year's birthday is a new occurrence and comes back fresh. The id is derived from that key
    (one row per occurrence, synced as one; :func:`studio.services.agenda.actions.action_id`).
    """

    __tablename__ = "agenda_action"
    client_id: str = Field(foreign_key="client.id")
    source_table: str
    source_id: str
    occurrence: str  # YYYY-MM-DD, the occurrence's reference day
    action: str  # done / snoozed / dismissed
    snooze_until: str | None = None  # YYYY-MM-DD
    sent: str = ""  # what was sent or done, in the advisor's words
    interaction_id: str | None = Field(default=None, foreign_key="interaction.id")
    advisor_id: str | None = Field(default=None, foreign_key="advisor.id")


AGENDA_MODELS: tuple[type[Row], ...] = (AgendaSetting, TravelDocument, AgendaAction)

#: Kinds of travel document and of action on an occurrence (defined by their StrEnums).
DOCUMENT_KINDS = v.keys(v.DocumentKind)
ACTIONS = v.keys(v.OccurrenceAction)
