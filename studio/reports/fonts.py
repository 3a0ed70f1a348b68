"""Fonts for every PDF: the TrueType files in ``resources/fonts``, always embedded.

Latin, Greek and Cyrillic are set in Noto Sans / Noto Serif; every other script falls back, a
character at a time, to a shipped font that has it (:mod:`studio.reports.text_runs`): Chinese and
kana in Droid Sans Fallback (bold: LXGW WenKai Bold), Hangul in NanumSquare, Arabic, Hebrew, Thai
and Devanagari in their Noto Sans fonts, each in a regular and a bold weight. The built-in PDF
fonts (Helvetica…) are never used: they are not embedded and cover none of that.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from studio import paths
from studio.reports import text_runs

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas as _Canvas

SANS, SANS_BOLD, SANS_ITALIC = "TS-Sans", "TS-Sans-Bold", "TS-Sans-Italic"
SERIF, SERIF_BOLD = "TS-Serif", "TS-Serif-Bold"
CJK, CJK_BOLD = "TS-CJK", "TS-CJK-Bold"
HANGUL, HANGUL_BOLD = "TS-Hangul", "TS-Hangul-Bold"
ARABIC, ARABIC_BOLD = "TS-Arabic", "TS-Arabic-Bold"
HEBREW, HEBREW_BOLD = "TS-Hebrew", "TS-Hebrew-Bold"
THAI, THAI_BOLD = "TS-Thai", "TS-Thai-Bold"
DEVANAGARI, DEVANAGARI_BOLD = "TS-Devanagari", "TS-Devanagari-Bold"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    SERIF: "NotoSerif-Regular.ttf",
    SERIF_BOLD: "NotoSerif-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    CJK_BOLD: "LXGWWenKai-Bold.ttf",
    HANGUL: "NanumSquareR.ttf",
    HANGUL_BOLD: "NanumSquareB.ttf",
    ARABIC: "NotoSansArabic-Regular.ttf",
    ARABIC_BOLD: "NotoSansArabic-Bold.ttf",
    HEBREW: "NotoSansHebrew-Regular.ttf",
    HEBREW_BOLD: "NotoSansHebrew-Bold.ttf",
    THAI: "NotoSansThai-Regular.ttf",
    THAI_BOLD: "NotoSansThai-Bold.ttf",
    DEVANAGARI: "NotoSansDevanagari-Regular.ttf",
    DEVANAGARI_BOLD: "NotoSansDevanagari-Bold.ttf",
}

BOLD_FONTS = frozenset(
    {SANS_BOLD, SERIF_BOLD, CJK_BOLD, HANGUL_BOLD, ARABIC_BOLD, HEBREW_BOLD, THAI_BOLD}
    | {DEVANAGARI_BOLD}
)
# Where a character the base font lacks is looked for, best first. Bold text takes a script's
# bold font and, for a character that font lacks, its regular one.
REGULAR_CHAIN = (SANS, CJK, HANGUL, ARABIC, HEBREW, THAI, DEVANAGARI)
BOLD_CHAIN = (
    SANS_BOLD,
    CJK_BOLD,
    CJK,
    HANGUL_BOLD,
    HANGUL,
    ARABIC_BOLD,
    HEBREW_BOLD,
    THAI_BOLD,
    DEVANAGARI_BOLD,
)

# Characters Noto Sans lacks: CJK ideographs, kana, hangul, CJK punctuation, full-width forms.
_CJK_RUN = re.compile(
    "([\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]+)"
)


# Each script's regular and bold font, registered together the first time one of them is needed
# (parsing them all would add about a second to the first PDF of a process).
_SCRIPT_PAIRS = (
    (CJK, CJK_BOLD),
    (HANGUL, HANGUL_BOLD),
    (ARABIC, ARABIC_BOLD),
    (HEBREW, HEBREW_BOLD),
    (THAI, THAI_BOLD),
    (DEVANAGARI, DEVANAGARI_BOLD),
)
_PAIR_OF = {f: pair for pair in _SCRIPT_PAIRS for f in pair}


@functools.cache
def register() -> None:
    """Register the Latin fonts with reportlab once per process (the others: :func:`ensure`)."""
    from reportlab.pdfbase import pdfmetrics

    for name in (SANS, SANS_BOLD, SANS_ITALIC, SERIF, SERIF_BOLD):
        _register_file(name)
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD
    )
    pdfmetrics.registerFontFamily(
        SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF, boldItalic=SERIF_BOLD
    )


def _register_file(name: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(name, str(paths.resources_dir() / "fonts" / _FILES[name])))


@functools.cache
def ensure(font: str) -> str:
    """Register ``font`` (and its script's other weight) with reportlab; returns its name."""
    from reportlab.pdfbase import pdfmetrics

    register()
    pair = _PAIR_OF.get(font)
    if pair is not None:
        regular, bold = pair
        _register_file(regular)
        _register_file(bold)
        pdfmetrics.registerFontFamily(
            regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
        )
    return font


@functools.cache
def _cmap(font: str) -> frozenset[int]:
    """The code points ``font`` has a glyph for."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(ensure(font)).face  # type: ignore[attr-defined]
    return frozenset(c for c, g in face.charToGlyph.items() if g)


def has_glyph(char: str, font: str | None = None) -> bool:
    """Whether ``font`` (or, without one, any shipped font) can draw ``char``."""
    cp = ord(char)
    return any(cp in _cmap(f) for f in ([font] if font else _FILES))


def _is_hangul(cp: int) -> bool:
    return 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F


def _chain(base: str, char: str) -> tuple[str, ...]:
    bold = base in BOLD_FONTS
    chain = BOLD_CHAIN if bold else REGULAR_CHAIN
    if _is_hangul(ord(char)):  # before the Chinese fonts, which have a few syllables only
        return (base, HANGUL_BOLD, HANGUL) if bold else (base, HANGUL)
    return (base, *chain)


def runs(text: str, base: str = SANS) -> list[tuple[str, str]]:
    """``text`` (in visual order, NFC) cut into (run, font) pieces that each font can draw.

    ``base`` is the font the text is set in; a character it lacks goes to the first shipped font
    of its weight that has it, and one that none has becomes ``[U+XXXX]`` and is recorded in the
    build's :func:`studio.reports.text_runs.collect_missing` list.
    """
    return text_runs.split_runs(text or "", base, _chain, _cmap)


def width(text: str, size: float, base: str = SANS) -> float:
    """How wide ``text`` is when drawn with :func:`draw_string`."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return sum(stringWidth(r, font, size) for r, font in runs(text, base))


def draw_string(
    canvas: _Canvas, x: float, y: float, text: str, size: float, base: str = SANS
) -> None:
    """Draw one line of text in any script at ``x, y`` on a reportlab canvas."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for r, font in runs(text, base):
        canvas.setFont(font, size)
        canvas.drawString(x, y, r)
        x += stringWidth(r, font, size)


def has_cjk(text: str) -> bool:
    """Whether ``text`` has Chinese, Japanese or Korean (lines may break between any two)."""
    return bool(_CJK_RUN.search(unicodedata.normalize("NFC", text or "")))


def markup(text: str, base: str = SANS) -> str:
    """Paragraph markup of ``text`` for a style set in ``base``: each run another font draws in
    a ``<font>`` tag of ``base``'s weight (a ``<font>`` tag resets bold, so bold headings name
    the bold fonts themselves)."""
    from xml.sax.saxutils import escape

    return "".join(
        escape(r) if font == base else f'<font name="{font}">{escape(r)}</font>'
        for r, font in runs(text, base)
    )


def Canvas(*args: Any, **kwargs: Any) -> _Canvas:  # noqa: N802 - stands in for reportlab's Canvas class
    """A reportlab canvas whose initial font is ours, so no base-14 font lands in the PDF."""
    from reportlab.pdfgen.canvas import Canvas as _Canvas

    register()
    # Document templates pass initialFontName=None explicitly, which would mean Helvetica.
    kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS
    kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
    return _Canvas(*args, **kwargs)
