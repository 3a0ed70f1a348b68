"""The studio's own details: the one profile its handouts, forms and books are branded with.

Registered in :data:`studio.domain.models.MODELS`; the schema is revision ``0009_studio_profile``.
"""

from __future__ import annotations

from studio.domain.base import Row


class StudioProfile(Row, table=True):
    """Name, contacts and tagline of the studio. One row, whose id is derived from a constant
    (:data:`studio.services.studio_profile.PROFILE_ID`), so every laptop edits the same row."""

    __tablename__ = "studio_profile"
    name: str = ""
    native_name: str = ""  # e.g. the Chinese name
    phone: str = ""  # E.164
    email: str = ""
    website: str = ""
    address: str = ""
    emergency_phone: str = ""  # the 24 h line, E.164
    tagline: str = ""
    prospect_review_years: int = 3  # untouched prospects offered for review after this


STUDIO_MODELS: tuple[type[Row], ...] = (StudioProfile,)
