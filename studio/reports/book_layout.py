"""The memory book's page layout: pure geometry, no canvas and no files.

:func:`layout_book` turns a :class:`~studio.reports.book_content.BookContent` into pages of
frames (photo, text, rule), every rectangle in PDF points with the origin at the bottom-left
corner of the trimmed page. Text is measured through a ``measure(text, style, width) -> height``
callback, so the PDF writer passes reportlab's own measure and tests can pass an estimate.

The rules a print shop checks are rules of this module: text and framed photos stay inside
the safe area; a full-bleed photo (the cover, a panorama band) reaches the bleed edge; every
included photo is placed exactly once (the cover photo lives on the cover only); a caption
sits right under its photo on the same page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from studio.reports.book_content import BookContent, BookDay, BookPhoto

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

#: The heading of the photos that belong to no day of the trip.
UNDATED_KICKER = "MORE MOMENTS"
UNDATED_TITLE = "Along the way"


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


def _frame_aspect(a: float, alone: bool = False) -> float:
    """The aspect a photo's frame gets: very tall or very wide photos are cropped a little."""
    return min(max(a, 0.62), 4.0 if alone else 3.2)


# -- the text column ------------------------------------------------------------------------


class _Column:
    """Stacks text blocks top-down in ``box``; says when the next block does not fit."""

    def __init__(self, box: Rect, measure: Measure):
        self.box, self.measure = box, measure
        self.y = box.top
        self.frames: list[Frame] = []
        self.overflow = False  # a block did not fit (and was left out)

    def room(self) -> float:
        return self.y - self.box.y

    def height(self, text: str, style: str, indent: float = 0) -> float:
        return self.measure(text, style, self.box.w - indent)

    def add(
        self, text: str, style: str, before: float = 0, indent: float = 0, force: bool = False
    ) -> bool:
        if not text:
            return True
        before = before if self.frames else 0
        h = self.height(text, style, indent)
        if not force and before + h > self.room() + 0.01:
            self.overflow = True
            return False
        self.y -= before
        self.frames.append(
            Frame(
                "text", Rect(self.box.x + indent, self.y - h, self.box.w - indent, h), style, text
            )
        )
        self.y -= h
        return True

    def rule(
        self, before: float, after: float, width: float | None = None, center: bool = False
    ) -> None:
        self.y -= before
        w = width or self.box.w
        x = self.box.x + ((self.box.w - w) / 2 if center else 0)
        self.frames.append(Frame("rule", Rect(x, self.y, w, 0)))
        self.y -= after

    def shift(self, dy: float) -> None:
        """Move everything down by ``dy`` (to centre a block vertically)."""
        self.frames = [
            Frame(
                f.kind,
                Rect(f.rect.x, f.rect.y - dy, f.rect.w, f.rect.h),
                f.ref,
                f.text,
                f.bleed,
                f.caption_of,
            )
            for f in self.frames
        ]
        self.y -= dy


# -- dates -----------------------------------------------------------------------------------


def long_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d:%A} {d.day} {d:%B %Y}"


def span(a: str | None, b: str | None) -> str:
    try:
        da = date.fromisoformat(a) if a else None
        db = date.fromisoformat(b) if b else None
    except ValueError:
        return " – ".join(x for x in (a, b) if x)
    if not da:
        return ""
    if not db or db == da:
        return f"{da.day} {da:%B %Y}"
    if (da.year, da.month) == (db.year, db.month):
        return f"{da.day} – {db.day} {db:%B %Y}"
    if da.year == db.year:
        return f"{da.day} {da:%B} – {db.day} {db:%B %Y}"
    return f"{da.day} {da:%B %Y} – {db.day} {db:%B %Y}"


def _short_date(iso: str | None) -> str:
    try:
        d = date.fromisoformat(iso) if iso else None
    except ValueError:
        return iso or ""
    return f"{d:%a} {d.day} {d:%b}" if d else ""


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of a journal: blank lines separate them; single line breaks are kept."""
    out = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        block = "\n".join(line.strip() for line in block.strip().split("\n"))
        if block:
            out.append(block)
    return out


def _pieces(text: str, style: str, width: float, max_h: float, measure: Measure) -> list[str]:
    """``text`` cut at sentence ends (else words) into pieces no taller than ``max_h``."""
    if measure(text, style, width) <= max_h:
        return [text]
    import re

    units = [u for u in re.split(r"(?<=[.!?。！？；;])\s*", text) if u]
    if len(units) <= 1:
        units = text.split(" ") if " " in text else list(text)
    joiner = "" if " " not in text else " "
    out, cur = [], ""
    for u in units:
        cand = f"{cur}{joiner}{u}" if cur else u
        if cur and measure(cand, style, width) > max_h:
            out.append(cur)
            cur = u
        else:
            cur = cand
    if cur:
        out.append(cur)
    return out


# -- photo arrangements --------------------------------------------------------------------


@dataclass
class _Arrangement:
    cells: list[tuple[int, Rect]]  # (index into the group, photo rect) relative to (0, 0)
    width: float
    height: float  # including the caption bands


def _compositions(n: int, most: int) -> list[list[int]]:
    if n == 0:
        return [[]]
    out = []
    for k in range(1, min(n, most) + 1):
        out += [[k, *rest] for rest in _compositions(n - k, most)]
    return out


def _rows(
    aspects: list[float], sizes: list[int], W: float, H: float, cap: float
) -> _Arrangement | None:
    """Justified rows (each row as wide as the block), scaled to fit ``W`` x ``H``."""
    groups, i = [], 0
    for k in sizes:
        groups.append(list(range(i, i + k)))
        i += k
    sum_a = [sum(aspects[j] for j in g) for g in groups]
    fixed = len(groups) * cap + GAP * (len(groups) - 1)
    # total height(w) = sum((w - GAP*(k-1)) / A) + fixed  -> the widest w that fits
    inv = sum(1 / a for a in sum_a)
    w = min(
        W,
        (H - fixed + sum(GAP * (len(g) - 1) / a for g, a in zip(groups, sum_a, strict=True))) / inv,
    )
    if w <= 0:
        return None
    cells, y = [], 0.0
    for g, a in zip(groups, sum_a, strict=True):
        rh = (w - GAP * (len(g) - 1)) / a
        if rh <= 0:
            return None
        x = 0.0
        for j in g:
            pw = rh * aspects[j]
            cells.append((j, Rect(x, -y - rh, pw, rh)))
            x += pw + GAP
        y += rh + cap + GAP
    return _Arrangement(cells, w, y - GAP)


def _columns(
    aspects: list[float], sizes: list[int], W: float, H: float, cap: float
) -> _Arrangement | None:
    """Justified columns (each as tall as the block), scaled to fit ``W`` x ``H``."""
    groups, i = [], 0
    for k in sizes:
        groups.append(list(range(i, i + k)))
        i += k

    def widths(h: float) -> list[float]:
        return [
            (h - len(g) * cap - GAP * (len(g) - 1)) / sum(1 / aspects[j] for j in g) for g in groups
        ]

    h = H
    total = sum(widths(h)) + GAP * (len(groups) - 1)
    if total > W:  # linear in h: shrink until it fits
        lo, hi = 0.0, H
        for _ in range(40):
            mid = (lo + hi) / 2
            if sum(widths(mid)) + GAP * (len(groups) - 1) > W:
                hi = mid
            else:
                lo = mid
        h = lo
    ws = widths(h)
    if min(ws) <= 0:
        return None
    cells, x = [], 0.0
    for g, cw in zip(groups, ws, strict=True):
        y = 0.0
        for j in g:
            ph = cw / aspects[j]
            cells.append((j, Rect(x, -y - ph, cw, ph)))
            y += ph + cap + GAP
        x += cw + GAP
    return _Arrangement(cells, x - GAP, h)


def _candidates(aspects: list[float], W: float, H: float, cap: float) -> list[_Arrangement]:
    n = len(aspects)
    out = []
    for sizes in _compositions(n, 3):
        # a panorama gets a row of its own
        i, ok = 0, True
        for k in sizes:
            if k > 1 and any(aspects[j] >= PANORAMA for j in range(i, i + k)):
                ok = False
            i += k
        if ok and (a := _rows(aspects, sizes, W, H, cap)):
            out.append(a)
        if n > 1 and not any(a >= PANORAMA for a in aspects) and len(sizes) > 1:
            if c := _columns(aspects, sizes, W, H, cap):
                out.append(c)
    return out


def _score(arr: _Arrangement, W: float, H: float) -> float:
    """How good a page is: photos shown large, the type area filled, nothing tiny."""
    area = W * H
    fracs = [r.w * r.h / area for _, r in arr.cells]
    value = sum(math.sqrt(f) for f in fracs)
    if min(fracs) < 0.06:
        value -= 0.6
    return value + 0.3 * (arr.width * arr.height / area)


CROP = 1.1  # how much wider or taller than the photo a frame may be, to fill the page better


def _best(
    aspects: list[float], W: float, H: float, cap: float
) -> tuple[float, _Arrangement] | None:
    best = None
    # several photos may be cropped a little (all alike) when that fills the page better
    for f in (1.0, CROP, 1 / CROP) if len(aspects) > 1 else (1.0,):
        shaped = [a if a >= PANORAMA else a * f for a in aspects]
        for arr in _candidates(shaped, W, H, cap):
            s = _score(arr, W, H) - (0.05 if f != 1.0 else 0.0)
            if best is None or s > best[0]:
                best = (s, arr)
    return best


PAGE_COST = 1.25  # what a page costs against the photos' display size (fewer, fuller pages)


def _group(photos: list[BookPhoto], W: float, H: float, cap: float) -> list[list[int]]:
    """Photos split into consecutive pages of 1-4, the best pages for the fewest paper."""
    n = len(photos)
    aspects = [_frame_aspect(photo_aspect(p)) for p in photos]
    best: list[tuple[float, list[list[int]]]] = [(0.0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        cand = None
        for k in range(1, min(4, n - i) + 1):
            r = _best(aspects[i : i + k], W, H, cap)
            if r is None:
                continue
            total = r[0] - PAGE_COST + best[i + k][0]
            if cand is None or total > cand[0]:
                cand = (total, [list(range(i, i + k)), *best[i + k][1]])
        best[i] = cand or (best[i + 1][0], [[i], *best[i + 1][1]])
    return best[0][1]


def _place(
    photos: list[BookPhoto], box: Rect, measure: Measure, valign: str = "center"
) -> list[Frame]:
    """Photos (and their captions) arranged in ``box``: the arrangement that shows them best."""
    aspects = [_frame_aspect(photo_aspect(p), alone=len(photos) == 1) for p in photos]
    cap = 0.0
    if any(p.caption for p in photos):
        cap = CAPTION_GAP + STYLES["caption"].leading
    for _ in range(3):
        r = _best(aspects, box.w, box.h, cap)
        if r is None:
            return []
        arr = r[1]
        need = max(
            (
                CAPTION_GAP + measure(photos[j].caption, "caption", rect.w)
                for j, rect in arr.cells
                if photos[j].caption
            ),
            default=0.0,
        )
        if need <= cap + 0.01:
            break
        cap = need
    x0 = box.x + (box.w - arr.width) / 2
    top = box.top - (box.h - arr.height) * (0.5 if valign == "center" else 1.0)
    frames = []
    for j, rect in arr.cells:
        pr = Rect(x0 + rect.x, top + rect.y, rect.w, rect.h)
        frames.append(Frame("photo", pr, photos[j].media_id))
        if photos[j].caption:
            ch = measure(photos[j].caption, "caption", pr.w)
            frames.append(
                Frame(
                    "text",
                    Rect(pr.x, pr.y - CAPTION_GAP - ch, pr.w, ch),
                    "caption",
                    photos[j].caption,
                    caption_of=photos[j].media_id,
                )
            )
    return frames


def _panorama_band(p: BookPhoto, g: Geometry, measure: Measure) -> list[Frame]:
    """A panorama alone on its page: a band across the whole page, bleed edge to bleed edge."""
    b = g.bleed
    w = g.width + 2 * b
    h = min(w / _frame_aspect(photo_aspect(p), alone=True), g.content.h * 0.62)
    y = g.content.y + (g.content.h - h) * 0.55
    frames = [Frame("photo", Rect(-b, y, w, h), p.media_id, bleed=True)]
    if p.caption:
        ch = measure(p.caption, "caption", g.content.w * 0.6)
        frames.append(
            Frame(
                "text",
                Rect(g.content.x, y - 3 * CAPTION_GAP - ch, g.content.w * 0.6, ch),
                "caption",
                p.caption,
                caption_of=p.media_id,
            )
        )
    return frames


# -- the book ---------------------------------------------------------------------------------


def _cover(content: BookContent, cover: BookPhoto | None, g: Geometry, measure: Measure) -> Page:
    page = Page("cover")
    b = g.bleed
    # the photo (or, without one, a block of colour) runs off the page; the words sit beside it
    kind, ref = ("photo", cover.media_id) if cover is not None else ("fill", "")
    if g.width > g.height:  # landscape: the photo on the left, the words on the right
        split = g.width * 0.58
        page.frames.append(Frame(kind, Rect(-b, -b, split + b, g.height + 2 * b), ref, bleed=True))
        box = Rect(split + 14 * MM, g.content.y, g.safe.right - split - 14 * MM, g.content.h)
    else:
        split = g.height * 0.38
        page.frames.append(
            Frame(kind, Rect(-b, split, g.width + 2 * b, g.height - split + b), ref, bleed=True)
        )
        box = Rect(g.content.x, g.safe.y + 4 * MM, g.content.w, split - g.safe.y - 14 * MM)
    for last, title_style in (
        (False, "cover_title"),
        (False, "cover_title_s"),
        (True, "cover_title_xs"),
    ):
        # a long title is set smaller rather than cut
        col = _Column(box, measure)
        col.add(content.studio_name.upper(), "kicker", force=last)
        col.add(content.title, title_style, before=7, force=last)
        col.add(content.subtitle, "cover_sub", before=5, force=last)
        col.rule(10, 10, width=18 * MM)
        col.add(" · ".join(content.travellers), "cover_line", before=0, force=last)
        col.add(span(content.start_date, content.end_date), "cover_line", before=2, force=last)
        if not col.overflow:
            break
    deficit = box.y - col.y
    if deficit > 0 and g.width <= g.height:  # still too long: the photo gives way to the words
        f = page.frames[0]
        page.frames[0] = Frame(
            f.kind,
            Rect(f.rect.x, f.rect.y + deficit, f.rect.w, f.rect.h - deficit),
            f.ref,
            bleed=True,
        )
        col.shift(-deficit)
    used = box.top - col.y
    col.shift(max(0.0, (box.h - used) * (0.5 if g.width <= g.height else 1.0)))
    page.frames += col.frames
    return page


def _title_page(content: BookContent, g: Geometry, measure: Measure) -> Page:
    for last, title_style in ((False, "title_title"), (True, "title_title_s")):
        col = _Column(
            Rect(g.content.x + g.content.w * 0.1, g.content.y, g.content.w * 0.8, g.content.h),
            measure,
        )
        col.add(content.studio_name.upper(), "kicker_center", force=last)
        col.rule(12, 16, width=14 * MM, center=True)
        col.add(content.title, title_style, force=last)
        col.add(content.subtitle, "title_sub", before=8, force=last)
        col.add(span(content.start_date, content.end_date), "title_line", before=18, force=last)
        if content.travellers:
            col.add(
                "A journey shared by " + _and(content.travellers),
                "title_line",
                before=4,
                force=last,
            )
        if content.destinations:
            col.add(" · ".join(content.destinations), "title_line", before=4, force=last)
        if not col.overflow:
            break
    used = col.box.top - col.y
    col.shift(max(0.0, (col.box.h - used) * 0.42))
    return Page("title", col.frames)


def _and(names: Sequence[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _overview(content: BookContent, g: Geometry, measure: Measure) -> list[Page]:
    if not content.days and not content.summary:
        return []
    pages: list[Page] = []
    box = g.content
    if box.w > box.h * 1.2:  # a readable measure on a wide page
        box = Rect(box.x, box.y, box.w * 0.62, box.h)
    col = _Column(box, measure)
    col.add("THE ROUTE", "kicker")
    col.add("Day by day", "h1", before=4)
    for para in _paragraphs(content.summary):
        for piece in _pieces(para, "summary", box.w, box.h * 0.5, measure):
            if not col.add(piece, "summary", before=10):
                pages.append(Page("overview", col.frames))
                col = _Column(box, measure)
                col.add(piece, "summary", force=True)
    if content.days:
        col.rule(14, 12)
    for d in content.days:
        head = f"DAY {d.number}" + (f"  ·  {_short_date(d.date).upper()}" if d.date else "")
        block = [
            (head, "route_day", 12),
            (d.title or "", "route_title", 2),
            (" · ".join(d.places), "route_places", 1),
        ]
        need = sum(b + col.height(t, s) for t, s, b in block if t)
        if need > col.room():
            pages.append(Page("overview", col.frames))
            col = _Column(box, measure)
            col.add("THE ROUTE, CONTINUED", "kicker")
            col.y -= 6
        for t, s, b in block:
            col.add(t, s, before=b, force=True)
    pages.append(Page("overview", col.frames))
    return pages


def _opener(
    d: BookDay, photos: list[BookPhoto], g: Geometry, measure: Measure, kicker: str | None = None
) -> tuple[list[Page], list[BookPhoto]]:
    """The day's opening page(s); the photo it shows below a short text, if there is room."""
    kicker = kicker or f"DAY {d.number}"
    box = g.content
    text_w = min(box.w, 125 * MM if box.w <= box.h * 1.2 else box.w * 0.48)  # a readable measure
    tbox = Rect(box.x, box.y, text_w, box.h)
    pages: list[Page] = []
    col = _Column(tbox, measure)
    col.add(kicker, "kicker")
    col.add(long_date(d.date), "day_date", before=4)
    col.add(d.title, "day_title", before=6)
    col.add(" · ".join(d.places), "places", before=6)
    col.rule(12, 14, width=18 * MM)

    def flow(text: str, style: str, before: float, indent: float = 0) -> None:
        nonlocal col
        for piece in _pieces(text, style, tbox.w - indent, tbox.h * 0.6, measure):
            if not col.add(piece, style, before=before, indent=indent):
                pages.append(Page("opener", col.frames))
                col = _Column(tbox, measure)
                col.add(f"{kicker}, CONTINUED", "kicker")
                col.y -= 8
                col.add(piece, style, indent=indent, force=True)

    for para in _paragraphs(d.journal):
        flow(para, "body", 9)
    for q in _paragraphs(d.quotes):
        q = q if q[:1] in '“"「『' else f"“{q}”"
        flow(q, "quote", 12, indent=8 * MM)
    if d.highlights:
        if col.room() < 40:
            pages.append(Page("opener", col.frames))
            col = _Column(tbox, measure)
        col.add("HIGHLIGHTS", "highlights_head", before=16)
        for h in d.highlights:
            flow(f"—  {h}", "highlight", 3)
    page = Page("opener", col.frames)
    rest = list(photos)
    # a photo of the day fills the space a short journal leaves
    wide = box.w > box.h * 1.2
    if wide:  # a landscape page: the photo beside the text
        room = Rect(box.x + text_w + 12 * MM, box.y, box.w - text_w - 12 * MM, box.h)
    else:
        room = Rect(box.x, box.y, box.w, col.y - 12 * MM - box.y)
    # a panorama keeps its full-width band on a page of its own
    candidates = [p for p in rest if photo_aspect(p) < PANORAMA]
    if candidates and room.h >= box.h * 0.36 and room.w >= box.w * 0.3:
        pick = (
            next((p for p in candidates if (photo_aspect(p) < 1.6) == wide), candidates[0])
            if wide
            else next((p for p in candidates if photo_aspect(p) >= 1.2), candidates[0])
        )
        frames = _place([pick], room, measure, valign="center" if wide else "bottom")
        if frames:
            page.frames += frames
            rest.remove(pick)
    pages.append(page)
    return pages, rest


def _closing(content: BookContent, g: Geometry, measure: Measure) -> list[Page]:
    """The closing words and the signature; a long message runs onto more pages, never cut."""
    box = Rect(g.content.x + g.content.w * 0.12, g.content.y, g.content.w * 0.76, g.content.h)
    pages: list[Page] = []
    col = _Column(box, measure)
    for para in _paragraphs(content.closing) or ["Until the next journey."]:
        for piece in _pieces(para, "closing", box.w, box.h * 0.6, measure):
            if not col.add(piece, "closing", before=10):
                pages.append(Page("closing", col.frames))
                col = _Column(box, measure)
                col.add(piece, "closing", force=True)
    sign = [(content.signature or content.studio_name, "signature", 0)]
    if content.signature and content.studio_name and content.studio_name not in content.signature:
        sign.append((content.studio_name, "colophon", 6))
    if 34 + sum(b + col.height(t, st) for t, st, b in sign) > col.room():
        pages.append(Page("closing", col.frames))
        col = _Column(box, measure)
    col.rule(18, 16, width=14 * MM, center=True)
    for t, st, b in sign:
        col.add(t, st, before=b, force=True)
    used = col.box.top - col.y
    col.shift(max(0.0, (col.box.h - used) * 0.45))
    pages.append(Page("closing", col.frames))
    return pages


def layout_book(
    content: BookContent, size: str = "a4", bleed: bool = False, measure: Measure = estimate
) -> BookLayout:
    """The whole book, page by page. Photos are those of ``content.photos`` (already checked)."""
    g = geometry(size, bleed)
    photos = list(content.photos)
    cover = None
    if photos:
        cover = next((p for p in photos if p.media_id == content.cover_media_id), None)
        if cover is None:  # the first photo that suits the cover's shape (wide on a portrait book)
            fits = (lambda a: a <= 1.15) if g.width > g.height else (lambda a: a >= 1.2)
            cover = next(
                (p for p in photos if fits(photo_aspect(p)) and photo_aspect(p) < PANORAMA),
                photos[0],
            )
        photos.remove(cover)

    pages = [_cover(content, cover, g, measure), _title_page(content, g, measure)]
    pages += _overview(content, g, measure)

    day_numbers = {d.number for d in content.days}
    by_day: dict[int | None, list[BookPhoto]] = {}
    for p in photos:
        key = p.day_number if p.day_number in day_numbers else None
        by_day.setdefault(key, []).append(p)

    sections: list[tuple[BookDay | None, list[BookPhoto]]] = [
        (d, by_day.get(d.number, [])) for d in content.days
    ]
    if by_day.get(None):
        sections.append((None, by_day[None]))
    cap = CAPTION_GAP + STYLES["caption"].leading
    for d, day_photos in sections:
        rest = day_photos
        if d is not None:
            if not (d.journal or d.quotes or d.highlights or day_photos):
                continue  # nothing to tell: the overview lists the day
            opener_pages, rest = _opener(d, day_photos, g, measure)
            pages += opener_pages
        elif (
            day_photos
        ):  # photos tied to no day get a heading of their own, not a bare run of pages
            opener_pages, rest = _opener(
                BookDay(0, None, UNDATED_TITLE), day_photos, g, measure, kicker=UNDATED_KICKER
            )
            pages += opener_pages
        for grp in _group(
            rest, g.content.w, g.content.h, cap if any(p.caption for p in rest) else 0
        ):
            chosen = [rest[i] for i in grp]
            if len(chosen) == 1 and photo_aspect(chosen[0]) >= PANORAMA:
                pages.append(Page("photos", _panorama_band(chosen[0], g, measure)))
            else:
                pages.append(Page("photos", _place(chosen, g.content, measure)))
    closing = _closing(content, g, measure)
    if (len(pages) + len(closing)) % 2:
        # A bound book has an even number of pages (each leaf is printed on both sides): a blank
        # page before the closing words rather than a blank leaf the print shop adds at random.
        pages.append(Page("blank", []))
    pages += closing

    # folios: the title page is page 1; the cover and the closing page carry none
    for i, p in enumerate(pages):
        if p.kind not in ("cover", "title", "closing", "blank"):
            p.folio = i
            s = STYLES["folio"]
            p.frames.append(
                Frame("text", Rect(g.content.x, g.safe.y, g.content.w, s.leading), "folio", str(i))
            )
    return BookLayout(g, pages)
