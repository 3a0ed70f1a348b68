"""The studio's supplier directory: hotels, airlines, ground operators, guides, restaurants,
insurers. List, add, edit, delete (soft: undo brings a supplier back; items keep their link)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.domain.trip_models import SUPPLIER_KINDS, Supplier
from studio.errors import StudioError
from studio.services import clients
from studio.services.trips import suppliers as trip_suppliers
from ui.context import AppContext
from ui.widgets.field_editors import NO_VALUE
from ui.widgets.form_dialog import FormDialog

COL_NAME, COL_NATIVE, COL_KIND, COL_LOCATION, COL_RATING, COL_CONTACTS = range(6)


def kind_label(kind: str) -> str:
    return {
        "hotel": QCoreApplication.translate("Suppliers", "Hotel"),
        "airline": QCoreApplication.translate("Suppliers", "Airline"),
        "ground-operator": QCoreApplication.translate("Suppliers", "Ground operator"),
        "guide": QCoreApplication.translate("Suppliers", "Guide"),
        "restaurant": QCoreApplication.translate("Suppliers", "Restaurant"),
        "insurer": QCoreApplication.translate("Suppliers", "Insurer"),
        "other": QCoreApplication.translate("Suppliers", "Other"),
    }.get(kind, kind)


def stars(rating: int | None) -> str:
    return "★" * rating + "☆" * (5 - rating) if rating else ""


class SupplierDialog(FormDialog):
    """Add a supplier, or edit one (``supplier`` given)."""

    def __init__(
        self, ctx: AppContext, supplier: Supplier | None = None, parent: QWidget | None = None
    ):
        title = QCoreApplication.translate(
            "SupplierDialog", "Edit supplier" if supplier else "New supplier"
        )
        super().__init__(ctx, title, parent)
        self.setObjectName("supplierDialog")
        self._supplier = supplier
        self.kind = QComboBox(self)
        for k in SUPPLIER_KINDS:
            self.kind.addItem(kind_label(k), k)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Hoshinoya Kyoto"))
        self.native_name = QLineEdit(self)
        self.native_name.setPlaceholderText(self.tr("e.g. 星のや京都"))
        self.contacts = QPlainTextEdit(self)
        self.contacts.setTabChangesFocus(True)
        self.contacts.setPlaceholderText(self.tr("Phones, e-mail, the 24-hour line…"))
        self.contacts.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.location = QLineEdit(self)
        self.location.setPlaceholderText(self.tr("e.g. Arashiyama, Kyoto"))
        self.rating = QComboBox(self)
        self.rating.addItem(self.tr("Not rated"), NO_VALUE)
        for n in range(1, 6):
            self.rating.addItem(f"{stars(n)}  {n}", str(n))
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.add_field("kind", self.tr("&Kind"), self.kind)
        self.add_field("name", self.tr("&Name *"), self.name)
        self.add_field("native_name", self.tr("Name in n&ative script"), self.native_name)
        self.add_field("contacts", self.tr("&Contacts"), self.contacts)
        self.add_field("location", self.tr("&Location"), self.location)
        self.add_field("rating", self.tr("&Rating"), self.rating)
        self.add_field("notes", self.tr("N&otes"), self.notes)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        if supplier is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(supplier.kind)))
            self.name.setText(supplier.name)
            self.native_name.setText(supplier.native_name or "")
            self.contacts.setPlainText(supplier.contacts or "")
            self.location.setText(supplier.location or "")
            self.rating.setCurrentIndex(
                max(0, self.rating.findData(str(supplier.rating) if supplier.rating else NO_VALUE))
            )
            self.notes.setPlainText(supplier.notes or "")
        self.name.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "kind": self.kind.currentData(),
            "name": self.name.text(),
            "native_name": self.native_name.text(),
            "contacts": self.contacts.toPlainText(),
            "location": self.location.text(),
            "rating": self.rating.currentData() or None,
            "notes": self.notes.toPlainText(),
        }

    def undo_text(self) -> str:
        name = self.name.text().strip()
        return (
            self.tr("Edit supplier %1") if self._supplier else self.tr("New supplier %1")
        ).replace("%1", name)

    def operation(self) -> Any:
        data = self.values()
        if self._supplier is None:
            return trip_suppliers.create_supplier(self.ctx.studio, **data)
        return trip_suppliers.update_supplier(self.ctx.studio, self._supplier.id, **data)


class SuppliersDialog(QDialog):
    """The directory as a table; Add, Edit (or double-click), Delete."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._suppliers: list[Supplier] = []
        self.setWindowTitle(self.tr("Suppliers"))
        self.setObjectName("suppliersDialog")
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Filter by name, kind, place…"))
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("supplierTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Native name"),
                self.tr("Kind"),
                self.tr("Location"),
                self.tr("Rating"),
                self.tr("Contacts"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        em = self.fontMetrics().averageCharWidth()
        for col, chars in (
            (COL_NAME, 28),
            (COL_NATIVE, 14),
            (COL_KIND, 16),
            (COL_LOCATION, 20),
            (COL_RATING, 10),
        ):
            self.table.setColumnWidth(col, em * chars)
        self.table.itemDoubleClicked.connect(lambda _i: self.edit_current())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(self.tr("&Add…"), self)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.add_button.clicked.connect(self.add_supplier)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addWidget(self.delete_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(em * 130, self.fontMetrics().lineSpacing() * 30)
        ctx.bridge.sig_changed.connect(self._on_changed)
        self.refresh()

    # -- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        keep = self.current_id()
        needle = self.search.text().casefold().strip()
        self._suppliers = [
            s
            for s in trip_suppliers.suppliers(self._ctx.studio)
            if not needle
            or needle
            in " ".join(
                [s.name, s.native_name or "", kind_label(s.kind), s.location, s.contacts]
            ).casefold()
        ]
        self.table.setRowCount(len(self._suppliers))
        for r, s in enumerate(self._suppliers):
            for col, text in (
                (COL_NAME, s.name),
                (COL_NATIVE, s.native_name or ""),
                (COL_KIND, kind_label(s.kind)),
                (COL_LOCATION, s.location),
                (COL_RATING, stars(s.rating)),
                (COL_CONTACTS, " ".join(s.contacts.split())),
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id)
                if col in (COL_CONTACTS, COL_NAME) and (s.notes or s.contacts):
                    item.setToolTip("\n\n".join(x for x in (s.contacts, s.notes) if x))
                self.table.setItem(r, col, item)
        ids = [s.id for s in self._suppliers]
        if keep in ids:
            self.table.selectRow(ids.index(keep))
        self._update_buttons()

    def _on_changed(self, changes) -> None:
        if "supplier" in changes.tables:
            self.refresh()

    def current_id(self) -> str | None:
        row = self.table.currentRow()
        items = self.table.selectedItems()
        if not items or not 0 <= row < len(self._suppliers):
            return None
        return self._suppliers[row].id

    def current(self) -> Supplier | None:
        sid = self.current_id()
        return next((s for s in self._suppliers if s.id == sid), None)

    def select(self, supplier_id: str) -> None:
        ids = [s.id for s in self._suppliers]
        if supplier_id in ids:
            self.table.selectRow(ids.index(supplier_id))

    def _update_buttons(self) -> None:
        has = self.current_id() is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    # -- editing ----------------------------------------------------------------------------
    def supplier_dialog(self, supplier: Supplier | None = None) -> SupplierDialog:
        return SupplierDialog(self._ctx, supplier, self)

    def add_supplier(self) -> str | None:
        dialog = self.supplier_dialog()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_value is None:
            return None
        self.search.clear()
        self.refresh()
        self.select(dialog.result_value.id)
        return dialog.result_value.id

    def edit_current(self) -> None:
        s = self.current()
        if s is not None:
            self.supplier_dialog(s).exec()

    def delete_current(self) -> bool:
        s = self.current()
        if s is None or not self.confirm_delete(s.name):
            return False
        try:
            self._ctx.execute(
                self.tr("Delete supplier %1").replace("%1", s.name),
                lambda: clients.delete_row(self._ctx.studio, Supplier, s.id),
            )
        except StudioError as exc:
            QMessageBox.warning(self, self.tr("Delete supplier"), str(exc))
            return False
        return True

    def confirm_delete(self, name: str) -> bool:
        """Asks before deleting; tests replace it."""
        answer = QMessageBox.question(
            self,
            self.tr("Delete supplier"),
            self.tr(
                "Delete %1 from the directory?\n\nItems already planned with it keep their details. "
                "Undo with Ctrl+Z."
            ).replace("%1", name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes
