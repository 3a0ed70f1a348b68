"""What a trip memory book is made of, independent of where it is stored.

:func:`studio.services.media.book.book_content` reads a trip's media, journal and book texts into
a :class:`BookContent`; :mod:`studio.reports.book.layout` lays it out and
:mod:`studio.reports.book.pdf` writes the PDF. The two sides meet only here, so the layout can be
tested without a studio and the studio without PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BookPhoto:
    """One included photo, in book order."""

    media_id: str
    path: Path  # the stored file in the studio's media folder (may be missing: reported, skipped)
    width: int  # pixels as displayed, after EXIF orientation
    height: int
    day_number: int | None  # the trip day it belongs to; None = not tied to a day
    caption: str = ""
    name: str = ""  # the file's original name, for messages ("IMG_2041.HEIC is corrupt")


@dataclass(frozen=True)
class BookDay:
    """A day opener: date, title, places and the day's journal."""

    number: int
    date: str | None  # YYYY-MM-DD
    title: str = ""
    places: tuple[str, ...] = ()
    journal: str = ""  # the advisor's notes for the day
    quotes: str = ""  # the client's words, set apart as quotations
    highlights: tuple[str, ...] = ()


@dataclass(frozen=True)
class BookContent:
    title: str
    subtitle: str = ""
    travellers: tuple[str, ...] = ()  # display names, Latin and/or Chinese
    start_date: str | None = None
    end_date: str | None = None
    destinations: tuple[str, ...] = ()
    summary: str = ""
    closing: str = ""
    signature: str = ""  # the studio's / advisor's sign-off on the closing page
    studio_name: str = "Travel Studio"
    cover_media_id: str | None = None  # None: the first included photo
    days: tuple[BookDay, ...] = ()
    photos: tuple[BookPhoto, ...] = field(default_factory=tuple)
    lang: str = "en"  # the language its dates are printed in ("en" or "zh")
