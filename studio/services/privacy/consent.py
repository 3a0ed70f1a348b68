"""Consent honoured: who may be marketed to, whose profile may grow, and old prospects to review.

- A client whose latest answer for *marketing* is "no" is left out of every marketing list: the
  profile segments (:func:`studio.services.profiles.clients_in_segment`, behind the client list's
  segment filter) and the agenda's win-back reminders.
- A client whose latest answer for *profile* is "no" gets no new preference facts: the write is
  refused in the service (:func:`require_profile_consent`), with one sentence the app shows.
- Prospects untouched for the studio's review period (``prospect_review_years`` on the studio
  profile) are listed for review or erasure (:func:`prospects_to_review`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from studio.errors import StudioError, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from studio.store.database import Studio

#: Years a prospect may stay untouched before it is offered for review (the studio can change it).
DEFAULT_REVIEW_YEARS = 3


def refused_ids(conn: Connection, purpose: str) -> set[str]:
    """Clients whose live consent record for ``purpose`` says no."""
    return {
        r[0]
        for r in conn.exec_driver_sql(
            "SELECT client_id FROM consent WHERE purpose = ? AND granted = 0 "
            "AND deleted_at IS NULL",
            (purpose,),
        )
    }


def marketing_refused(studio: Studio) -> set[str]:
    """Clients who withdrew (or never gave) marketing consent by saying no: no marketing list."""
    with studio.read() as conn:
        return refused_ids(conn, "marketing")


def require_profile_consent(conn: Connection, client_id: str) -> None:
    """Refuse a new preference fact for a client who declined or withdrew profile consent."""
    if client_id in refused_ids(conn, "profile"):
        raise ValidationError(
            "client_id",
            "This client has not agreed to a preference profile (consent withdrawn), so no new "
            "preference is recorded; record their consent first.",
        )


@dataclass(frozen=True)
class Prospect:
    client_id: str
    name: str
    last: str  # ISO date-time of the last change to anything of theirs


def review_years(studio: Studio) -> int:
    value = studio._scalar(
        "SELECT prospect_review_years FROM studio_profile WHERE deleted_at IS NULL LIMIT 1"
    )
    return int(value) if value else DEFAULT_REVIEW_YEARS


def set_review_years(studio: Studio, years: int) -> None:
    """The studio's review period for untouched prospects (1–20 years), on its profile."""
    from studio.domain.studio_models import StudioProfile
    from studio.services import studio_profile

    try:
        years = int(years)
    except (TypeError, ValueError):
        raise ValidationError(
            "prospect_review_years", "The review period is a number of years."
        ) from None
    if not 1 <= years <= 20:
        raise ValidationError(
            "prospect_review_years", "The review period is between 1 and 20 years."
        )
    with studio.transaction() as tx:
        pid = studio_profile.PROFILE_ID
        if tx.get(StudioProfile, pid, include_deleted=True) is None:
            tx.create(StudioProfile, id=pid, prospect_review_years=years)
        else:
            tx.update(StudioProfile, pid, prospect_review_years=years)


_LAST_TOUCHED = """
SELECT c.id, c.name, max(c.updated_at,
  coalesce((SELECT max(updated_at) FROM interaction WHERE client_id = c.id), ''),
  coalesce((SELECT max(occurred_at) FROM interaction WHERE client_id = c.id), ''),
  coalesce((SELECT max(updated_at) FROM person WHERE client_id = c.id), ''),
  coalesce((SELECT max(updated_at) FROM contact_point WHERE client_id = c.id), ''),
  coalesce((SELECT max(updated_at) FROM profile_fact WHERE client_id = c.id), ''),
  coalesce((SELECT max(updated_at) FROM trip WHERE client_id = c.id), '')) AS last
FROM client c WHERE c.deleted_at IS NULL AND c.stage = 'prospect'
"""


def prospects_to_review(studio: Studio, today: date | None = None) -> tuple[int, list[Prospect]]:
    """The review period in years and the prospects untouched for at least that long, oldest
    first."""
    years = review_years(studio)
    today = today or date.today()
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    with studio.read() as conn:
        rows = conn.exec_driver_sql(_LAST_TOUCHED).fetchall()
    stale = [
        Prospect(cid, name, last) for cid, name, last in rows if last[:10] < cutoff.isoformat()
    ]
    return years, sorted(stale, key=lambda p: p.last)


class ConsentRefused(StudioError):
    """A write that the client's consent does not allow."""
