"""Reading a written PDF back for the report tests: each page's text, and text without whitespace
(reportlab breaks lines where it likes, so phrases are compared squashed)."""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium


def page_texts(path: str | Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
