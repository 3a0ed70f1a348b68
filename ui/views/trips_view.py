"""The Trips area: the studio's pipeline (status chips with counts, search, the table of trips)
beside the chosen trip's :class:`~ui.views.trip_view.TripView`.

Layout only, mostly: the table's behaviour is in :mod:`ui.models.trip_table`, the trip's in
``TripView``; writes go through the dialogs and ``ctx.execute``.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain.names import display_name
from studio.domain.trip_models import TRIP_STATUSES
from studio.services import queries
from ui.context import AppContext
from ui.dialogs.suppliers_dialog import SuppliersDialog
from ui.dialogs.trip_dialog import NewTripDialog
from ui.models.trip_table import (
    COL_ADVISOR,
    COL_CLIENT,
    COL_DATES,
    COL_DESTINATIONS,
    COL_STATUS,
    COL_TITLE,
    COL_TOTAL,
    COL_VERSION,
    TripProxyModel,
    TripTableModel,
    status_label,
)
from ui.style import set_muted
from ui.views.trip_view import TripView
from ui.widgets.list_table import list_table, select_row_id

ALL = "all"


class TripsView(QWidget):
    """The pipeline across the studio and the chosen trip beside it."""

    #: Fires when the chosen trip changes (a trip id, or None).
    sig_current_changed = Signal(object)
    #: Fires with a client id when the user asks to open a trip's client.
    sig_open_client = Signal(str)
    #: Fires with a short message for the status bar.
    sig_message = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._current: str | None = None
        self.model = TripTableModel(ctx.studio, self)
        self.proxy = TripProxyModel(self)
        self.proxy.setSourceModel(self.model)

        # -- the pipeline: one chip per status, with its count -------------------------------
        self.chips: dict[str, QToolButton] = {}
        self._chip_group = QButtonGroup(self)
        self._chip_group.setExclusive(True)
        chips = QHBoxLayout()
        chips.setContentsMargins(0, 0, 0, 0)
        chips.setSpacing(4)
        for key in (ALL, *TRIP_STATUSES):
            chip = QToolButton(self)
            chip.setCheckable(True)
            chip.setAutoRaise(True)
            chip.setObjectName(f"chip_{key}")
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            chip.clicked.connect(
                lambda _c=False, k=key: self.set_status_filter(None if k == ALL else k)
            )
            self._chip_group.addButton(chip)
            self.chips[key] = chip
            if key == "cancelled":
                chips.addStretch(1)
            chips.addWidget(chip)
        self.chips[ALL].setChecked(True)

        # -- the list ------------------------------------------------------------------------
        self.search = QLineEdit(self)
        self.search.setObjectName("tripSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Filter by trip, client, destination, advisor…"))
        self.search.textChanged.connect(self._apply_text)
        self.client_chip = QPushButton(self)
        self.client_chip.setObjectName("clientFilter")
        self.client_chip.setToolTip(
            self.tr("Showing one client's trips; click to show every client's")
        )
        self.client_chip.clicked.connect(lambda: self.set_client_filter(None))
        self.client_chip.hide()
        self.new_button = QPushButton(self.tr("&New trip…"), self)
        self.new_button.setToolTip(self.tr("Start a trip for a client (Ctrl+Shift+N)"))
        self.new_button.clicked.connect(lambda: self.new_trip())
        self.suppliers_button = QPushButton(self.tr("&Suppliers…"), self)
        self.suppliers_button.setToolTip(
            self.tr("The studio's hotels, airlines, guides, restaurants…")
        )
        self.suppliers_button.clicked.connect(self.open_suppliers)

        self.table = list_table(
            self,
            "tripTable",
            self.proxy,
            {
                COL_TITLE: 40,  # "Yunnan: Lijiang to Shangri-La — Isa Lancisi" whole
                COL_CLIENT: 18,
                COL_DATES: 17,
                COL_DESTINATIONS: 16,
                COL_STATUS: 11,
                COL_ADVISOR: 12,
                COL_VERSION: 18,
                COL_TOTAL: 14,
            },
        )
        hh = self.table.horizontalHeader()
        hh.setSortIndicator(COL_DATES, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.count_label = QLabel(self)
        set_muted(self.count_label)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.client_chip)
        top.addWidget(self.new_button)
        top.addWidget(self.suppliers_button)
        list_pane = QWidget(self)
        lv = QVBoxLayout(list_pane)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(top)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.count_label)

        self.trip_view = TripView(ctx, self)
        self.trip_view.sig_open_client.connect(self.sig_open_client)
        self.trip_view.sig_message.connect(self.sig_message)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("tripsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(list_pane)
        # The trip scrolls rather than forcing a wide window on a small laptop screen.
        self.trip_scroll = QScrollArea(self)
        self.trip_scroll.setWidgetResizable(True)
        self.trip_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.trip_scroll.setWidget(self.trip_view)
        self.splitter.addWidget(self.trip_scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # On a narrow window the chips scroll sideways instead of widening the window.
        chips_strip = QWidget(self)
        chips_strip.setLayout(chips)
        self.chips_scroll = QScrollArea(self)
        self.chips_scroll.setWidget(chips_strip)
        self.chips_scroll.setWidgetResizable(True)
        self.chips_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.chips_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chips_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.chips_scroll.setMinimumWidth(200)
        self.chips_scroll.setFixedHeight(
            chips_strip.sizeHint().height()
            + self.chips_scroll.horizontalScrollBar().sizeHint().height()
        )
        layout.addWidget(self.chips_scroll)
        layout.addWidget(self.splitter, 1)

        #: Ctrl+Shift+N: a new trip (the main window puts it in its Trips menu).
        self.action_new_trip = QAction(self.tr("&New Trip…"), self)
        self.action_new_trip.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.action_new_trip.triggered.connect(lambda: self.new_trip())
        #: The supplier directory (the main window puts it in its Trips menu).
        self.action_suppliers = QAction(self.tr("&Suppliers…"), self)
        self.action_suppliers.triggered.connect(self.open_suppliers)

        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.sig_count_changed.connect(lambda _n: self._update_counts())
        self.model.dataChanged.connect(self._update_counts)  # a status changed: the chips' counts
        self.proxy.rowsInserted.connect(self._update_counts)
        self.proxy.rowsRemoved.connect(self._update_counts)
        ctx.bridge.sig_changed.connect(self.model.on_studio_changed)
        self._update_counts()

    # -- public -----------------------------------------------------------------------------
    @property
    def current_trip_id(self) -> str | None:
        return self._current

    def select_trip(self, trip_id: str | None) -> bool:
        """Make ``trip_id`` current (clearing filters that hide it); False if it is not live."""
        if trip_id is None:
            self.table.clearSelection()
            self._set_current(None)
            return True
        return select_row_id(self.table, self.proxy.row_of, trip_id, self.clear_filters)

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.select_trip(self.proxy.trip_id(0))

    def set_status_filter(self, status: str | None) -> None:
        self.proxy.set_status(status)
        self.chips[status or ALL].setChecked(True)
        self._after_filter()

    def set_client_filter(self, client_id: str | None) -> None:
        """Show only ``client_id``'s trips (None: everyone's)."""
        self.proxy.set_client(client_id)
        if client_id:
            try:
                c = queries.get_dossier(self._ctx.studio, client_id).client
                name = display_name(c.name, c.native_name)
            except Exception:  # noqa: BLE001 - a deleted client still filters, unnamed
                name = client_id
            self.client_chip.setText(self.tr("%1 ✕").replace("%1", name))
            self.client_chip.show()
        else:
            self.client_chip.hide()
        self._after_filter()

    def clear_filters(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.proxy.set_text("")
        self.set_client_filter(None)
        self.set_status_filter(None)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def new_trip(self, client_id: str | None = None) -> str | None:
        """Ask for a new trip (for ``client_id`` when given) and select it once created."""
        dialog = NewTripDialog(self._ctx, client_id=client_id or self.proxy.client_id, parent=self)
        if dialog.exec() != NewTripDialog.DialogCode.Accepted or dialog.result_value is None:
            return None
        trip_id = dialog.result_value.id
        self.select_trip(trip_id)
        self.sig_message.emit(self.tr("Trip created with its first version."))
        return trip_id

    def open_suppliers(self) -> None:
        SuppliersDialog(self._ctx, self).exec()

    # -- remembered layout ------------------------------------------------------------------
    def save_layout(self, settings: QSettings, prefix: str = "trips") -> None:
        settings.setValue(f"{prefix}/splitter", self.splitter.saveState())
        settings.setValue(f"{prefix}/columns", self.table.horizontalHeader().saveState())

    def restore_layout(self, settings: QSettings, prefix: str = "trips") -> None:
        state = settings.value(f"{prefix}/splitter")
        # Without a remembered split, the list gets a third once the area is first shown at its size.
        self._default_split = not (
            isinstance(state, QByteArray) and self.splitter.restoreState(state)
        )
        header = settings.value(f"{prefix}/columns")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._current is None and not getattr(self, "_shown_once", False):
            self.select_first()  # the first time the area opens, a trip is already there to look at
        self._shown_once = True
        if getattr(self, "_default_split", True):
            self._default_split = False
            total = sum(self.splitter.sizes()) or self.width()
            # the trip two thirds, but no wider than it uses on a big screen: the list gets the rest
            em = self.fontMetrics().horizontalAdvance("m")
            view = max(min(total * 2 // 3, em * 92), self.trip_view.minimumSizeHint().width())
            self.splitter.setSizes([max(total - view, 200), view])

    # -- reacting ---------------------------------------------------------------------------
    def _apply_text(self, text: str) -> None:
        self.proxy.set_text(text)
        self._after_filter()

    def _after_filter(self) -> None:
        self._update_counts()
        if self._current and self.proxy.row_of(self._current) < 0:
            self.table.clearSelection()
            self._set_current(None)

    def _update_counts(self, *_args) -> None:
        counts = self.model.status_counts(self.proxy.client_id)
        total = sum(counts.values())
        self.chips[ALL].setText(self.tr("All %1").replace("%1", str(total)))
        for s in TRIP_STATUSES:
            self.chips[s].setText(f"{status_label(s)} {counts.get(s, 0)}")
            self.chips[s].setToolTip(
                self.tr("Show only trips marked %1").replace("%1", status_label(s).lower())
            )
        shown = self.proxy.rowCount()
        if shown == self.model.rowCount():
            self.count_label.setText(
                self.tr("%1 trips").replace("%1", str(shown)) if shown != 1 else self.tr("1 trip")
            )
        else:
            self.count_label.setText(
                self.tr("%1 of %2 trips")
                .replace("%1", str(shown))
                .replace("%2", str(self.model.rowCount()))
            )

    def _remember_current(self) -> None:
        self._kept = self._current

    def _restore_current(self) -> None:
        kept = getattr(self, "_kept", None)
        row = self.proxy.row_of(kept) if kept else -1
        if row >= 0:
            index = self.proxy.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        else:
            self._set_current(None)

    def context_actions(self, trip_id: str | None) -> list[tuple[str, object]]:
        """What the table's context menu offers for ``trip_id`` (text, callable)."""
        out: list[tuple[str, object]] = [(self.tr("New trip…"), lambda: self.new_trip())]
        row = self.model.trip_row(self.model.row_of(trip_id)) if trip_id else None
        if row is not None:
            cid = row.client_id
            out += [
                (
                    self.tr("New trip for %1…").replace("%1", row.client_name),
                    lambda: self.new_trip(cid),
                ),
                (
                    self.tr("Only %1's trips").replace("%1", row.client_name),
                    lambda: self.set_client_filter(cid),
                ),
                (
                    self.tr("Open %1's dossier").replace("%1", row.client_name),
                    lambda: self.sig_open_client.emit(cid),
                ),
            ]
        return out

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        for text, act in self.context_actions(
            self.proxy.trip_id(index.row()) if index.isValid() else None
        ):
            menu.addAction(text, act)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._set_current(self.proxy.trip_id(current.row()) if current.isValid() else None)

    def _set_current(self, trip_id: str | None) -> None:
        if trip_id != self._current:
            self._current = trip_id
            self.trip_view.set_trip(trip_id)
            self.sig_current_changed.emit(trip_id)
