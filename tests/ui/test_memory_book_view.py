"""The memory book view: the photo model without widgets, imports and builds in the background,
undoable edits from the strip, the journal saved on leaving a field, the built book's preview."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QModelIndex, Qt, QUrl

from studio.services import clients
from studio.services.media import book as media_book
from studio.services.media import editing as media_edit
from studio.services.media import files as media_files
from studio.services.media import importing as media_import
from studio.services.media import rows as media_rows
from studio.services.trips import lifecycle as trip_lifecycle
from ui.models.media_model import (
    MIME_IDS,
    ROLE_DAY,
    ROLE_ID,
    ROLE_INCLUDED,
    ROLE_THUMB_STATE,
    MediaModel,
)

_EXIF_IFD, _DATE_ORIGINAL = 0x8769, 0x9003


def photo(path: Path, taken: str, color=(200, 120, 60), size=(480, 320)) -> Path:
    im = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif.get_ifd(_EXIF_IFD)[_DATE_ORIGINAL] = taken
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, "JPEG", exif=exif.tobytes())
    return path


@pytest.fixture
def trip(seeded):
    c = clients.create_client(seeded, "Chen family", native_name="陈家")
    return trip_lifecycle.create_trip(
        seeded,
        c.id,
        "Yunnan: Lijiang to Shangri-La",
        start_date="2026-03-10",
        end_date="2026-03-12",
        destinations=["Yunnan"],
        currency="CNY",
    )


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "card"
    photo(d / "IMG_1.jpg", "2026:03:10 09:00:00", (10, 80, 160))
    photo(d / "IMG_2.jpg", "2026:03:11 10:00:00", (160, 80, 10), size=(320, 480))
    photo(d / "IMG_3.jpg", "2026:03:12 11:00:00", (40, 160, 40))
    return d


@pytest.fixture
def view(ctx, trip, qtbot):
    from ui.views.memory_book_view import MemoryBookView

    v = MemoryBookView(ctx)
    v.build_workers = 1  # keep the test machine's cores for the test run
    qtbot.addWidget(v)
    v.resize(1100, 800)
    v.set_trip(trip.id)
    v.show()
    qtbot.waitExposed(v)
    yield v
    v.wait_idle()


# -- the model, no widgets ---------------------------------------------------------------------
def test_media_model_rows_roles_drops_and_lazy_thumbnails(seeded, trip, folder, qtbot):
    media_import.add_media(seeded, trip.id, [folder])
    model = MediaModel(seeded)
    model.set_trip(trip.id)
    assert model.rowCount() == 3
    first = model.index(0, 0)
    assert first.data(Qt.ItemDataRole.DisplayRole) == "IMG_1.jpg"
    assert first.data(ROLE_INCLUDED) is True
    assert [model.index(r, 0).data(ROLE_DAY) for r in range(3)] == [1, 2, 3]
    ids = model.ids()

    # inside the strip: the third photo dropped before the first → the new order is asked for
    data = model.mimeData([model.index(2, 0)])
    assert data.hasFormat(MIME_IDS)
    with qtbot.waitSignal(model.sig_reorder_requested) as asked:
        assert model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex()) is False
    assert asked.args[0] == [ids[2], ids[0], ids[1]]
    assert model.order_after_drop([ids[0]], 0) is None  # nothing moves
    # dropped onto a photo: it takes that photo's place
    with qtbot.waitSignal(model.sig_reorder_requested) as onto:
        model.dropMimeData(
            model.mimeData([model.index(0, 0)]), Qt.DropAction.MoveAction, -1, -1, model.index(1, 0)
        )
    assert onto.args[0] == [ids[1], ids[0], ids[2]]

    # files from the desktop → the paths are handed on for importing
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(folder / "IMG_1.jpg"))])
    assert model.canDropMimeData(files, Qt.DropAction.CopyAction, -1, 0, QModelIndex())
    with qtbot.waitSignal(model.sig_files_dropped) as dropped:
        model.dropMimeData(files, Qt.DropAction.CopyAction, -1, 0, QModelIndex())
    assert dropped.args[0] == [str(folder / "IMG_1.jpg")]

    # thumbnails are made only when asked, off the GUI thread
    assert first.data(ROLE_THUMB_STATE) == "none"
    assert model.thumbnail(0) is None
    with qtbot.waitSignal(model.sig_thumbnail_ready) as ready:
        pass
    assert ready.args[0] == ids[0]
    image = model.thumbnail(0)
    assert image is not None and not image.isNull() and max(image.width(), image.height()) <= 256
    assert first.data(ROLE_THUMB_STATE) == "ready"

    # the model follows changes: a photo left out reads as such after the change signal
    media_edit.set_included(seeded, ids[1], False)
    model.reload()
    assert model.index(1, 0).data(ROLE_INCLUDED) is False


# -- importing through the view's worker -------------------------------------------------------
def test_import_in_the_background_adds_rows_thumbnails_and_reports_a_corrupt_file(
    view, ctx, trip, folder, qtbot
):
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    with qtbot.waitSignal(view.sig_import_finished, timeout=30000) as done:
        job = view.import_files([str(folder)])
        assert job is not None and view.busy  # the call returned while the import runs
        assert view._progress_row.isVisible()
    outcome = done.args[0]
    assert outcome.error is None and not outcome.cancelled
    assert len(outcome.result.added) == 3
    assert view.model.rowCount() == 3 and not view.busy and not view._progress_row.isVisible()
    report = view.import_report.text()
    assert "3 photos added" in report and "1 skipped" in report and "broken.jpg" in report
    # thumbnails arrive for the painted rows
    qtbot.waitUntil(
        lambda: all(view.model.index(r, 0).data(ROLE_THUMB_STATE) == "ready" for r in range(3)),
        timeout=10000,
    )
    # the whole import is one undo step
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert view.model.rowCount() == 0
    ctx.undo_stack.redo()
    assert view.model.rowCount() == 3

    # the same photos again: duplicates, nothing added, nothing to undo
    with qtbot.waitSignal(view.sig_import_finished, timeout=30000) as again:
        view.import_files([str(folder / "IMG_1.jpg")])
    assert again.args[0].result.duplicates == ["IMG_1.jpg"]
    assert "already in the trip" in view.import_report.text()
    assert ctx.undo_stack.count() == 1


# -- editing from the strip --------------------------------------------------------------------
def test_leave_out_and_caption_from_the_strip_are_undoable(
    view, ctx, trip, folder, qtbot, monkeypatch
):
    media_import.add_media(ctx.studio, trip.id, [folder])
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    first = view.model.index(0, 0).data(ROLE_ID)
    view.select_ids([first])
    view.strip.setFocus()
    view.activateWindow()
    qtbot.waitUntil(view.strip.hasFocus)

    qtbot.keyClick(view.strip, Qt.Key.Key_Space)
    assert media_rows.get_media(ctx.studio, first).included is False
    assert view.model.index(0, 0).data(ROLE_INCLUDED) is False
    assert "1 left out" in view.count_label.text()
    view.show_excluded.setChecked(False)
    assert view.strip.isRowHidden(0)
    view.show_excluded.setChecked(True)
    ctx.undo_stack.undo()
    assert media_rows.get_media(ctx.studio, first).included is True

    monkeypatch.setattr(
        "ui.views.memory_book_view.QInputDialog.getText",
        lambda *a, **k: ("Jade Dragon Snow Mountain 玉龙雪山", True),
    )
    view.select_ids([first])
    qtbot.keyClick(view.strip, Qt.Key.Key_F2)
    assert media_rows.get_media(ctx.studio, first).caption == "Jade Dragon Snow Mountain 玉龙雪山"
    assert (
        view.model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
        == "Jade Dragon Snow Mountain 玉龙雪山"
    )
    ctx.undo_stack.undo()
    assert media_rows.get_media(ctx.studio, first).caption == ""

    # reorder by drop: one undo step
    order = list(reversed(view.model.ids()))
    assert view.reorder(order)
    assert [m.id for m in media_rows.media_of(ctx.studio, trip.id)] == order
    ctx.undo_stack.undo()
    assert [m.id for m in media_rows.media_of(ctx.studio, trip.id)] == list(reversed(order))

    # remove (Delete) and the cover
    view.select_ids([first])
    view.action_cover.trigger()
    assert media_rows.book_settings(ctx.studio, trip.id).cover_media_id == first
    view.select_ids([first])
    qtbot.keyClick(view.strip, Qt.Key.Key_Delete)
    assert first not in view.model.ids()
    ctx.undo_stack.undo()
    assert first in view.model.ids()


# -- the story -----------------------------------------------------------------------------------
def test_journal_and_book_texts_saved_on_leaving_the_field(view, ctx, trip, qtbot):
    assert view.story.day_combo.count() == 3
    assert view.story.day_combo.itemText(0).startswith("Day 1")
    view.story.journal.setPlainText("Arrived in Lijiang; 晚上在古城散步。")
    view.story.journal.document().setModified(True)
    view.story.highlights.setPlainText("Black Dragon Pool\n\nNaxi music")
    view.story.highlights.document().setModified(True)
    view.story.set_current_day(2)  # switching the day saves what was typed
    day1 = media_rows.journal_of(ctx.studio, trip.id)[1]
    assert day1.journal == "Arrived in Lijiang; 晚上在古城散步。"
    assert media_rows.highlights_of(day1) == ["Black Dragon Pool", "Naxi music"]
    assert view.story.journal.toPlainText() == ""
    view.story.set_current_day(1)
    assert view.story.journal.toPlainText().startswith("Arrived in Lijiang")

    # leaving the field (editingFinished) saves; undo puts the old text back in the editor
    view.story.journal.setPlainText("Changed")
    view.story.journal.document().setModified(True)
    view.story.journal.editingFinished.emit()
    assert media_rows.journal_of(ctx.studio, trip.id)[1].journal == "Changed"
    ctx.undo_stack.undo()
    assert view.story.journal.toPlainText().startswith("Arrived in Lijiang")

    # a refusal shows under the field and keeps what was typed
    too_many = "\n".join(f"highlight {n}" for n in range(25))
    view.story.highlights.setPlainText(too_many)
    view.story.highlights.document().setModified(True)
    view.story.highlights.editingFinished.emit()
    assert "at most 20" in view.story._journal_boxes["highlights"].error.text()
    assert view.story.highlights.toPlainText() == too_many

    # the Book tab shows the defaults an empty field gets
    view.story.setCurrentIndex(1)
    assert view.story.book_title.placeholderText() == "Yunnan, March 2026"
    assert view.story.book_subtitle.placeholderText() == "Yunnan: Lijiang to Shangri-La"
    view.story.book_title.setText("Yunnan with the Chens")
    view.story.book_title.setModified(True)
    view.story.book_title.editingFinished.emit()
    assert media_rows.book_settings(ctx.studio, trip.id).title == "Yunnan with the Chens"
    view.story.size_combo.setCurrentIndex(view.story.size_combo.findData("square20"))
    view.story.size_combo.activated.emit(view.story.size_combo.currentIndex())
    assert media_rows.book_settings(ctx.studio, trip.id).size == "square20"


# -- the book ------------------------------------------------------------------------------------
def test_build_runs_in_the_background_and_shows_pages_and_preflight(
    view, ctx, trip, folder, qtbot, tmp_path
):
    media_import.add_media(ctx.studio, trip.id, [folder])
    rows = media_rows.media_of(ctx.studio, trip.id)
    media_files.stored_path(ctx.studio, rows[1]).write_bytes(
        b"\xff\xd8\xff garbage"
    )  # damaged since import
    from PySide6.QtCore import QTimer

    beats = []  # the GUI thread keeps turning while the book is built
    heart = QTimer(view)
    heart.setInterval(5)
    heart.timeout.connect(lambda: beats.append(view.busy))
    heart.start()
    with qtbot.waitSignal(view.sig_build_finished, timeout=60000) as done:
        job = view.build()
        assert job is not None and view.busy and not view.build_button.isEnabled()
    heart.stop()
    assert any(beats)
    outcome = done.args[0]
    assert outcome.error is None, outcome.error
    assert view.preview.document.pageCount() >= 4
    assert view.preview.pages.isVisible() and view.save_button.isEnabled()
    built = view.built_pdf
    assert built is not None and built.parent == view.books_dir() and built.is_file()
    assert view.preflight.pages == view.preview.document.pageCount()
    text = view.preview.report.toPlainText()
    assert "IMG_2.jpg" in text  # the damaged photo, by name
    assert "IMG_1.jpg" in text and "ppi" in text and "embedded" in text
    # 480-pixel photos across a page print far below 200 ppi: flagged
    assert view.preflight.low_ppi and "below 200 ppi" in text

    out = tmp_path / "saved" / "book.pdf"
    out.parent.mkdir()
    assert view.save_pdf(out)
    assert out.read_bytes()[:5] == b"%PDF-"

    # a second build replaces the first file
    with qtbot.waitSignal(view.sig_build_finished, timeout=60000):
        view.build()
    assert view.built_pdf != built and not built.exists()
    assert [p.name for p in view.books_dir().iterdir()] == [view.built_pdf.name]


def test_cancelled_build_leaves_no_pdf(view, ctx, trip, folder, qtbot, monkeypatch):
    import threading

    media_import.add_media(ctx.studio, trip.id, [folder])
    entered, release = threading.Event(), threading.Event()
    real_content = media_book.book_content

    def content(*args, **kwargs):  # the build waits, under way, until the user has pressed Cancel
        entered.set()
        assert release.wait(10)
        return real_content(*args, **kwargs)

    monkeypatch.setattr(media_book, "book_content", content)
    view.strip.setFocus()
    view.activateWindow()
    qtbot.waitUntil(view.strip.hasFocus)
    with qtbot.waitSignal(view.sig_build_finished, timeout=60000) as done:
        qtbot.keyClick(view.strip, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # Ctrl+B
        assert view.busy and view.cancel_button.isVisible()
        assert entered.wait(10)
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
        assert view._job.cancelling
        release.set()
    assert done.args[0].cancelled
    assert view.built_pdf is None and view.preview.document.pageCount() == 0
    assert not view.books_dir().exists() or list(view.books_dir().iterdir()) == []
    assert not view.busy and view.build_button.isEnabled()


def test_build_error_is_shown_in_a_message_box(view, ctx, trip, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(view, "_error", lambda title, text: shown.append(text))
    import studio.reports.book.pdf as book_pdf
    from studio.errors import StudioError

    def boom(*_a, **_k):
        raise StudioError("The disk is full.")

    monkeypatch.setattr(book_pdf, "write_book", boom)
    with qtbot.waitSignal(view.sig_build_finished, timeout=30000):
        view.build()
    assert shown == ["The disk is full."]
    assert view.built_pdf is None


def test_trip_view_hosts_the_memory_book_and_it_follows_the_trip(ctx, trip, qtbot):
    from ui.views.trip_view import TAB_BOOK, TripView

    tv = TripView(ctx)
    qtbot.addWidget(tv)
    tv.show()
    tv.set_trip(trip.id)
    assert tv.tabs.tabText(TAB_BOOK) == "Memory book"
    assert tv.memory_book.trip_id == trip.id
    tv.tabs.setCurrentIndex(TAB_BOOK)
    assert tv.memory_book.model.trip_id == trip.id and tv.memory_book.story.day_combo.count() == 3
    tv.set_trip(None)
    assert tv.memory_book.trip_id is None and tv.memory_book.model.rowCount() == 0


def test_screenshot_of_the_memory_book_keeps_no_built_book(data_dir, tmp_path, folder, qapp):
    from PySide6.QtGui import QImage

    from studio.store import Studio
    from ui import app as ui_app

    with Studio.open(data_dir) as s:
        clients.setup_local_advisor(s, "Mei Lin", role="owner", native_name="林美")
        c = clients.create_client(s, "Chen family", native_name="陈家")
        t = trip_lifecycle.create_trip(
            s, c.id, "Yunnan", start_date="2026-03-10", end_date="2026-03-12"
        )
        media_import.add_media(s, t.id, [folder])
    out = tmp_path / "book.png"
    assert ui_app.screenshot(str(data_dir), out, view="book", size="1200x800") == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    assert not (data_dir / "books").exists()


def test_files_dropped_on_the_strip_are_imported_and_photos_move_to_another_day(
    view, ctx, trip, folder, qtbot, monkeypatch
):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls(
        [
            QUrl.fromLocalFile(str(folder / "IMG_1.jpg")),
            QUrl.fromLocalFile(str(folder / "IMG_3.jpg")),
        ]
    )
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(view.sig_import_finished, timeout=30000):
        view.strip.dropEvent(event)
        assert event.isAccepted()
    assert sorted(media_rows.get_media(ctx.studio, i).original_name for i in view.model.ids()) == [
        "IMG_1.jpg",
        "IMG_3.jpg",
    ]

    first = view.model.ids()[0]
    view.select_ids([first])
    monkeypatch.setattr(
        "ui.views.memory_book_view.QInputDialog.getItem",
        lambda _p, _t, _l, items, *a, **k: (items[2], True),
    )  # "No day", Day 1, Day 2…
    view.action_move.trigger()
    assert media_rows.get_media(ctx.studio, first).day_number == 2
    assert view.model.index(view.model.row_of(first), 0).data(ROLE_DAY) == 2
    ctx.undo_stack.undo()
    assert media_rows.get_media(ctx.studio, first).day_number == 1


def test_cancelled_import_keeps_what_was_taken_in_as_one_step(
    view, ctx, trip, folder, qtbot, monkeypatch
):
    import threading

    entered, release = threading.Event(), threading.Event()
    real_probe = media_import.probe

    def probe(path):  # the first photo waits until the user has pressed Cancel
        entered.set()
        assert release.wait(10)
        return real_probe(path)

    monkeypatch.setattr(media_import, "probe", probe)
    with qtbot.waitSignal(view.sig_import_finished, timeout=30000) as done:
        view.import_files([str(folder)])
        assert entered.wait(10)
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
        release.set()
    res = done.args[0].result
    assert res.cancelled and [m.original_name for m in res.added] == ["IMG_1.jpg"]
    assert view.model.rowCount() == 1
    assert "Stopped before the end" in view.import_report.text()
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert view.model.rowCount() == 0
