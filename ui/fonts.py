"""Load the fonts shipped in ``resources/fonts`` so Chinese and accented names always render."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from studio import paths

# The application font and its fallbacks, in order: Latin/Greek/Cyrillic, Chinese and kana,
# Hangul, Arabic, Hebrew, Thai, Devanagari (all shipped in resources/fonts).
UI_FAMILIES = [
    "Noto Sans",
    "Droid Sans Fallback",
    "NanumSquare",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Thai",
    "Noto Sans Devanagari",
    "LXGW WenKai",
]


def load_fonts(app: QApplication) -> list[str]:
    """Register the shipped fonts and make the application font fall back to them.

    Returns the families that were loaded.
    """
    loaded: list[str] = []
    for ttf in sorted((paths.resources_dir() / "fonts").glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(ttf))
        if fid >= 0:
            loaded.extend(QFontDatabase.applicationFontFamilies(fid))
    font = QFont(app.font())
    font.setFamilies(UI_FAMILIES)
    app.setFont(font)
    return sorted(set(loaded))
