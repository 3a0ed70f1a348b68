"""The memory book's page geometry: sizes, text styles, and the rectangles, frames and pages a
layout is made of, every rectangle in PDF points with the origin at the bottom-left corner of the
trimmed page."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from studio.reports.book.content import BookPhoto

MM = 72 / 25.4
INCH = 72.0

# name: (trim width, trim height, bleed) in points
SIZES: dict[str, tuple[float, float, float]] = {
    "a4": (210 * MM, 297 * MM, 3 * MM),
    "a4-landscape": (297 * MM, 210 * MM, 3 * MM),
    "letter": (8.5 * INCH, 11 * INCH, 0.125 * INCH),
    "square8": (8 * INCH, 8 * INCH, 0.125 * INCH),
    "square20": (200 * MM, 200 * MM, 3 * MM),
}

PANORAMA = 2.1  # width / height from which a photo is a panorama
GAP = 4 * MM  # between photos
CAPTION_GAP = 2 * MM  # between a photo and its caption


@dataclass(frozen=True)
class TextStyle:
    font: str  # serif, serif-bold, sans, sans-bold, sans-italic
    size: float
    leading: float
    align: str = "left"  # left, center, right
    color: str = "ink"  # ink, accent, muted


STYLES: dict[str, TextStyle] = {
    "kicker": TextStyle("sans-bold", 8, 12, color="accent"),
    "kicker_center": TextStyle("sans-bold", 8, 12, "center", "accent"),
    "cover_title": TextStyle("serif-bold", 27, 33),
    "cover_title_s": TextStyle("serif-bold", 19, 24),
    "cover_title_xs": TextStyle("serif-bold", 14, 18),
    "cover_sub": TextStyle("serif", 13.5, 19, color="accent"),
    "cover_line": TextStyle("sans", 9.5, 14.5, color="muted"),
    "title_title": TextStyle("serif-bold", 26, 33, "center"),
    "title_title_s": TextStyle("serif-bold", 18, 24, "center"),
    "title_sub": TextStyle("serif", 13, 19, "center", "accent"),
    "title_line": TextStyle("sans", 9.5, 15, "center", "muted"),
    "h1": TextStyle("serif-bold", 20, 26),
    "summary": TextStyle("serif", 11, 17.5),
    "day_date": TextStyle("serif", 11.5, 16, color="accent"),
    "day_title": TextStyle("serif-bold", 21, 27),
    "places": TextStyle("sans", 8.8, 13, color="muted"),
    "body": TextStyle("serif", 10.5, 16.8),
    "quote": TextStyle("serif", 11, 17, color="accent"),
    "highlights_head": TextStyle("sans-bold", 8, 12, color="accent"),
    "highlight": TextStyle("sans", 9.5, 14.5),
    "route_day": TextStyle("sans-bold", 8, 12, color="accent"),
    "route_title": TextStyle("serif", 11, 15),
    "route_places": TextStyle("sans", 8.5, 12.5, color="muted"),
    "caption": TextStyle("sans", 7.8, 10.6, color="muted"),
    "closing": TextStyle("serif", 12.5, 20.5, "center"),
    "signature": TextStyle("serif-bold", 14, 20, "center", "accent"),
    "colophon": TextStyle("sans", 7.5, 11, "center", "muted"),
    "folio": TextStyle("sans", 7.5, 9, "center", "muted"),
}

Measure = Callable[[str, str, float], float]


def estimate(text: str, style: str, width: float) -> float:
    """A font-free guess of the height of ``text`` set in ``style`` at ``width`` (for tests)."""
    st = STYLES[style]
    lines = 0
    for para in (text or "").split("\n"):
        w = sum(st.size if ord(ch) >= 0x2E80 else st.size * 0.52 for ch in para)
        lines += max(1, math.ceil(w / max(width, 1)))
    return lines * st.leading


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def inside(self, other: Rect, tol: float = 0.01) -> bool:
        return (
            self.x >= other.x - tol
            and self.y >= other.y - tol
            and self.right <= other.right + tol
            and self.top <= other.top + tol
        )


@dataclass(frozen=True)
class Frame:
    """One thing on a page: a photo, a block of text or a hairline rule."""

    kind: str  # photo, text, rule, fill (a block of colour)
    rect: Rect
    ref: str = ""  # photo: the media id; text: the style name
    text: str = ""
    bleed: bool = False  # a photo meant to run off the trimmed page
    caption_of: str = ""  # a caption: the media id of its photo


@dataclass
class Page:
    kind: str  # cover, title, overview, opener, photos, blank, closing
    frames: list[Frame] = field(default_factory=list)
    folio: int | None = None  # the printed page number, if any

    def photos(self) -> list[Frame]:
        return [f for f in self.frames if f.kind == "photo"]


@dataclass(frozen=True)
class Geometry:
    size: str
    width: float  # trim
    height: float
    bleed: float  # 0 without bleed
    safe: Rect  # text and framed photos stay inside
    content: Rect  # the type area (inside ``safe``; folios go between the two)

    @property
    def bleed_rect(self) -> Rect:
        b = self.bleed
        return Rect(-b, -b, self.width + 2 * b, self.height + 2 * b)

    @property
    def trim(self) -> Rect:
        return Rect(0, 0, self.width, self.height)


@dataclass
class BookLayout:
    geometry: Geometry
    pages: list[Page]

    def placements(self) -> dict[str, tuple[int, Frame]]:
        """media id -> (page index, frame) for every placed photo."""
        out: dict[str, tuple[int, Frame]] = {}
        for i, p in enumerate(self.pages):
            for f in p.photos():
                out[f.ref] = (i, f)
        return out


def geometry(size: str, bleed: bool) -> Geometry:
    if size not in SIZES:
        raise ValueError(f"unknown book size {size!r}")
    w, h, b = SIZES[size]
    short = min(w, h)
    s = round(0.055 * short, 2)  # print-safe margin: ~11.5 mm on A4
    safe = Rect(s, s, w - 2 * s, h - 2 * s)
    side = 0.035 * short  # the type area sits a little further in; folios below it
    content = Rect(safe.x + side, safe.y + side + 12, safe.w - 2 * side, safe.h - 2 * side - 12)
    return Geometry(size, w, h, b if bleed else 0.0, safe, content)


def photo_aspect(p: BookPhoto) -> float:
    return p.width / p.height if p.width > 0 and p.height > 0 else 1.5


def frame_aspect(a: float, alone: bool = False) -> float:
    """The aspect a photo's frame gets: very tall or very wide photos are cropped a little."""
    return min(max(a, 0.62), 4.0 if alone else 3.2)
