"""The studio's list tables (clients, trips, recently deleted) share one look and behaviour."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def list_table(parent: QWidget, object_name: str, model: QAbstractItemModel,
               widths: dict[int, int] | None = None) -> QTableView:
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
