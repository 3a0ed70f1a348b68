"""Small icons drawn from the palette, so they follow light and dark themes and scale on high DPI."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from ui.style import error_color

_CACHE: dict[tuple, QIcon] = {}


def badge_icon(letter: str, palette: QPalette, *, alert: bool = False) -> QIcon:
    """A rounded badge with one letter (works for 电 as for C), in highlight or error colours."""
    fill = error_color(palette) if alert else palette.color(QPalette.ColorRole.Highlight)
    ink = _readable_on(fill)
    ratio = QApplication.instance().devicePixelRatio() if QApplication.instance() else 1.0
    # A rim in the base colour keeps the badge distinct on a selected (highlighted) row.
    rim = palette.color(QPalette.ColorRole.Base)
    key = (
        letter[:1].upper(),
        fill.rgba(),
        ink.rgba(),
        rim.rgba(),
        ratio,
        QApplication.font().family(),
    )
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    icon = QIcon()
    for size in (16, 20, 24, 32, 48):
        pm = QPixmap(int(size * ratio), int(size * ratio))
        pm.setDevicePixelRatio(ratio)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(QPen(rim, 1.0))
        p.setBrush(fill)
        rect = QRectF(0.5, 0.5, size - 1, size - 1)
        p.drawRoundedRect(rect, size * 0.25, size * 0.25)
        font = QFont(QApplication.font())
        font.setBold(True)
        font.setPixelSize(max(8, int(size * 0.62)))
        p.setFont(font)
        p.setPen(ink)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, letter[:1].upper())
        p.end()
        icon.addPixmap(pm)
    _CACHE[key] = icon
    return icon


#: The SVG icon set (24 × 24, drawn in ``currentColor``): the sidebar's areas and a few more.
ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"


def icon_names() -> list[str]:
    """The names of the icons in the set (the SVG files' stems)."""
    return sorted(p.stem for p in ICON_DIR.glob("*.svg"))


def area_icon(name: str, palette: QPalette) -> QIcon:
    """An icon of the set, drawn in the palette's text colour (so it reads on light and dark
    themes) and, for the selected state, in the highlighted-text colour."""
    path = ICON_DIR / f"{name}.svg"
    if not path.is_file():
        raise FileNotFoundError(f"No icon named “{name}” in {ICON_DIR.name}.")
    ink = palette.color(QPalette.ColorRole.WindowText)
    selected = palette.color(QPalette.ColorRole.HighlightedText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    ratio = QApplication.instance().devicePixelRatio() if QApplication.instance() else 1.0
    key = ("svg", name, ink.rgba(), selected.rgba(), disabled.rgba(), ratio)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    source = path.read_text(encoding="utf-8")
    icon = QIcon()
    for colour, mode in (
        (ink, QIcon.Mode.Normal),
        (selected, QIcon.Mode.Selected),
        (disabled, QIcon.Mode.Disabled),
    ):
        renderer = QSvgRenderer(QByteArray(source.replace("currentColor", colour.name()).encode()))
        for size in (16, 20, 24, 32, 48):
            pm = QPixmap(int(size * ratio), int(size * ratio))
            pm.setDevicePixelRatio(ratio)
            pm.fill(Qt.GlobalColor.transparent)
            p = QPainter(pm)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            renderer.render(p, QRectF(0, 0, size, size))
            p.end()
            icon.addPixmap(pm, mode)
    _CACHE[key] = icon
    return icon


def _readable_on(colour: QColor) -> QColor:
    return (
        QColor(Qt.GlobalColor.black) if colour.lightnessF() > 0.6 else QColor(Qt.GlobalColor.white)
    )
