"""Printed pieces of relationship care: the post-trip survey and event invitations.

The survey is one A4 page per trip: overall (0–100, a row of boxes to circle), would recommend
(0–10), what to keep, what to change. Invitations are one A5 page per guest, addressed by name.
Both in English or Chinese, fonts embedded (:mod:`studio.reports.fonts`), written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studio.fileio import atomic_path
from studio.reports import fonts

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "survey_title": "How was your journey?",
        "survey_sub": "Four short questions — your answers shape the next trip we plan for you.",
        "for": "For",
        "trip": "Trip",
        "overall": "1. Overall, how satisfied were you? Circle a score from 0 (not at all) to 100 (completely).",
        "recommend": "2. How likely are you to recommend us to a friend? 0 (not at all) to 10 (certainly).",
        "keep": "3. What should we keep — the moments you would not change?",
        "change": "4. What should we change or do better next time?",
        "thanks": "Thank you. Hand this page to your advisor or send us a photo of it.",
        "invite_title": "You are warmly invited",
        "dear": "Dear {name},",
        "when": "When",
        "where": "Where",
        "theme": "Theme",
        "rsvp": "Kindly reply to your advisor by {day}. Places are limited to {capacity} guests.",
        "salon": "Salon",
        "tasting": "Tasting",
        "story": "Trip-story evening",
        "page": "Page {n}",
    },
    "zh": {
        "survey_title": "这次旅程感觉如何？",
        "survey_sub": "四个简短问题——您的回答将帮助我们为您规划下一次旅程。",
        "for": "客人",
        "trip": "行程",
        "overall": "1. 总体而言，您有多满意？请圈出 0（完全不满意）到 100（非常满意）之间的分数。",
        "recommend": "2. 您向朋友推荐我们的可能性有多大？0（完全不会）到 10（一定会）。",
        "keep": "3. 哪些地方应当保留——您不愿改变的时刻？",
        "change": "4. 下次我们应当改变或做得更好的地方？",
        "thanks": "谢谢您！请将此页交给您的顾问，或拍照发给我们。",
        "invite_title": "诚挚邀请您",
        "dear": "亲爱的{name}：",
        "when": "时间",
        "where": "地点",
        "theme": "主题",
        "rsvp": "请于 {day} 前回复您的顾问。名额有限，仅 {capacity} 位。",
        "salon": "沙龙",
        "tasting": "品鉴会",
        "story": "旅行故事之夜",
        "page": "第 {n} 页",
    },
}


def words(lang: str) -> dict[str, str]:
    return _WORDS["zh" if lang == "zh" else "en"]


@dataclass(frozen=True)
class SurveyContent:
    brand: str
    brand_native: str
    client: str
    trip: str
    dates: str
    lang: str = "en"


@dataclass(frozen=True)
class InvitationContent:
    brand: str
    brand_native: str
    kind: str
    title: str
    theme: str
    when: str
    place: str
    reply_by: str
    capacity: int
    guests: tuple[str, ...]
    lang: str = "en"


def _styles(lang: str) -> tuple[dict[str, Any], tuple[Any, Any]]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    ink = colors.HexColor("#1f2a37")
    accent = colors.HexColor("#8a6d3b")
    wrap = "CJK" if lang == "zh" else None
    serif = fonts.CJK if lang == "zh" else fonts.SERIF
    serif_bold = fonts.CJK_BOLD if lang == "zh" else fonts.SERIF_BOLD
    return {
        "brand": ParagraphStyle(
            "brand",
            fontName=fonts.SERIF,
            fontSize=10.5,
            leading=14,
            textColor=accent,
            wordWrap="CJK",
        ),
        "title": ParagraphStyle(
            "title", fontName=serif_bold, fontSize=22, leading=28, textColor=ink, wordWrap=wrap
        ),
        "sub": ParagraphStyle(
            "sub", fontName=serif, fontSize=11.5, leading=16, textColor=accent, wordWrap=wrap
        ),
        "body": ParagraphStyle(
            "body", fontName=fonts.SANS, fontSize=10, leading=14.5, textColor=ink, wordWrap=wrap
        ),
        "q": ParagraphStyle(
            "q",
            fontName=fonts.SANS_BOLD,
            fontSize=10.5,
            leading=15,
            textColor=ink,
            spaceBefore=6,
            spaceAfter=4,
            wordWrap=wrap,
        ),
        "small": ParagraphStyle(
            "small", fontName=fonts.SANS, fontSize=8, leading=10, textColor=accent, wordWrap="CJK"
        ),
        "filled": ParagraphStyle(
            "filled",
            fontName=fonts.SANS,
            fontSize=10,
            leading=13,
            textColor=colors.HexColor("#24507a"),
            wordWrap="CJK",
        ),
    }, (ink, accent)


def _para(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph(fonts.markup(text, style.fontName), style)


def _scale(values: list[int], width: float, ink: Any) -> Any:
    """A row of numbered boxes to circle."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    cell = width / len(values)
    t = Table([[str(v) for v in values]], colWidths=[cell] * len(values), rowHeights=[9 * mm])
    t.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("TEXTCOLOR", (0, 0), (-1, -1), ink),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.5, ink),
            ]
        )
    )
    return t


def _lines(n: int, width: float, rule: Any) -> Any:
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    t = Table([[""] for _ in range(n)], colWidths=[width], rowHeights=[8 * mm] * n)
    t.setStyle(
        TableStyle(
            [("FONTNAME", (0, 0), (-1, -1), fonts.SANS), ("LINEBELOW", (0, 0), (-1, -1), 0.4, rule)]
        )
    )
    return t


def _brand(brand: str, brand_native: str, st: dict[str, Any]) -> list:
    """The studio's name as the form's first lines (its native name below when it has one)."""
    lines = [_para(brand.upper(), st["brand"])]
    if brand_native:
        lines.append(_para(brand_native, st["brand"]))
    return lines


def _write(
    story: list, out: Path, pagesize: Any, margins: tuple[float, float], title: str, content: Any
) -> int:
    """Build ``story`` into ``out`` atomically; ``margins`` is (left/right, top/bottom) in points.
    Returns the number of pages."""
    from reportlab.platypus import SimpleDocTemplate

    side, edge = margins
    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(
            str(tmp),
            pagesize=pagesize,
            leftMargin=side,
            rightMargin=side,
            topMargin=edge,
            bottomMargin=edge,
            title=title,
            author=f"{content.brand} {content.brand_native}".strip(),
            lang="zh-CN" if content.lang == "zh" else "en",
        )
        doc.build(story, canvasmaker=fonts.Canvas)
        return int(doc.page)


def render_survey(content: SurveyContent, out: Path) -> int:
    """Write the survey form (atomically); returns the number of pages."""
    fonts.register()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer, Table, TableStyle

    w = words(content.lang)
    st, (ink, accent) = _styles(content.lang)
    rule = colors.HexColor("#c9bfa8")
    width = A4[0] - 36 * mm - 12
    story: list = _brand(content.brand, content.brand_native, st)
    story += [
        Spacer(1, 3 * mm),
        _para(w["survey_title"], st["title"]),
        _para(w["survey_sub"], st["sub"]),
        Spacer(1, 5 * mm),
    ]
    head = Table(
        [
            [_para(w["for"], st["small"]), _para(content.client, st["filled"])],
            [
                _para(w["trip"], st["small"]),
                _para(f"{content.trip}  {content.dates}".strip(), st["filled"]),
            ],
        ],
        colWidths=[22 * mm, width - 22 * mm],
        hAlign="LEFT",
    )
    head.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (1, 0), (1, -1), 0.4, rule),
            ]
        )
    )
    story += [head, Spacer(1, 6 * mm)]
    story += [_para(w["overall"], st["q"]), _scale(list(range(0, 101, 10)), width, ink)]
    story += [
        Spacer(1, 4 * mm),
        _para(w["recommend"], st["q"]),
        _scale(list(range(11)), width, ink),
    ]
    story += [Spacer(1, 4 * mm), _para(w["keep"], st["q"]), _lines(4, width, rule)]
    story += [Spacer(1, 4 * mm), _para(w["change"], st["q"]), _lines(4, width, rule)]
    story += [Spacer(1, 8 * mm), _para(w["thanks"], st["sub"])]
    title = f"{w['survey_title']} — {content.client}"
    return _write(story, out, A4, (18 * mm, 18 * mm), title, content)


def render_invitations(content: InvitationContent, out: Path) -> int:
    """One A5 invitation per guest, addressed by name (atomically); returns the pages."""
    fonts.register()
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

    if not content.guests:
        from studio.errors import StudioError

        raise StudioError("This event has no guests to invite yet; invite clients first.")
    w = words(content.lang)
    st, (ink, accent) = _styles(content.lang)
    rule = colors.HexColor("#c9bfa8")
    width = A5[0] - 30 * mm - 12
    story: list = []
    for n, guest in enumerate(content.guests):
        if n:
            story.append(PageBreak())
        story += _brand(content.brand, content.brand_native, st)
        story += [
            Spacer(1, 10 * mm),
            _para(w["invite_title"], st["title"]),
            _para(f"{w.get(content.kind, content.kind)} · {content.title}", st["sub"]),
            Spacer(1, 8 * mm),
            _para(w["dear"].format(name=guest), st["body"]),
            Spacer(1, 4 * mm),
        ]
        rows = [[_para(w["when"], st["small"]), _para(content.when, st["body"])]]
        if content.place:
            rows.append([_para(w["where"], st["small"]), _para(content.place, st["body"])])
        if content.theme:
            rows.append([_para(w["theme"], st["small"]), _para(content.theme, st["body"])])
        t = Table(rows, colWidths=[20 * mm, width - 20 * mm], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), fonts.SANS),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, rule),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        story += [
            t,
            Spacer(1, 8 * mm),
            _para(w["rsvp"].format(day=content.reply_by, capacity=content.capacity), st["body"]),
        ]
    title = f"{w['invite_title']} — {content.title}"
    return _write(story, out, A5, (15 * mm, 16 * mm), title, content)
