"""One trip: its header (editable inline), travellers, status along the pipeline, the versions bar
with totals and profile flags, then tabs — the day-by-day plan first.

Every change goes through ``ctx.execute`` (undoable); the view re-reads the trip whenever
``ctx.bridge.sig_changed`` reports a change to it, so undo from anywhere shows at once. When an
edit lands in a new version (the shown one was approved, so it is locked), the view follows the
trip's new current version.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio.domain.models import Person
from studio.domain.names import display_name
from studio.domain.trip_models import TRIP_STATUSES, Trip, TripVersion
from studio.errors import NotFoundError, StudioError, ValidationError
from studio.services import queries
from studio.services.trips import lifecycle as trip_lifecycle
from studio.services.trips import reading as trip_reading
from studio.services.trips import totals as trip_totals
from studio.services.trips import validators as trip_validators
from studio.services.trips import versions as trip_versions
from ui.context import AppContext
from ui.dialogs.compare_dialog import CompareDialog, version_text
from ui.dialogs.presend_dialog import ChangeReasonDialog, PresendDialog
from ui.dialogs.print_dialog import PrintDialog
from ui.dialogs.safety_dialog import SafetyDialog, flags_html, review_link
from ui.models.trip_table import amount_text, next_status, status_label
from ui.style import error_color
from ui.views.memory_book_view import MemoryBookView
from ui.widgets.field_editors import NO_VALUE, FieldBox, NotesEdit
from ui.widgets.trip_plan_panel import TripPlanPanel
from ui.workers import Cancel, Job, Progress

TAB_PLAN, TAB_NOTES, TAB_BOOK = 0, 1, 2

#: Tables whose changes can alter what a trip view shows.
_TABLES = frozenset(
    {
        "trip",
        "trip_version",
        "trip_day",
        "trip_item",
        "trip_traveller",
        "person",
        "client",
        "advisor",
        "supplier",
        "profile_fact",
    }
)


@dataclass
class TripState:
    """Everything the header and the versions bar show, read in one go."""

    trip: Trip
    client_name: str
    versions: list[TripVersion]
    party: list[Person]
    travelling: set[str]
    advisors: list[tuple[str, str]] = field(default_factory=list)


class TripView(QWidget):
    """Shows one trip; ``set_trip(None)`` shows a friendly empty state."""

    #: Emitted with a client id when the user clicks the trip's client.
    sig_open_client = Signal(str)
    #: Emitted after the shown version changes (trip id, version id or None).
    sig_version_changed = Signal(object, object)
    #: Emitted with a short message for the status bar (e.g. "Saved itinerary.pdf").
    sig_message = Signal(str)
    #: Fires with the file's path when a handout export has been written.
    sig_handout_written = Signal(object)
    #: Fires with the sentence shown when a handout export failed (nothing was written).
    sig_handout_failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._trip_id: str | None = None
        self._handout_job: Job | None = None
        self._handout_out = Path()
        self._handout_offer_open = False
        self._state: TripState | None = None
        self._version_id: str | None = None  # the version shown (usually the current one)
        self._boxes: dict[str, FieldBox] = {}
        self._checks: dict[str, QCheckBox] = {}
        self._busy = False  # a change is being asked about or saved
        self._error_texts: dict[str, str] = {}

        self._empty = QLabel(self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._empty.setMargin(24)
        self._empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        # -- header: title, client, status ---------------------------------------------------
        self.title = QLineEdit(self)
        self.title.setObjectName("tripTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setFrame(False)
        self.title.setToolTip(self.tr("The trip's title; edit it here"))
        self.client = QLabel(self)
        self.client.setTextFormat(Qt.TextFormat.RichText)
        self.client.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.client.linkActivated.connect(
            lambda href: self.sig_open_client.emit(href.removeprefix("client:"))
        )
        self.status = QComboBox(self)
        self.status.setObjectName("tripStatus")
        for s in TRIP_STATUSES:
            self.status.addItem(status_label(s), s)
        self.status.setToolTip(self.tr("Where the trip is in the pipeline"))
        self.next_step = QPushButton(self)
        self.next_step.setObjectName("nextStep")
        self.next_step.clicked.connect(self._go_next)

        # -- the trip's fields, two columns --------------------------------------------------
        self.start_date = QLineEdit(self)
        self.end_date = QLineEdit(self)
        for e in (self.start_date, self.end_date):
            e.setPlaceholderText(self.tr("YYYY-MM-DD"))
            e.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000-00-00") + 24)
        self.destinations = QLineEdit(self)
        self.destinations.setPlaceholderText(self.tr("Comma-separated, e.g. Kyoto, Nara"))
        self.purpose = QLineEdit(self)
        self.purpose.setPlaceholderText(self.tr("e.g. honeymoon, family, culture"))
        self.purpose.setCompleter(
            QCompleter(
                [
                    "leisure",
                    "honeymoon",
                    "family",
                    "anniversary",
                    "culture",
                    "adventure",
                    "business",
                    "wellness",
                    "food",
                ],
                self.purpose,
            )
        )
        self.budget = QLineEdit(self)
        self.budget.setPlaceholderText(self.tr("e.g. 25000"))
        self.currency = QLineEdit(self)
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(self.fontMetrics().horizontalAdvance("MMMM") + 16)
        self.currency.setToolTip(self.tr("ISO 4217 code, e.g. USD, EUR, CNY, JPY"))
        completer = QCompleter(sorted(trip_validators.currencies()), self.currency)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.currency.setCompleter(completer)
        self.advisor = QComboBox(self)

        dates_row = _row(self, self.start_date, QLabel("–", self), self.end_date)
        money_row = _row(self, self.budget, self.currency)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        placed = (
            (0, 0, "dates", self.tr("&Dates:"), dates_row, self.start_date),
            (1, 0, "destinations", self.tr("Destinatio&ns:"), self.destinations, self.destinations),
            (2, 0, "advisor_id", self.tr("Ad&visor:"), self.advisor, self.advisor),
            (0, 2, "purpose", self.tr("&Purpose:"), self.purpose, self.purpose),
            (1, 2, "budget", self.tr("&Budget:"), money_row, self.budget),
        )
        self._placed: dict[str, tuple[QLabel, FieldBox]] = {}
        for r, c, key, caption, widget, buddy in placed:
            box = FieldBox(widget, self)
            self._boxes[key] = box
            label = QLabel(caption, self)
            label.setBuddy(buddy)
            grid.addWidget(label, r, c, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(box, r, c + 1)
            self._placed[key] = (label, box)
        self._grid = grid
        # Field names the core uses → the box that shows their refusal.
        for alias, key in (("start_date", "dates"), ("end_date", "dates"), ("currency", "budget")):
            self._boxes[alias] = self._boxes[key]
        self._boxes["title"] = FieldBox(self.title, self)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)

        # Two a line: a party of long names (王小明 Wang Xiaoming, 李娜 Li Na …) side by side made
        # the trip pane wider than the window's at 1024 px.
        self.travellers_row = QGridLayout()
        self.travellers_row.setContentsMargins(0, 0, 0, 0)
        self.travellers_row.setHorizontalSpacing(12)
        travellers_caption = QLabel(self.tr("Travellers:"), self)
        self.travellers_hint = QLabel(self)
        self.travellers_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        grid.addWidget(
            travellers_caption, 3, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self._travellers_caption = travellers_caption
        travellers = QWidget(self)
        tl = QHBoxLayout(travellers)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(self.travellers_row)
        tl.addWidget(self.travellers_hint)
        tl.addStretch(1)
        self._travellers_box = FieldBox(travellers, self)
        grid.addWidget(self._travellers_box, 3, 1, 1, 3)
        self._boxes["travellers"] = self._travellers_box

        # -- versions bar --------------------------------------------------------------------
        self.versions = QComboBox(self)
        self.versions.setObjectName("tripVersions")
        self.versions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._versions_min_width = (
            self.fontMetrics().horizontalAdvance("v10 “Slower pace” · current") + 32
        )
        self.versions.setMinimumWidth(self._versions_min_width)
        self.versions.setToolTip(
            self.tr("The version shown below; the current one is printed and sent")
        )
        self.versions.activated.connect(lambda _i: self.show_version(self.versions.currentData()))
        self.duplicate_button = QPushButton(self.tr("D&uplicate"), self)
        self.duplicate_button.setToolTip(self.tr("Start the next proposal from this version"))
        self.label_button = QPushButton(self.tr("&Label…"), self)
        self.compare_button = QPushButton(self.tr("Co&mpare…"), self)
        self.restore_button = QPushButton(self.tr("&Restore as current"), self)
        self.restore_button.setToolTip(
            self.tr("Bring this version back as the newest one; nothing in between is lost")
        )
        self.approve_button = QPushButton(self.tr("&Approve"), self)
        self.approve_button.setToolTip(
            self.tr("The client approved this version: lock it (later edits start a new version)")
        )
        self.print_button = QPushButton(self.tr("Print/E&xport…"), self)
        self.print_button.setToolTip(self.tr("The itinerary handout as a PDF (Ctrl+P)"))
        self.duplicate_button.clicked.connect(self.duplicate_version)
        self.label_button.clicked.connect(self.label_version)
        self.compare_button.clicked.connect(self.compare_versions)
        self.restore_button.clicked.connect(self.restore_version)
        self.approve_button.clicked.connect(self.approve_version)
        self.print_button.clicked.connect(self.print_handout)
        # Two groups side by side; on a narrow pane the second goes under the first.
        caption = QLabel(self.tr("V&ersion:"), self)
        caption.setBuddy(self.versions)
        self._bar_first = QHBoxLayout()
        self._bar_second = QHBoxLayout()
        for w in (caption, self.versions, self.duplicate_button, self.label_button):
            self._bar_first.addWidget(w)
        for w in (self.compare_button, self.restore_button, self.approve_button):
            self._bar_second.addWidget(w)
        self._bar_second.addStretch(1)
        bar = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addLayout(self._bar_first)
        bar.addLayout(self._bar_second, 1)
        self._bar = bar
        self._wide: bool | None = None

        self.totals = QLabel(self)
        self.totals.setObjectName("tripTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.flags = QLabel(self)
        self.flag_count = 0  #: profile flags of the shown version
        self.flags.setObjectName("tripFlags")
        self.flags.setTextFormat(Qt.TextFormat.RichText)
        self.flags.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.flags.linkActivated.connect(lambda _link: self.review_flags())
        # Side by side; on a narrow pane the flags go under the totals (never cut at the edge).
        sums = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        sums.setContentsMargins(0, 0, 0, 0)
        sums.addWidget(self.totals, 1)
        sums.addWidget(self.flags)
        self._sums = sums

        # -- tabs: the plan first --------------------------------------------------------------
        self.plan = TripPlanPanel(ctx, self)
        self.plan.model.sig_refreshed.connect(self._show_flags)
        self.notes = NotesEdit(self)
        self.notes.setPlaceholderText(
            self.tr("Notes on this trip: wishes, open questions, what happened on the road…")
        )
        self._boxes["notes"] = FieldBox(self.notes, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tripTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.plan, self.tr("Plan"))
        self.tabs.addTab(self._boxes["notes"], self.tr("Notes"))
        self.memory_book = MemoryBookView(ctx, self)  # follows set_trip; loads when first shown
        self.memory_book.sig_message.connect(self.sig_message)
        self.tabs.addTab(self.memory_book, self.tr("Memory book"))
        from ui.loyalty.survey_panel import SurveyPanel

        self.survey = SurveyPanel(ctx, self)  # the post-trip survey: entry form and printed form
        self.survey.sig_message.connect(self.sig_message)
        self.tabs.addTab(self.survey, self.tr("Survey"))

        # -- assembling ----------------------------------------------------------------------
        # The title beside its buttons; on a narrow pane the buttons go under it, so a long
        # title is seen whole.
        top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._boxes["title"], 1)
        top_buttons = QHBoxLayout()
        top_buttons.setContentsMargins(0, 0, 0, 0)
        top_buttons.addWidget(self.status)
        top_buttons.addWidget(self.next_step)
        top_buttons.addWidget(self.print_button)
        self._top_buttons = top_buttons
        top.addLayout(top_buttons)
        self._top = top

        page = QWidget(self)
        pv = QVBoxLayout(page)
        pv.setContentsMargins(4, 0, 0, 0)
        pv.setSpacing(6)
        pv.addLayout(top)
        pv.addWidget(self.client)
        # The trip's details, the versions bar and the totals: folded away while the memory
        # book is open, so its photos, journal and pages get the height.
        details = QWidget(page)
        dv = QVBoxLayout(details)
        dv.setContentsMargins(0, 0, 0, 0)
        dv.setSpacing(6)
        dv.addLayout(grid)
        dv.addWidget(_hline(details))
        dv.addLayout(bar)
        dv.addLayout(sums)
        self.details = details
        pv.addWidget(details)
        pv.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._fold_details)
        self._page = page
        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        #: Ctrl+P: the handout of the shown version (the main window may add it to a menu).
        self.action_print = QAction(self.tr("&Print/Export Itinerary…"), self)
        self.action_print.setShortcut(QKeySequence.StandardKey.Print)
        self.action_print.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action_print.triggered.connect(self.print_handout)
        self.addAction(self.action_print)

        # Commit on editing finished (text) or a user's choice (combos).
        self.title.editingFinished.connect(lambda: self._commit("title", self.title.text()))
        self.start_date.editingFinished.connect(
            lambda: self._commit("start_date", self.start_date.text())
        )
        self.end_date.editingFinished.connect(
            lambda: self._commit("end_date", self.end_date.text())
        )
        self.destinations.editingFinished.connect(
            lambda: self._commit("destinations", self.destinations.text())
        )
        self.purpose.editingFinished.connect(lambda: self._commit("purpose", self.purpose.text()))
        self.budget.editingFinished.connect(lambda: self._commit("budget", self.budget.text()))
        self.currency.editingFinished.connect(
            lambda: self._commit("currency", self.currency.text())
        )
        self.notes.editingFinished.connect(lambda: self._commit("notes", self.notes.toPlainText()))
        self.advisor.activated.connect(
            lambda _i: self._commit("advisor_id", self.advisor.currentData() or None)
        )
        self.status.activated.connect(lambda _i: self.change_status(self.status.currentData()))
        ctx.bridge.sig_changed.connect(self._on_changed)
        self.set_trip(None)

    #: Below this width the header's second column and the versions bar's second half go under
    #: the first, so the trip fits a narrow pane (the window's 1000 px or a wide list beside it).
    TWO_COLUMNS_MIN_WIDTH = 720

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._arrange(self._room(event.size().width()) >= self.TWO_COLUMNS_MIN_WIDTH)
        super().resizeEvent(event)

    def _room(self, own_width: int) -> int:
        """The width there is: inside a scroll area, its viewport's (the view itself is never
        narrower than its minimum, so its own width would keep a wide layout forever)."""
        viewport = self._viewport()
        return min(own_width, viewport.width()) if viewport is not None else own_width

    def _viewport(self) -> QWidget | None:
        parent = self.parentWidget()
        if parent is not None and parent.objectName() == "qt_scrollarea_viewport":
            if not getattr(self, "_watching_viewport", False):
                self._watching_viewport = True
                parent.installEventFilter(self)
            return parent
        return None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and obj is self.parentWidget():
            self._arrange(self._room(self.width()) >= self.TWO_COLUMNS_MIN_WIDTH)
        return super().eventFilter(obj, event)

    def _fold_details(self, index: int) -> None:
        self.details.setVisible(self.tabs.widget(index) is not self.memory_book)

    def _arrange(self, wide: bool) -> None:
        if wide == self._wide:
            return
        self._wide = wide
        grid, right = self._grid, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        for key, (row, col) in (
            (("purpose", (0, 2)), ("budget", (1, 2)))
            if wide
            else (("purpose", (3, 0)), ("budget", (4, 0)))
        ):
            label, box = self._placed[key]
            grid.addWidget(label, row, col, right)
            grid.addWidget(box, row, col + 1)
        row = 3 if wide else 5
        grid.addWidget(
            self._travellers_caption,
            row,
            0,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        )
        grid.addWidget(self._travellers_box, row, 1, 1, 3)
        grid.setColumnStretch(3, 2 if wide else 0)
        self._bar.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        across = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        self._top.setDirection(across)
        self._sums.setDirection(across)
        self.flags.setAlignment(
            (Qt.AlignmentFlag.AlignRight if wide else Qt.AlignmentFlag.AlignLeft)
            | Qt.AlignmentFlag.AlignVCenter
        )
        last_button = self._top_buttons.itemAt(self._top_buttons.count() - 1)
        if wide and last_button is not None and last_button.spacerItem() is not None:
            self._top_buttons.takeAt(self._top_buttons.count() - 1)
        elif not wide and (last_button is None or last_button.spacerItem() is None):
            self._top_buttons.addStretch(1)
        last = self._bar_first.itemAt(self._bar_first.count() - 1)
        if wide and last is not None and last.spacerItem() is not None:
            self._bar_first.takeAt(self._bar_first.count() - 1)
        elif not wide and (last is None or last.spacerItem() is None):
            self._bar_first.addStretch(1)
        # The details have a layout of their own: settle it now, so the page's minimum follows.
        self.details.layout().activate()

    # -- the contract -----------------------------------------------------------------------
    @property
    def trip_id(self) -> str | None:
        return self._trip_id

    @property
    def version_id(self) -> str | None:
        """The version shown (and printed, compared, approved…)."""
        return self._version_id

    def set_trip(self, trip_id: str | None) -> None:
        """Show ``trip_id`` (its current version), or the empty state for ``None``."""
        if trip_id != self._trip_id:
            self._errors.clear()  # a refusal belongs to the trip it was typed for
            for box in self._boxes.values():
                box.clear_error()
            self._version_id = None
        self._trip_id = trip_id
        self.memory_book.set_trip(trip_id)
        self.survey.set_trip(trip_id)
        self.reload()

    # -- reading ----------------------------------------------------------------------------
    def _read(self, trip_id: str) -> TripState | None:
        studio = self._ctx.studio
        try:
            trip = trip_reading.find_trip(studio, trip_id)
        except NotFoundError:
            return None
        if trip.id != trip_id:  # find_trip also matches titles; only the id counts here
            return None
        try:
            dossier = queries.get_dossier(studio, trip.client_id)
        except NotFoundError:
            return None
        name = display_name(dossier.client.name, dossier.client.native_name)
        party = [card.person for card in dossier.people]
        going = {p.id for p in trip_reading.travellers(studio, trip.id)}
        advisors = [(a.id, display_name(a.name, a.native_name)) for a in queries.advisors(studio)]
        return TripState(trip, name, trip_reading.versions(studio, trip.id), party, going, advisors)

    def reload(self) -> None:
        state = self._read(self._trip_id) if self._trip_id else None
        previous = self._state
        self._state = state
        if state is None:
            self._show_empty()
            self._set_version(None)
            return
        self._stack.setCurrentWidget(self._page)
        trip = state.trip
        ids = {v.id for v in state.versions}
        # Follow the trip when its current version changed (a duplicate, a restore, or an edit
        # that a locked version turned into a new one); else keep the version the user chose.
        moved = (
            previous is None
            or previous.trip.id != trip.id
            or previous.trip.current_version_id != trip.current_version_id
        )
        if moved or self._version_id not in ids:
            self._version_id = (
                trip.current_version_id
                if trip.current_version_id in ids
                else (state.versions[-1].id if state.versions else None)
            )
        self._fill_header(state)
        self._fill_versions(state)
        self._set_version(self._version_id)

    def _show_empty(self) -> None:
        self._stack.setCurrentWidget(self._empty)
        if self._ctx.studio.count(Trip):
            self._empty.setText(self.tr("Choose a trip in the list to see its plan."))
        else:
            self._empty.setText(self.tr("No trips yet. Start one with New trip… (Ctrl+Shift+N)."))
        self.action_print.setEnabled(False)

    def _fill_header(self, state: TripState) -> None:
        t = state.trip
        self._set_text("title", self.title, t.title)
        self._set_text("start_date", self.start_date, t.start_date or "")
        self._set_text("end_date", self.end_date, t.end_date or "")
        self._set_text("destinations", self.destinations, ", ".join(_json_list(t.destinations)))
        self._set_text("purpose", self.purpose, t.purpose or "")
        self._set_text(
            "budget", self.budget, amount_text(t.budget).replace(",", "") if t.budget else ""
        )
        self._set_text("currency", self.currency, t.currency or "")
        if not self._keeps_typing("notes", self.notes):
            self.notes.setPlainText(t.notes or "")
            self.notes.document().setModified(False)
        self.client.setText(
            self.tr("for %1").replace(
                "%1",
                f'<a href="client:{html.escape(t.client_id)}">{html.escape(state.client_name)}</a>',
            )
        )
        self.client.setToolTip(self.tr("Open the client's dossier"))
        self.advisor.clear()
        self.advisor.addItem(self.tr("Nobody yet"), NO_VALUE)
        for aid, name in state.advisors:
            self.advisor.addItem(name, aid)
        self.advisor.setCurrentIndex(max(0, self.advisor.findData(t.advisor_id or NO_VALUE)))
        self.status.setCurrentIndex(max(0, self.status.findData(t.status)))
        nxt = next_status(t.status)
        self.next_step.setVisible(nxt is not None)
        if nxt:
            self.next_step.setText(self.tr("Mark %1 →").replace("%1", status_label(nxt).lower()))
            self.next_step.setToolTip(
                self.tr("Move the trip to the pipeline's next step: %1").replace(
                    "%1", status_label(nxt)
                )
            )
        self._fill_travellers(state)

    def _fill_travellers(self, state: TripState) -> None:
        wanted = [p.id for p in state.party]
        if list(self._checks) != wanted:
            for box in self._checks.values():
                self.travellers_row.removeWidget(box)
                box.hide()  # still painted until deleted otherwise
                box.deleteLater()
            self._checks = {}
            for i, p in enumerate(state.party):
                box = QCheckBox(display_name(p.name, p.native_name), self)
                box.clicked.connect(self._travellers_clicked)
                self.travellers_row.addWidget(box, i // 2, i % 2)
                self._checks[p.id] = box
        for pid, box in self._checks.items():
            box.setChecked(pid in state.travelling)
        self.travellers_hint.setText(
            "" if state.party else self.tr("Nobody in the client's party yet")
        )

    def _fill_versions(self, state: TripState) -> None:
        self.versions.blockSignals(True)
        self.versions.clear()
        for v in state.versions:
            text = version_text(v)
            if v.id == state.trip.current_version_id:
                text = self.tr("%1 · current").replace("%1", text)
            self.versions.addItem(text, v.id)
        self.versions.setCurrentIndex(max(0, self.versions.findData(self._version_id)))
        self.versions.blockSignals(False)
        # Never narrower than its longest entry: "v3 “Final” (approved) · current", not "· cu".
        self.versions.setMinimumWidth(
            max(self._versions_min_width, self.versions.sizeHint().width())
        )

    def _set_version(self, version_id: str | None) -> None:
        self._version_id = version_id
        state = self._state
        v = self._version(version_id)
        current = state.trip.current_version_id if state else None
        self.duplicate_button.setEnabled(v is not None)
        self.label_button.setEnabled(v is not None)
        self.compare_button.setEnabled(state is not None and len(state.versions) > 1)
        self.restore_button.setEnabled(v is not None and v.id != current)
        self.approve_button.setEnabled(v is not None and not v.locked)
        self.approve_button.setText(
            self.tr("Approved") if v is not None and v.locked else self.tr("&Approve")
        )
        self.print_button.setEnabled(v is not None)
        self.action_print.setEnabled(v is not None)
        self._show_sums(version_id)
        self.plan.set_version(self._trip_id if version_id else None, version_id)
        self.sig_version_changed.emit(self._trip_id, version_id)

    def _show_sums(self, version_id: str | None) -> None:
        if not version_id:
            self.totals.setText("")
            return
        studio = self._ctx.studio
        totals = trip_totals.totals(studio, version_id)
        if totals:
            lines = []
            for cur, t in totals.items():
                share = f" ({t.margin_share}%)" if t.margin_share is not None else ""
                lines.append(
                    self.tr("<b>%1</b> cost %2 · price <b>%3</b> · margin %4%5")
                    .replace("%1", html.escape(cur))
                    .replace("%2", amount_text(t.cost))
                    .replace("%3", amount_text(t.price))
                    .replace("%4", amount_text(t.margin))
                    .replace("%5", share)
                )
            text = "<br>".join(lines)
        else:
            text = _muted(self, self.tr("No prices in this version yet."))
        shown, current = (
            self._version(version_id),
            self._version(self._state.trip.current_version_id) if self._state else None,
        )
        if shown is not None and current is not None and shown.id != current.id:
            note = (
                self.tr("Showing v%1, an earlier version; the current one is v%2.")
                .replace("%1", str(shown.number))
                .replace("%2", str(current.number))
            )
            text = (
                f'<span style="color:{_warning_colour(self)}">{html.escape(note)}</span><br>{text}'
            )
        self.totals.setText(text)

    def _show_flags(self) -> None:
        """The profile flags of the version the plan shows, as the plan's own read found them
        (the profile check is the slowest part of a read; it runs once, there)."""
        model = self.plan.model
        found = model.flag_rows if model.version is not None else []
        self.flag_count = len(found)
        if model.version is None:
            self.flags.setText("")
            self.flags.setToolTip("")
        elif found:
            text = (
                self.tr("⚠ 1 profile flag")
                if len(found) == 1
                else self.tr("⚠ %1 profile flags").replace("%1", str(len(found)))
            )
            self.flags.setText(flags_html(found, text) + review_link(self))
            self.flags.setToolTip(
                "\n".join(
                    self.tr("Day %1, “%2”: %3")
                    .replace("%1", str(f.day or "?"))
                    .replace("%2", f.title)
                    .replace("%3", f.reason)
                    for f in found[:20]
                )
            )
        else:
            self.flags.setText(_muted(self, self.tr("No profile flags")) + review_link(self))
            self.flags.setToolTip(self.tr("No item clashes with the travellers' profiles."))

    def review_flags(self) -> SafetyDialog | None:
        """The version's profile flags, where the advisor marks them checked."""
        if self._state is None or self.plan.model.version_id is None:
            return None
        dialog = SafetyDialog(self._ctx, self._state.trip.title, self.plan.model.version_id, self)
        dialog.open()
        return dialog

    def _version(self, version_id: str | None) -> TripVersion | None:
        if self._state is None or version_id is None:
            return None
        return next((v for v in self._state.versions if v.id == version_id), None)

    def _set_text(self, field: str, edit: QLineEdit, value: str) -> None:
        if not self._keeps_typing(field, edit):
            edit.setText(value)
            edit.setCursorPosition(0)

    def _keeps_typing(self, field: str, editor: QWidget) -> bool:
        """True when the field holds text the user typed and that was not accepted yet."""
        if self._errors.get(field):
            return True
        modified = (
            editor.document().isModified() if isinstance(editor, NotesEdit) else editor.isModified()
        )
        return editor.hasFocus() and modified

    @property
    def _errors(self) -> dict[str, str]:
        """Field → the refusal shown under it (several fields share a box, e.g. the dates)."""
        return self._error_texts

    def error_for(self, field: str) -> str:
        """The refusal currently shown for ``field`` ('' when none)."""
        return self._errors.get(field, "")

    def _on_changed(self, changes) -> None:
        if self._trip_id is None:
            if "trip" in changes.tables:
                self._show_empty()
            return
        if not changes.tables & _TABLES:
            return
        mine = self._state is None or self._state.trip.client_id in changes.client_ids
        if mine or changes.tables & {"advisor", "supplier"}:  # rows of no client, shown here
            self.reload()

    # -- editing the trip -------------------------------------------------------------------
    def _stored(self, field: str) -> str:
        t = self._state.trip
        if field == "destinations":
            return ", ".join(_json_list(t.destinations))
        if field == "budget":
            return amount_text(t.budget).replace(",", "") if t.budget else ""
        return str(getattr(t, field) or "")

    def _unchanged(self, field: str, value: Any) -> bool:
        if field == "destinations":
            typed = [d.strip() for d in str(value).replace("，", ",").split(",") if d.strip()]
            return typed == _json_list(self._state.trip.destinations)
        if field == "budget" and value and self._state.trip.budget:
            try:
                return Decimal(str(value).replace(",", "").strip()) == Decimal(
                    self._state.trip.budget
                )
            except ArithmeticError:
                return False
        return (value or "").strip() == self._stored(field).strip()

    def _box(self, field: str) -> FieldBox:
        return self._boxes[field]

    def _show_error(self, field: str, message: str | None) -> None:
        if message:
            self._errors[field] = message
        else:
            self._errors.pop(field, None)
        box = self._box(field)
        shared = [f for f, b in self._boxes.items() if b is box and self._errors.get(f)]
        if shared:
            box.show_error(self._errors[shared[0]])
        else:
            box.clear_error()

    def _commit(self, field: str, value: Any) -> None:
        # A question (the travelling reason) takes the focus, which finishes the editing again.
        if self._state is None or self._busy:
            return
        self._busy = True
        try:
            self._commit_now(field, value)
        finally:
            self._busy = False

    def _commit_now(self, field: str, value: Any) -> None:
        if self._unchanged(field, value):
            self._show_error(field, None)
            return
        editor = self._box(field).editor
        for e in (editor, getattr(self, field, None)):
            if isinstance(e, QLineEdit):
                e.setModified(False)
            elif isinstance(e, NotesEdit):
                e.document().setModified(False)
        trip_id = self._trip_id
        reason = self._reason_if_travelling(self._caption(field))
        if reason is False:  # the user cancelled: the stored value comes back
            self._show_error(field, None)
            self.reload()
            return
        studio = self._ctx.studio

        def operation():
            trip_lifecycle.update_trip(studio, trip_id, **{field: value})
            if reason:
                self._log_reason(trip_id, self._caption(field), reason)

        try:
            self._ctx.execute(
                self.tr("Change trip %1").replace("%1", self._caption(field)), operation
            )
        except ValidationError as exc:
            self._show_error(field, exc.message)
            return
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self._show_error(field, None)

    def _caption(self, field: str) -> str:
        return {
            "title": self.tr("title"),
            "start_date": self.tr("start date"),
            "end_date": self.tr("end date"),
            "destinations": self.tr("destinations"),
            "purpose": self.tr("purpose"),
            "budget": self.tr("budget"),
            "currency": self.tr("currency"),
            "advisor_id": self.tr("advisor"),
            "notes": self.tr("notes"),
            "status": self.tr("status"),
            "travellers": self.tr("travellers"),
        }.get(field, field)

    def _reason_if_travelling(self, what: str) -> str | None | bool:
        """While the client travels, ask why; None when not travelling, False when cancelled."""
        if self._state is None or self._state.trip.status != "travelling":
            return None
        reason = self.ask_change_reason(what)
        return reason if reason else False

    def ask_change_reason(self, what: str) -> str | None:
        """Asks why ``what`` changes while the client travels (None: cancelled)."""
        dialog = ChangeReasonDialog(what, self)
        return (
            dialog.reason_text()
            if dialog.exec() == ChangeReasonDialog.DialogCode.Accepted
            else None
        )

    def _log_reason(self, trip_id: str, what: str, reason: str) -> None:
        """Keep the reason in the trip's notes (one dated line), inside the same undoable step."""
        trip = trip_reading.find_trip(self._ctx.studio, trip_id)
        line = (
            self.tr("%1 — changed %2 while travelling: %3")
            .replace("%1", date.today().isoformat())
            .replace("%2", what)
            .replace("%3", reason)
        )
        notes = (trip.notes or "").rstrip()
        trip_lifecycle.update_trip(
            self._ctx.studio, trip_id, notes=f"{notes}\n{line}" if notes else line
        )

    def _travellers_clicked(self) -> None:
        if self._state is None or self._busy:
            return
        chosen = [pid for pid, box in self._checks.items() if box.isChecked()]
        reason = self._reason_if_travelling(self._caption("travellers"))
        if reason is False:
            self.reload()
            return
        studio, trip_id = self._ctx.studio, self._trip_id

        def operation():
            trip_lifecycle.set_travellers(studio, trip_id, chosen)
            if reason:
                self._log_reason(trip_id, self._caption("travellers"), reason)

        try:
            self._ctx.execute(self.tr("Change travellers"), operation)
        except StudioError as exc:
            self._show_error("travellers", str(exc))
            self.reload()
            return
        self._show_error("travellers", None)

    # -- status -----------------------------------------------------------------------------
    def _go_next(self) -> None:
        if self._state is not None:
            nxt = next_status(self._state.trip.status)
            if nxt:
                self.change_status(nxt)

    def change_status(self, status: str) -> bool:
        """Move the trip to ``status``; "proposed" runs the pre-send check first."""
        if self._state is None or status == self._state.trip.status:
            return False
        studio, trip_id = self._ctx.studio, self._trip_id
        acknowledged = False
        if status == "proposed":
            problems = trip_totals.presend_check(
                studio, trip_id, self._state.trip.current_version_id
            )
            if problems:
                if not self.confirm_presend(problems):
                    self.status.setCurrentIndex(
                        max(0, self.status.findData(self._state.trip.status))
                    )
                    return False
                acknowledged = True
        try:
            self._ctx.execute(
                self.tr("Mark “%1” %2")
                .replace("%1", self._state.trip.title)
                .replace("%2", status_label(status).lower()),
                lambda: trip_lifecycle.set_status(
                    studio, trip_id, status, acknowledged=acknowledged
                ),
            )
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Status not changed"), str(exc))
            self.reload()
            return False
        self.sig_message.emit(self.tr("Marked %1.").replace("%1", status_label(status).lower()))
        return True

    def confirm_presend(self, problems: list[str]) -> bool:
        """Shows the pre-send check's findings; True when the advisor acknowledged them."""
        dialog = PresendDialog(self._state.trip.title if self._state else "", problems, self)
        return dialog.exec() == PresendDialog.DialogCode.Accepted

    # -- versions ---------------------------------------------------------------------------
    def show_version(self, version_id: str | None) -> None:
        """Show another version of the trip (it does not become current)."""
        if version_id and self._version(version_id) is not None:
            self._set_version(version_id)
            self._fill_versions(self._state)

    def _run(self, text: str, operation: Callable[[], Any]) -> Any:
        try:
            return self._ctx.execute(text, operation)
        except StudioError as exc:
            QMessageBox.warning(self, text, str(exc))
            return None

    def duplicate_version(self) -> str | None:
        v = self._version(self._version_id)
        if v is None:
            return None
        new = self._run(
            self.tr("Duplicate v%1").replace("%1", str(v.number)),
            lambda: trip_versions.duplicate_version(self._ctx.studio, v.id),
        )
        if new is not None:
            self.sig_message.emit(
                self.tr("v%1 is the new current version.").replace("%1", str(new.number))
            )
            return new.id
        return None

    def label_version(self) -> None:
        v = self._version(self._version_id)
        if v is None:
            return
        label = self.ask_label(v)
        if label is None:
            return
        self._run(
            self.tr("Label v%1").replace("%1", str(v.number)),
            lambda: trip_versions.label_version(self._ctx.studio, v.id, label),
        )

    def ask_label(self, version: TripVersion) -> str | None:
        """Asks for a version's label (None: cancelled)."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("Label version"),
            self.tr("Label of v%1 (e.g. “Slower pace”):").replace("%1", str(version.number)),
            QLineEdit.EchoMode.Normal,
            version.label or "",
        )
        return text if ok else None

    def compare_dialog(self) -> CompareDialog | None:
        if self._state is None:
            return None
        return CompareDialog(self._ctx, self._trip_id, new_version_id=self._version_id, parent=self)

    def compare_versions(self) -> None:
        dialog = self.compare_dialog()
        if dialog is not None:
            dialog.exec()

    def restore_version(self) -> str | None:
        v = self._version(self._version_id)
        if v is None:
            return None
        new = self._run(
            self.tr("Restore v%1").replace("%1", str(v.number)),
            lambda: trip_versions.restore_version(self._ctx.studio, v.id),
        )
        if new is not None:
            self.sig_message.emit(
                self.tr("v%1 restored as v%2, the current version.")
                .replace("%1", str(v.number))
                .replace("%2", str(new.number))
            )
            return new.id
        return None

    def approve_version(self) -> bool:
        v = self._version(self._version_id)
        if v is None or v.locked:
            return False
        if not self.confirm(
            self.tr("Approve version"),
            self.tr(
                "Mark v%1 as approved by the client?\n\nIt is locked: later edits start a "
                "new version. Undo with Ctrl+Z."
            ).replace("%1", str(v.number)),
        ):
            return False
        done = self._run(
            self.tr("Approve v%1").replace("%1", str(v.number)),
            lambda: trip_versions.approve_version(self._ctx.studio, v.id),
        )
        return done is not None

    def confirm(self, title: str, text: str) -> bool:
        """Asks yes/no; tests replace it."""
        answer = QMessageBox.question(
            self,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- printing ---------------------------------------------------------------------------
    def print_dialog(self) -> PrintDialog:
        folder = QSettings().value("trips/printFolder")
        return PrintDialog(
            self._state.trip.title if self._state else "",
            folder if isinstance(folder, str) else None,
            self,
        )

    def print_handout(self) -> Job | None:
        """Ask for the page size and file, then write the handout of the shown version in the
        background and offer to open it (:attr:`sig_handout_written`)."""
        if self._state is None or self._version_id is None:
            return None
        dialog = self.print_dialog()
        if dialog.exec() != PrintDialog.DialogCode.Accepted:
            return None
        return self.export_handout(
            dialog.out_path(), dialog.size_key(), offer_open=True, **dialog.options()
        )

    def export_handout(
        self, out: Path, size: str = "a4", *, offer_open: bool = False, **options: Any
    ) -> Job | None:
        """Write the handout of the shown version to ``out`` in a pool thread, so the window
        stays responsive. Returns the job, or None while another handout is being written.
        Ends in :attr:`sig_handout_written` or, after a message box, :attr:`sig_handout_failed`."""
        from studio.services.trips.handout import write_itinerary

        if self._handout_job is not None and self._handout_job.running:
            self.sig_message.emit(self.tr("A handout is already being written."))
            return None
        studio, trip_id, version_id, target = (
            self._ctx.studio,
            self._trip_id,
            self._version_id,
            Path(out),
        )

        from studio.reports import text_runs

        missing: list = []
        self._handout_missing = missing

        def work(_progress: Progress, _cancel: Cancel) -> int:  # a pool thread: no widgets
            try:
                with text_runs.collect_missing() as found:
                    pages = write_itinerary(
                        studio, trip_id, target, size=size, version_id=version_id, **options
                    )
                missing.extend(found)  # read by the result slot, after this returns
                return pages
            except OSError as exc:
                raise StudioError(f"{target} could not be written: {exc.strerror or exc}.") from exc

        self._handout_offer_open = offer_open
        self._handout_out = target
        job = Job(work)
        job.sig_result.connect(self._on_handout_written)
        job.sig_error.connect(self._on_handout_failed)
        self._handout_job = job.start()
        self.sig_message.emit(self.tr("Writing %1…").replace("%1", target.name))
        return job

    def _on_handout_written(self, pages: int) -> None:
        out = self._handout_out
        self.sig_message.emit(
            self.tr("Saved %1 (%2 pages).").replace("%1", str(out)).replace("%2", str(pages))
        )
        missing = getattr(self, "_handout_missing", [])
        if missing:
            self.sig_message.emit(
                self.tr("Saved %1; no font can draw %2 (printed as its code point).")
                .replace("%1", out.name)
                .replace("%2", "; ".join(m.describe() for m in missing))
            )
        if self._handout_offer_open:
            QSettings().setValue("trips/printFolder", str(out.parent))
        self.sig_handout_written.emit(out)
        if self._handout_offer_open and self.ask_open(out):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

    def _on_handout_failed(self, message: str) -> None:
        self.show_print_error(message)
        self.sig_handout_failed.emit(message)

    def show_print_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Itinerary not written"), message)

    def ask_open(self, out: Path) -> bool:
        """Offers to open the written PDF; tests replace it."""
        answer = QMessageBox.question(
            self,
            self.tr("Itinerary written"),
            self.tr("Saved %1.\n\nOpen it now?").replace("%1", out.name),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
            QMessageBox.StandardButton.Open,
        )
        return answer == QMessageBox.StandardButton.Open


def _json_list(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


def _row(parent: QWidget, *widgets: QWidget) -> QWidget:
    w = QWidget(parent)
    h = QHBoxLayout(w)
    h.setContentsMargins(0, 0, 0, 0)
    h.setSpacing(6)
    for x in widgets:
        h.addWidget(x)
    h.addStretch(1)
    return w


def _hline(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return line


def _muted(widget: QWidget, text: str) -> str:
    colour = widget.palette().color(QPalette.ColorRole.PlaceholderText).name()
    return f'<span style="color:{colour}">{html.escape(text)}</span>'


def _warning_colour(widget: QWidget) -> str:
    return error_color(widget.palette()).name()
