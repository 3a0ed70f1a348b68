"""The itinerary handout: a studio-branded PDF of a trip's plan.

A cover (client, trip, dates), an overview of the days, then day by day the times (with the
place's time zone), places, confirmation codes and supplier contacts, and a page of emergency
contacts with the emergency numbers of the destination countries
(:mod:`studio.reports.emergency`). A4 or Letter; the handout's own words and dates in English or
Simplified Chinese (:mod:`studio.reports.words`); with ``prices`` each item's price and the totals
per currency (the content never holds cost or margin). Every font is embedded (see
:mod:`studio.reports.fonts`); Chinese and accented names render; long text wraps and flows onto the
next page, never cut. Written atomically.

It prints a :class:`~studio.reports.handout_content.HandoutContent`, which
:func:`studio.services.trips.handout.handout_content` reads from a studio (and
:func:`studio.services.trips.handout.write_itinerary` writes in one call).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studio.domain import values as v
from studio.fileio import atomic_path
from studio.reports import emergency, fonts
from studio.reports.handout_content import HandoutContent, HandoutItem
from studio.reports.words import date_span, handout_words, long_date, short_date

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle as _ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Flowable

SIZES = v.keys(v.HandoutSize)
LANGS = v.keys(v.Language)


def money_text(amount: Decimal | str, currency: str | None) -> str:
    """“1,250 EUR”, “1,250.50 EUR” (whole amounts without decimals)."""
    value = Decimal(amount)
    text = f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
    return f"{text} {currency}" if currency else text


def time_text(it: HandoutItem) -> str:
    """“10:00 JST – 12:00 CST”, “19:30”, “23:30 PST – 09:30 AEDT (+2)”, or “” without a time."""
    if not it.start_time:
        return ""
    start, z1 = it.start_time, it.start_zone
    out = f"{start} {z1}".strip()
    if it.end_time:
        z2 = it.end_zone
        end = f"{it.end_time} {z2}".strip() if z2 != z1 else it.end_time
        if z2 == z1 and z1:
            out = f"{start}–{it.end_time} {z1}"
        else:
            out = f"{out} – {end}"
        if it.arrival_offset:
            out += f" ({it.arrival_offset})"
    return out


# Arrows advisors type in titles ("Shanghai → Paris") and the minus sign of a flight landing the
# day before ("−1") have no glyph in the embedded fonts: an en dash stands in, as typesetters do.
_NO_GLYPH = str.maketrans(
    {"→": "–", "⇒": "–", "➔": "–", "➜": "–", "⟶": "–", "←": "–", "\u2212": "–"}
)


def _mk(text: str, base: str = fonts.SANS) -> str:
    """Paragraph markup of ``text`` set in ``base`` (other scripts in their fonts, arrows and
    minus as dashes)."""
    return fonts.markup((text or "").translate(_NO_GLYPH), base)


def _highlights(titles: list[str], limit: int = 240, lang: str = "en") -> str:
    """A day's item titles for the overview, whole titles only: “A, B and 4 more”."""
    shown: list[str] = []
    for t in titles:
        if shown and sum(len(x) + 2 for x in shown) + len(t) > limit:
            break
        shown.append(t)
    rest = len(titles) - len(shown)
    w = handout_words(lang)
    joined = w["list_sep"].join(shown)
    return w["and_more"].format(shown=joined, n=rest) if rest else joined


def render(  # noqa: C901
    content: HandoutContent,
    out: Path,
    *,
    size: str = "a4",
    prices: bool = False,
    lang: str = "en",
) -> int:
    """Write the handout of ``content`` to ``out`` (atomically); returns the number of pages.

    ``prices`` adds each item's price and the totals per currency; ``lang`` ("en" or "zh") is the
    language of the handout's own words and dates.
    """
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
    w = handout_words(lang)
    details = content.studio
    brand, full_brand = details.name, details.display_name
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

    def style(name: str, **kw: Any) -> _ParagraphStyle:
        base: dict[str, Any] = dict(fontName=fonts.SANS, fontSize=9.5, leading=13, textColor=ink)
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
        return Paragraph(bold_prefix + _mk(text, st[s].fontName), cjk(s, text))

    def label(text: str, size: float = 8) -> str:
        """A small accent-coloured label inside a paragraph (Chinese in the CJK font)."""
        return f"<font color='#8a6d3b' size='{size}'>{_mk(text)}</font>"

    destinations = list(content.destinations)
    story: list = []

    # -- cover ------------------------------------------------------------------------------
    story += [Spacer(1, 38 * mm), para(brand.upper(), "brand")]
    if details.native_name:
        story.append(para(details.native_name, "brand"))
    if details.tagline:
        story.append(para(details.tagline, "small"))
    story += [
        Spacer(1, 6 * mm),
        para(content.title, "cover_title"),
        Spacer(1, 3 * mm),
        para(
            date_span(content.start_date, content.end_date, lang, weekday=True) or w["dates_tbc"],
            "cover_sub",
        ),
        Spacer(1, 10 * mm),
        para(w["prepared_for"].format(client=content.client), "cover_line"),
    ]
    if content.travellers:
        names = w["list_sep"].join(content.travellers)
        story.append(para(w["travellers"].format(names=names), "cover_line"))
    if destinations:
        story.append(para(w["destinations"].format(places=" · ".join(destinations)), "cover_line"))
    vlabel = w["version"].format(n=content.version_number) + (
        f" — {content.version_label}" if content.version_label else ""
    )
    if content.approved_on:
        vlabel += " " + w["approved"].format(date=content.approved_on)
    story += [Spacer(1, 8 * mm), para(vlabel, "small")]
    adv = ""
    advisor = content.advisor
    if advisor:
        adv = advisor.name
        story.append(
            para(
                w["your_advisor"].format(name=adv)
                + (f" · {advisor.email}" if advisor.email else ""),
                "small",
            )
        )
    story.append(PageBreak())

    # -- overview ---------------------------------------------------------------------------
    story.append(para(w["overview"], "h1"))
    rows = [[para(w["col_day"], "cell"), para(w["col_date"], "cell"), para(w["col_plan"], "cell")]]
    for d in content.days:
        its = d.items
        main = (
            d.title
            or _highlights([i.title for i in its if i.kind != "note"], lang=lang)
            or w["at_leisure"]
        )
        rows.append(
            [
                para(str(d.number), "cell"),
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
    for d in content.days:
        its = d.items
        head = w["day_heading"].format(n=d.number)
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
                        Paragraph(f"<b>{_mk(time_text(it), fonts.SANS_BOLD)}</b>", st["time"]),
                        Paragraph(
                            f"<b>{_mk(it.title, fonts.SANS_BOLD)}</b> {label(kinds.get(it.kind, it.kind))}",
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
            parts: list[Flowable] = [head_par]
            if it.place:
                parts.append(para(it.place, "detail"))
            sup = it.supplier
            if sup:
                sname = sup.display_name
                parts.append(para(sname + (f" — {sup.contacts}" if sup.contacts else ""), "detail"))
            if it.confirmation:
                parts.append(para(w["confirmation"].format(code=it.confirmation), "detail"))
            if prices and it.price is not None:
                amount = money_text(it.price, it.currency)
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
    priced = content.price_totals if prices else ()
    if priced:
        rows = [
            [para(w["col_currency"], "cell"), para("", "cell"), para(w["prices_total"], "cell_r")]
        ]
        for total in priced:
            cur, n = total.currency, total.items
            rows.append(
                [
                    para(cur, "cell"),
                    para(w["prices_item"] if n == 1 else w["prices_items"].format(n=n), "cell"),
                    Paragraph(
                        f"<b>{_mk(money_text(total.amount, cur), fonts.SANS_BOLD)}</b>",
                        st["cell_r"],
                    ),
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
                        f"{label(w['emergency_line'], 8)}<br/><b>"
                        f"{_mk(details.emergency_phone)}</b>",
                        st["number"],
                    ),
                    para(w["emergency_line_intro"].format(brand=full_brand), "body"),
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
        cells: list[Paragraph | str] = [
            Paragraph(
                f"{label(services.get(k, k), 7.5)}<br/><b>{_mk(country.numbers[k], fonts.SANS_BOLD)}</b>",
                num_style,
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
    studio_contacts = details.contacts
    if advisor or studio_contacts or details.address:
        story.append(
            para(
                (w["studio_heading"] if advisor else w["studio_only_heading"]).format(
                    brand=full_brand
                ),
                "h2",
            )
        )
        if advisor:
            story.append(para(adv + (f" · {advisor.email}" if advisor.email else ""), "body"))
        if studio_contacts:
            story.append(para(" · ".join(studio_contacts), "body"))
        if details.address:
            story.append(para(details.address, "body"))
    used = content.suppliers()
    order = {"insurer": 0, "ground-operator": 1, "guide": 2, "hotel": 3, "airline": 4}
    used.sort(key=lambda s: (order.get(s.kind, 9), s.name))
    if used:
        story.append(para(w["suppliers_heading"], "h2"))
        skinds = w["supplier_kinds"]
        for s in used:
            entry = f"<b>{_mk(s.display_name, fonts.SANS_BOLD)}</b> " + label(
                skinds.get(s.kind, s.kind)
            )
            story.append(
                Paragraph(
                    entry, cjk("body", s.name + (s.native_name or "") + skinds.get(s.kind, ""))
                )
            )
            for extra in (s.contacts, s.location):
                if extra:
                    story.append(para(extra, "body"))
            story.append(Spacer(1, 2 * mm))

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
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
            footer = f"{full_brand} · {content.title}"
            if fonts.width(footer, 7.5) > room:
                footer = f"{brand} · {content.title}"
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
            title=f"{content.title} — {content.client_name}",
            author=brand,
            subject="Itinerary",
            lang="zh-CN" if lang == "zh" else "en",
        )
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=fonts.Canvas)
        return doc.page
