"""The table of preference-profile facts (imported by :mod:`studio.domain.models`)."""

from __future__ import annotations

from sqlmodel import Field

from studio.domain.base import Row


class ProfileFact(Row, table=True):
    """One thing known about a traveller (or the whole party when ``person_id`` is empty).

    ``key`` is a taxonomy key (``dietary.shellfish``); ``level`` one of love / like / neutral /
    dislike / never / must; ``severity`` only for dietary facts (preference / intolerance /
    severe). ``trip_id`` names the trip it was learned on (plain text until trips exist).
    """

    __tablename__ = "profile_fact"
    client_id: str = Field(foreign_key="client.id")
    person_id: str | None = Field(default=None, foreign_key="person.id")
    key: str
    level: str = "like"
    severity: str | None = None
    note: str = ""
    source: str = "conversation"
    learned_on: str  # YYYY-MM-DD
    trip_id: str | None = None
