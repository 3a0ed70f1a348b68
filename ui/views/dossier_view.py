"""The dossier of one client: header, then Overview / People / Timeline / History tabs."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from studio.errors import NotFoundError
from studio.services import queries
from ui.context import AppContext


class DossierView(QWidget):
    """Shows one client's dossier and keeps it current from ``ctx.bridge.sig_changed``."""

    #: Emitted with a client id when the user asks to open another client (referrer, referral).
    sig_open_client = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self._ctx = ctx
        self._client_id: str | None = None
        self._stack = QStackedWidget(self)
        self._empty = QLabel(self.tr("Choose a client on the left to see their dossier."), self)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        self._page = QWidget(self)
        page_layout = QVBoxLayout(self._page)
        self._title = QLabel(self._page)
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self._title.setFont(font)
        self._tabs = QTabWidget(self._page)
        for name in (self.tr("Overview"), self.tr("People"), self.tr("Timeline"), self.tr("History")):
            self._tabs.addTab(QWidget(), name)
        page_layout.addWidget(self._title)
        page_layout.addWidget(self._tabs, 1)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self._page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        ctx.bridge.sig_changed.connect(self._on_changed)

    @property
    def current_client_id(self) -> str | None:
        return self._client_id

    def show_client(self, client_id: str | None) -> None:
        """Show ``client_id``'s dossier, or the empty state for ``None``."""
        self._client_id = client_id
        self._reload()

    def _on_changed(self, changes) -> None:
        if self._client_id and self._client_id in changes.client_ids:
            self._reload()

    def _reload(self) -> None:
        if not self._client_id:
            self._stack.setCurrentWidget(self._empty)
            return
        try:
            dossier = queries.get_dossier(self._ctx.studio, self._client_id)
        except NotFoundError:
            self._client_id = None
            self._stack.setCurrentWidget(self._empty)
            return
        c = dossier.client
        self._title.setText(f"{c.native_name} · {c.name}" if c.native_name else c.name)
        self._stack.setCurrentWidget(self._page)
