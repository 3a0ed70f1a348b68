"""Recently deleted: clients moved out of the list, restorable."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.services import clients
from ui.context import AppContext
from ui.models.client_table import COL_DELETED, COL_NAME, ClientProxyModel, ClientTableModel
from ui.style import scaled_font, set_muted
from ui.widgets.list_table import list_table


class DeletedView(QWidget):
    """Deleted clients, most recent first, with Restore."""

    #: Fires with the client id after a client was restored from this view.
    sig_restored = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self.model = ClientTableModel(ctx.studio, deleted=True, parent=self)
        self.proxy = ClientProxyModel(self)
        self.proxy.setSourceModel(self.model)

        title = QLabel(self.tr("Recently deleted"), self)
        title.setFont(scaled_font(title, 1.3, bold=True))
        hint = QLabel(
            self.tr(
                "Deleted clients are kept here with their whole dossier. "
                "Restore one to put it back in the client list."
            ),
            self,
        )
        hint.setWordWrap(True)
        set_muted(hint)

        self.table = list_table(
            self, "deletedTable", self.proxy, {self.model.column_of(COL_NAME): 34}
        )
        self.table.horizontalHeader().setSortIndicator(
            self.model.column_of(COL_DELETED), Qt.SortOrder.DescendingOrder
        )
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(lambda index: self.restore_row(index.row()))
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_current)
        self.empty_label = QLabel(self.tr("Nothing has been deleted."), self)
        set_muted(self.empty_label)

        buttons = QHBoxLayout()
        buttons.addWidget(self.empty_label)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        ctx.bridge.sig_changed.connect(self.model.on_studio_changed)
        self._update_buttons()

    def restore_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.restore_row(index.row())

    def restore_row(self, proxy_row: int) -> str | None:
        cid = self.proxy.client_id(proxy_row)
        if cid is None:
            return None
        name = self.proxy.index(proxy_row, self.model.column_of(COL_NAME)).data() or ""
        self._ctx.execute(
            self.tr("Restore %1").replace("%1", name),
            lambda: clients.restore_client(self._ctx.studio, cid),
        )
        self.sig_restored.emit(cid)
        return cid

    def _update_buttons(self, *_args: QModelIndex) -> None:
        self.restore_button.setEnabled(self.table.currentIndex().isValid())
        self.empty_label.setVisible(self.model.rowCount() == 0)
