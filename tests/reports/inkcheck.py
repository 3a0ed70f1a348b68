"""Is a name really on the page? Its text read back from the PDF's text layer, and ink where it is.

For any report test (handout, intake form, memory book, owner's report)::

    from inkcheck import NAMES, assert_printed
    assert_printed(pdf_path, NAMES)

``assert_printed`` finds each name in the text layer (as the PDF stores it: NFC, right-to-left
names in visual order with Arabic in its joined presentation forms; pdfium gives some lines back
in logical order with plain letters, so either form counts), takes the boxes of its
characters from pdfium's text page, renders that part of the page and counts dark pixels: a
name drawn in a font without its glyphs leaves a blank box and fails.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pypdfium2 as pdfium

from studio.reports import text_runs

# One name per script the shipped fonts cover.
NAMES = {
    "latin": "Zoë Müller",
    "greek": "Ελένη",
    "cyrillic": "Дмитрий",
    "chinese": "王小明",
    "japanese": "さくら",
    "korean": "김민준",
    "arabic": "محمد",
    "hebrew": "דוד",
    "thai": "สมชาย",
    "devanagari": "अर्जुन",
}


def as_stored(name: str) -> str:
    """How ``name`` is written in the text layer (what a copy from the PDF gives)."""
    return text_runs.visual(name)


def logical(stored: str) -> str:
    """The name back from its stored form: presentation forms undone, visual order undone."""
    plain = unicodedata.normalize("NFKC", stored)
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in plain):
        plain = plain[::-1]
    return plain


def find(pdf_path: str | Path, text: str) -> list[tuple[int, tuple[float, float, float, float]]]:
    """(page index, box in PDF points: left, bottom, right, top) of each place ``text`` is."""
    out = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for i in range(len(pdf)):
            tp = pdf[i].get_textpage()
            n = tp.count_chars()
            page_text = tp.get_text_range(0, n)
            plain = unicodedata.normalize("NFKC", page_text)
            if len(plain) == len(page_text):  # presentation forms read as letters
                page_text = plain
            start = page_text.find(text)
            while start >= 0:
                boxes = [tp.get_charbox(j) for j in range(start, start + len(text))]
                boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]]
                if boxes:
                    out.append(
                        (
                            i,
                            (
                                min(b[0] for b in boxes),
                                min(b[1] for b in boxes),
                                max(b[2] for b in boxes),
                                max(b[3] for b in boxes),
                            ),
                        )
                    )
                start = page_text.find(text, start + 1)
    finally:
        pdf.close()
    return out


def ink(pdf_path: str | Path, page: int, box: tuple[float, float, float, float]) -> int:
    """Dark pixels (at 4 px per point) inside ``box`` of ``page``."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        p = pdf[page]
        scale = 4
        height = p.get_height()
        img = p.render(scale=scale).to_pil().convert("L")
        left, bottom, right, top = box
        crop = img.crop(
            (
                int(left * scale) - 2,
                int((height - top) * scale) - 2,
                int(right * scale) + 2,
                int((height - bottom) * scale) + 2,
            )
        )
        return sum(1 for v in crop.get_flattened_data() if v < 140)
    finally:
        pdf.close()


def assert_printed(pdf_path: str | Path, names: dict[str, str] | list[str]) -> None:
    """Every name is in the text layer and drawn: ink where its characters are."""
    items = names.items() if isinstance(names, dict) else ((n, n) for n in names)
    for script, name in items:
        stored = as_stored(name)
        assert logical(stored) == unicodedata.normalize("NFC", name), script
        forms = dict.fromkeys(
            (stored, unicodedata.normalize("NFKC", stored), unicodedata.normalize("NFC", name))
        )
        places = [p for form in forms for p in find(pdf_path, form)]
        assert places, f"{script} name {name!r} is not in the text layer of {pdf_path}"
        page, box = places[0]
        dark = ink(pdf_path, page, box)
        # a glyph at 8 pt or more leaves dozens of dark pixels; a blank box leaves none
        assert dark > 20 * len(name), f"{script} name {name!r}: only {dark} dark pixels at {box}"
