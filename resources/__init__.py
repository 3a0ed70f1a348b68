"""Data files of Travel Studio: fonts, taxonomies, styles. No code lives here."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent
FONTS = ROOT / "fonts"
