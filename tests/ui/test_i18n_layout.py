"""Longer words fit: every area at 1366×768 in the pseudo-translation (every string 40 % longer)
and in Chinese, screenshotted, with no label or button narrower than its text."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from studio.services.demo.build import build_demo
from studio.store import Studio
from ui import i18n

SIZE = (1366, 768)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    """A small demo studio (every kind of screen has something to show), without its photos."""
    d = tmp_path_factory.mktemp("i18n-demo") / "studio"
    with pytest.MonkeyPatch.context() as mp:
        try:
            media = importlib.import_module("studio.services.demo.media")
            mp.setattr(media, "add_media_demo", lambda *a, **k: "")
        except ImportError:
            pass
        with Studio.open(d) as s:
            build_demo(s, clients=20, today=date(2026, 12, 2))
    return d


def clipped(window) -> list[str]:
    """Every visible label or button of ``window`` whose text needs more room than it has: a
    single line wider than the widget, or wrapped text taller than it."""
    out = []
    for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if not w.isVisibleTo(window) or not w.text() or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.wordWrap():
            need = w.heightForWidth(w.width())
            if need > w.height() + 1:
                out.append(
                    f"{type(w).__name__} {w.text()[:60]!r}: {need} px high, has {w.height()}"
                )
        elif w.sizeHint().width() > w.width() + 1:
            out.append(
                f"{type(w).__name__} {w.text()[:60]!r}: needs {w.sizeHint().width()} px, "
                f"has {w.width()}"
            )
    return out


@pytest.mark.parametrize("lang", [i18n.PSEUDO, "zh"])
def test_every_area_fits_its_words(lang, demo_dir, settings, qtbot, tmp_path):
    from ui.app import _select_planned_trip
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.views.trip_view import TAB_BOOK

    i18n.install(lang)
    studio = Studio.open(demo_dir)
    ctx = AppContext(studio)
    try:
        window = MainWindow(ctx, settings=settings)
        qtbot.addWidget(window)
        window.resize(*SIZE)
        window.show()
        qtbot.waitExposed(window)
        window.client_list.select_first()
        problems = {}
        for area in ("agenda", "clients", "trips", "book", "deleted"):
            window.show_area("trips" if area == "book" else area)
            if area == "agenda":
                window.agenda_view.wait_until_read()
            elif area == "trips":
                _select_planned_trip(window)
            elif area == "book":
                window.trips_view.trip_view.tabs.setCurrentIndex(TAB_BOOK)
            QApplication.processEvents()
            assert (window.width(), window.height()) == SIZE, "the window outgrew the screen"
            shot = tmp_path / f"{lang}-{area}.png"
            assert window.grab().save(str(shot)) and shot.stat().st_size > 10_000
            if found := clipped(window):
                problems[area] = found
        assert not problems, problems
        if lang == i18n.PSEUDO:  # the pseudo-translation really was on screen
            assert window.menuBar().actions()[0].text().startswith("[")
    finally:
        window.close()
        ctx.bridge.close()
        studio.close()
        i18n.install("en")


def test_a_clipped_label_is_found(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    fits = QLabel("Fits", box)
    cut = QLabel(i18n.pseudo("A label given far too little room"), box)
    cut.setFixedWidth(60)
    layout.addWidget(fits)
    layout.addWidget(cut)
    box.show()
    qtbot.waitExposed(box)
    found = clipped(box)
    assert len(found) == 1 and "needs" in found[0] and "has 60" in found[0]
