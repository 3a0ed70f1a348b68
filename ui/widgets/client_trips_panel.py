"""The dossier's Trips tab: the client's trips (status, dates, totals) and *New trip for this
client*; opening a trip (double-click or Return) asks the window to show it in Trips."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.services.trips.client_trips import ClientTrips
from ui.context import AppContext
from ui.models.trip_table import amount_text, date_span, status_label
from ui.style import set_muted

TripIdRole = Qt.ItemDataRole.UserRole + 1


class ClientTripsPanel(QWidget):
    """Lists one client's trips; ``sig_new_trip`` and ``sig_open_trip`` go to the dossier."""

    #: Fires when the user asks for a new trip for the shown client.
    sig_new_trip = Signal()
    #: Fires with a trip id when the user opens one of the listed trips.
    sig_open_trip = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.new_button = QPushButton(self.tr("&New trip for this client…"), self)
        self.new_button.clicked.connect(self.sig_new_trip)
        self.empty = QLabel(self.tr("No trips yet."), self)
        set_muted(self.empty)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setHeaderLabels(
            [self.tr("Trip"), self.tr("Status"), self.tr("Dates"), self.tr("Price")]
        )
        self.table.itemActivated.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.empty, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_trips(self, found: ClientTrips) -> None:
        self.table.clear()
        for t in sorted(found.trips, key=lambda t: t.start_date or "9999", reverse=True):
            dates = date_span(t.start_date, t.end_date) or self.tr("no dates")
            price = " · ".join(
                f"{cur} {amount_text(tot.price)}" for cur, tot in t.totals.items() if tot.price
            )
            row = QTreeWidgetItem([t.title, status_label(t.status), dates, price])
            row.setData(0, TripIdRole, t.id)
            row.setToolTip(0, t.title)
            self.table.addTopLevelItem(row)
        for col in range(4):
            self.table.resizeColumnToContents(col)
        self.empty.setText(
            self.tr("No trips yet.")
            if not found.trips
            else self.tr("%1 trips").replace("%1", str(len(found.trips)))
            if len(found.trips) != 1
            else self.tr("1 trip")
        )

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        trip_id = item.data(0, TripIdRole)
        if trip_id:
            self.sig_open_trip.emit(trip_id)
