"""Choose another client (e.g. who referred this one), searching by any name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.domain.names import display_name
from studio.services import queries
from ui.context import AppContext

_MAX = 50


class ClientPickerDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        title: str,
        *,
        exclude: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self._ctx = ctx
        self._exclude = exclude
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type part of a name…"))
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._refresh)
        self.search.returnPressed.connect(self.accept)
        self.results.itemActivated.connect(lambda _item: self.accept())
        self.results.currentRowChanged.connect(self._update_ok)
        self.resize(420, 380)
        self._refresh()

    def chosen_id(self) -> str | None:
        item = self.results.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _refresh(self) -> None:
        ids = queries.client_ids(self._ctx.studio, queries.ClientFilter(text=self.search.text()))
        ids = [i for i in ids if i != self._exclude][:_MAX]
        self.results.clear()
        for row in queries.client_rows(self._ctx.studio, ids):
            item = QListWidgetItem(display_name(row.name, row.native_name))
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self._update_ok()

    def _update_ok(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.results.currentItem() is not None
        )
