"""Tables of a trip's keepsake: its photos, the day-by-day story and the memory book's settings
(imported by :mod:`studio.domain.models`).

Registered in :data:`studio.domain.models.MODELS`; the schema is revision ``0007_media``. A photo's
bytes live in the studio's ``media/`` folder, content-addressed by their SHA-256
(``media/<sha[:2]>/<sha>.<ext>``); a row only points at them, so the same file in two trips is one
file and two rows.
"""

from __future__ import annotations

from sqlmodel import Field

from studio.domain import values as v
from studio.domain.base import Row


class TripMedia(Row, table=True):
    """One photo of a trip, in the trip's order."""

    __tablename__ = "trip_media"
    client_id: str = Field(foreign_key="client.id")
    trip_id: str = Field(foreign_key="trip.id")
    sha256: str
    ext: str  # the stored file's extension without the dot: jpg, png, tif, webp, heic
    original_name: str = ""
    width: int = 0  # pixels as displayed (after EXIF orientation)
    height: int = 0
    taken_at: str | None = None  # YYYY-MM-DDTHH:MM:SS local time from EXIF DateTimeOriginal
    day_number: int | None = None  # the trip day it belongs to; None = not tied to a day
    caption: str = ""
    included: bool = True  # printed in the memory book
    position: int = 0
    notes: str = ""  # problems noticed on import ("no date in the file", "16-bit, converted")


class TripJournal(Row, table=True):
    """The story of one trip day: the advisor's notes, the client's words, the highlights."""

    __tablename__ = "trip_journal"
    client_id: str = Field(foreign_key="client.id")
    trip_id: str = Field(foreign_key="trip.id")
    day_number: int
    journal: str = ""
    quotes: str = ""
    highlights: str = "[]"  # JSON array of strings


class MemoryBook(Row, table=True):
    """The memory book's texts and print options; one per trip. Empty texts mean "the default"."""

    __tablename__ = "memory_book"
    client_id: str = Field(foreign_key="client.id")
    trip_id: str = Field(foreign_key="trip.id")
    title: str = ""
    subtitle: str = ""
    summary: str = ""
    closing: str = ""
    signature: str = ""
    size: str = "a4"
    bleed: bool = False
    cover_media_id: str | None = Field(default=None, foreign_key="trip_media.id")


MEDIA_MODELS: tuple[type[Row], ...] = (TripMedia, TripJournal, MemoryBook)

BOOK_SIZES = v.keys(v.BookSize)  # the one definition is the StrEnum
