"""The itinerary handout: a studio-branded PDF of a trip's current (or a chosen) version.

A cover (client, trip, dates), an overview of the days, then day by day the times (with the
place's time zone), places, confirmation codes and supplier contacts, and a page of emergency
contacts with the emergency numbers of the destination countries
(:mod:`studio.reports.emergency`). A4 or Letter; the handout's own words in English or Simplified
Chinese (``resources/i18n/handout.json``); with ``prices`` each item's price and the totals per
currency (cost and margin are never printed on a client's handout). Every font is embedded (see
:mod:`studio.reports.fonts`); Chinese and accented names render; long text wraps and flows onto the
next page, never cut. Written atomically.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from studio import paths
from studio.domain import validate
from studio.domain.models import Advisor, Client, Person
from studio.domain.trip_models import Supplier, Trip, TripDay, TripItem, TripVersion
from studio.errors import NotFoundError, StudioError
from studio.fileio import atomic_path
from studio.reports import emergency, fonts
from studio.services import studio_profile
from studio.services.trips import reading as trip_service
from studio.services.trips import suppliers as _sup
from studio.services.trips import totals as _tot
from studio.store import Studio

SIZES = ("a4", "letter")
LANGS = ("en", "zh")


@functools.cache
def words(lang: str = "en") -> dict:
    """The handout's own words in ``lang`` (English fills any key a translation lacks)."""
    data = json.loads((paths.resources_dir() / "i18n" / "handout.json").read_text(encoding="utf-8"))
    return {**data["en"], **data.get(lang, {})}


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
    totals: dict[str, _tot.Totals] = field(default_factory=dict)  # per currency


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
    days = [
        (d, sorted(by_day.get(d.id, []), key=lambda i: i.position))
        for d in trip_service.days(studio, vid)
    ]
    sup = {s.id: s for s in _sup.suppliers(studio)}
    return Plan(
        trip,
        client,
        advisor,
        trip_service.travellers(studio, trip.id),
        version,
        days,
        sup,
        _tot.totals(studio, vid),
    )


def _date_fields(d: date, w: dict, suffix: str = "") -> dict[str, object]:
    return {
        f"y{suffix}": d.year,
        f"m{suffix}": d.month,
        f"d{suffix}": d.day,
        f"month{suffix}": w["months"][d.month - 1],
        f"mon{suffix}": w["months_short"][d.month - 1],
        f"weekday{suffix}": w["weekdays"][d.weekday()],
        f"wd{suffix}": w["weekdays_short"][d.weekday()],
    }


def long_date(iso: str | None, lang: str = "en") -> str:
    """“Saturday 14 March 2026” or “2026年3月14日 星期六”."""
    if not iso:
        return ""
    w = words(lang)
    return w["long_date"].format(**_date_fields(date.fromisoformat(iso), w))


def short_date(iso: str | None, lang: str = "en") -> str:
    """“Sat 14 Mar” or “3月14日 周六”."""
    if not iso:
        return ""
    w = words(lang)
    return w["short_date"].format(**_date_fields(date.fromisoformat(iso), w))


def span(a: str | None, b: str | None, lang: str = "en") -> str:
    """The trip's dates: “10 – 12 May 2027”, “2027年5月10日至12日”."""
    w = words(lang)
    if not a:
        return w["dates_tbc"]
    if not b or a == b:
        return long_date(a, lang)
    da, db = date.fromisoformat(a), date.fromisoformat(b)
    fields = {**_date_fields(da, w, "1"), **_date_fields(db, w, "2")}
    if da.year == db.year and da.month == db.month:
        return w["span_same_month"].format(**fields)
    if da.year == db.year:
        return w["span_same_year"].format(**fields)
    return w["span"].format(**fields)


def money_text(amount: Decimal | str, currency: str | None) -> str:
    """“1,250 EUR”, “1,250.50 EUR” (whole amounts without decimals)."""
    value = Decimal(amount)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{text} {currency}" if currency else text


def _zone_abbr(tz: str | None, day: str | None, hhmm: str) -> str:
    if not tz:
        return ""
    try:
        when = datetime.combine(
            date.fromisoformat(day) if day else date.today(),
            datetime.strptime(hhmm, "%H:%M").time(),
            ZoneInfo(tz),
        )
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


def _highlights(titles: list[str], limit: int = 240, lang: str = "en") -> str:
    """A day's item titles for the overview, whole titles only: “A, B and 4 more”."""
    shown: list[str] = []
    for t in titles:
        if shown and sum(len(x) + 2 for x in shown) + len(t) > limit:
            break
        shown.append(t)
    rest = len(titles) - len(shown)
    w = words(lang)
    joined = w["list_sep"].join(shown)
    return w["and_more"].format(shown=joined, n=rest) if rest else joined


def _names(p: Person) -> str:
    return f"{p.name} ({p.native_name})" if p.native_name and p.native_name != p.name else p.name


def write_itinerary(
    studio: Studio,
    trip_ref: str,
    out: str | Path,
    *,
    size: str = "a4",
    version_id: str | None = None,
    studio_name: str | None = None,
    prices: bool = False,
    lang: str = "en",
) -> int:
    """Write the handout for ``trip_ref`` (id or unambiguous title) to ``out``; returns pages.

    ``prices`` adds each item's price and the totals per currency (never cost or margin);
    ``lang`` ("en" or "zh") is the language of the handout's own words and dates.
    """
    if size not in SIZES:
        raise StudioError(f"The page size must be a4 or letter, not “{size}”.")
    if lang not in LANGS:
        raise StudioError(f"The handout language must be en or zh, not “{lang}”.")
    plan = load_plan(studio, trip_ref, version_id)
    details = studio_profile.profile(studio)
    if studio_name:
        details = dataclasses.replace(details, name=studio_name, native_name="")
    return render(
        plan,
        Path(out),
        size=size,
        brand=details.name,
        prices=prices,
        lang=lang,
        studio_contacts=details.contacts(),
        details=details,
    )


# The handout's words for the studio's own details (kept beside the code that prints them).
_STUDIO_WORDS = {
    "en": {
        "emergency_line": "24 h emergency line",
        "emergency_line_intro": "Day or night, wherever you are, this line reaches someone at {brand} who knows your trip.",
    },
    "zh": {
        "emergency_line": "24小时紧急热线",
        "emergency_line_intro": "无论何时何地，拨打此热线都能联系到{brand}熟悉您行程的同事。",
    },
}


def render(
    plan: Plan,
    out: Path,
    *,
    size: str = "a4",
    brand: str = "Travel Studio",  # noqa: C901
    prices: bool = False,
    lang: str = "en",
    studio_contacts: list[str] | None = None,
    details: studio_profile.Profile | None = None,
) -> int:
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
    w = words(lang)
    sw = {**_STUDIO_WORDS["en"], **_STUDIO_WORDS.get(lang, {})}
    details = details or studio_profile.Profile(name=brand)
    full_brand = details.display_name if details.name == brand else brand
    page = A4 if size == "a4" else LETTER
    margin = 18 * mm
    content_w = page[0] - 2 * margin
    ink = colors.HexColor("#1f2a37")
    accent = colors.HexColor("#8a6d3b")
    rule = colors.HexColor("#c9bfa8")
    # the overview and the price totals: a ruled listing under a heavier header line
    listing = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, rule),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ink),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    band = colors.HexColor("#1f2a37")
    time_w = 34 * mm

    def style(name, **kw):
        base = dict(fontName=fonts.SANS, fontSize=9.5, leading=13, textColor=ink)
        base.update(kw)
        return ParagraphStyle(name, **base)

    st = {
        "brand": style("brand", fontName=fonts.SERIF, fontSize=11, leading=14, textColor=accent),
        "cover_title": style("cover_title", fontName=fonts.SERIF_BOLD, fontSize=30, leading=36),
        "cover_sub": style(
            "cover_sub", fontName=fonts.SERIF, fontSize=15, leading=20, textColor=accent
        ),
        "cover_line": style("cover_line", fontSize=11, leading=16),
        "h1": style("h1", fontName=fonts.SERIF_BOLD, fontSize=18, leading=23, spaceAfter=6),
        "h2": style(
            "h2", fontName=fonts.SERIF_BOLD, fontSize=13, leading=17, spaceBefore=10, spaceAfter=3
        ),
        "h3": style(
            "h3", fontName=fonts.SANS_BOLD, fontSize=10, leading=13.5, spaceBefore=6, spaceAfter=2
        ),
        "body": style("body"),
        "cell": style("cell", fontSize=8.8, leading=11.5),
        "cell_r": style("cell_r", fontSize=8.8, leading=11.5, alignment=2),
        "item": style("item", fontSize=10, leading=13.5),
        "time": style("time", fontSize=8.8, leading=13.5),
        "detail": style(
            "detail",
            fontSize=8.8,
            leading=11.8,
            leftIndent=time_w,
            textColor=colors.HexColor("#374151"),
        ),
        "small": style("small", fontSize=8, leading=10.5, textColor=accent),
        "number": style("number", fontSize=14, leading=17),
    }

    cjk_styles: dict[str, ParagraphStyle] = {}

    # the width a paragraph of each style has (CJK wrapping is slow: a line that fits needs none)
    room = {
        "detail": content_w - time_w,
        "item": content_w - time_w - 4,
        "body": content_w,
        "h2": content_w,
        "cover_line": content_w,
    }

    def cjk(s: str, text: str) -> ParagraphStyle:
        """The style, wrapping between any two Chinese characters when the text has Chinese
        (CJK wrapping on Latin text loses the spaces where a split paragraph continues)."""
        if not fonts.has_cjk(text):
            return st[s]
        if s in room and fonts.width(text, st[s].fontSize) * 1.2 < room[s]:
            return st[s]  # one line, with room to spare for bold type
        if s not in cjk_styles:
            cjk_styles[s] = ParagraphStyle(f"{s}-cjk", parent=st[s], wordWrap="CJK")
        return cjk_styles[s]

    def para(text: str, s: str, bold_prefix: str = "") -> Paragraph:
        return Paragraph(bold_prefix + _mk(text), cjk(s, text))

    def label(text: str, size: float = 8) -> str:
        """A small accent-coloured label inside a paragraph (Chinese in the CJK font)."""
        return f"<font color='#8a6d3b' size='{size}'>{_mk(text)}</font>"

    trip, client = plan.trip, plan.client
    client_line = client.name + (
        f"  {client.native_name}"
        if client.native_name and client.native_name != client.name
        else ""
    )
    destinations = json.loads(trip.destinations or "[]")
    story: list = []

    # -- cover ------------------------------------------------------------------------------
    story += [Spacer(1, 38 * mm), para(brand.upper(), "brand")]
    if details.native_name and details.name == brand:
        story.append(para(details.native_name, "brand"))
    if details.tagline:
        story.append(para(details.tagline, "small"))
    story += [
        Spacer(1, 6 * mm),
        para(trip.title, "cover_title"),
        Spacer(1, 3 * mm),
        para(span(trip.start_date, trip.end_date, lang), "cover_sub"),
        Spacer(1, 10 * mm),
        para(w["prepared_for"].format(client=client_line), "cover_line"),
    ]
    if plan.travellers:
        names = w["list_sep"].join(_names(p) for p in plan.travellers)
        story.append(para(w["travellers"].format(names=names), "cover_line"))
    if destinations:
        story.append(para(w["destinations"].format(places=" · ".join(destinations)), "cover_line"))
    vlabel = w["version"].format(n=plan.version.number) + (
        f" — {plan.version.label}" if plan.version.label else ""
    )
    if plan.version.approved_at:
        vlabel += " " + w["approved"].format(date=plan.version.approved_at[:10])
    story += [Spacer(1, 8 * mm), para(vlabel, "small")]
    adv = ""
    if plan.advisor:
        adv = plan.advisor.name + (
            f" {plan.advisor.native_name}" if plan.advisor.native_name else ""
        )
        story.append(
            para(
                w["your_advisor"].format(name=adv)
                + (f" · {plan.advisor.email}" if plan.advisor.email else ""),
                "small",
            )
        )
    story.append(PageBreak())

    # -- overview ---------------------------------------------------------------------------
    story.append(para(w["overview"], "h1"))
    rows = [[para(w["col_day"], "cell"), para(w["col_date"], "cell"), para(w["col_plan"], "cell")]]
    for d, its in plan.days:
        main = (
            d.title
            or _highlights([i.title for i in its if i.kind != "note"], lang=lang)
            or w["at_leisure"]
        )
        rows.append(
            [
                para(str(d.day_number), "cell"),
                para(short_date(d.date, lang), "cell"),
                para(main, "cell"),
            ]
        )
    t = Table(rows, colWidths=[12 * mm, 27 * mm, content_w - 39 * mm], repeatRows=1, hAlign="LEFT")
    t.setStyle(listing)
    story.append(t)
    story.append(PageBreak())

    # -- day by day --------------------------------------------------------------------------
    kinds = w["kinds"]
    for d, its in plan.days:
        head = w["day_heading"].format(n=d.day_number)
        if d.date:
            head += f" · {long_date(d.date, lang)}"
        if d.title:
            head += f" — {d.title}"
        block = [CondPageBreak(40 * mm), para(head, "h2")]
        if d.notes:
            block += [para(p, "body") for p in d.notes.split("\n\n") if p.strip()]
        if not its:
            block.append(para(w["at_leisure_day"], "body"))
        for it in its:
            # the time in its own column; the title wraps in the column beside it
            head_par = Table(
                [
                    [
                        Paragraph(f"<b>{_mk(time_text(it, d.date))}</b>", st["time"]),
                        Paragraph(
                            f"<b>{_mk(it.title)}</b> {label(kinds.get(it.kind, it.kind))}",
                            cjk("item", it.title + kinds.get(it.kind, "")),
                        ),
                    ]
                ],
                colWidths=[time_w, content_w - time_w],
                hAlign="LEFT",
            )
            head_par.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                        ("TOPPADDING", (0, 0), (-1, -1), 5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ]
                )
            )
            parts = [head_par]
            if it.place:
                parts.append(para(it.place, "detail"))
            sup = plan.suppliers.get(it.supplier_id or "")
            if sup:
                sname = sup.name + (f" {sup.native_name}" if sup.native_name else "")
                parts.append(para(sname + (f" — {sup.contacts}" if sup.contacts else ""), "detail"))
            if it.confirmation:
                parts.append(para(w["confirmation"].format(code=it.confirmation), "detail"))
            if prices and it.price is not None:
                amount = money_text(it.price, it.currency or trip.currency)
                parts.append(para(w["price"].format(amount=amount), "detail"))
            for p in (it.notes or "").split("\n\n"):
                if p.strip():
                    parts.append(para(p.strip(), "detail"))
            # short items stay together; a long one flows onto the next page rather than be cut
            if sum(len(getattr(x, "text", "")) for x in parts) < 600:
                block.append(KeepTogether(parts))
            else:
                block += parts
        story += block

    # -- prices: the price per currency, never cost or margin ---------------------------------
    priced = (
        {cur or trip.currency: tot.price for cur, tot in plan.totals.items() if tot.price}
        if prices
        else {}
    )
    if priced:
        counts: dict[str, int] = {}
        for _d, its in plan.days:
            for it in its:
                if it.price is not None:
                    cur = it.currency or trip.currency
                    counts[cur] = counts.get(cur, 0) + 1
        rows = [
            [para(w["col_currency"], "cell"), para("", "cell"), para(w["prices_total"], "cell_r")]
        ]
        for cur, amount in priced.items():
            n = counts.get(cur, 0)
            rows.append(
                [
                    para(cur, "cell"),
                    para(w["prices_item"] if n == 1 else w["prices_items"].format(n=n), "cell"),
                    Paragraph(f"<b>{_mk(money_text(amount, cur))}</b>", st["cell_r"]),
                ]
            )
        t = Table(rows, colWidths=[30 * mm, content_w - 80 * mm, 50 * mm], hAlign="LEFT")
        t.setStyle(listing)
        story.append(
            KeepTogether(
                [
                    para(w["prices_heading"], "h2"),
                    para(w["prices_intro"], "body"),
                    Spacer(1, 2 * mm),
                    t,
                ]
            )
        )

    # -- emergency contacts ----------------------------------------------------------------
    story += [PageBreak(), para(w["emergency_heading"], "h1"), para(w["emergency_intro"], "body")]
    if details.emergency_phone:
        line = Table(
            [
                [
                    Paragraph(
                        f"{label(sw['emergency_line'], 8)}<br/><b>"
                        f"{_mk(validate.format_phone(details.emergency_phone))}</b>",
                        st["number"],
                    ),
                    para(sw["emergency_line_intro"].format(brand=full_brand), "body"),
                ]
            ],
            colWidths=[62 * mm, content_w - 62 * mm],
            hAlign="LEFT",
        )
        line.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("BOX", (0, 0), (-1, -1), 0.8, accent),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ]
            )
        )
        story += [Spacer(1, 3 * mm), line]
    story += [Spacer(1, 2 * mm), para(w["numbers_heading"], "h2")]
    found = emergency.match(destinations)
    services = w["services"]
    for country, named in found.countries:
        places = w["list_sep"].join(named)
        cname = country.display(lang)
        head = (
            w["numbers_for"].format(country=cname, places=places)
            if places not in (country.name, country.name_zh)
            else cname
        )
        # one small card per service: its name above, the number large below, four to a row
        num_style = st["number"]
        cells = [
            Paragraph(
                f"{label(services.get(k, k), 7.5)}<br/><b>{_mk(country.numbers[k])}</b>", num_style
            )
            for k in emergency.SERVICES
            if k in country.numbers
        ]
        cells += [""] * (-len(cells) % 4)
        nt = Table(
            [cells[i : i + 4] for i in range(0, len(cells), 4)],
            colWidths=[content_w / 4] * 4,
            hAlign="LEFT",
        )
        nt.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        story.append(KeepTogether([para(head, "h3"), nt]))
    if found.unknown:
        story.append(Spacer(1, 2 * mm))
        story.append(
            para(w["numbers_unknown"].format(places=w["list_sep"].join(found.unknown)), "body")
        )
    elif not found.countries:
        story.append(para(w["numbers_none"], "body"))
    story.append(Spacer(1, 3 * mm))
    if plan.advisor or studio_contacts or details.address:
        story.append(
            para(
                (w["studio_heading"] if plan.advisor else w["studio_only_heading"]).format(
                    brand=full_brand
                ),
                "h2",
            )
        )
        if plan.advisor:
            story.append(
                para(adv + (f" · {plan.advisor.email}" if plan.advisor.email else ""), "body")
            )
        if studio_contacts:
            story.append(para(" · ".join(studio_contacts), "body"))
        if details.address:
            story.append(para(details.address, "body"))
    used = []
    for _d, its in plan.days:
        for it in its:
            s = plan.suppliers.get(it.supplier_id or "")
            if s and s not in used:
                used.append(s)
    order = {"insurer": 0, "ground-operator": 1, "guide": 2, "hotel": 3, "airline": 4}
    used.sort(key=lambda s: (order.get(s.kind, 9), s.name))
    if used:
        story.append(para(w["suppliers_heading"], "h2"))
        skinds = w["supplier_kinds"]
        for s in used:
            line = (
                f"<b>{_mk(s.name + (' ' + s.native_name if s.native_name else ''))}</b> "
                + label(skinds.get(s.kind, s.kind))
            )
            story.append(
                Paragraph(
                    line, cjk("body", s.name + (s.native_name or "") + skinds.get(s.kind, ""))
                )
            )
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
            band_text = full_brand if fonts.width(full_brand, 12) <= content_w else brand
            while band_text and fonts.width(band_text, 12) > content_w:
                band_text = band_text[:-2] + "…"
            fonts.draw_string(canvas, margin, page[1] - 14 * mm, band_text, 12)
        else:
            canvas.setStrokeColor(rule)
            canvas.setLineWidth(0.5)
            canvas.line(margin, 14 * mm, page[0] - margin, 14 * mm)
            canvas.setFillColor(accent)
            num = w["page"].format(n=doc.page)
            room = content_w - fonts.width(num, 7.5) - 8 * mm
            footer = f"{full_brand} · {trip.title}"
            if fonts.width(footer, 7.5) > room:
                footer = f"{brand} · {trip.title}"
            while footer and fonts.width(footer, 7.5) > room:
                footer = footer[:-2] + "…"
            fonts.draw_string(canvas, margin, 9.5 * mm, footer, 7.5)
            fonts.draw_string(canvas, page[0] - margin - fonts.width(num, 7.5), 9.5 * mm, num, 7.5)
        canvas.restoreState()

    out = Path(out)
    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=page,
            leftMargin=margin,
            rightMargin=margin,
            topMargin=margin,
            bottomMargin=20 * mm,
            title=f"{trip.title} — {client.name}",
            author=brand,
            subject="Itinerary",
            lang="zh-CN" if lang == "zh" else "en",
        )
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=fonts.Canvas)
        return doc.page
