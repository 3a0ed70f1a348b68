"""The intake questionnaire: a printable preference form generated from the taxonomy.

Blank, or pre-filled with what the studio already knows about a client (for the client to review
and correct); in English or Chinese (:mod:`studio.reports.words`). Every font is embedded (see
:mod:`studio.reports.fonts`); the file is written atomically. It prints an
:class:`~studio.reports.intake_content.IntakeContent`, which :mod:`studio.services.intake` reads
from a studio.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from studio.domain import taxonomy
from studio.fileio import atomic_path
from studio.reports import fonts
from studio.reports.intake_content import IntakeContent
from studio.reports.words import intake_words

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate, Flowable, Table

# Tables set a cell font even around flowables; without this it would be Helvetica (not embedded).
_FONT = ("FONTNAME", (0, 0), (-1, -1), fonts.SANS)


def _t(key: str, lang: str) -> str:
    return intake_words(lang)[key]


def render(content: IntakeContent, out: Path) -> int:
    """Write the questionnaire of ``content`` to ``out`` (atomically); returns the number of pages."""
    lang = content.lang
    fonts.register()
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        CondPageBreak,
        Flowable,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    tax = taxonomy.load()
    ink = colors.HexColor("#1f2a37")
    accent = colors.HexColor("#8a6d3b")
    rule = colors.HexColor("#c9bfa8")
    fill = colors.HexColor("#1f2a37")
    styles = {
        "brand": ParagraphStyle(
            "brand",
            fontName=fonts.SERIF,
            fontSize=10.5,
            leading=14,
            textColor=accent,
            wordWrap="CJK",
        ),
        "title": ParagraphStyle(
            "title", fontName=fonts.SERIF_BOLD, fontSize=24, leading=30, textColor=ink
        ),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=fonts.SERIF, fontSize=12, leading=16, textColor=accent
        ),
        "body": ParagraphStyle(
            "body",
            fontName=fonts.SANS,
            fontSize=9.5,
            leading=13.5,
            textColor=ink,
            alignment=TA_LEFT,
            wordWrap="CJK" if lang == "zh" else None,
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName=fonts.SERIF_BOLD,
            fontSize=13,
            leading=17,
            textColor=ink,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "cell": ParagraphStyle(
            "cell", fontName=fonts.SANS, fontSize=9, leading=11.5, textColor=ink, wordWrap="CJK"
        ),
        "small": ParagraphStyle(
            "small",
            fontName=fonts.SANS,
            fontSize=7.5,
            leading=9.5,
            textColor=accent,
            wordWrap="CJK",
        ),
        "filled": ParagraphStyle(
            "filled",
            fontName=fonts.SANS_ITALIC,
            fontSize=8.5,
            leading=11,
            textColor=colors.HexColor("#24507a"),
            wordWrap="CJK",
        ),
    }

    def para(text: str, style: str) -> Paragraph:
        return Paragraph(fonts.markup(text, styles[style].fontName), styles[style])

    class Box(Flowable):
        """A tick box with its label; ticked when pre-filled."""

        def __init__(self, label: str, ticked: bool):
            super().__init__()
            self.label, self.ticked = label, ticked
            self.size = 3.2 * mm

        def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
            return self.size + 1.5 * mm + fonts.width(self.label, 8), self.size + 1

        def draw(self) -> None:
            c = self.canv
            c.setStrokeColor(ink)
            c.setLineWidth(0.6)
            c.rect(0, 0.5, self.size, self.size, stroke=1, fill=0)
            if self.ticked:
                c.setFillColor(fill)
                c.rect(0.7, 1.2, self.size - 1.4, self.size - 1.4, stroke=0, fill=1)
            c.setFillColor(ink)
            fonts.draw_string(c, self.size + 1.5 * mm, 1.2, self.label, 8)

    client_name = content.client
    known = dict(content.known)
    brand, brand_native = content.brand, content.brand_native
    story: list = [para(brand.upper(), "brand")] + (
        [para(brand_native, "brand")] if brand_native else []
    )
    story += [
        Spacer(1, 2 * mm),
        para(_t("title", lang), "title"),
        para(_t("subtitle", lang), "subtitle"),
        Spacer(1, 5 * mm),
    ]
    blank = "_" * 34
    head = Table(
        [
            [
                para(_t("for", lang), "small"),
                para(client_name or blank, "filled" if client_name else "body"),
                para(_t("date", lang), "small"),
                para(content.date or "_" * 14, "body"),
            ]
        ],
        colWidths=[24 * mm, 92 * mm, 14 * mm, 40 * mm],
        hAlign="LEFT",
    )
    head.setStyle(
        TableStyle(
            [_FONT, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]
        )
    )
    intro = (
        Paragraph(
            "<br/>".join(
                fonts.markup(line)
                for line in _wrap_chinese(
                    _t("intro", lang), A4[0] - 36 * mm - 12, styles["body"].fontSize
                )
            ),
            styles["body"],
        )
        if lang == "zh"
        else para(_t("intro", lang), "body")
    )
    story += [head, Spacer(1, 4 * mm), intro, Spacer(1, 2 * mm)]

    # Travellers: known people pre-filled, then empty lines to add more.
    rows: list[list[Flowable]] = [
        [para(_t("traveller", lang), "small"), para(_t("born", lang), "small")]
    ]
    for person in content.travellers:
        rows.append([para(person.name, "filled"), para(person.born or "", "filled")])
    for _ in range(max(2, 5 - len(content.travellers))):
        rows.append([para("", "body"), para("", "body")])
    tr = Table(
        rows,
        hAlign="LEFT",
        colWidths=[120 * mm, 50 * mm],
        rowHeights=[None] + [7.5 * mm] * (len(rows) - 1),
    )
    tr.setStyle(
        TableStyle(
            [
                _FONT,
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, rule),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [CondPageBreak(50 * mm), para(_t("travellers", lang), "h2"), tr]

    content_w = A4[0] - 36 * mm - 12  # the frame keeps 6 pt of padding on each side
    for section in tax.sections:
        levels = _levels(section)
        block: list = [CondPageBreak(40 * mm), para(section.text(lang), "h2")]
        rows = []
        for item in section.items:
            k = known.get(item.key)
            if section.kind == "note":
                text = "; ".join(k.notes) if k else ""
                rows.append(
                    [
                        para(item.text(lang), "cell"),
                        para(text, "filled") if text else para("", "cell"),
                    ]
                )
                continue
            # "No dietary restrictions" is an answer of its own, not a diet to follow or avoid.
            item_levels = ("yes",) if item.key == "dietary.none" else levels
            boxes: list[Flowable] = [
                Box(_level_label(section, lv, lang), bool(k and (lv in k.levels or lv == "yes")))
                for lv in item_levels
            ]
            if section.kind == "diet" and item.key != "dietary.none":
                boxes += [
                    Box(tax.severities[s][lang], bool(k and s in k.severities))
                    for s in ("intolerance", "severe")
                ]
            note = "; ".join(k.notes) if k else ""
            rows.append([para(item.text(lang), "cell"), _box_row(boxes), para(note, "filled")])
        if section.kind == "note":
            t = Table(
                rows,
                hAlign="LEFT",
                colWidths=[55 * mm, content_w - 55 * mm],
                rowHeights=[9 * mm] * len(rows),
            )
            t.setStyle(
                TableStyle(
                    [
                        _FONT,
                        ("LINEBELOW", (1, 0), (1, -1), 0.4, rule),
                        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ]
                )
            )
        else:
            box_w = 96 * mm if section.kind == "diet" else 84 * mm
            t = Table(rows, hAlign="LEFT", colWidths=[44 * mm, box_w, content_w - 44 * mm - box_w])
            t.setStyle(
                TableStyle(
                    [
                        _FONT,
                        ("LINEBELOW", (0, 0), (-1, -1), 0.3, rule),
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 4.5),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
                    ]
                )
            )
        t.repeatRows = 0
        block.append(t)
        story += [KeepTogether(block[:2] + [t])] if len(rows) <= 8 else block
    if content.other:
        story += [para(_t("other", lang), "h2")] + [para(line, "filled") for line in content.other]
    story += [Spacer(1, 8 * mm), para(_t("thanks", lang), "subtitle")]

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setStrokeColor(rule)
        canvas.setLineWidth(0.5)
        canvas.line(18 * mm, 14 * mm, A4[0] - 18 * mm, 14 * mm)
        y = 9.5 * mm
        canvas.setFillColor(accent)
        fonts.draw_string(canvas, 18 * mm, y, _t("footer", lang), 7.5)
        page = _t("page", lang).format(n=doc.page)
        fonts.draw_string(canvas, A4[0] - 18 * mm - fonts.width(page, 7.5), y, page, 7.5)
        canvas.restoreState()

    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=A4,
            leftMargin=18 * mm,
            rightMargin=18 * mm,
            topMargin=18 * mm,
            bottomMargin=20 * mm,
            title=_t("title", lang) + (f" — {client_name}" if client_name else ""),
            author=f"{brand} {brand_native}".strip(),
            subject=_t("subtitle", lang),
            lang="zh-CN" if lang == "zh" else "en",
        )
        doc.build(story, onFirstPage=on_page, onLaterPages=on_page, canvasmaker=fonts.Canvas)
        pages = doc.page
    return pages


# Chinese punctuation that must not begin a line: the character before it moves down with it.
_NO_LINE_START = set("，。、；：！？）」』》”’")


def _wrap_chinese(text: str, max_width: float, size: float) -> list[str]:
    """Lines of Chinese text no wider than ``max_width``, never starting with a comma or stop
    (reportlab's CJK wrapping lets "，" begin a line, which a Chinese reader notices at once)."""
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and fonts.width(line + ch, size) > max_width:
            if ch in _NO_LINE_START and len(line) > 1:
                lines.append(line[:-1])
                line = line[-1]
            else:
                lines.append(line)
                line = ""
        line += ch
    if line:
        lines.append(line)
    return lines


def _levels(section: taxonomy.Section) -> tuple[str, ...]:
    if section.single or section.kind == "need":
        return ("must",)
    if section.kind == "diet":
        return ("must", "never")
    return ("love", "like", "neutral", "dislike", "never")


def _level_label(section: taxonomy.Section, level: str, lang: str) -> str:
    w = intake_words(lang)
    if level == "yes":
        return w["yes"]
    if section.kind == "diet":
        return w["diet_levels"][level]
    if level == "must":
        return w["yes"]
    return taxonomy.level_label(level, lang)


def _box_row(boxes: list[Flowable]) -> Table:
    """Tick boxes side by side on one line."""
    from reportlab.platypus import Table, TableStyle

    # Explicit widths: each box takes what its label needs, so columns line up row after row.
    t = Table([boxes], hAlign="LEFT", colWidths=[b.wrap(0, 0)[0] + 8 for b in boxes])
    t.setStyle(
        TableStyle(
            [
                _FONT,
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return t
