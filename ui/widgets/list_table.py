"""The studio's list tables (clients, trips, recently deleted) share one look and behaviour."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def list_table(
    parent: QWidget,
    object_name: str,
    model: QAbstractItemModel,
    widths: dict[int, int] | None = None,
) -> QTableView:
    """A read-only table of whole-row single selection, one line per row, no grid, alternating
    rows, fixed row heights (the view never measures rows it does not show, so 100,000 rows stay
    cheap) and columns the user can resize. ``widths`` maps a column to its width in average
    characters of the table's font."""
    table = QTableView(parent)
    table.setObjectName(object_name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    vh = table.verticalHeader()
    vh.hide()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(table.fontMetrics().height() + 10)
    hh = table.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    hh.setStretchLastSection(True)
    hh.setHighlightSections(False)
    em = table.fontMetrics().averageCharWidth()
    for col, chars in (widths or {}).items():
        table.setColumnWidth(col, em * chars)
    return table


def select_row_id(
    table: QTableView, row_of: Callable[[str], int], row_id: str, clear_filters: Callable[[], None]
) -> bool:
    """Make the row with ``row_id`` current and scroll to it, clearing the filters if they hide
    it; False when it is not in the list at all. ``row_of`` gives its row in the table's model."""
    row = row_of(row_id)
    if row < 0:
        clear_filters()
        row = row_of(row_id)
    if row < 0:
        return False
    index = table.model().index(row, 0)
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
    return True
