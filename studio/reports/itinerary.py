"""The itinerary handout: a studio-branded PDF of a trip's current (or a chosen) version.

A cover (client, trip, dates), an overview of the days, then day by day the times (with the
place's time zone), places, confirmation codes and supplier contacts, and a page of emergency
contacts. A4 or Letter. Every font is embedded (see :mod:`studio.reports.fonts`); Chinese and
accented names render; long text wraps and flows onto the next page, never cut. Written atomically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from studio.domain.models import Advisor, Client, Person
from studio.domain.trip_models import Supplier, Trip, TripDay, TripItem, TripVersion
from studio.errors import NotFoundError, StudioError
from studio.fileio import atomic_path
from studio.reports import fonts
from studio.services import trips as trip_service
from studio.store import Studio

SIZES = ("a4", "letter")

_KIND = {
    "flight": "Flight", "lodging": "Stay", "transfer": "Transfer", "activity": "Activity",
    "dining": "Dining", "free": "Free time", "note": "Note",
}


@dataclass
class Plan:
    """Everything the handout prints, read in one go."""

    trip: Trip
    client: Client
    advisor: Advisor | None
    travellers: list[Person]
    version: TripVersion
    days: list[tuple[TripDay, list[TripItem]]]
    suppliers: dict[str, Supplier]


def load_plan(studio: Studio, trip_id: str, version_id: str | None = None) -> Plan:
    trip = trip_service.find_trip(studio, trip_id)
    vid = version_id or trip.current_version_id
    with studio.session() as s:
        client = s.get(Client, trip.client_id)
        advisor = s.get(Advisor, trip.advisor_id) if trip.advisor_id else None
        version = s.get(TripVersion, vid) if vid else None
    if version is None or version.trip_id != trip.id:
        raise NotFoundError(f"The trip “{trip.title}” has no version to print.")
    items = trip_service.version_items(studio, vid)
    by_day: dict[str, list[TripItem]] = {}
    for it in items:
        by_day.setdefault(it.day_id, []).append(it)
    days = [(d, sorted(by_day.get(d.id, []), key=lambda i: i.position)) for d in trip_service.days(studio, vid)]
    sup = {s.id: s for s in trip_service.suppliers(studio)}
    return Plan(trip, client, advisor, trip_service.travellers(studio, trip.id), version, days, sup)


def _long_date(iso: str | None) -> str:
    if not iso:
        return ""
    d = date.fromisoformat(iso)
    return f"{d:%A} {d.day} {d:%B %Y}"


def _span(a: str | None, b: str | None) -> str:
    if not a:
        return "Dates to be confirmed"
    da = date.fromisoformat(a)
    if not b or a == b:
        return _long_date(a)
    db = date.fromisoformat(b)
    if da.year == db.year and da.month == db.month:
        return f"{da.day} – {db.day} {db:%B %Y}"
    if da.year == db.year:
        return f"{da.day} {da:%B} – {db.day} {db:%B %Y}"
    return f"{da.day} {da:%B %Y} – {db.day} {db:%B %Y}"


def _zone_abbr(tz: str | None, day: str | None, hhmm: str) -> str:
    if not tz:
        return ""
    try:
        when = datetime.combine(date.fromisoformat(day) if day else date.today(),
                                datetime.strptime(hhmm, "%H:%M").time(), ZoneInfo(tz))
        return when.tzname() or tz
    except (ValueError, KeyError):
        return tz


def time_text(it: TripItem, day: str | None) -> str:
    """“10:00 JST – 12:00 CST”, “19:30”, or “” for an item without a time."""
    if not it.start_time:
        return ""
    start = it.start_time
    z1 = _zone_abbr(it.time_zone, day, it.start_time)
    out = f"{start} {z1}".strip()
    if it.end_time:
        z2 = _zone_abbr(it.end_time_zone or it.time_zone, day, it.end_time)
        end = f"{it.end_time} {z2}".strip() if z2 != z1 else it.end_time
        if z2 == z1 and z1:
            out = f"{start}–{it.end_time} {z1}"
        else:
            out = f"{out} – {end}"
        if it.end_time < it.start_time and it.kind == "flight":
            out += " (+1)"
    return out


# Arrows advisors type in titles ("Shanghai → Paris") have no glyph in the embedded fonts.
_ARROWS = str.maketrans({"→": "–", "⇒": "–", "➔": "–", "➜": "–", "⟶": "–", "←": "–"})


def _mk(text: str) -> str:
    """Paragraph markup of ``text`` (Chinese runs in the CJK font, arrows as dashes)."""
    return fonts.markup((text or "").translate(_ARROWS))


def _highlights(titles: list[str], limit: int = 240) -> str:
    """A day's item titles for the overview, whole titles only: “A, B and 4 more”."""
    shown: list[str] = []
    for t in titles:
        if shown and sum(len(x) + 2 for x in shown) + len(t) > limit:
            break
        shown.append(t)
    rest = len(titles) - len(shown)
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


def _names(p: Person) -> str:
    return f"{p.name} ({p.native_name})" if p.native_name and p.native_name != p.name else p.name


def write_itinerary(studio: Studio, trip_ref: str, out: str | Path, *, size: str = "a4",
                    version_id: str | None = None, studio_name: str | None = None) -> int:
    """Write the handout for ``trip_ref`` (id or unambiguous title) to ``out``; returns pages."""
    if size not in SIZES:
        raise StudioError(f"The page size must be a4 or letter, not “{size}”.")
    plan = load_plan(studio, trip_ref, version_id)
    brand = studio_name or studio.setting("studio_name") or "Travel Studio"
    return render(plan, Path(out), size=size, brand=brand)


def render(plan: Plan, out: Path, *, size: str = "a4", brand: str = "Travel Studio") -> int:  # noqa: C901
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        CondPageBreak,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    fonts.register()
    page = A4 if size == "a4" else LETTER
    margin = 18 * mm
    content_w = page[0] - 2 * margin
    ink = colors.HexColor("#1f2a37")
    accent = colors.HexColor("#8a6d3b")
    rule = colors.HexColor("#c9bfa8")
    band = colors.HexColor("#1f2a37")
    time_w = 34 * mm

    def style(name, **kw):
        base = dict(fontName=fonts.SANS, fontSize=9.5, leading=13, textColor=ink)
        base.update(kw)
        return ParagraphStyle(name, **base)

    st = {
        "brand": style("brand", fontName=fonts.SERIF, fontSize=11, leading=14, textColor=accent),
        "cover_title": style("cover_title", fontName=fonts.SERIF_BOLD, fontSize=30, leading=36),
        "cover_sub": style("cover_sub", fontName=fonts.SERIF, fontSize=15, leading=20, textColor=accent),
        "cover_line": style("cover_line", fontSize=11, leading=16),
        "h1": style("h1", fontName=fonts.SERIF_BOLD, fontSize=18, leading=23, spaceAfter=6),
        "h2": style("h2", fontName=fonts.SERIF_BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=3),
        "body": style("body"),
        "cell": style("cell", fontSize=8.8, leading=11.5),
        "item": style("item", fontSize=10, leading=13.5),
        "time": style("time", fontSize=8.8, leading=13.5),
        "detail": style("detail", fontSize=8.8, leading=11.8, leftIndent=time_w, textColor=colors.HexColor("#374151")),
        "small": style("small", fontSize=8, leading=10.5, textColor=accent),
    }

    cjk_styles: dict[str, ParagraphStyle] = {}

    def cjk(s: str, text: str) -> ParagraphStyle:
        """The style, wrapping between any two Chinese characters when the text has Chinese
        (CJK wrapping on Latin text loses the spaces where a split paragraph continues)."""
        if not fonts.has_cjk(text):
            return st[s]
        if s not in cjk_styles:
            cjk_styles[s] = ParagraphStyle(f"{s}-cjk", parent=st[s], wordWrap="CJK")
        return cjk_styles[s]

    def para(text: str, s: str, bold_prefix: str = "") -> Paragraph:
        return Paragraph(bold_prefix + _mk(text), cjk(s, text))

    trip, client = plan.trip, plan.client
    client_line = client.name + (f"  {client.native_name}" if client.native_name and client.native_name != client.name else "")
    destinations = json.loads(trip.destinations or "[]")
    story: list = []

    # -- cover ------------------------------------------------------------------------------
    story += [Spacer(1, 38 * mm), para(brand.upper(), "brand"), Spacer(1, 6 * mm),
              para(trip.title, "cover_title"), Spacer(1, 3 * mm),
              para(_span(trip.start_date, trip.end_date), "cover_sub"), Spacer(1, 10 * mm),
              para(f"Prepared for {client_line}", "cover_line")]
    if plan.travellers:
        story.append(para("Travellers: " + ", ".join(_names(p) for p in plan.travellers), "cover_line"))
    if destinations:
        story.append(para("Destinations: " + " · ".join(destinations), "cover_line"))
    vlabel = f"Version {plan.version.number}" + (f" — {plan.version.label}" if plan.version.label else "")
    if plan.version.approved_at:
        vlabel += f" (approved {plan.version.approved_at[:10]})"
    story += [Spacer(1, 8 * mm), para(vlabel, "small")]
    if plan.advisor:
        adv = plan.advisor.name + (f" {plan.advisor.native_name}" if plan.advisor.native_name else "")
        story.append(para(f"Your advisor: {adv}" + (f" · {plan.advisor.email}" if plan.advisor.email else ""), "small"))
    story.append(PageBreak())

    # -- overview ---------------------------------------------------------------------------
    story.append(para("Overview", "h1"))
    rows = [[para("Day", "cell"), para("Date", "cell"), para("Plan", "cell")]]
    for d, its in plan.days:
        when = ""
        if d.date:
            dd = date.fromisoformat(d.date)
            when = f"{dd:%a} {dd.day} {dd:%b}"
        main = d.title or _highlights([i.title for i in its if i.kind != "note"]) or "At leisure"
        rows.append([para(str(d.day_number), "cell"), para(when, "cell"), para(main, "cell")])
    t = Table(rows, colWidths=[12 * mm, 24 * mm, content_w - 36 * mm], repeatRows=1, hAlign="LEFT")
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, rule),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ink),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    story.append(t)
    story.append(PageBreak())

    # -- day by day --------------------------------------------------------------------------
    for d, its in plan.days:
        head = f"Day {d.day_number}"
        if d.date:
            head += f" · {_long_date(d.date)}"
        if d.title:
            head += f" — {d.title}"
        block = [CondPageBreak(40 * mm), para(head, "h2")]
        if d.notes:
            block += [para(p, "body") for p in d.notes.split("\n\n") if p.strip()]
        if not its:
            block.append(para("At leisure.", "body"))
        for it in its:
            # the time in its own column; the title wraps in the column beside it
            head_par = Table(
                [[Paragraph(f"<b>{_mk(time_text(it, d.date))}</b>", st["time"]),
                  Paragraph(f"<b>{_mk(it.title)}</b> <font color='#8a6d3b' size='8'>{_KIND.get(it.kind, it.kind)}</font>",
                            cjk("item", it.title))]],
                colWidths=[time_w, content_w - time_w], hAlign="LEFT",
            )
            head_par.setStyle(TableStyle([
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]))
            parts = [head_par]
            if it.place:
                parts.append(para(it.place, "detail"))
            sup = plan.suppliers.get(it.supplier_id or "")
            if sup:
                sname = sup.name + (f" {sup.native_name}" if sup.native_name else "")
                parts.append(para(sname + (f" — {sup.contacts}" if sup.contacts else ""), "detail"))
            if it.confirmation:
                parts.append(para(f"Confirmation: {it.confirmation}", "detail"))
            for p in (it.notes or "").split("\n\n"):
                if p.strip():
                    parts.append(para(p.strip(), "detail"))
            # short items stay together; a long one flows onto the next page rather than be cut
            if sum(len(getattr(x, "text", "")) for x in parts) < 600:
                block.append(KeepTogether(parts))
            else:
                block += parts
        story += block

    # -- emergency contacts ----------------------------------------------------------------
    story += [PageBreak(), para("Emergency contacts", "h1")]
    story.append(para("Keep this page with your passport. In a medical emergency call the local "
                      "emergency number first, then your insurer, then us.", "body"))
    story.append(Spacer(1, 4 * mm))
    if plan.advisor:
        story.append(para(f"{brand} — your advisor", "h2"))
        adv = plan.advisor.name + (f" {plan.advisor.native_name}" if plan.advisor.native_name else "")
        story.append(para(adv + (f" · {plan.advisor.email}" if plan.advisor.email else ""), "body"))
    used = []
    for _d, its in plan.days:
        for it in its:
            s = plan.suppliers.get(it.supplier_id or "")
            if s and s not in used:
                used.append(s)
    order = {"insurer": 0, "ground-operator": 1, "guide": 2, "hotel": 3, "airline": 4}
    used.sort(key=lambda s: (order.get(s.kind, 9), s.name))
    if used:
        story.append(para("Suppliers on this trip", "h2"))
        for s in used:
            line = f"<b>{_mk(s.name + (' ' + s.native_name if s.native_name else ''))}</b> " \
                   f"<font color='#8a6d3b' size='8'>{s.kind.replace('-', ' ')}</font>"
            story.append(Paragraph(line, cjk("body", s.name + (s.native_name or ""))))
            for extra in (s.contacts, s.location):
                if extra:
                    story.append(para(extra, "body"))
            story.append(Spacer(1, 2 * mm))

    def on_page(canvas, doc):
        canvas.saveState()
        if doc.page == 1:
            canvas.setFillColor(band)
            canvas.rect(0, page[1] - 22 * mm, page[0], 22 * mm, stroke=0, fill=1)
            canvas.setFillColor(colors.white)
            fonts.draw_string(canvas, margin, page[1] - 14 * mm, brand, 12)
        else:
            canvas.setStrokeColor(rule)
            canvas.setLineWidth(0.5)
            canvas.line(margin, 14 * mm, page[0] - margin, 14 * mm)
            canvas.setFillColor(accent)
            fonts.draw_string(canvas, margin, 9.5 * mm, f"{brand} · {trip.title}"[:110], 7.5)
            label = f"Page {doc.page}"
            fonts.draw_string(canvas, page[0] - margin - fonts.width(label, 7.5), 9.5 * mm, label, 7.5)
        canvas.restoreState()

    out = Path(out)
    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(
            str(tmp), pagesize=page, leftMargin=margin, rightMargin=margin, topMargin=margin,
            bottomMargin=20 * mm, title=f"{trip.title} — {client.name}", author=brand,
            subject="Itinerary", lang="en",
        )
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=fonts.Canvas)
        return doc.page
