"""The book's typesetter: reportlab paragraphs in the book's styles, measured exactly as they are
later drawn, with Chinese line breaking (no full-width punctuation at a line's start)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from studio.reports import fonts
from studio.reports.book.geometry import STYLES, Frame

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

_INK, _ACCENT, _MUTED = "#1f2a37", "#8a6d3b", "#6b7280"


# Chinese punctuation that must not begin a line; reportlab's own list misses the full-width ones.
_NO_LINE_START = "，。、；：！？）」』》〉】〕”’…·％"


def _kinsoku() -> None:
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    for module in (paragraph, textsplit):  # both wrap Chinese, each with its own copy of the list
        missing = "".join(c for c in _NO_LINE_START if c not in module.ALL_CANNOT_START)
        if missing:
            # typed as a bare ModuleType here (and Final in the stubs), but reportlab reads it anew
            # at every line break, so extending it is what changes the breaking
            module.ALL_CANNOT_START += missing  # type: ignore[attr-defined]


_WHOLE_WORDS = {
    "cover_title",
    "cover_title_s",
    "cover_title_xs",
    "title_title_s",
    "cover_sub",
    "title_title",
    "title_sub",
    "day_title",
    "route_title",
    "signature",
    "cover_line",
    "title_line",
    "places",
    "day_date",
}
_FONT = {
    "serif": fonts.SERIF,
    "serif-bold": fonts.SERIF_BOLD,
    "sans": fonts.SANS,
    "sans-bold": fonts.SANS_BOLD,
    "sans-italic": fonts.SANS_ITALIC,
}
_DASH = re.compile(r" ([–—]) ")
_ARROWS = str.maketrans({"→": "–", "⇒": "–", "➔": "–", "➜": "–", "⟶": "–", "←": "–"})


class Typesetter:
    """Paragraphs in the book's styles; measures exactly what it later draws."""

    def __init__(self):
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        fonts.register()
        _kinsoku()
        color = {
            "ink": colors.HexColor(_INK),
            "accent": colors.HexColor(_ACCENT),
            "muted": colors.HexColor(_MUTED),
        }
        align: dict[str, Literal[0, 1, 2]] = {
            "left": TA_LEFT,
            "center": TA_CENTER,
            "right": TA_RIGHT,
        }
        self.styles = {}
        for name, s in STYLES.items():
            base = ParagraphStyle(
                name,
                fontName=_FONT[s.font],
                fontSize=s.size,
                leading=s.leading,
                alignment=align[s.align],
                textColor=color[s.color],
            )
            self.styles[name] = base
            self.styles[name + "/cjk"] = ParagraphStyle(name + "/cjk", parent=base, wordWrap="CJK")
        self._cache: dict[tuple[str, str, float], float] = {}

    def paragraph(self, text: str, style: str, width: float = 0) -> tuple[Paragraph, bool]:
        from reportlab.platypus import Paragraph

        cjk = fonts.has_cjk(text)
        if cjk and style in _WHOLE_WORDS:
            # titles and names break at spaces only ("云南之秋" stays whole) unless a word is too wide
            s = STYLES[style]
            cjk = any(fonts.width(w, s.size) * 1.15 > width for w in text.split())
        text = _DASH.sub("\u00a0\\1 ", text.translate(_ARROWS))  # a dash never begins a line
        base = _FONT[STYLES[style].font]
        markup = "<br/>".join(fonts.markup(line, base) for line in text.split("\n"))
        return Paragraph(markup, self.styles[style + ("/cjk" if cjk else "")]), cjk

    def _width(self, text: str, style: str, width: float) -> float:
        # with Chinese, punctuation may hang one character into the margin: keep it inside
        return width - (STYLES[style].size if fonts.has_cjk(text) else 0)

    def measure(self, text: str, style: str, width: float) -> float:
        key = (text, style, round(width, 2))
        if key not in self._cache:
            para, _ = self.paragraph(text, style, width)
            self._cache[key] = para.wrap(self._width(text, style, width), 1e6)[1]
        return self._cache[key]

    def draw(self, canvas: Canvas, frame: Frame, dx: float, dy: float) -> None:
        para, _ = self.paragraph(frame.text, frame.ref, frame.rect.w)
        w = self._width(frame.text, frame.ref, frame.rect.w)
        _, h = para.wrap(w, 1e6)
        x = frame.rect.x + dx
        if STYLES[frame.ref].align == "center":
            x += (frame.rect.w - w) / 2
        para.drawOn(canvas, x, frame.rect.top + dy - h)
