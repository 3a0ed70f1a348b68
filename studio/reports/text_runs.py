"""Text made ready for reportlab: NFC, right-to-left order, Arabic joining, a font per character.

reportlab draws the characters it is given, left to right, in one font per run, and shapes nothing.
So before a string reaches a canvas or a Paragraph it goes through :func:`prepare`:

1. NFC, so an accent typed as a combining mark prints on its letter (its composed form is in the
   fonts; the lone mark would print beside it).
2. Arabic letters reshaped into their joined presentation forms (``arabic-reshaper``) and the line
   put in visual order by the Unicode bidi algorithm (``python-bidi``). Both keep the text a plain
   string of characters that the fonts' cmaps hold, so reportlab measures, wraps and writes the
   text layer as usual; HarfBuzz would give glyph ids that reportlab can only place through
   private-use code points, which would spoil the text layer.
3. Each character given to the first font of a chain that has a glyph for it (the base font,
   then the fonts for Chinese/kana, Hangul, Arabic, Hebrew, Thai, Devanagari, in the base font's
   weight). Spaces, punctuation and marks stay in the run they are in when its font has them.
4. A character no shipped font draws becomes a visible placeholder ``[U+XXXX]`` and is recorded
   in the :func:`collect_missing` list of the build in progress, so the build can say which text
   lost which character instead of printing a blank.
"""

from __future__ import annotations

import contextlib
import contextvars
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class MissingGlyph:
    """A character of ``text`` that no shipped font can draw."""

    text: str
    char: str

    def describe(self) -> str:
        name = unicodedata.name(self.char, "unnamed character")
        return f'U+{ord(self.char):04X} ({name}) in "{self.text}"'


_COLLECTOR: contextvars.ContextVar[list[MissingGlyph] | None] = contextvars.ContextVar(
    "missing_glyphs", default=None
)


@contextlib.contextmanager
def collect_missing() -> Iterator[list[MissingGlyph]]:
    """Collect, while the block runs, every character a PDF build could not draw (no repeats).

    Blocks nest: what an inner block collects is also reported to the one around it."""
    found: list[MissingGlyph] = []
    token = _COLLECTOR.set(found)
    try:
        yield found
    finally:
        _COLLECTOR.reset(token)
        outer = _COLLECTOR.get()
        if outer is not None:
            outer.extend(m for m in found if m not in outer)


def describe_missing(missing: list[MissingGlyph]) -> str:
    """One line per missing character, for the command line and the app's message."""
    if not missing:
        return ""
    lines = [f"Missing glyphs: {len(missing)} character(s) no font can draw (printed as [U+…]):"]
    lines += [f"  {m.describe()}" for m in missing]
    return "\n".join(lines)


def _record(text: str, char: str) -> None:
    found = _COLLECTOR.get()
    if found is not None:
        m = MissingGlyph(text, char)
        if m not in found:
            found.append(m)


_RTL_CLASSES = {"R", "AL"}


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _RTL_CLASSES for ch in text)


def visual(text: str) -> str:
    """``text`` in NFC, Arabic joined and right-to-left runs in the order they are seen."""
    text = unicodedata.normalize("NFC", text or "")
    if not _has_rtl(text):
        return text
    import arabic_reshaper
    from bidi import get_display

    return str(get_display(arabic_reshaper.reshape(text)))


def _neutral(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "ZPMSN" or ch in "\t\n"


def split_runs(
    text: str,
    base: str,
    chain: Callable[[str, str], tuple[str, ...]],
    cmap: Callable[[str], frozenset[int]],
) -> list[tuple[str, str]]:
    """``text`` in visual order, cut into (run, font) pieces that each font can draw.

    ``chain(base, char)`` lists the fonts to try for ``char``, best first; ``cmap(font)`` is the
    set of code points ``font`` has a glyph for.
    """
    original = text or ""
    out: list[tuple[str, str]] = []
    cur_font = ""
    cur: list[str] = []

    def flush() -> None:
        if cur:
            out.append(("".join(cur), cur_font))
            cur.clear()

    for ch in visual(original):
        cp = ord(ch)
        if cur_font and _neutral(ch) and cp in cmap(cur_font):
            cur.append(ch)
            continue
        font = next((f for f in chain(base, ch) if cp in cmap(f)), "")
        if not font:
            if _invisible(ch):
                continue
            _record(unicodedata.normalize("NFC", original), ch)
            ch, font = f"[U+{cp:04X}]", base
        if font != cur_font:
            flush()
            cur_font = font
        cur.append(ch)
    flush()
    return out


def _invisible(ch: str) -> bool:
    """Joiners, direction marks, variation selectors, controls: nothing to see when missing."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in ("Cf", "Cc")
        or ch.isspace()
        or 0xFE00 <= cp <= 0xFE0F
        or 0xE0100 <= cp <= 0xE01EF
    )
