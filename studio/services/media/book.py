"""The memory book of a trip: the :class:`~studio.reports.book.content.BookContent` it is laid out
from (read from the trip's photos, journal and book settings, with defaults for texts left
empty), and :func:`build_book`, the one way the command line and the app build it."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from studio.domain import dates
from studio.domain.base import table_of
from studio.domain.models import Advisor, Person
from studio.domain.names import NameForm, display_name
from studio.domain.trip_models import Trip, TripItem, TripTraveller
from studio.reports.book import pdf as book_pdf
from studio.reports.book.content import BookContent, BookDay, BookPhoto
from studio.reports.book.preflight import Preflight
from studio.reports.words import month_span
from studio.services.media.files import book_cache_dir, stored_path
from studio.services.media.rows import (
    book_settings,
    highlights_of,
    journal_of,
    live_rows,
    media_of,
    trip_days,
    trip_row,
)
from studio.store import Studio

#: Item kinds whose place is where the day starts from (a terminal, a pick-up), not where it is spent.
_PASSING = ("flight", "transfer", "note")


def default_title(trip: Trip, lang: str = "en") -> str:
    """ "Yunnan, March 2026" ("Yunnan, 2026年3月" in Chinese): the destinations (or the trip's
    title) and the months of travel."""
    try:
        dests = [str(d) for d in json.loads(trip.destinations or "[]") if str(d).strip()]
    except json.JSONDecodeError:
        dests = []
    if len(dests) == 1:
        where = dests[0]
    elif len(dests) == 2:
        where = f"{dests[0]} and {dests[1]}"
    else:
        where = trip.title.split(" — ")[0].split(":")[0].strip() or trip.title
    when = month_span(trip.start_date, trip.end_date, lang)
    return f"{where}, {when}" if when else where


def book_content(studio: Studio, trip_id: str, *, lang: str = "en") -> BookContent:
    """Everything a memory book prints for the trip, with defaults for texts left empty; its
    dates are printed in ``lang`` ("en" or "zh")."""
    trip = trip_row(studio, trip_id)
    book = book_settings(studio, trip_id)
    journals = journal_of(studio, trip_id)
    days = trip_days(studio, trip)
    with studio.read() as conn:
        items = (
            live_rows(conn, TripItem, ("position",), version_id=trip.current_version_id)
            if trip.current_version_id
            else []
        )
        party = live_rows(conn, TripTraveller, (), trip_id=trip_id)
        ids = [t.person_id for t in party]
        people = [
            Person(**r)
            for r in conn.execute(
                select(table_of(Person)).where(
                    table_of(Person).c.id.in_(ids), table_of(Person).c.deleted_at.is_(None)
                )
            ).mappings()
        ]
        advisor = None
        if trip.advisor_id:
            r = (
                conn.execute(
                    select(table_of(Advisor)).where(table_of(Advisor).c.id == trip.advisor_id)
                )
                .mappings()
                .first()
            )
            advisor = Advisor(**r) if r else None
    people.sort(key=lambda p: (p.position, p.name))
    from studio.services.studio_profile import profile as studio_details

    studio_name = studio_details(studio).display_name
    try:
        dests = tuple(str(d) for d in json.loads(trip.destinations or "[]") if str(d).strip())
    except json.JSONDecodeError:
        dests = ()
    places_of: dict[str, list[str]] = {}
    for it in items:
        if it.kind in _PASSING:
            continue
        if it.place.strip() and it.place.strip() not in places_of.setdefault(it.day_id, []):
            places_of[it.day_id].append(it.place.strip())
    start = date.fromisoformat(trip.start_date) if trip.start_date else None
    book_days = []
    for d in days:
        j = journals.get(d.day_number)
        when = d.date or (dates.trip_day(start, d.day_number).isoformat() if start else None)
        book_days.append(
            BookDay(
                number=d.day_number,
                date=when,
                title=d.title,
                places=tuple(places_of.get(d.id, ())),
                journal=j.journal if j else "",
                quotes=j.quotes if j else "",
                highlights=tuple(highlights_of(j)),
            )
        )
    photos = tuple(
        BookPhoto(
            media_id=m.id,
            path=stored_path(studio, m),
            width=m.width,
            height=m.height,
            day_number=m.day_number,
            caption=m.caption,
            name=m.original_name,
        )
        for m in media_of(studio, trip_id, included_only=True)
    )
    cover = book.cover_media_id if book.cover_media_id in {p.media_id for p in photos} else None
    signature = book.signature
    if not signature:
        signature = (
            f"{display_name(advisor.name, advisor.native_name, NameForm.PRINTED)} · {studio_name}"
            if advisor
            else studio_name
        )
    return BookContent(
        lang=lang,
        title=book.title or default_title(trip, lang),
        subtitle=book.subtitle or trip.title,
        travellers=tuple(display_name(p.name, p.native_name, NameForm.PRINTED) for p in people),
        start_date=trip.start_date,
        end_date=trip.end_date,
        destinations=dests,
        summary=book.summary,
        closing=book.closing,
        signature=signature,
        studio_name=studio_name,
        cover_media_id=cover,
        days=tuple(book_days),
        photos=photos,
    )


# -- building the book ------------------------------------------------------------------------
@dataclass(frozen=True)
class BookOptions:
    """How to build a trip's book; ``None`` takes what the book's settings say."""

    size: str | None = None
    bleed: bool | None = None
    #: Worker processes that prepare the photos (None: one per core).
    workers: int | None = None
    #: Keep the prepared photos in ``media/cache/book`` for the next build (and take them from it).
    cached: bool = True
    #: The language the book's dates are printed in ("en" or "zh").
    lang: str = "en"


def build_book(
    studio: Studio,
    trip_id: str,
    out: str | os.PathLike,
    options: BookOptions | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Preflight:
    """Write the memory book of ``trip_id`` to ``out`` (whole or not at all); its preflight.

    The one way a book is built, for the command line and the app alike: the trip's content
    (:func:`book_content`), its saved size and bleed unless ``options`` say otherwise, and the
    studio's cache of prepared photos. Raises
    :class:`~studio.reports.book.preflight.BuildCancelled` when ``cancel()`` stops it.
    """
    options = options or BookOptions()
    content = book_content(studio, trip_id, lang=options.lang)
    size, bleed = options.size, options.bleed
    if size is None or bleed is None:
        saved = book_settings(studio, trip_id)
        size = size if size is not None else saved.size or "a4"
        bleed = bleed if bleed is not None else bool(saved.bleed)
    return book_pdf.write_book(
        content,
        out,
        size=size,
        bleed=bleed,
        progress=progress,
        cancel=cancel,
        workers=options.workers,
        cache_dir=book_cache_dir(studio) if options.cached else None,
        seal_key=studio.media_key,
    )
