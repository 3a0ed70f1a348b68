"""A client's passports and other travel documents: add one, change an expiry after a renewal,
remove one. Opened from the agenda (a passport reminder's natural next step). Every change is
one undoable step through ``AppContext.execute``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.services.agenda import documents as ag
from ui.context import AppContext


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class DocumentsDialog(QDialog):
    def __init__(
        self, ctx: AppContext, client_id: str, client_name: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.setWindowTitle(self.tr("Travel documents — %1").replace("%1", client_name))
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Person"), self.tr("Document"), self.tr("Number"), self.tr("Expires")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)

        self.person = QComboBox(self)
        self.kind = QComboBox(self)
        for key, label in (
            ("passport", self.tr("Passport")),
            ("visa", self.tr("Visa")),
            ("id_card", self.tr("Identity card")),
            ("other", self.tr("Other")),
        ):
            self.kind.addItem(label, key)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("optional"))
        self.expires = QDateEdit(self)
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        self.expires.setDate(_qdate(date.today()).addYears(10))
        form = QFormLayout()
        form.addRow(self.tr("Person:"), self.person)
        form.addRow(self.tr("Document:"), self.kind)
        form.addRow(self.tr("Number:"), self.number)
        form.addRow(self.tr("Expires:"), self.expires)

        self.add_button = QPushButton(self.tr("&Add"), self)
        self.save_button = QPushButton(self.tr("&Save changes"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        row = QHBoxLayout()
        for b in (self.add_button, self.save_button, self.remove_button):
            row.addWidget(b)
        row.addStretch(1)
        hint = QLabel(
            self.tr(
                "After a renewal, select the document and change its expiry: the reminder "
                "follows the new date."
            ),
            self,
        )
        hint.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(560, 460)
        self.rows: list[ag.DocumentRow] = []
        self.refresh()

    def refresh(self) -> None:
        people, self.rows = ag.client_documents(self.ctx.studio, self.client_id)
        current = self.person.currentData()
        self.person.clear()
        for pid, name in people:
            self.person.addItem(name, pid)
        if current:
            self.person.setCurrentIndex(max(0, self.person.findData(current)))
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            d = row.document
            for c, text in enumerate(
                (
                    row.person_name,
                    self.kind.itemText(max(0, self.kind.findData(d.kind))),
                    d.number or "—",
                    d.expires_on,
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r)
                self.table.setItem(r, c, item)
        self._selected()

    def selected(self) -> ag.DocumentRow | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) and self.table.selectedItems() else None

    def _selected(self) -> None:
        row = self.selected()
        self.save_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.add_button.setEnabled(self.person.count() > 0)
        if row is not None:
            d = row.document
            self.person.setCurrentIndex(max(0, self.person.findData(d.person_id)))
            self.kind.setCurrentIndex(max(0, self.kind.findData(d.kind)))
            self.number.setText(d.number or "")
            self.expires.setDate(_qdate(date.fromisoformat(d.expires_on)))

    def _run(self, text: str, operation) -> bool:
        try:
            self.ctx.execute(text, operation)
        except StudioError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return False
        self.refresh()
        return True

    def add(self) -> bool:
        studio, pid = self.ctx.studio, self.person.currentData()
        kind, number, expires = (
            self.kind.currentData(),
            self.number.text(),
            _pydate(self.expires.date()),
        )
        return self._run(
            self.tr("Add travel document"),
            lambda: ag.add_document(studio, pid, expires, kind=kind, number=number or None),
        )

    def save(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        studio, doc_id = self.ctx.studio, row.document.id
        kind, number, expires = (
            self.kind.currentData(),
            self.number.text(),
            _pydate(self.expires.date()),
        )
        return self._run(
            self.tr("Change travel document"),
            lambda: ag.update_document(
                studio, doc_id, kind=kind, number=number or None, expires_on=expires
            ),
        )

    def remove(self) -> bool:
        row = self.selected()
        if row is None:
            return False
        studio, doc_id = self.ctx.studio, row.document.id
        return self._run(
            self.tr("Remove travel document"), lambda: ag.delete_document(studio, doc_id)
        )
