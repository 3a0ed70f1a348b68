"""Tables of loyalty and relationship care: post-trip surveys, the studio's loyalty tiers, its
events (salons, tastings, trip-story evenings) and their guests.

Registered in :data:`studio.domain.models.MODELS`; the schema is revision ``0015_loyalty``. The
studio's referral-reward rule is an agenda setting (``referral_reward``), not a table of its own.
"""

from __future__ import annotations

from sqlmodel import Field

from studio.domain.base import Row


class TripSurvey(Row, table=True):
    """A client's answers to the short survey after a trip. Its overall score is also the
    satisfaction of the feedback interaction it wrote on the timeline (``interaction_id``), so the
    owner's desk counts it like any feedback; ``recommend`` (0–10) feeds the NPS."""

    __tablename__ = "trip_survey"
    client_id: str = Field(foreign_key="client.id")
    trip_id: str = Field(foreign_key="trip.id")
    interaction_id: str | None = Field(default=None, foreign_key="interaction.id")
    overall: int  # 0-100
    recommend: int  # 0-10
    keep: str = ""  # what to keep
    change: str = ""  # what to change
    answered_on: str  # YYYY-MM-DD
    advisor_id: str | None = Field(default=None, foreign_key="advisor.id")


class LoyaltyTier(Row, table=True):
    """A tier the studio defines: reached with ``min_trips`` completed trips, or with a lifetime
    spend in one currency (``min_spend``: JSON ``{"CNY": "200000.00"}``; never converted)."""

    __tablename__ = "loyalty_tier"
    name: str
    native_name: str | None = None
    rank: int = 1  # higher is better
    min_trips: int | None = None
    min_spend: str = "{}"
    note: str = ""


class StudioEvent(Row, table=True):
    """A salon, tasting or trip-story evening the studio holds for its clients."""

    __tablename__ = "studio_event"
    kind: str = "salon"
    title: str
    theme: str = ""
    held_on: str  # YYYY-MM-DD
    start_time: str | None = None  # HH:MM
    place: str = ""
    capacity: int = 20
    notes: str = ""


class EventGuest(Row, table=True):
    """A client invited to an event: the answer (RSVP) and whether they came."""

    __tablename__ = "event_guest"
    client_id: str = Field(foreign_key="client.id")
    event_id: str = Field(foreign_key="studio_event.id")
    rsvp: str = "invited"  # invited / yes / maybe / no
    attended: bool = False
    invited_on: str  # YYYY-MM-DD
    interaction_id: str | None = Field(default=None, foreign_key="interaction.id")


LOYALTY_MODELS: tuple[type[Row], ...] = (TripSurvey, LoyaltyTier, StudioEvent, EventGuest)
