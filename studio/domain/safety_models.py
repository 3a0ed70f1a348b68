"""The advisor's marks that a profile flag was checked (imported by :mod:`studio.domain.models`).

Schema: revision ``0012_safety_checks``.
"""

from __future__ import annotations

from sqlmodel import Field

from studio.domain.base import Row


class SafetyCheck(Row, table=True):
    """An advisor looked at one flag (an item against one profile fact) and marked it checked.

    ``item_key`` is the item's first id across versions (its ``origin_id``, else its id), so a
    mark follows the item into the next version; ``fingerprint`` is a digest of the item's text
    and the fact as they were when checked: once either changes, the flag is loud again.
    Unmarking deletes the row (soft), so the record of who checked what stays in the journal.
    """

    __tablename__ = "safety_check"
    client_id: str = Field(foreign_key="client.id")
    trip_id: str = Field(foreign_key="trip.id")
    item_key: str
    fact_id: str = Field(foreign_key="profile_fact.id")
    fingerprint: str
    checked_by: str | None = Field(default=None, foreign_key="advisor.id")
    checked_at: str  # ISO 8601, UTC
    note: str = ""


SAFETY_MODELS: tuple[type[Row], ...] = (SafetyCheck,)
