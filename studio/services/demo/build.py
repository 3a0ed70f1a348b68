"""Building the demo studio: each part in its order, then the studio's own details.

The same ``seed`` and ``today`` always give the same rows and ids. Parts are called through their
modules (``media.add_media_demo``), so a test can leave out a slow one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from studio.domain.models import Client
from studio.errors import StudioError
from studio.services import studio_profile
from studio.services.demo import agenda, dossiers, history, loyalty, media, profiles, trips
from studio.store import Studio


def build_demo(
    studio: Studio,
    *,
    clients: int = 300,
    seed: int = 2026,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Fill an empty studio with a demo studio of at least ``clients`` clients.

    Returns a one-line summary such as "3 advisors, 300 clients, 712 people, 2,140 interactions".
    """
    if studio.count(Client, include_deleted=True):
        raise StudioError("The demo needs a studio without clients; this one already has some.")
    today = today or date.today()
    summary = dossiers.add_dossiers_demo(
        studio, clients=clients, seed=seed, today=today, progress=progress
    )
    facts = profiles.add_profiles(studio, seed, today)
    summary += agenda.add_agenda_demo(studio, seed=seed, today=today)
    summary += trips.add_trips_demo(studio, seed=seed, today=today)
    summary += history.add_history_demo(studio, seed=seed, today=today)
    summary += media.add_media_demo(studio, seed=seed, today=today)
    summary += loyalty.add_loyalty_demo(studio, seed=seed, today=today)
    # Reserved for examples: 555-0100…0199 numbers and the example.com domain.
    studio_profile.update_profile(
        studio,
        name="Lotus & Pine Journeys",
        native_name="莲松定制旅行工作室",
        phone="+1 212 555 0142",
        email="hello@lotus-pine.example.com",
        website="www.lotus-pine.example.com",
        address="18 Example Lane, Suite 4, New York",
        emergency_phone="+1 212 555 0199",
        tagline="Journeys made by hand, remembered for years",
    )
    return summary + f", {facts:,} profile facts"
