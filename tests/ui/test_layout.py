"""Layout at the sizes people use (1024 × 700, the default 1296 × 810): nothing cut at the
edge, one scroll bar at a time, the memory book's journal above the fold, the plan still when
the approved notice comes and goes; first run and the window's title."""

from __future__ import annotations

import importlib
import shutil
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea

from studio.services.demo.build import build_demo
from studio.services.trips import reading as trip_reading
from studio.store import Studio
from ui.context import AppContext

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    d = tmp_path_factory.mktemp("layout-demo") / "studio"
    with pytest.MonkeyPatch.context() as mp:
        try:
            media = importlib.import_module("studio.services.demo.media")
            mp.setattr(media, "add_media_demo", lambda *a, **k: "")
        except ImportError:
            pass
        with Studio.open(d) as s:
            build_demo(s, clients=24, today=TODAY)
    return d


@pytest.fixture
def dctx(demo_template, tmp_path, qapp):
    d = tmp_path / "studio"
    shutil.copytree(demo_template, d)
    studio = Studio.open(d)
    ctx = AppContext(studio)
    yield ctx
    ctx.bridge.close()
    studio.close()


def _window(dctx, qtbot, tmp_path, width, height):
    from ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "layout.ini"), QSettings.Format.IniFormat)
    w = MainWindow(dctx, settings=settings)
    qtbot.addWidget(w)
    w.resize(width, height)
    w._restore_layout()  # the first-run split for this size
    w.show()
    qtbot.waitExposed(w)
    w.show_area("clients")
    w.client_list.select_first()
    for _ in range(3):
        QApplication.processEvents()
    return w


def _settle():
    for _ in range(4):
        QApplication.processEvents()


def _right_edge_in(widget, area: QScrollArea) -> int:
    return widget.mapTo(area.viewport(), QPoint(widget.width(), 0)).x()


def test_people_tab_shows_one_vertical_scroll_bar(dctx, qtbot, tmp_path):
    w = _window(dctx, qtbot, tmp_path, 1024, 700)
    tabs = w.dossier.tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("People"))
    _settle()
    assert w.dossier_scroll.verticalScrollBar().maximum() == 0
    assert w.dossier.height() <= w.dossier_scroll.viewport().height()


def test_profile_buttons_are_not_cut_at_the_default_size(dctx, qtbot, tmp_path):
    w = _window(dctx, qtbot, tmp_path, 1296, 810)
    tabs = w.dossier.tabs
    tabs.setCurrentIndex([tabs.tabText(i) for i in range(tabs.count())].index("Profile"))
    _settle()
    area = w.dossier.profile.scroll
    buttons = [b for b in area.widget().findChildren(QAbstractButton) if b.isVisible()]
    assert buttons
    rightmost = max(_right_edge_in(b, area) for b in buttons)  # the first row's "Never"
    assert rightmost <= area.viewport().width()


def _trips(w, qtbot):
    w.show_area("trips")
    view = w.trips_view
    trip = next(
        t
        for t in trip_reading.trips_of(w.ctx.studio)
        if t.current_version_id and trip_reading.versions(w.ctx.studio, t.id)[-1].locked
    )
    view.select_trip(trip.id)
    _settle()
    return view


def test_trip_title_and_flags_are_whole_at_1024(dctx, qtbot, tmp_path):
    w = _window(dctx, qtbot, tmp_path, 1024, 700)
    view = _trips(w, qtbot)
    tv, area = view.trip_view, view.trip_scroll
    title = tv.title
    assert title.fontMetrics().horizontalAdvance(title.text()) < title.width()
    assert _right_edge_in(title, area) <= area.viewport().width()
    assert _right_edge_in(tv.flags, area) <= area.viewport().width()
    versions = tv.versions
    assert versions.width() >= versions.fontMetrics().horizontalAdvance(versions.currentText())


def test_the_approved_notice_does_not_move_the_plan(dctx, qtbot, tmp_path):
    w = _window(dctx, qtbot, tmp_path, 1366, 768)
    view = _trips(w, qtbot)
    plan = view.trip_view.plan
    assert plan.notice.isVisible() and "locked" in plan.notice.text()
    y_locked = plan.tree.mapTo(plan, QPoint(0, 0)).y()
    unlocked = next(
        t
        for t in trip_reading.trips_of(w.ctx.studio)
        if t.current_version_id
        and not trip_reading.versions(w.ctx.studio, t.id)[-1].locked
        and t.status not in ("travelling",)
    )
    view.select_trip(unlocked.id)
    _settle()
    assert not plan.notice.isVisible()
    assert plan.tree.mapTo(plan, QPoint(0, 0)).y() == y_locked


def test_memory_book_journal_and_pages_are_above_the_fold(dctx, qtbot, tmp_path):
    from ui.views.trip_view import TAB_BOOK

    w = _window(dctx, qtbot, tmp_path, 1024, 700)
    view = _trips(w, qtbot)
    tv, area = view.trip_view, view.trip_scroll
    tv.tabs.setCurrentIndex(TAB_BOOK)
    _settle()
    assert not tv.details.isVisible()  # folded while the book is open
    book = tv.memory_book
    bottom = area.viewport().height()
    for part in (book.story, book.preview):
        top = part.mapTo(area.viewport(), QPoint(0, 0)).y()
        assert top + 80 < bottom, type(part).__name__
    tv.tabs.setCurrentIndex(0)
    _settle()
    assert tv.details.isVisible()


def test_a_new_studio_is_not_greeted_with_schema_names(tmp_path):
    from ui.app import upgrade_message

    with Studio.open(tmp_path / "new") as studio:
        assert studio.migration  # created from empty
        assert upgrade_message(studio) is None


def test_the_window_title_does_not_repeat_the_app_name(dctx, qtbot, tmp_path):
    """The desktop adds the display name after a title that differs from it (xcb, Windows)."""
    from studio.services import studio_profile

    w = _window(dctx, qtbot, tmp_path, 1024, 700)
    display = QApplication.applicationDisplayName()
    assert display
    details = studio_profile.profile(dctx.studio)
    named = details.name != studio_profile.DEFAULT_NAME or details.native_name
    title = w.windowTitle()
    shown = title if title == display else f"{title} — {display}"  # what the desktop shows
    assert shown.count(display) == 1
    if named:
        assert title == details.display_name
