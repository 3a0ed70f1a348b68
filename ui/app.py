"""Starting the desktop client, and rendering its main window offscreen for screenshots."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from studio.errors import StudioError

ORGANIZATION = "TravelStudio"
APPLICATION = "Travel Studio"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication (created if needed), named for QSettings, with the shipped fonts."""
    from ui.fonts import load_fonts

    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QApplication.setApplicationDisplayName(APPLICATION)
    load_fonts(app)  # type: ignore[arg-type]
    from ui.i18n import install_chosen

    install_chosen()
    return app  # type: ignore[return-value]


def upgrade_message(studio) -> str | None:
    """The status line after opening ``studio``: only when an existing studio's database was
    upgraded (a backup was kept); a brand-new studio is not greeted with schema names."""
    if not studio.migration or studio.backup_path is None:
        return None
    return QCoreApplication.translate(
        "app", "The studio database was upgraded (%1); a backup was kept."
    ).replace("%1", studio.migration)


def run(data_dir: str | None) -> int:
    """Open the studio in ``data_dir`` and run the main window until it is closed."""
    app = make_application()
    from ui.dialogs.passphrase_dialog import open_studio

    try:
        studio = open_studio(data_dir)  # asks an encrypted studio's passphrase when needed
    except StudioError as exc:
        QMessageBox.critical(
            None, QCoreApplication.translate("app", "Travel Studio cannot start"), str(exc)
        )
        return 1
    if studio is None:  # Cancel at the passphrase: quit, touching nothing
        return 0
    try:
        if studio.advisor_id is None:
            from ui.dialogs.first_run import FirstRunDialog

            if FirstRunDialog(studio).exec() != FirstRunDialog.DialogCode.Accepted:
                return 0
        from ui.context import AppContext
        from ui.main_window import MainWindow

        ctx = AppContext(studio)
        window = MainWindow(ctx)
        message = upgrade_message(studio)
        if message:
            window.statusBar().showMessage(message, 10000)
        window.show()
        window.client_list.select_first()
        from ui.widgets.icons import area_icon

        window.security.start_auto_backups()  # the day's backup, while the app is used
        from ui.widgets.tray_notifier import TrayNotifier

        tray = TrayNotifier(  # noqa: F841 - kept alive
            window.agenda_view, area_icon("agenda", window.palette())
        )
        rc = app.exec()
        ctx.bridge.close()
        return rc
    finally:
        studio.close()


def _parse_size(size: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in size.lower().split("x"))
    except ValueError:
        raise StudioError(
            f"“{size}” is not a window size; write it as WIDTHxHEIGHT, e.g. 1400x900."
        ) from None
    if not (320 <= w <= 8000 and 240 <= h <= 8000):
        raise StudioError(f"The window size {size} is out of range (320x240 to 8000x8000).")
    return w, h


def _select_planned_trip(window) -> None:
    """In the Trips area, choose the first trip (in the list's order) whose plan has days."""
    from studio.services.trips import reading as trip_reading

    view = window.trips_view
    studio = window.ctx.studio
    for row in range(view.proxy.rowCount()):
        trip_id = view.proxy.trip_id(row)
        trip = trip_reading.find_trip(studio, trip_id)
        if trip.current_version_id and trip_reading.days(studio, trip.current_version_id):
            view.select_trip(trip_id)
            break
    else:
        view.select_first()
    # The trip's header and plan settle over a few layout passes (new travellers, new rows).
    for _ in range(3):
        QApplication.processEvents()


def _show_memory_book(window, folder: Path) -> None:
    """In the Trips area, the first trip with photos on its Memory book tab, its book built into
    ``folder`` and its first pages drawn."""
    from PySide6.QtCore import QEventLoop, QTimer

    from studio.services.media.rows import media_of
    from ui.views.trip_view import TAB_BOOK

    view = window.trips_view
    studio = window.ctx.studio
    for row in range(view.proxy.rowCount()):
        trip_id = view.proxy.trip_id(row)
        if media_of(studio, trip_id):
            view.select_trip(trip_id)
            break
    else:
        view.select_first()
    trip_view = view.trip_view
    trip_view.tabs.setCurrentIndex(TAB_BOOK)
    book = trip_view.memory_book
    book.books_folder = folder
    QApplication.processEvents()
    loop = QEventLoop()
    book.sig_build_finished.connect(lambda _outcome: loop.quit())
    if book.build() is not None:
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
    # thumbnails and the preview's pages are drawn in background threads: give them a moment
    QTimer.singleShot(1500, loop.quit)
    loop.exec()


#: What ``travel-studio screenshot --view`` can show: the areas, and the dossier's tabs.
SCREENSHOT_VIEWS: tuple[str, ...] = (
    "clients",
    "dossier",
    "people",
    "profile",
    "agenda",
    "trips",
    "book",
    "deleted",
    "studio",
)


def screenshot(
    data_dir: str | None,
    out: Path,
    view: str = "clients",
    size: str = "1400x900",
    lang: str | None = None,
) -> int:
    """Render the real main window offscreen and write it to ``out`` as PNG; 0 on success."""
    if view not in SCREENSHOT_VIEWS:
        raise StudioError(f"Unknown view “{view}”; choose one of: {', '.join(SCREENSHOT_VIEWS)}.")
    width, height = _parse_size(size)
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    if lang:
        from ui.i18n import install

        install(lang)
    from studio.fileio import atomic_path
    from studio.store import Studio
    from ui.context import AppContext
    from ui.main_window import MainWindow

    with Studio.open(data_dir) as studio:
        ctx = AppContext(studio)
        # A throwaway settings file: a screenshot neither reads nor changes the user's layout.
        settings_path = Path(out).with_name(f".{Path(out).name}.ini")
        settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
        books = tempfile.TemporaryDirectory(prefix="book-screenshot-")  # a built book is not kept
        try:
            window = MainWindow(ctx, settings=settings)
            window.resize(width, height)
            window.show()
            app.processEvents()
            window.client_list.select_first()
            area = {
                "book": "trips",
                "people": "clients",
                "profile": "clients",
                "dossier": "clients",
            }
            window.show_area(area.get(view, view))
            if view == "studio":  # computed in a background thread: show the figures
                window.studio_view.wait_until_computed()
                app.processEvents()
            if view == "agenda":  # read in a background thread: show the rows, not "Reading…"
                window.agenda_view.wait_until_read()
                window.agenda_view.select_first()  # and the first client's card beside it
            elif view == "trips":
                _select_planned_trip(window)
            elif view == "book":
                _show_memory_book(window, Path(books.name))
            elif view == "clients":
                window.client_list.table.setFocus()
            elif view in ("dossier", "people", "profile"):  # the dossier takes most of the width
                total = sum(window.splitter.sizes())
                window.splitter.setSizes([total * 3 // 10, total - total * 3 // 10])
                if view != "dossier":
                    panel = window.dossier.people if view == "people" else window.dossier.profile
                    window.dossier.tabs.setCurrentWidget(panel)
                for _ in range(3):
                    app.processEvents()
            app.processEvents()
            pixmap = window.grab()
            with atomic_path(out) as tmp:
                if not pixmap.save(str(tmp), "PNG"):
                    raise StudioError(f"Could not write the screenshot to {out}.")
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            ctx.bridge.close()
            settings_path.unlink(missing_ok=True)
            books.cleanup()
    print(f"Saved {out} ({width}x{height}, {view})")
    return 0
