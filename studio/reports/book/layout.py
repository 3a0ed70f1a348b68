"""The memory book's page layout: pure geometry, no canvas and no files.

:func:`layout_book` turns a :class:`~studio.reports.book.content.BookContent` into pages of
frames (photo, text, rule), every rectangle in PDF points with the origin at the bottom-left
corner of the trimmed page. Text is measured through a ``measure(text, style, width) -> height``
callback, so the PDF writer passes reportlab's own measure and tests can pass an estimate.

The rules a print shop checks are rules of this module: text and framed photos stay inside
the safe area; a full-bleed photo (the cover, a panorama band) reaches the bleed edge; every
included photo is placed exactly once (the cover photo lives on the cover only); a caption
sits right under its photo on the same page.
"""

from __future__ import annotations

from collections.abc import Sequence

from studio.reports.book.arrangements import group, panorama_band, place
from studio.reports.book.content import BookContent, BookDay, BookPhoto
from studio.reports.book.flow import Column, paragraphs, pieces
from studio.reports.book.geometry import (
    CAPTION_GAP,
    MM,
    PANORAMA,
    STYLES,
    BookLayout,
    Frame,
    Geometry,
    Measure,
    Page,
    Rect,
    estimate,
    geometry,
    photo_aspect,
)
from studio.reports.words import date_span, long_date, short_date

#: The heading of the photos that belong to no day of the trip.
UNDATED_KICKER = "MORE MOMENTS"
UNDATED_TITLE = "Along the way"


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
        col = Column(box, measure)
        col.add(content.studio_name.upper(), "kicker", force=last)
        col.add(content.title, title_style, before=7, force=last)
        col.add(content.subtitle, "cover_sub", before=5, force=last)
        col.rule(10, 10, width=18 * MM)
        col.add(" · ".join(content.travellers), "cover_line", before=0, force=last)
        col.add(
            date_span(content.start_date, content.end_date, content.lang),
            "cover_line",
            before=2,
            force=last,
        )
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
        col = Column(
            Rect(g.content.x + g.content.w * 0.1, g.content.y, g.content.w * 0.8, g.content.h),
            measure,
        )
        col.add(content.studio_name.upper(), "kicker_center", force=last)
        col.rule(12, 16, width=14 * MM, center=True)
        col.add(content.title, title_style, force=last)
        col.add(content.subtitle, "title_sub", before=8, force=last)
        col.add(
            date_span(content.start_date, content.end_date, content.lang),
            "title_line",
            before=18,
            force=last,
        )
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
    col = Column(box, measure)
    col.add("THE ROUTE", "kicker")
    col.add("Day by day", "h1", before=4)
    for para in paragraphs(content.summary):
        for piece in pieces(para, "summary", box.w, box.h * 0.5, measure):
            if not col.add(piece, "summary", before=10):
                pages.append(Page("overview", col.frames))
                col = Column(box, measure)
                col.add(piece, "summary", force=True)
    if content.days:
        col.rule(14, 12)
    for d in content.days:
        when = short_date(d.date, content.lang).upper()
        head = f"DAY {d.number}" + (f"  ·  {when}" if d.date else "")
        block = [
            (head, "route_day", 12),
            (d.title or "", "route_title", 2),
            (" · ".join(d.places), "route_places", 1),
        ]
        need = sum(b + col.height(t, s) for t, s, b in block if t)
        if need > col.room():
            pages.append(Page("overview", col.frames))
            col = Column(box, measure)
            col.add("THE ROUTE, CONTINUED", "kicker")
            col.y -= 6
        for t, s, b in block:
            col.add(t, s, before=b, force=True)
    pages.append(Page("overview", col.frames))
    return pages


def _opener(
    d: BookDay,
    photos: list[BookPhoto],
    g: Geometry,
    measure: Measure,
    kicker: str | None = None,
    lang: str = "en",
) -> tuple[list[Page], list[BookPhoto]]:
    """The day's opening page(s); the photo it shows below a short text, if there is room."""
    kicker = kicker or f"DAY {d.number}"
    box = g.content
    text_w = min(box.w, 125 * MM if box.w <= box.h * 1.2 else box.w * 0.48)  # a readable measure
    tbox = Rect(box.x, box.y, text_w, box.h)
    pages: list[Page] = []
    col = Column(tbox, measure)
    col.add(kicker, "kicker")
    col.add(long_date(d.date, lang), "day_date", before=4)
    col.add(d.title, "day_title", before=6)
    col.add(" · ".join(d.places), "places", before=6)
    col.rule(12, 14, width=18 * MM)

    def flow(text: str, style: str, before: float, indent: float = 0) -> None:
        nonlocal col
        for piece in pieces(text, style, tbox.w - indent, tbox.h * 0.6, measure):
            if not col.add(piece, style, before=before, indent=indent):
                pages.append(Page("opener", col.frames))
                col = Column(tbox, measure)
                col.add(f"{kicker}, CONTINUED", "kicker")
                col.y -= 8
                col.add(piece, style, indent=indent, force=True)

    for para in paragraphs(d.journal):
        flow(para, "body", 9)
    for q in paragraphs(d.quotes):
        q = q if q[:1] in '“"「『' else f"“{q}”"
        flow(q, "quote", 12, indent=8 * MM)
    if d.highlights:
        if col.room() < 40:
            pages.append(Page("opener", col.frames))
            col = Column(tbox, measure)
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
        frames = place([pick], room, measure, valign="center" if wide else "bottom")
        if frames:
            page.frames += frames
            rest.remove(pick)
    pages.append(page)
    return pages, rest


def _closing(content: BookContent, g: Geometry, measure: Measure) -> list[Page]:
    """The closing words and the signature; a long message runs onto more pages, never cut."""
    box = Rect(g.content.x + g.content.w * 0.12, g.content.y, g.content.w * 0.76, g.content.h)
    pages: list[Page] = []
    col = Column(box, measure)
    for para in paragraphs(content.closing) or ["Until the next journey."]:
        for piece in pieces(para, "closing", box.w, box.h * 0.6, measure):
            if not col.add(piece, "closing", before=10):
                pages.append(Page("closing", col.frames))
                col = Column(box, measure)
                col.add(piece, "closing", force=True)
    sign = [(content.signature or content.studio_name, "signature", 0)]
    if content.signature and content.studio_name and content.studio_name not in content.signature:
        sign.append((content.studio_name, "colophon", 6))
    if 34 + sum(b + col.height(t, st) for t, st, b in sign) > col.room():
        pages.append(Page("closing", col.frames))
        col = Column(box, measure)
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
            opener_pages, rest = _opener(d, day_photos, g, measure, lang=content.lang)
            pages += opener_pages
        elif (
            day_photos
        ):  # photos tied to no day get a heading of their own, not a bare run of pages
            opener_pages, rest = _opener(
                BookDay(0, None, UNDATED_TITLE),
                day_photos,
                g,
                measure,
                kicker=UNDATED_KICKER,
                lang=content.lang,
            )
            pages += opener_pages
        for grp in group(
            rest, g.content.w, g.content.h, cap if any(p.caption for p in rest) else 0
        ):
            chosen = [rest[i] for i in grp]
            if len(chosen) == 1 and photo_aspect(chosen[0]) >= PANORAMA:
                pages.append(Page("photos", panorama_band(chosen[0], g, measure)))
            else:
                pages.append(Page("photos", place(chosen, g.content, measure)))
    closing = _closing(content, g, measure)
    if (len(pages) + len(closing)) % 2:
        # A bound book has an even number of pages (each leaf is printed on both sides): a blank
        # page before the closing words rather than a blank leaf the print shop adds at random.
        pages.append(Page("blank", []))
    pages += closing

    # folios: the title page is page 1; the cover and the closing page carry none
    for i, page in enumerate(pages):
        if page.kind not in ("cover", "title", "closing", "blank"):
            page.folio = i
            s = STYLES["folio"]
            page.frames.append(
                Frame("text", Rect(g.content.x, g.safe.y, g.content.w, s.leading), "folio", str(i))
            )
    return BookLayout(g, pages)
