"""Fonts for every PDF: the TrueType files in ``resources/fonts``, always embedded.

Latin text is set in Noto Sans / Noto Serif; Chinese runs in Droid Sans Fallback. The built-in
PDF fonts (Helvetica…) are never used: they are not embedded and have no Chinese.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from studio import paths

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas as _Canvas

SANS, SANS_BOLD, SANS_ITALIC = "TS-Sans", "TS-Sans-Bold", "TS-Sans-Italic"
SERIF, SERIF_BOLD = "TS-Serif", "TS-Serif-Bold"
CJK = "TS-CJK"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    SERIF: "NotoSerif-Regular.ttf",
    SERIF_BOLD: "NotoSerif-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}

# Characters Noto Sans lacks: CJK ideographs, kana, hangul, CJK punctuation, full-width forms.
_CJK_RUN = re.compile(
    "([\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]+)"
)


@functools.cache
def register() -> None:
    """Register the fonts with reportlab once per process."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = paths.resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD
    )
    pdfmetrics.registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF, boldItalic=SERIF_BOLD
    )
    pdfmetrics.registerFontFamily(CJK, normal=CJK, bold=CJK, italic=CJK, boldItalic=CJK)


def runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (run, font name) pieces: Chinese in the CJK font, the rest in Noto Sans."""
    return [(r, CJK if i % 2 else SANS) for i, r in enumerate(_CJK_RUN.split(text or "")) if r]


def width(text: str, size: float) -> float:
    """How wide ``text`` is when drawn with :func:`draw_string`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(r, font, size) for r, font in runs(text))


def draw_string(canvas: _Canvas, x: float, y: float, text: str, size: float) -> None:
    """Draw one line of mixed Latin and Chinese text at ``x, y`` on a reportlab canvas."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for r, font in runs(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, r)
        x += stringWidth(r, font, size)


def has_cjk(text: str) -> bool:
    return bool(_CJK_RUN.search(text or ""))


def markup(text: str) -> str:
    """Paragraph markup for ``text`` with every Chinese run set in the CJK font."""
    parts = _CJK_RUN.split(text or "")
    return "".join(
        f'<font name="{CJK}">{escape(p)}</font>' if i % 2 else escape(p)
        for i, p in enumerate(parts)
    )


def Canvas(*args: Any, **kwargs: Any) -> _Canvas:  # noqa: N802 - stands in for reportlab's Canvas class
    """A reportlab canvas whose initial font is ours, so no base-14 font lands in the PDF."""
    from reportlab.pdfgen.canvas import Canvas as _Canvas

    register()
    # Document templates pass initialFontName=None explicitly, which would mean Helvetica.
    kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS
    kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
    return _Canvas(*args, **kwargs)
