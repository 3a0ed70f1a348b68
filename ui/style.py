"""Small palette-aware styling helpers (no colours that break in dark mode)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_color(palette: QPalette | None = None) -> QColor:
    """A red that reads on the current window background, light or dark."""
    return QColor("#ff7b72") if is_dark(palette) else QColor("#b3261e")


def set_error_style(label: QWidget) -> None:
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, error_color(pal))
    label.setPalette(pal)


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


def set_muted(label: QWidget) -> None:
    """Secondary text: the palette's placeholder colour."""
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, pal.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(pal)
