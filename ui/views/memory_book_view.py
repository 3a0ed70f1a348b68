"""A trip's memory book: the photo strip (:mod:`ui.widgets.photo_strip`), the story — the
day-by-day journal and the book's texts and print options (:mod:`ui.widgets.story_editor`) —
and the built book's pages with their preflight (:mod:`ui.widgets.book_preview`). This view
lays them out and wires them to the studio.

Every change goes through ``ctx.execute`` (undoable). Two things run off the GUI thread
(:mod:`ui.workers`):

* importing photos: the files are decoded, hashed and copied in a worker
  (:func:`studio.services.media.importing.prepare_import`), then the rows are written on the GUI
  thread as one undoable command (``ctx.execute_in_background``), so Undo takes the whole
  import back;
* building the book (:func:`studio.services.media.book.build_book`, which prepares photos in
  worker processes).

Both report progress and can be cancelled. The book is built into ``books/`` in the studio's
data folder (a new file each time, the previous one removed once the new one shows), so the
preview never depends on where the user saves and a cancelled or failed build leaves nothing;
Save PDF… copies the built file where the user wants it.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain.i18n import current_language
from studio.errors import StudioError
from studio.services.media import book as media_book
from studio.services.media import editing as media_edit
from studio.services.media import importing as media_import
from ui.context import AppContext
from ui.models.media_model import ROLE_ID, MediaModel
from ui.style import error_color, set_muted
from ui.widgets.book_preview import BookPreview
from ui.widgets.photo_strip import PhotoStrip
from ui.widgets.story_editor import StoryEditor, size_labels
from ui.workers import Job, JobOutcome

PHOTO_FILTER = "*.jpg *.jpeg *.png *.tif *.tiff *.webp *.heic *.heif"
#: Where built books wait to be looked at and saved, inside the studio's data folder.
BOOKS_DIR = "books"


class MemoryBookView(QWidget):
    """The memory book of one trip (``set_trip``); empty when no trip is shown."""

    #: Fires with a short message for the status bar.
    sig_message = Signal(str)
    #: Fires with the :class:`JobOutcome` after an import of photos has ended.
    sig_import_finished = Signal(object)
    #: Fires with the :class:`JobOutcome` after a build has ended (the preview already updated).
    sig_build_finished = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._trip_id: str | None = None
        self._wanted: str | None = None  # the trip asked for (shown once the view is visible)
        self._loaded = False
        self._sized = False
        self._job: Job | None = None
        self._job_kind = ""
        self._building: tuple[str, Path] | None = None  # (trip id, PDF) of the build under way
        self._built: Path | None = None  # the PDF shown in the preview
        self.preflight = None  # the last build's Preflight
        #: Worker processes for the build (None: one per core).
        self.build_workers: int | None = None
        #: Where to build instead of the studio's ``books/`` folder (e.g. a temporary one).
        self.books_folder: Path | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

        # -- photos ------------------------------------------------------------------------
        self.model = MediaModel(ctx.studio, self)
        self.strip = PhotoStrip(self)
        self.strip.setModel(self.model)
        self.strip.customContextMenuRequested.connect(self._context_menu)
        self.strip.doubleClicked.connect(lambda _index: self.edit_caption())
        self.strip.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.model.sig_reorder_requested.connect(self.reorder)
        self.model.sig_files_dropped.connect(self.import_files)
        self.model.modelReset.connect(self._after_reset)

        self.add_files_button = QPushButton(self.tr("Add &photos…"), self)
        self.add_files_button.setToolTip(
            self.tr(
                "Copy photos into the studio for this trip (you can also drop files on the strip)"
            )
        )
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_folder_button = QPushButton(self.tr("Add &folder…"), self)
        self.add_folder_button.setToolTip(self.tr("Add every photo in a folder and its subfolders"))
        self.add_folder_button.clicked.connect(self.choose_folder)
        self.show_excluded = QCheckBox(self.tr("Show &left-out photos"), self)
        self.show_excluded.setChecked(True)
        self.show_excluded.setToolTip(
            self.tr("Photos left out of the book are shown dimmed; untick to hide them")
        )
        self.show_excluded.toggled.connect(lambda _on: self._apply_hidden())
        self.count_label = QLabel(self)
        set_muted(self.count_label)
        self.import_report = QLabel(self)
        self.import_report.setObjectName("importReport")
        self.import_report.setWordWrap(True)
        self.import_report.setTextFormat(Qt.TextFormat.RichText)
        self.import_report.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dismiss_report = QToolButton(self)
        self.dismiss_report.setText("✕")
        self.dismiss_report.setAutoRaise(True)
        self.dismiss_report.setToolTip(self.tr("Hide this report"))
        self._report_box = QWidget(self)
        rb = QHBoxLayout(self._report_box)
        rb.setContentsMargins(0, 0, 0, 0)
        rb.addWidget(self.import_report, 1)
        rb.addWidget(self.dismiss_report, 0, Qt.AlignmentFlag.AlignTop)
        self.dismiss_report.clicked.connect(self._report_box.hide)
        self._report_box.hide()

        photo_bar = QHBoxLayout()
        photo_bar.setContentsMargins(0, 0, 0, 0)
        photo_bar.addWidget(self.add_files_button)
        photo_bar.addWidget(self.add_folder_button)
        photo_bar.addWidget(self.show_excluded)
        photo_bar.addStretch(1)
        photo_bar.addWidget(self.count_label)

        # -- actions on photos -------------------------------------------------------------
        def action(text: str, keys: QKeySequence | str | None, slot) -> QAction:
            a = QAction(text, self)
            if keys:
                a.setShortcut(QKeySequence(keys))
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(slot)
            self.strip.addAction(a)
            return a

        self.action_include = action(
            self.tr("&Include / Leave out"), Qt.Key.Key_Space, self.toggle_included
        )
        self.action_caption = action(self.tr("&Caption…"), Qt.Key.Key_F2, self.edit_caption)
        self.action_move = action(self.tr("&Move to day…"), None, self.move_to_day)
        self.action_cover = action(self.tr("Use as c&over"), None, self.use_as_cover)
        self.action_remove = action(
            self.tr("&Remove from trip"), QKeySequence.StandardKey.Delete, self.remove_selected
        )
        #: Ctrl+B: build the book (the main window may also put it in a menu).
        self.action_build = QAction(self.tr("&Build book"), self)
        self.action_build.setShortcut(QKeySequence("Ctrl+B"))
        self.action_build.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_build.triggered.connect(self.build)
        self.addAction(self.action_build)

        # -- the story: a day's journal, the book's texts ----------------------------------
        self.story = StoryEditor(ctx, self)

        # -- the built book ----------------------------------------------------------------
        self.build_button = QPushButton(self.tr("&Build book"), self)
        self.build_button.setObjectName("buildBook")
        self.build_button.setToolTip(self.tr("Lay out and write the memory book PDF (Ctrl+B)"))
        self.build_button.clicked.connect(self.build)
        self.save_button = QPushButton(self.tr("&Save PDF…"), self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.choose_save_path)
        self.preview = BookPreview(self)
        self.book_splitter = self.preview

        self.progress = QProgressBar(self)
        self.progress.setObjectName("jobProgress")
        self.progress.setTextVisible(True)
        self.progress_label = QLabel(self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelJob")
        self.cancel_button.clicked.connect(self.cancel_job)
        self._progress_row = QWidget(self)
        pr = QHBoxLayout(self._progress_row)
        pr.setContentsMargins(0, 0, 0, 0)
        pr.addWidget(self.progress_label)
        pr.addWidget(self.progress, 1)
        pr.addWidget(self.cancel_button)
        self._progress_row.hide()

        build_bar = QHBoxLayout()
        build_bar.setContentsMargins(0, 0, 0, 0)
        build_bar.addWidget(self.build_button)
        build_bar.addWidget(self.save_button)
        build_bar.addStretch(1)
        book_pane = QWidget(self)
        bv = QVBoxLayout(book_pane)
        bv.setContentsMargins(0, 0, 0, 0)
        bv.addLayout(build_bar)
        bv.addWidget(self.preview, 1)

        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.setChildrenCollapsible(False)
        lower.addWidget(self.story)
        lower.addWidget(book_pane)
        lower.setStretchFactor(0, 2)
        lower.setStretchFactor(1, 3)
        self.lower_splitter = lower

        photos_pane = QWidget(self)
        pp = QVBoxLayout(photos_pane)
        pp.setContentsMargins(0, 0, 0, 0)
        pp.addLayout(photo_bar)
        pp.addWidget(self._report_box)
        pp.addWidget(self.strip, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(photos_pane)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        self._empty = QLabel(self.tr("Choose a trip to make its memory book."), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_muted(self._empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._empty)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self._progress_row)

        ctx.bridge.sig_changed.connect(self._on_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.splitter.hide()
        self._update_actions()

    # -- public -----------------------------------------------------------------------------
    @property
    def trip_id(self) -> str | None:
        return self._wanted

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def built_pdf(self) -> Path | None:
        return self._built

    def set_trip(self, trip_id: str | None) -> None:
        """Show ``trip_id``'s book; while the view is hidden (another tab) it loads when shown."""
        self._wanted = trip_id
        if self.isVisible() or trip_id is None:
            self._apply_trip()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # Modest: the trip's pane scrolls by preferred heights, and the strip, the editors and
        # the preview all scroll on their own, so they take whatever room there is.
        least = self.minimumSizeHint()
        return QSize(max(least.width(), 640), max(least.height(), 420))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._apply_trip()
        if not self._sized and self.width() > 0:
            # first shown: the preview gets most of the book side, the editors two fifths
            self._sized = True
            w = self.width()
            self.lower_splitter.setSizes([w * 2 // 5, w - w * 2 // 5])
            side = w - w * 2 // 5
            # the pages get most of the book side; the preflight is a column of short lines
            report = max(self.fontMetrics().horizontalAdvance("m") * 14, side * 3 // 10)
            self.book_splitter.setSizes([side - report, report])
            QTimer.singleShot(0, self._size_rows)

    def _size_rows(self) -> None:
        """One row of photos and a peek at the next; the journal and the pages get the rest."""
        h = self.splitter.height()
        if h <= 0:
            return
        pane = self.splitter.widget(0)
        row = self.strip.sizeHintForRow(0) if self.strip.model().rowCount() else 0
        row = max(row, 170)
        photos = pane.height() - self.strip.viewport().height() + row * 5 // 4
        photos = max(160, min(photos, h * 2 // 5))
        self.splitter.setSizes([photos, h - photos])

    def _apply_trip(self) -> None:
        trip_id = self._wanted
        if trip_id == self._trip_id and (trip_id is None or self._loaded):
            return
        self._loaded = True
        self.story.flush()
        self._trip_id = trip_id
        self._empty.setVisible(trip_id is None)
        self.splitter.setVisible(trip_id is not None)
        self._report_box.hide()
        self.model.set_trip(trip_id)
        self._clear_preview()
        self.story.set_trip(trip_id)
        self._update_actions()

    def selected_ids(self) -> list[str]:
        rows = sorted(i.row() for i in self.strip.selectionModel().selectedIndexes())
        return [self.model.media(r).id for r in rows]

    def select_ids(self, ids: list[str]) -> None:
        from PySide6.QtCore import QItemSelectionModel

        sel = self.strip.selectionModel()
        sel.clearSelection()
        for n, mid in enumerate(ids):
            row = self.model.row_of(mid)
            if row >= 0:
                flag = QItemSelectionModel.SelectionFlag.Select
                if n == 0:
                    sel.setCurrentIndex(self.model.index(row, 0), flag)
                else:
                    sel.select(self.model.index(row, 0), flag)

    # -- photos: import ---------------------------------------------------------------------
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos to the trip"),
            "",
            self.tr("Photos (%1);;All files (*)").replace("%1", PHOTO_FILTER),
        )
        if files:
            self.import_files(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add every photo in a folder"))
        if folder:
            self.import_files([folder])

    def import_files(self, paths: list[str]) -> Job | None:
        """Copy ``paths`` (files or folders) into the trip in the background; one undo step."""
        if not self._trip_id or not paths:
            return None
        if self._job is not None:
            self.sig_message.emit(
                self.tr("Wait for the current task to finish (or cancel it) first.")
            )
            return None
        studio, trip_id = self._ctx.studio, self._trip_id
        files = [str(p) for p in paths]

        def text(prepared) -> str:
            n = len(prepared.taken)
            return (
                self.tr("Add %1 photos").replace("%1", str(n)) if n != 1 else self.tr("Add a photo")
            )

        job = self._ctx.execute_in_background(
            text,
            lambda progress, cancel: media_import.prepare_import(
                studio, trip_id, files, progress=progress, cancel=cancel
            ),
            lambda prepared: media_import.write_import(studio, prepared),
            pool=self._pool,
        )
        self._track(job, "import", self.tr("Adding photos…"))
        return job

    def _import_done(self, outcome: JobOutcome) -> None:
        res = outcome.result
        if outcome.error:
            self._show_report(self.tr("The photos could not be added."), [], [outcome.error])
        elif res is not None:
            summary = self._import_summary(res)
            notes = (
                [self.tr("Already in the trip: %1").replace("%1", ", ".join(res.duplicates))]
                if res.duplicates
                else []
            )
            self._show_report(summary, notes, [reason for _name, reason in res.skipped])
            self.sig_message.emit(summary)
        self.sig_import_finished.emit(outcome)

    def _import_summary(self, res) -> str:
        parts = [
            self.tr("%1 photos added").replace("%1", str(len(res.added)))
            if len(res.added) != 1
            else self.tr("1 photo added")
        ]
        if res.duplicates:
            parts.append(self.tr("%1 already in the trip").replace("%1", str(len(res.duplicates))))
        if res.skipped:
            parts.append(self.tr("%1 skipped").replace("%1", str(len(res.skipped))))
        text = ", ".join(parts) + "."
        if res.cancelled:
            text += " " + self.tr("Stopped before the end; the photos taken in so far are kept.")
        return text

    def _show_report(self, summary: str, notes: list[str], problems: list[str]) -> None:
        """The import's outcome above the strip: the counts, then each skipped file and why."""
        import html

        bad = error_color(self.palette()).name()
        lines = [f"<b>{html.escape(summary, quote=False)}</b>"]
        lines += [html.escape(n, quote=False) for n in notes]
        lines += [
            f"<span style='color:{bad}'>{html.escape(p, quote=False)}</span>" for p in problems
        ]
        self.import_report.setText("<br>".join(lines))
        self._report_box.show()

    # -- photos: editing --------------------------------------------------------------------
    def _run(self, text: str, op: Callable[[], Any]) -> bool:
        try:
            self._ctx.execute(text, op)
        except StudioError as exc:
            self._error(self.tr("Memory book"), str(exc))
            return False
        return True

    def toggle_included(self) -> None:
        """Leave the selected photos out of the book (or put them back when all are left out)."""
        ids = self.selected_ids()
        if not ids:
            return
        rows = [self.model.media(self.model.row_of(i)) for i in ids]
        include = not any(m.included for m in rows)
        text = (
            self.tr("Include photos in the book")
            if include
            else self.tr("Leave photos out of the book")
        )
        self._run(
            text, lambda: [media_edit.set_included(self._ctx.studio, i, include) for i in ids]
        )
        self.select_ids(ids)

    def edit_caption(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        m = self.model.media(self.model.row_of(ids[0]))
        text, ok = QInputDialog.getText(
            self,
            self.tr("Caption"),
            self.tr("Caption of %1:").replace("%1", m.original_name),
            QLineEdit.EchoMode.Normal,
            m.caption,
        )
        if ok:
            self.set_caption(m.id, text)

    def set_caption(self, media_id: str, text: str) -> bool:
        ok = self._run(
            self.tr("Edit caption"),
            lambda: media_edit.set_caption(self._ctx.studio, media_id, text),
        )
        self.select_ids([media_id])
        return ok

    def move_to_day(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        days = self.story.days
        labels = [self.tr("No day")] + [self.story.day_label(d) for d in days]
        m = self.model.media(self.model.row_of(ids[0]))
        current = next((n + 1 for n, d in enumerate(days) if d.number == m.day_number), 0)
        choice, ok = QInputDialog.getItem(
            self, self.tr("Move to day"), self.tr("Day of the trip:"), labels, current, False
        )
        if ok:
            i = labels.index(choice)
            self.set_day(ids, days[i - 1].number if i else None)

    def set_day(self, ids: list[str], day: int | None) -> bool:
        ok = self._run(
            self.tr("Move photos to another day"),
            lambda: [media_edit.move_to_day(self._ctx.studio, i, day) for i in ids],
        )
        self.select_ids(ids)
        return ok

    def use_as_cover(self) -> None:
        ids = self.selected_ids()
        if ids and self._trip_id:
            trip_id = self._trip_id
            self._run(
                self.tr("Choose the book's cover"),
                lambda: media_edit.set_book(self._ctx.studio, trip_id, cover_media_id=ids[0]),
            )
            self.select_ids(ids[:1])

    def remove_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        n = len(ids)
        text = (
            self.tr("Remove %1 photos").replace("%1", str(n))
            if n != 1
            else self.tr("Remove a photo")
        )
        if self._run(text, lambda: [media_edit.remove_media(self._ctx.studio, i) for i in ids]):
            self.sig_message.emit(self.tr("Removed from the trip; Undo (Ctrl+Z) brings them back."))

    def reorder(self, ids: list[str]) -> bool:
        if not self._trip_id:
            return False
        trip_id = self._trip_id
        moved = self.selected_ids()
        ok = self._run(
            self.tr("Reorder photos"), lambda: media_edit.reorder(self._ctx.studio, trip_id, ids)
        )
        self.select_ids(moved)
        return ok

    def _context_menu(self, pos: QPoint) -> None:
        index = self.strip.indexAt(pos)
        if index.isValid() and not self.strip.selectionModel().isSelected(index):
            self.select_ids([index.data(ROLE_ID)])
        self._update_actions()
        menu = QMenu(self)
        for a in (self.action_include, self.action_caption, self.action_move, self.action_cover):
            menu.addAction(a)
        menu.addSeparator()
        menu.addAction(self.action_remove)
        menu.exec(self.strip.viewport().mapToGlobal(pos))

    def _update_actions(self) -> None:
        has = bool(self._trip_id) and bool(self.strip.selectionModel().selectedIndexes())
        for a in (
            self.action_include,
            self.action_caption,
            self.action_move,
            self.action_cover,
            self.action_remove,
        ):
            a.setEnabled(has)
        idle = self._job is None and bool(self._trip_id)
        for w in (self.add_files_button, self.add_folder_button, self.build_button):
            w.setEnabled(idle)
        self.action_build.setEnabled(idle)

    def _after_reset(self) -> None:
        self._apply_hidden()
        rows = [self.model.media(r) for r in range(self.model.rowCount())]
        left_out = sum(1 for m in rows if not m.included)
        text = (
            self.tr("%1 photos").replace("%1", str(len(rows)))
            if len(rows) != 1
            else self.tr("1 photo")
        )
        if left_out:
            text += " · " + self.tr("%1 left out").replace("%1", str(left_out))
        self.count_label.setText(
            text if rows else self.tr("No photos yet: add some, or drop them here.")
        )
        self._update_actions()

    def _apply_hidden(self) -> None:
        show = self.show_excluded.isChecked()
        for r in range(self.model.rowCount()):
            self.strip.setRowHidden(r, not show and not self.model.media(r).included)

    # -- the studio changed ------------------------------------------------------------------
    def _on_changed(self, changes) -> None:
        if not self._trip_id:
            return
        self.model.on_studio_changed(changes)
        self.story.on_studio_changed(changes)

    # -- the book ---------------------------------------------------------------------------
    def books_dir(self) -> Path:
        """Where books are built: ``books/`` in the studio's data folder (or ``books_folder``)."""
        return self.books_folder or self._ctx.studio.data_dir / BOOKS_DIR

    def _sweep_books(self) -> None:
        """Remove books built earlier and not shown (left by a closed window); one app per studio."""
        folder = self.books_dir()
        if folder.is_dir():
            for f in folder.glob("memory-book-*.pdf"):
                if f != self._built:
                    f.unlink(missing_ok=True)

    def build(self) -> Job | None:
        """Build the trip's book in the background; the preview shows it when done."""
        if not self._trip_id or self._job is not None:
            return None
        self.story.flush()
        self._sweep_books()
        from studio.reports.book.preflight import BuildCancelled

        studio, trip_id = self._ctx.studio, self._trip_id
        size, bleed = self.story.book_options()
        options = media_book.BookOptions(
            size=size, bleed=bleed, workers=self.build_workers, lang=current_language()
        )
        folder = self.books_dir()
        out = folder / f"memory-book-{uuid.uuid4().hex[:12]}.pdf"

        def work(progress, cancel):
            folder.mkdir(parents=True, exist_ok=True)
            return media_book.build_book(studio, trip_id, out, options, progress, cancel)

        job = Job(work, cancelled_type=BuildCancelled).start(self._pool)
        self._building = (trip_id, out)
        self._track(job, "build", self.tr("Building the book…"))
        return job

    def _build_done(self, outcome: JobOutcome) -> None:
        trip_id, out = self._building
        if outcome.cancelled:
            out.unlink(missing_ok=True)
            self.sig_message.emit(self.tr("The book was cancelled; nothing was written."))
        elif outcome.error:
            out.unlink(missing_ok=True)
            self._error(self.tr("The memory book could not be built"), outcome.error)
        elif trip_id != self._trip_id:
            out.unlink(missing_ok=True)  # the user moved on to another trip meanwhile
        else:
            self._show_built(out, outcome.result)
        self.sig_build_finished.emit(outcome)

    def _show_built(self, path: Path, report) -> None:
        old = self._built
        label = size_labels(self).get(report.size, report.size)
        if not self.preview.show_book(path, report, label):
            self._error(
                self.tr("The memory book could not be shown"),
                self.tr("The built file %1 cannot be opened.").replace("%1", path.name),
            )
            return
        if old is not None and old != path:
            old.unlink(missing_ok=True)
        self._built = path
        self.preflight = report
        self.save_button.setEnabled(True)
        self.sig_message.emit(
            self.tr("The memory book is built: %1 pages.").replace("%1", str(report.pages))
        )

    def choose_save_path(self) -> None:
        if self._built is None:
            return
        name = "memory-book.pdf"
        try:
            title = (
                media_book.book_content(self._ctx.studio, self._trip_id).title
                if self._trip_id
                else ""
            )
            if title:
                name = "".join(ch for ch in title if ch not in '\\/:*?"<>|').strip() + ".pdf"
        except StudioError:
            pass
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the memory book"), name, self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, target: Path) -> bool:
        """Copy the built book to ``target`` (whole or not at all)."""
        from studio.fileio import atomic_path

        if self._built is None or not self._built.is_file():
            self._error(self.tr("Nothing to save"), self.tr("Build the book first (Ctrl+B)."))
            return False
        try:
            with atomic_path(target) as tmp:
                shutil.copyfile(self._built, tmp)
        except (OSError, StudioError) as exc:
            self._error(
                self.tr("The memory book could not be saved"),
                self.tr("Cannot write %1: %2").replace("%1", str(target)).replace("%2", str(exc)),
            )
            return False
        self.sig_message.emit(self.tr("Saved %1").replace("%1", target.name))
        return True

    def _clear_preview(self) -> None:
        self.preview.clear()
        if self._built is not None:
            self._built.unlink(missing_ok=True)
        self._built = None
        self.preflight = None
        self.save_button.setEnabled(False)

    # -- jobs -------------------------------------------------------------------------------
    def _track(self, job: Job, kind: str, label: str) -> None:
        """Show ``job``'s progress (and a Cancel button) until it ends; one job at a time."""
        self._job, self._job_kind = job, kind
        self.progress.setRange(0, 0)
        self.progress_label.setText(label)
        self.cancel_button.setEnabled(True)
        self._progress_row.show()
        job.sig_progress.connect(self._on_progress)
        job.sig_finished.connect(self._on_job_finished)
        self._update_actions()

    def _on_job_finished(self, outcome: JobOutcome) -> None:
        kind = self._job_kind
        self._job, self._job_kind = None, ""
        self._progress_row.hide()
        self._update_actions()
        if kind == "import":
            self._import_done(outcome)
        elif kind == "build":
            self._build_done(outcome)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self._job is None:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.setFormat(f"{message} (%p%)" if message else "%p%")

    def cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Cancelling…"))

    def wait_idle(self) -> None:
        """Cancel background work and wait until it has ended."""
        job = self._job
        if job is not None:
            job.cancel()
            job.finish_now()  # an import cancelled now still writes what it took in (one step)
        self._pool.waitForDone()

    def shutdown(self) -> None:
        """When the app quits: save what is being typed, stop a running import or build, and drop
        the built preview file."""
        self.story.flush()
        self.wait_idle()
        self._clear_preview()

    def _error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self.story.flush()
        super().closeEvent(event)
