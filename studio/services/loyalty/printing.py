"""The printed survey of a trip and the invitations of an event, read from the studio."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from pathlib import Path

from studio.domain.names import NameForm, display_name
from studio.domain.trip_models import Trip
from studio.errors import NotFoundError
from studio.reports.loyalty_forms import (
    InvitationContent,
    SurveyContent,
    render_invitations,
    render_survey,
)
from studio.services import studio_profile
from studio.services.loyalty import events
from studio.store import Studio


def _format(d: date, lang: str) -> str:
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日"
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _day(value: str | None, lang: str) -> str:
    return _format(date.fromisoformat(value), lang) if value else ""


def survey_content(studio: Studio, trip_id: str, lang: str = "en") -> SurveyContent:
    with studio.session() as s:
        trip = s.get(Trip, trip_id)
        if trip is None or trip.deleted_at:
            raise NotFoundError(f"No trip with id {trip_id}.")
        title, cid, start, end = trip.title, trip.client_id, trip.start_date, trip.end_date
    with studio.read() as conn:
        name, native = conn.exec_driver_sql(
            "SELECT name, native_name FROM client WHERE id = ?", (cid,)
        ).first() or ("", None)
    brand = studio_profile.profile(studio)
    span = " – ".join(d for d in (_day(start, lang), _day(end, lang)) if d)
    return SurveyContent(
        brand.name,
        brand.native_name,
        display_name(name, native, NameForm.INLINE),
        title,
        span,
        lang,
    )


def write_survey(studio: Studio, trip_id: str, out: Path, lang: str = "en") -> int:
    return render_survey(survey_content(studio, trip_id, lang), out)


def invitation_content(
    studio: Studio, event_id: str, lang: str = "en", *, client_ids: list[str] | None = None
) -> InvitationContent:
    """The invitations of an event: every guest not yet answering "no" (or ``client_ids``)."""
    ev = events.get_event(studio, event_id)
    guests = [
        g
        for g in ev.guests
        if (g.client_id in client_ids if client_ids is not None else g.rsvp != "no")
    ]
    brand = studio_profile.profile(studio)
    when = _day(ev.held_on, lang) + (f", {ev.start_time}" if ev.start_time else "")
    reply = max(date.fromisoformat(ev.held_on) - timedelta(days=7), date.today())
    return InvitationContent(
        brand.name,
        brand.native_name,
        ev.kind,
        ev.title,
        ev.theme,
        when,
        ev.place,
        _format(reply, lang),
        ev.capacity,
        tuple(display_name(g.name, g.native_name, NameForm.INLINE) for g in guests),
        lang,
    )


def write_invitations(
    studio: Studio,
    event_id: str,
    out: Path,
    lang: str = "en",
    *,
    client_ids: list[str] | None = None,
) -> int:
    return render_invitations(
        invitation_content(studio, event_id, lang, client_ids=client_ids), out
    )
