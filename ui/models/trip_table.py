"""The studio's trips as a table model: the pipeline across every client and advisor.

A studio has hundreds to a few thousand trips, so the model reads them all once (``load_rows``:
:func:`studio.services.trips.pipeline.pipeline_lines`, three queries for any number of trips) and
the proxy filters and sorts in memory. After an edit it re-reads only the trips of the clients the change
touched; a new or deleted trip, or a renamed advisor, re-reads the whole list.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QApplication

from studio.domain import formatting
from studio.domain.names import NameForm, display_name
from studio.domain.trip_models import TRIP_STATUSES
from studio.services.trips.pipeline import PipelineLine, pipeline_lines
from studio.store import ChangeSet, Studio

COL_TITLE = 0
COL_CLIENT = 1
COL_DATES = 2
COL_DESTINATIONS = 3
COL_STATUS = 4
COL_ADVISOR = 5
COL_VERSION = 6
COL_TOTAL = 7

COLUMNS = (
    COL_TITLE,
    COL_CLIENT,
    COL_DATES,
    COL_DESTINATIONS,
    COL_STATUS,
    COL_ADVISOR,
    COL_VERSION,
    COL_TOTAL,
)

TripIdRole = Qt.ItemDataRole.UserRole + 1  #: the trip's id (any column)
SortRole = Qt.ItemDataRole.UserRole + 2  #: a value that sorts the column sensibly
RowRole = Qt.ItemDataRole.UserRole + 3  #: the whole TripRow
StatusRole = Qt.ItemDataRole.UserRole + 4  #: the trip's status key ("inquiry"…)
ClientIdRole = Qt.ItemDataRole.UserRole + 5  #: the trip's client id

_ROOT = QModelIndex()

#: Tables whose changes can alter a line of the pipeline.
_TABLES = frozenset({"trip", "trip_version", "trip_item", "client", "advisor"})


def status_label(status: str) -> str:
    labels = {
        "inquiry": QApplication.translate("TripTable", "Inquiry"),
        "drafting": QApplication.translate("TripTable", "Drafting"),
        "proposed": QApplication.translate("TripTable", "Proposed"),
        "confirmed": QApplication.translate("TripTable", "Confirmed"),
        "travelling": QApplication.translate("TripTable", "Travelling"),
        "completed": QApplication.translate("TripTable", "Completed"),
        "followed-up": QApplication.translate("TripTable", "Followed up"),
        "cancelled": QApplication.translate("TripTable", "Cancelled"),
    }
    return labels.get(status, status)


def next_status(status: str) -> str | None:
    """The pipeline's next step after ``status`` (None at the end, or once cancelled)."""
    order = [s for s in TRIP_STATUSES if s != "cancelled"]
    if status not in order or status == order[-1]:
        return None
    return order[order.index(status) + 1]


def amount_text(value: Decimal | str | None) -> str:
    """1234567.5 → "1,234,567.50"; whole amounts lose their cents ("1,200")."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value))
    return formatting.format_amount(d)


def date_span(start: str | None, end: str | None) -> str:
    """ "14–20 Mar 2027", "28 Mar – 3 Apr 2027", "30 Dec 2026 – 4 Jan 2027"; "" when unknown."""
    if not start:
        return ""
    try:
        a = date.fromisoformat(start)
        b = date.fromisoformat(end) if end else None
    except ValueError:
        return f"{start} – {end or ''}".strip(" –")
    return formatting.date_range(a, b)


@dataclass
class TripRow(PipelineLine):
    """One line of the pipeline (the core's :class:`PipelineLine` with what the table shows)."""

    @property
    def client_display(self) -> str:
        return display_name(self.client_name, self.client_native_name, NameForm.LISTED)

    @property
    def version_text(self) -> str:
        if self.version_number is None:
            return ""
        text = f"v{self.version_number}"
        if self.version_label:
            text += f" “{self.version_label}”"
        return (
            QApplication.translate("TripTable", "%1 (approved)").replace("%1", text)
            if self.version_locked
            else text
        )

    @property
    def price_text(self) -> str:
        return " · ".join(
            f"{cur} {amount_text(t.price)}" for cur, t in self.totals.items() if t.price
        )

    def matches(self, text: str) -> bool:
        """Case- and accent-blind match of ``text`` against title, client, destinations, advisor."""
        needle = _fold(text)
        if not needle:
            return True
        hay = " ".join(
            [
                self.title,
                self.client_name,
                self.client_native_name or "",
                " ".join(self.destinations),
                self.advisor_name or "",
                self.purpose or "",
                status_label(self.status),
            ]
        )
        return all(word in _fold(hay) for word in needle.split())


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def load_rows(studio: Studio, client_ids: set[str] | frozenset[str] | None = None) -> list[TripRow]:
    """Every live trip (of ``client_ids`` when given) as a :class:`TripRow`, in date order
    (undated last), then by title."""
    rows = [TripRow(**vars(line)) for line in pipeline_lines(studio, client_ids)]
    rows.sort(key=lambda r: (r.start_date is None, r.start_date or "", r.title.casefold()))
    return rows


class TripTableModel(QAbstractTableModel):
    """All live trips; :meth:`on_studio_changed` re-reads them after a change that concerns them."""

    #: Fires after the rows were re-read, with the number of trips.
    sig_count_changed = Signal(int)

    def __init__(self, studio: Studio, parent: QObject | None = None):
        super().__init__(parent)
        self._studio = studio
        self._rows: list[TripRow] = []
        self.loads = 0  # how many times all the rows were read (for tests)
        self.partial_loads = 0  # … and how many times only some trips' rows
        self._load()

    # -- reading ----------------------------------------------------------------------------
    def _load(self) -> None:
        self._rows = load_rows(self._studio)
        self.loads += 1

    def refresh(self) -> None:
        self.beginResetModel()
        self._load()
        self.endResetModel()
        self.sig_count_changed.emit(len(self._rows))

    def on_studio_changed(self, changes: ChangeSet) -> None:
        if not changes.tables & _TABLES:
            return
        if any(
            (e.table in ("trip", "client") and e.op != "update") or e.table == "advisor"
            for e in changes.entries
        ):
            self.refresh()  # trips come or go, or names shown on many lines change
            return
        rows = [i for i, r in enumerate(self._rows) if r.client_id in changes.client_ids]
        if not rows:
            return
        fresh = {r.id: r for r in load_rows(self._studio, changes.client_ids)}
        if set(fresh) != {self._rows[i].id for i in rows}:
            self.refresh()
            return
        for i in rows:
            self._rows[i] = fresh[self._rows[i].id]
        self.partial_loads += 1
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    # -- lookups ----------------------------------------------------------------------------
    def trip_row(self, row: int) -> TripRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def trip_id(self, row: int) -> str | None:
        r = self.trip_row(row)
        return r.id if r else None

    def row_of(self, trip_id: str | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == trip_id), -1)

    def rows(self) -> list[TripRow]:
        return list(self._rows)

    def status_counts(self, client_id: str | None = None) -> dict[str, int]:
        """How many trips are in each status (of one client, when given), every status listed."""
        counts = {s: 0 for s in TRIP_STATUSES}
        for r in self._rows:
            if client_id is None or r.client_id == client_id:
                counts[r.status] = counts.get(r.status, 0) + 1
        return counts

    # -- QAbstractTableModel ----------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_TITLE: self.tr("Trip"),
            COL_CLIENT: self.tr("Client"),
            COL_DATES: self.tr("Dates"),
            COL_DESTINATIONS: self.tr("Destinations"),
            COL_STATUS: self.tr("Status"),
            COL_ADVISOR: self.tr("Advisor"),
            COL_VERSION: self.tr("Version"),
            COL_TOTAL: self.tr("Total price"),
        }.get(section)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.trip_row(index.row())
        if row is None:
            return None
        col = index.column()
        if role == TripIdRole:
            return row.id
        if role == RowRole:
            return row
        if role == StatusRole:
            return row.status
        if role == ClientIdRole:
            return row.client_id
        if role == SortRole:
            return self._sort_value(row, col)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_TOTAL and row.totals:
                return "\n".join(
                    self.tr("%1: price %2, cost %3, margin %4")
                    .replace("%1", cur)
                    .replace("%2", amount_text(t.price))
                    .replace("%3", amount_text(t.cost))
                    .replace("%4", amount_text(t.margin))
                    for cur, t in row.totals.items()
                )
            if col in (COL_TITLE, COL_CLIENT, COL_DESTINATIONS, COL_VERSION):
                return self._display(row, col) or None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_TOTAL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "cancelled":
            from PySide6.QtGui import QPalette

            return QApplication.palette().brush(
                QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText
            )
        return None

    def _display(self, row: TripRow, col: int) -> str:
        if col == COL_TITLE:
            return row.title
        if col == COL_CLIENT:
            return row.client_display
        if col == COL_DATES:
            return date_span(row.start_date, row.end_date)
        if col == COL_DESTINATIONS:
            return ", ".join(row.destinations)
        if col == COL_STATUS:
            return status_label(row.status)
        if col == COL_ADVISOR:
            return row.advisor_name or ""
        if col == COL_VERSION:
            return row.version_text
        if col == COL_TOTAL:
            return row.price_text
        return ""

    @staticmethod
    def _sort_value(row: TripRow, col: int) -> Any:
        if col == COL_DATES:
            return (row.start_date or "9999", row.end_date or "")
        if col == COL_STATUS:
            return (
                TRIP_STATUSES.index(row.status)
                if row.status in TRIP_STATUSES
                else len(TRIP_STATUSES)
            )
        if col == COL_VERSION:
            return row.version_number or 0
        if col == COL_TOTAL:
            # Mixed currencies cannot be added up: sort by currency, then amount.
            first = next(iter(row.totals.items()), None)
            return (first[0], float(first[1].price)) if first else ("", 0.0)
        if col == COL_CLIENT:
            return row.client_name.casefold()
        if col == COL_TITLE:
            return row.title.casefold()
        if col == COL_DESTINATIONS:
            return ", ".join(row.destinations).casefold()
        if col == COL_ADVISOR:
            return (row.advisor_name or "").casefold()
        return ""

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class TripProxyModel(QSortFilterProxyModel):
    """Filters the pipeline by status, client and text; sorts by :data:`SortRole`."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._status: str | None = None
        self._client: str | None = None
        self._text = ""
        self.setSortRole(SortRole)

    @property
    def status(self) -> str | None:
        return self._status

    @property
    def client_id(self) -> str | None:
        return self._client

    @property
    def text(self) -> str:
        return self._text

    def _refilter(self, change) -> None:
        # Qt 6.9 brought begin/endFilterChange; invalidateFilter is deprecated from 6.10.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateFilter()

    def set_status(self, status: str | None) -> None:
        if status != self._status:
            self._refilter(lambda: setattr(self, "_status", status))

    def set_client(self, client_id: str | None) -> None:
        if client_id != self._client:
            self._refilter(lambda: setattr(self, "_client", client_id))

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._refilter(lambda: setattr(self, "_text", text))

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:  # noqa: N802
        source = self.sourceModel()
        row = source.trip_row(source_row) if isinstance(source, TripTableModel) else None
        if row is None:
            return False
        if self._status and row.status != self._status:
            return False
        if self._client and row.client_id != self._client:
            return False
        return row.matches(self._text)

    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:  # noqa: N802
        a, b = left.data(SortRole), right.data(SortRole)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    def trip_id(self, proxy_row: int) -> str | None:
        return (
            self.index(proxy_row, 0).data(TripIdRole) if 0 <= proxy_row < self.rowCount() else None
        )

    def row_of(self, trip_id: str | None) -> int:
        source = self.sourceModel()
        if not isinstance(source, TripTableModel):
            return -1
        r = source.row_of(trip_id)
        return self.mapFromSource(source.index(r, 0)).row() if r >= 0 else -1
