"""The History tab: who changed what, when — read from the change journal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.domain import formatting
from studio.services import activity
from studio.sync.status import laptop_names
from ui.context import AppContext

COL_WHEN, COL_WHO, COL_WHAT, COL_CHANGE = range(4)
_ROOT = QModelIndex()
#: The UTC ISO time of a row, for sorting.
SortRole = Qt.ItemDataRole.UserRole + 1

_CTX = "HistoryModel"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


@dataclass
class HistoryRow:
    when: str  # ISO UTC
    who: str
    what: str
    change: str


class HistoryModel(QAbstractTableModel):
    """Journal lines of one client, newest first; a created row is one line, not one per field."""

    HEADERS = (
        QT_TRANSLATE_NOOP("HistoryModel", "When"),
        QT_TRANSLATE_NOOP("HistoryModel", "Who"),
        QT_TRANSLATE_NOOP("HistoryModel", "What"),
        QT_TRANSLATE_NOOP("HistoryModel", "Change"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[HistoryRow] = []

    def load(self, studio, client_id: str | None) -> None:
        """The client's journal in the activity's words (:mod:`studio.services.activity`)."""
        lines = (
            activity.activity(studio, activity.ActivityFilter(client_id=client_id), limit=500)
            if client_id
            else []
        )
        laptops = laptop_names(studio) if lines else {}
        here = studio.device_id

        def who(line: activity.ActivityLine) -> str:
            """The advisor, and the laptop when the change came from another one."""
            if not line.device or line.device == here:
                return line.who
            laptop = laptops.get(line.device) or _tr("laptop %1").replace("%1", line.device[:8])
            if line.who and laptop == line.who:
                return f"{line.who} · {_tr('on their laptop')}"
            on = _tr("on %1").replace("%1", laptop)
            return f"{line.who} · {on}" if line.who else on

        rows = [HistoryRow(line.when, who(line), line.what, line.change) for line in lines]
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == COL_WHEN:
                return formatting.format_iso(row.when)
            return (row.when, row.who, row.what, row.change)[col]
        if role == SortRole:
            return row.when if col == COL_WHEN else (row.when, row.who, row.what, row.change)[col]
        return None


class HistoryPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.model = HistoryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(SortRole)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter the history…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # Long changes wrap onto more lines rather than being cut to “add…” on a narrow pane.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        for col in (COL_WHEN, COL_WHO):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_CHANGE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.setAccessibleName(self.tr("History"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)

    def load(self, client_id: str | None) -> None:
        self.model.load(self._ctx.studio, client_id)
        self._what_hint = self.table.sizeHintForColumn(COL_WHAT) if self.model.rowCount() else 120
        self._fit_what_column()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_what_column()

    def _fit_what_column(self) -> None:
        # “What” gets what it needs up to a quarter of the table, so “Change” keeps room to read.
        hint = getattr(self, "_what_hint", 120)  # measured once per load, not on every resize
        self.table.setColumnWidth(
            COL_WHAT, max(100, min(hint, 260, self.table.viewport().width() // 4))
        )
