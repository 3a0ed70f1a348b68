"""A trip's memory book: the photo strip, the day-by-day journal and the book's texts, the print
options, and the built book's pages with their preflight.

Every change goes through ``ctx.execute`` (undoable). Two things run off the GUI thread:

* importing photos (:func:`studio.services.media.add_media` decodes every file) — its one
  transaction is pushed on the undo stack when it finishes, so Undo takes the whole import back;
* building the book (:func:`studio.reports.memory_book.build_book`, which prepares photos in
  worker processes).

Both report progress and can be cancelled. The book is built into ``books/`` in the studio's
data folder (a new file each time, the previous one removed once the new one shows), so the
preview never depends on where the user saves and a cancelled or failed build leaves nothing;
Save PDF… copies the built file where the user wants it.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError, ValidationError
from studio.services import media as media_service
from studio.services.trips import reading as trip_reading
from ui.commands import StudioCommand
from ui.context import AppContext
from ui.models.media_model import (
    ROLE_CAPTION,
    ROLE_COVER,
    ROLE_DAY,
    ROLE_ID,
    ROLE_INCLUDED,
    ROLE_THUMB_STATE,
    MediaModel,
)
from ui.style import error_color, set_muted
from ui.widgets.field_editors import FieldBox, NotesEdit

PHOTO_FILTER = "*.jpg *.jpeg *.png *.tif *.tiff *.webp *.heic *.heif"
#: Where built books wait to be looked at and saved, inside the studio's data folder.
BOOKS_DIR = "books"
TAB_JOURNAL, TAB_BOOK_TEXTS = 0, 1

_JOURNAL_TABLES = frozenset({"trip_journal", "memory_book", "trip", "trip_day", "trip_version"})


# -- background jobs ------------------------------------------------------------------------
@dataclass
class JobOutcome:
    """How a background job ended: its result, or the error text, or cancelled."""

    result: Any = None
    error: str | None = None
    cancelled: bool = False


class BackgroundJob(QObject):
    """One function run in a pool thread with progress and cancel.

    ``fn(progress, cancel)`` gets ``progress(done, total, message)`` and ``cancel() -> bool``.
    """

    #: Fires (on the GUI thread) with (done, total, message) while the job runs.
    sig_progress = Signal(int, int, str)
    #: Fires once (on the GUI thread) with a :class:`JobOutcome` when the job has ended.
    sig_finished = Signal(object)

    def __init__(
        self,
        fn: Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any],
        parent: QObject | None = None,
        *,
        cancelled_type: type[BaseException] | None = None,
    ):
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self._cancelled_type = cancelled_type
        self.outcome: JobOutcome | None = None

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelling(self) -> bool:
        return self._cancel.is_set()

    def start(self, pool: QThreadPool) -> None:
        pool.start(_JobRunner(self))

    def _run(self) -> None:
        try:
            result = self._fn(self.sig_progress.emit, self._cancel.is_set)
            outcome = JobOutcome(result=result, cancelled=self._cancel.is_set())
        except Exception as exc:  # noqa: BLE001 - reported in the window, never a crash
            if self._cancelled_type is not None and isinstance(exc, self._cancelled_type):
                outcome = JobOutcome(cancelled=True)
            elif isinstance(exc, StudioError):
                outcome = JobOutcome(error=str(exc))
            else:
                outcome = JobOutcome(error=f"{type(exc).__name__}: {exc}")
        self.outcome = outcome
        self.sig_finished.emit(outcome)


class _JobRunner(QRunnable):
    def __init__(self, job: BackgroundJob):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


# -- the photo strip's look -----------------------------------------------------------------
class PhotoDelegate(QStyledItemDelegate):
    """A thumbnail with a day badge, the caption under it; photos left out of the book dimmed."""

    THUMB = QSize(150, 108)
    PAD = 6

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 - Qt API
        line = option.fontMetrics.height()
        return QSize(
            self.THUMB.width() + 2 * self.PAD, self.THUMB.height() + 2 * line + 3 * self.PAD
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        painter.save()
        pal = option.palette
        r = option.rect.adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(r, 6, 6)
        included = bool(index.data(ROLE_INCLUDED))
        box = QRect(
            r.left() + self.PAD - 2, r.top() + self.PAD - 2, self.THUMB.width(), self.THUMB.height()
        )
        if not included:
            painter.setOpacity(0.35)
        image = index.data(Qt.ItemDataRole.DecorationRole)
        state = index.data(ROLE_THUMB_STATE)
        if image is not None and not image.isNull():
            size = image.size().scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(box.center())
            painter.drawImage(target, image)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Midlight))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(
                error_color(pal)
                if state == "failed"
                else pal.color(QPalette.ColorRole.PlaceholderText)
            )
            text = self.tr("Photo unreadable") if state == "failed" else "…"
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        painter.setOpacity(1.0)

        small = QFont(option.font)
        small.setPointSizeF(max(6.5, option.font.pointSizeF() * 0.82))
        small.setBold(True)
        painter.setFont(small)
        fm = painter.fontMetrics()
        day = index.data(ROLE_DAY)
        badges = [self.tr("Day %1").replace("%1", str(day)) if day else self.tr("No day")]
        x = box.left() + 4
        # a cover left out of the book is not the cover (the book takes its first photo)
        cover = index.data(ROLE_COVER) and included
        for i, text in enumerate(badges + ([self.tr("Cover")] if cover else [])):
            w = fm.horizontalAdvance(text) + 10
            badge = QRect(x, box.top() + 4, w, fm.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            bg = QColor(
                pal.color(QPalette.ColorRole.Highlight)
                if i
                else pal.color(QPalette.ColorRole.ToolTipBase)
            )
            bg.setAlpha(225)
            painter.setBrush(bg)
            painter.drawRoundedRect(badge, 4, 4)
            painter.setPen(
                pal.color(
                    QPalette.ColorRole.HighlightedText if i else QPalette.ColorRole.ToolTipText
                )
            )
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
            x += w + 4
        if not included:
            text = self.tr("Left out")
            w = fm.horizontalAdvance(text) + 10
            badge = QRect(box.right() - w - 3, box.bottom() - fm.height() - 5, w, fm.height() + 2)
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Text), 1))
            painter.setBrush(pal.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(badge, 4, 4)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)

        painter.setFont(option.font)
        fm = painter.fontMetrics()
        caption = index.data(ROLE_CAPTION) or ""
        text_rect = QRect(
            r.left() + self.PAD - 2, box.bottom() + self.PAD, box.width(), 2 * fm.height()
        )
        if selected:
            colour = pal.color(QPalette.ColorRole.HighlightedText)
        elif caption and included:
            colour = pal.color(QPalette.ColorRole.Text)
        else:
            colour = pal.color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(colour)
        shown = caption or index.data(Qt.ItemDataRole.DisplayRole) or ""
        painter.drawText(
            text_rect,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            _two_lines(fm, shown, text_rect.width()),
        )
        painter.restore()


def _two_lines(fm, text: str, width: int) -> str:
    """``text`` wrapped to at most two lines of ``width``, the second elided."""
    text = " ".join(text.split())
    if fm.horizontalAdvance(text) <= width:
        return text
    # the longest head that fits on the first line, broken at a space when there is one
    cut = len(text)
    while cut > 1 and fm.horizontalAdvance(text[:cut]) > width:
        cut -= 1
    space = text.rfind(" ", 0, cut + 1)
    if space > cut // 2:
        cut = space
    first, rest = text[:cut].rstrip(), text[cut:].lstrip()
    return first + "\n" + fm.elidedText(rest, Qt.TextElideMode.ElideRight, width)


class PhotoStrip(QListView):
    """The trip's photos as a wrapping strip of thumbnails; takes files dropped from outside."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("photoStrip")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)  # drops go to the model (one undoable reorder)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setItemDelegate(PhotoDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # at least one full row of photos with their captions
        cell = self.itemDelegate().sizeHint(self.viewOptions_(), QModelIndex()).height()
        self.setMinimumHeight(cell + 2 * self.spacing() + 2 * self.frameWidth() + 4)

    def viewOptions_(self) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        option.initFrom(self)
        return option

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and event.source() is not self:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and event.source() is not self:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and event.source() is not self:
            model = self.model()
            if isinstance(model, MediaModel) and model.dropMimeData(
                event.mimeData(), Qt.DropAction.CopyAction, -1, 0, QModelIndex()
            ):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
            else:
                event.ignore()
            return
        super().dropEvent(event)


# -- the view -------------------------------------------------------------------------------
@dataclass(frozen=True)
class DayChoice:
    number: int
    date: str | None
    title: str


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
        self._days: list[DayChoice] = []
        self._shown_day: int | None = None  # the day whose journal the editors show
        self._wanted: str | None = None  # the trip asked for (shown once the view is visible)
        self._loaded = False
        self._sized = False
        self._job: BackgroundJob | None = None
        self._job_kind = ""
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
        self.day_combo = QComboBox(self)
        self.day_combo.setObjectName("journalDay")
        self.day_combo.currentIndexChanged.connect(self._on_day_changed)
        self.journal = NotesEdit(self)
        self.journal.setObjectName("journalText")
        self.journal.setPlaceholderText(self.tr("What happened this day, in the advisor's words"))
        self.quotes = NotesEdit(self)
        self.quotes.setPlaceholderText(self.tr("The client's own words, one quote per line"))
        self.highlights = NotesEdit(self)
        self.highlights.setPlaceholderText(self.tr("One highlight per line"))
        self._journal_boxes = {
            "journal": FieldBox(self.journal, self),
            "quotes": FieldBox(self.quotes, self),
            "highlights": FieldBox(self.highlights, self),
        }
        for key, edit in (
            ("journal", self.journal),
            ("quotes", self.quotes),
            ("highlights", self.highlights),
        ):
            edit.editingFinished.connect(lambda k=key: self._save_journal(k))
        # three lines each; the day's journal takes the rest of the height
        for edit in (self.quotes, self.highlights):
            edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 3 + 2 * edit.frameWidth() + 10)
        self.journal.setMinimumHeight(
            self.fontMetrics().lineSpacing() * 4 + 2 * self.journal.frameWidth() + 10
        )
        for key in ("quotes", "highlights"):
            self._journal_boxes[key].setSizePolicy(
                QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum
            )
        journal_page = QWidget(self)
        jf = QFormLayout(journal_page)
        jf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        jf.addRow(self.tr("&Day:"), self.day_combo)
        jf.addRow(self.tr("&Journal:"), self._journal_boxes["journal"])
        jf.addRow(self.tr("&Quotes:"), self._journal_boxes["quotes"])
        jf.addRow(self.tr("&Highlights:"), self._journal_boxes["highlights"])
        for w, buddy in (
            (jf.labelForField(self._journal_boxes[k]), e)
            for k, e in (
                ("journal", self.journal),
                ("quotes", self.quotes),
                ("highlights", self.highlights),
            )
        ):
            w.setBuddy(buddy)

        self.book_title = QLineEdit(self)
        self.book_subtitle = QLineEdit(self)
        self.book_signature = QLineEdit(self)
        self.book_summary = NotesEdit(self)
        self.book_closing = NotesEdit(self)
        self.book_summary.setPlaceholderText(
            self.tr("A few lines about the whole trip, for the overview page")
        )
        self.book_closing.setPlaceholderText(self.tr("A closing message to the travellers"))
        self._book_edits: dict[str, QLineEdit | NotesEdit] = {
            "title": self.book_title,
            "subtitle": self.book_subtitle,
            "summary": self.book_summary,
            "closing": self.book_closing,
            "signature": self.book_signature,
        }
        self._book_boxes = {k: FieldBox(e, self) for k, e in self._book_edits.items()}
        for key, edit in self._book_edits.items():
            edit.editingFinished.connect(lambda k=key: self._save_book_text(k))
        self.size_combo = QComboBox(self)
        self.size_combo.setObjectName("bookSize")
        for key, label in self.size_labels().items():
            self.size_combo.addItem(label, key)
        self.size_combo.activated.connect(
            lambda _i: self._save_option("size", self.size_combo.currentData())
        )
        self.bleed = QCheckBox(self.tr("Bl&eed (3 mm / 0.125 in) with crop marks"), self)
        self.bleed.setToolTip(
            self.tr("For a print shop that trims the pages: photos run past the edge")
        )
        self.bleed.clicked.connect(lambda on: self._save_option("bleed", bool(on)))
        self._option_box = FieldBox(self.size_combo, self)
        book_page = QWidget(self)
        bf = QFormLayout(book_page)
        bf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, caption in (
            ("title", self.tr("&Title:")),
            ("subtitle", self.tr("S&ubtitle:")),
            ("summary", self.tr("Su&mmary:")),
            ("closing", self.tr("Closin&g:")),
            ("signature", self.tr("Si&gnature:")),
        ):
            bf.addRow(caption, self._book_boxes[key])
            bf.labelForField(self._book_boxes[key]).setBuddy(self._book_edits[key])
        bf.addRow(self.tr("Si&ze:"), self._option_box)
        bf.labelForField(self._option_box).setBuddy(self.size_combo)
        bf.addRow("", self.bleed)

        self.editors = QTabWidget(self)
        self.editors.setObjectName("bookEditors")
        self.editors.setDocumentMode(True)
        self._defaults_stale = True
        # each page scrolls on its own, so the tab never forces the trip's pane to grow
        for page, title in ((journal_page, self.tr("Journal")), (book_page, self.tr("Book"))):
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.editors.addTab(scroll, title)
        self.editors.currentChanged.connect(lambda _i: self._load_book_defaults())

        # -- the built book ----------------------------------------------------------------
        self.build_button = QPushButton(self.tr("&Build book"), self)
        self.build_button.setObjectName("buildBook")
        self.build_button.setToolTip(self.tr("Lay out and write the memory book PDF (Ctrl+B)"))
        self.build_button.clicked.connect(self.build)
        self.save_button = QPushButton(self.tr("&Save PDF…"), self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.choose_save_path)
        self.document = QPdfDocument(self)
        self.preview = QPdfView(self)
        self.preview.setObjectName("bookPreview")
        self.preview.setDocument(self.document)
        self.preview.setPageMode(QPdfView.PageMode.MultiPage)
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.preview.setPageSpacing(8)
        self.preview_hint = QLabel(self.tr("Build the book (Ctrl+B) to see its pages here."), self)
        self.preview_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_hint.setWordWrap(True)
        set_muted(self.preview_hint)
        self.report = QTextBrowser(self)
        self.report.setObjectName("preflight")
        self.report.setOpenLinks(False)
        self.report.setPlaceholderText(self.tr("Preflight: after a build"))
        self.report.setToolTip(
            self.tr(
                "After a build: the pages, each photo's print resolution, the fonts "
                "and the file size"
            )
        )

        preview_pane = QWidget(self)
        pv = QVBoxLayout(preview_pane)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(self.preview_hint, 1)
        pv.addWidget(self.preview, 1)
        self.preview.hide()
        right = QSplitter(Qt.Orientation.Horizontal, self)
        right.setChildrenCollapsible(False)
        right.addWidget(preview_pane)
        right.addWidget(self.report)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.book_splitter = right

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
        bv.addWidget(right, 1)

        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.setChildrenCollapsible(False)
        lower.addWidget(self.editors)
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
    def size_labels(self) -> dict[str, str]:
        """The book sizes (the core's names) with what the user reads."""
        return {
            "a4": self.tr("A4 portrait (210 × 297 mm)"),
            "a4-landscape": self.tr("A4 landscape (297 × 210 mm)"),
            "letter": self.tr("US Letter (8.5 × 11 in)"),
            "square8": self.tr("8 × 8 in square"),
            "square20": self.tr("20 × 20 cm square"),
        }

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
            self.book_splitter.setSizes([side * 3 // 5, side - side * 3 // 5])

    def _apply_trip(self) -> None:
        trip_id = self._wanted
        if trip_id == self._trip_id and (trip_id is None or self._loaded):
            return
        self._loaded = True
        self._flush()
        self._trip_id = trip_id
        self._empty.setVisible(trip_id is None)
        self.splitter.setVisible(trip_id is not None)
        self._report_box.hide()
        self.model.set_trip(trip_id)
        self._clear_preview()
        self._load_days()
        self._load_story()
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

    def import_files(self, paths: list[str]) -> BackgroundJob | None:
        """Copy ``paths`` (files or folders) into the trip in the background; one undo step."""
        if not self._trip_id or not paths:
            return None
        if self._job is not None:
            self.sig_message.emit(
                self.tr("Wait for the current task to finish (or cancel it) first.")
            )
            return None
        studio, trip_id = self._ctx.studio, self._trip_id
        job = BackgroundJob(
            lambda progress, cancel: media_service.add_media(
                studio, trip_id, [str(p) for p in paths], progress=progress, cancel=cancel
            ),
            self,
        )
        job.sig_finished.connect(lambda outcome: self._import_done(job, outcome))
        self._start(job, "import", self.tr("Adding photos…"))
        return job

    def _import_done(self, job: BackgroundJob, outcome: JobOutcome) -> None:
        self._end(job)
        res = outcome.result
        if outcome.error:
            self._show_report(self.tr("The photos could not be added."), [], [outcome.error])
        elif res is not None:
            if res.tx:
                # The import already happened in its own transaction: put it on the undo stack.
                n = len(res.added)
                text = (
                    self.tr("Add %1 photos").replace("%1", str(n))
                    if n != 1
                    else self.tr("Add a photo")
                )
                self._ctx.undo_stack.push(StudioCommand(self._ctx.studio, text, res.tx))
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
            text, lambda: [media_service.set_included(self._ctx.studio, i, include) for i in ids]
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
            lambda: media_service.set_caption(self._ctx.studio, media_id, text),
        )
        self.select_ids([media_id])
        return ok

    def move_to_day(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        labels = [self.tr("No day")] + [self._day_label(d) for d in self._days]
        m = self.model.media(self.model.row_of(ids[0]))
        current = next((n + 1 for n, d in enumerate(self._days) if d.number == m.day_number), 0)
        choice, ok = QInputDialog.getItem(
            self, self.tr("Move to day"), self.tr("Day of the trip:"), labels, current, False
        )
        if ok:
            i = labels.index(choice)
            self.set_day(ids, self._days[i - 1].number if i else None)

    def set_day(self, ids: list[str], day: int | None) -> bool:
        ok = self._run(
            self.tr("Move photos to another day"),
            lambda: [media_service.move_to_day(self._ctx.studio, i, day) for i in ids],
        )
        self.select_ids(ids)
        return ok

    def use_as_cover(self) -> None:
        ids = self.selected_ids()
        if ids and self._trip_id:
            trip_id = self._trip_id
            self._run(
                self.tr("Choose the book's cover"),
                lambda: media_service.set_book(self._ctx.studio, trip_id, cover_media_id=ids[0]),
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
        if self._run(text, lambda: [media_service.remove_media(self._ctx.studio, i) for i in ids]):
            self.sig_message.emit(self.tr("Removed from the trip; Undo (Ctrl+Z) brings them back."))

    def reorder(self, ids: list[str]) -> bool:
        if not self._trip_id:
            return False
        trip_id = self._trip_id
        moved = self.selected_ids()
        ok = self._run(
            self.tr("Reorder photos"), lambda: media_service.reorder(self._ctx.studio, trip_id, ids)
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

    # -- the story --------------------------------------------------------------------------
    def _load_days(self) -> None:
        self._days = _trip_days(self._ctx.studio, self._trip_id) if self._trip_id else []
        keep = self.day_combo.currentData()
        self.day_combo.blockSignals(True)
        self.day_combo.clear()
        for d in self._days:
            self.day_combo.addItem(self._day_label(d), d.number)
        at = self.day_combo.findData(keep)
        self.day_combo.setCurrentIndex(at if at >= 0 else 0)
        self.day_combo.blockSignals(False)
        self.day_combo.setToolTip(self.day_combo.currentText())
        self._shown_day = self.current_day()
        for w in (self.journal, self.quotes, self.highlights):
            w.setEnabled(bool(self._days))

    def _day_label(self, d: DayChoice) -> str:
        text = self.tr("Day %1").replace("%1", str(d.number))
        if d.date:
            try:
                text += " · " + date.fromisoformat(d.date).strftime("%a %d %b")
            except ValueError:
                text += " · " + d.date
        if d.title:
            text += " · " + d.title
        return text

    def current_day(self) -> int | None:
        return self.day_combo.currentData()

    def set_current_day(self, number: int) -> None:
        at = self.day_combo.findData(number)
        if at >= 0:
            self.day_combo.setCurrentIndex(at)

    def _on_day_changed(self, _index: int) -> None:
        self.day_combo.setToolTip(self.day_combo.currentText())
        self._flush()  # into the day that was shown
        self._shown_day = self.current_day()
        self._load_journal()

    def _flush(self) -> None:
        """Save what is being typed (leaving a field saves it; so does switching day or trip)."""
        for key, edit in (
            ("journal", self.journal),
            ("quotes", self.quotes),
            ("highlights", self.highlights),
        ):
            if edit.document().isModified():
                self._save_journal(key)
        for key, edit in self._book_edits.items():
            modified = (
                edit.document().isModified() if isinstance(edit, NotesEdit) else edit.isModified()
            )
            if modified:
                self._save_book_text(key)

    def _load_story(self) -> None:
        self._load_journal()
        self._load_book()

    def _load_journal(self, *, keep_edited: bool = False) -> None:
        entry = None
        if self._trip_id and self._shown_day is not None:
            entry = media_service.journal_of(self._ctx.studio, self._trip_id).get(self._shown_day)
        values = {
            "journal": entry.journal if entry else "",
            "quotes": entry.quotes if entry else "",
            "highlights": "\n".join(media_service.highlights_of(entry)),
        }
        for key, edit in (
            ("journal", self.journal),
            ("quotes", self.quotes),
            ("highlights", self.highlights),
        ):
            if keep_edited and edit.document().isModified():
                continue
            _set_plain(edit, values[key])
            self._journal_boxes[key].clear_error()

    def _save_journal(self, key: str) -> None:
        edit = {"journal": self.journal, "quotes": self.quotes, "highlights": self.highlights}[key]
        day = self._shown_day
        if not self._trip_id or day is None:
            return
        trip_id, text = self._trip_id, edit.toPlainText()
        label = {
            "journal": self.tr("Edit day %1's journal"),
            "quotes": self.tr("Edit day %1's quotes"),
            "highlights": self.tr("Edit day %1's highlights"),
        }[key].replace("%1", str(day))
        try:
            self._ctx.execute(
                label,
                lambda: media_service.set_journal(self._ctx.studio, trip_id, day, **{key: text}),
            )
        except ValidationError as exc:
            self._journal_boxes[key].show_error(exc.message)
            return
        except StudioError as exc:
            self._journal_boxes[key].show_error(str(exc))
            return
        self._journal_boxes[key].clear_error()
        edit.document().setModified(False)

    def _load_book(self, *, keep_edited: bool = False) -> None:
        if not self._trip_id:
            for edit in self._book_edits.values():
                _set_text(edit, "")
            return
        try:
            book = media_service.book_settings(self._ctx.studio, self._trip_id)
        except StudioError:
            return
        for key, edit in self._book_edits.items():
            modified = (
                edit.document().isModified() if isinstance(edit, NotesEdit) else edit.isModified()
            )
            if keep_edited and modified:
                continue
            _set_text(edit, getattr(book, key) or "")
            self._book_boxes[key].clear_error()
        at = self.size_combo.findData(book.size)
        self.size_combo.setCurrentIndex(at if at >= 0 else 0)
        self.bleed.setChecked(bool(book.bleed))
        self._defaults_stale = True
        self._load_book_defaults()

    def _load_book_defaults(self) -> None:
        """The texts a book gets when a field is left empty, as placeholders; read only while the
        Book tab is shown (they take the whole trip to work out)."""
        if (
            not self._trip_id
            or not self._defaults_stale
            or self.editors.currentIndex() != TAB_BOOK_TEXTS
        ):
            return
        self._defaults_stale = False
        try:
            content = media_service.book_content(self._ctx.studio, self._trip_id)
        except StudioError:
            return
        for key, text in (
            ("title", content.title),
            ("subtitle", content.subtitle),
            ("signature", content.signature),
        ):
            self._book_edits[key].setPlaceholderText(text)

    def _save_book_text(self, key: str) -> None:
        if not self._trip_id:
            return
        edit = self._book_edits[key]
        text = edit.toPlainText() if isinstance(edit, NotesEdit) else edit.text()
        trip_id = self._trip_id
        try:
            self._ctx.execute(
                self.tr("Edit the book's %1").replace("%1", key),
                lambda: media_service.set_book(self._ctx.studio, trip_id, **{key: text}),
            )
        except StudioError as exc:
            self._book_boxes[key].show_error(getattr(exc, "message", str(exc)))
            return
        self._book_boxes[key].clear_error()
        if isinstance(edit, NotesEdit):
            edit.document().setModified(False)
        else:
            edit.setModified(False)

    def _save_option(self, key: str, value: Any) -> None:
        if not self._trip_id:
            return
        trip_id = self._trip_id
        try:
            self._ctx.execute(
                self.tr("Change the book's size")
                if key == "size"
                else self.tr("Change the book's bleed"),
                lambda: media_service.set_book(self._ctx.studio, trip_id, **{key: value}),
            )
        except StudioError as exc:
            self._option_box.show_error(str(exc))
            return
        self._option_box.clear_error()

    def _on_changed(self, changes) -> None:
        if not self._trip_id:
            return
        tables = set(getattr(changes, "tables", ()))
        self.model.on_studio_changed(changes)
        if tables & {"trip", "trip_day", "trip_version"}:
            self._load_days()
        if tables & _JOURNAL_TABLES:
            self._load_journal(keep_edited=True)
            self._load_book(keep_edited=True)

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

    def build(self) -> BackgroundJob | None:
        """Build the trip's book in the background; the preview shows it when done."""
        if not self._trip_id or self._job is not None:
            return None
        self._flush()
        self._sweep_books()
        from studio.reports.memory_book import BuildCancelled, build_book

        studio, trip_id = self._ctx.studio, self._trip_id
        size = self.size_combo.currentData() or "a4"
        bleed = self.bleed.isChecked()
        folder = self.books_dir()
        out = folder / f"memory-book-{uuid.uuid4().hex[:12]}.pdf"
        workers = self.build_workers

        def work(progress, cancel):
            content = media_service.book_content(studio, trip_id)
            folder.mkdir(parents=True, exist_ok=True)
            return build_book(
                content,
                out,
                size=size,
                bleed=bleed,
                progress=progress,
                cancel=cancel,
                workers=workers,
                cache_dir=media_service.book_cache_dir(studio),
            )

        job = BackgroundJob(work, self, cancelled_type=BuildCancelled)
        job.sig_finished.connect(lambda outcome: self._build_done(job, trip_id, out, outcome))
        self._start(job, "build", self.tr("Building the book…"))
        return job

    def _build_done(self, job: BackgroundJob, trip_id: str, out: Path, outcome: JobOutcome) -> None:
        self._end(job)
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
        self.document.close()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            self._error(
                self.tr("The memory book could not be shown"),
                self.tr("The built file %1 cannot be opened.").replace("%1", path.name),
            )
            return
        if old is not None and old != path:
            old.unlink(missing_ok=True)
        self._built = path
        self.preflight = report
        self.preview_hint.hide()
        self.preview.show()
        self.preview.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.save_button.setEnabled(True)
        self.report.setHtml(self._report_html(report))
        self.sig_message.emit(
            self.tr("The memory book is built: %1 pages.").replace("%1", str(report.pages))
        )

    def _report_html(self, report) -> str:
        import html

        pal = self.palette()
        bad = error_color(pal).name()
        muted = pal.color(QPalette.ColorRole.PlaceholderText).name()
        text = (
            self.report.palette().color(QPalette.ColorRole.Text).name()
        )  # rich text knows no "inherit"
        size_label = self.size_labels().get(report.size, report.size)
        out = [f"<h3>{html.escape(self.tr('Preflight'))}</h3>"]
        verdict = (
            self.tr("Ready for print.")
            if report.ok
            else self.tr("Look at the notes below before printing.")
        )
        out.append(
            f"<p><b style='color:{text if report.ok else bad}'>{html.escape(verdict)}</b></p>"
        )
        facts = [
            self.tr("%1 pages").replace("%1", str(report.pages)),
            size_label + (" · " + self.tr("bleed and crop marks") if report.bleed else ""),
            self.tr("%1 MB").replace("%1", f"{report.file_bytes / 1e6:.1f}"),
            self.tr("built in %1 s").replace("%1", f"{report.seconds:.1f}"),
        ]
        out.append("<p>" + "<br>".join(html.escape(f) for f in facts) + "</p>")
        missing = [f for f, embedded in report.fonts if not embedded]
        fonts = (
            self.tr("Fonts: %1, all embedded.").replace("%1", str(len(report.fonts)))
            if not missing
            else self.tr("Fonts NOT embedded: %1").replace("%1", ", ".join(missing))
        )
        out.append(f"<p style='color:{bad if missing else text}'>{html.escape(fonts)}</p>")
        if report.problems:
            out.append(
                f"<p style='color:{bad}'><b>{html.escape(self.tr('Left out of the book:'))}</b></p><ul>"
            )
            for p in report.problems:
                out.append(
                    f"<li style='color:{bad}'><b>{html.escape(p.name)}</b>: {html.escape(p.reason)}</li>"
                )
            out.append("</ul>")
        if report.images:
            low = len(report.low_ppi)
            head = self.tr("Photos: %1 placed").replace("%1", str(len(report.images)))
            if low:
                head += " · " + self.tr("%1 below 200 ppi").replace("%1", str(low))
            if report.reused:
                head += " · " + self.tr("%1 ready from the last build").replace(
                    "%1", str(report.reused)
                )
            out.append(f"<p><b>{html.escape(head)}</b></p><table cellspacing='0' cellpadding='1'>")
            for i in sorted(report.images, key=lambda i: (not i.low, i.page)):
                colour = bad if i.low else text
                flag = " ⚠" if i.low else ""
                out.append(
                    f"<tr><td style='color:{muted}'>p.{i.page}&nbsp;</td>"
                    f"<td style='color:{colour}'>{html.escape(i.name)}</td>"
                    f"<td align='right' style='color:{colour}'>&nbsp;{i.ppi:.0f}&nbsp;ppi{flag}</td></tr>"
                )
            out.append("</table>")
        else:
            out.append(f"<p>{html.escape(self.tr('No photos placed.'))}</p>")
        return "".join(out)

    def choose_save_path(self) -> None:
        if self._built is None:
            return
        name = "memory-book.pdf"
        try:
            title = (
                media_service.book_content(self._ctx.studio, self._trip_id).title
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
        self.document.close()
        if self._built is not None:
            self._built.unlink(missing_ok=True)
        self._built = None
        self.preflight = None
        self.preview.hide()
        self.preview_hint.show()
        self.report.clear()
        self.save_button.setEnabled(False)

    # -- jobs -------------------------------------------------------------------------------
    def _start(self, job: BackgroundJob, kind: str, label: str) -> None:
        self._job, self._job_kind = job, kind
        self.progress.setRange(0, 0)
        self.progress_label.setText(label)
        self.cancel_button.setEnabled(True)
        self._progress_row.show()
        job.sig_progress.connect(self._on_progress)
        self._update_actions()
        job.start(self._pool)

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

    def _end(self, job: BackgroundJob) -> None:
        if self._job is job:
            self._job, self._job_kind = None, ""
        self._progress_row.hide()
        self._update_actions()

    def wait_idle(self) -> None:
        """Cancel background work and wait until it has ended."""
        if self._job is not None:
            self._job.cancel()
        self._pool.waitForDone()

    def shutdown(self) -> None:
        """When the app quits: save what is being typed, stop a running import or build, and drop
        the built preview file."""
        self._flush()
        self.wait_idle()
        self._clear_preview()

    def _error(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self._flush()
        super().closeEvent(event)


def _trip_days(studio, trip_id: str) -> list[DayChoice]:
    """The trip's days (current version), else one per date between its start and end."""
    try:
        trip = trip_reading.find_trip(studio, trip_id)
    except StudioError:
        return []
    out: list[DayChoice] = []
    start = date.fromisoformat(trip.start_date) if trip.start_date else None
    if trip.current_version_id:
        seen = set()
        for d in trip_reading.days(studio, trip.current_version_id):
            if d.day_number in seen:
                continue
            seen.add(d.day_number)
            when = d.date or (
                (start + timedelta(days=d.day_number - 1)).isoformat() if start else None
            )
            out.append(DayChoice(d.day_number, when, d.title))
    if not out and start and trip.end_date:
        end = date.fromisoformat(trip.end_date)
        out = [
            DayChoice(n + 1, (start + timedelta(days=n)).isoformat(), "")
            for n in range((end - start).days + 1)
        ]
    return sorted(out, key=lambda d: d.number)


def _set_plain(edit: NotesEdit, text: str) -> None:
    if edit.toPlainText() != text:
        edit.setPlainText(text)
    edit.document().setModified(False)


def _set_text(edit, text: str) -> None:
    if isinstance(edit, NotesEdit):
        _set_plain(edit, text)
    else:
        if edit.text() != text:
            edit.setText(text)
        edit.setModified(False)
