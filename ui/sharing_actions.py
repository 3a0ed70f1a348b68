"""The main window's sharing: File › Share this studio…, Join a shared studio…, Sharing…, the
background sync and its words in the status bar."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from ui.sync_controller import SyncController


class SharingUi(QObject):
    """Owned by the main window: the sync controller, the menu actions, the status label."""

    def __init__(self, window: QMainWindow, menu: QMenu):
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx  # type: ignore[attr-defined]
        self.controller = SyncController(self.ctx, self)

        self.share_action = QAction(self.tr("S&hare this studio…"), window)
        self.share_action.triggered.connect(self.share)
        self.join_action = QAction(self.tr("&Join a shared studio…"), window)
        self.join_action.triggered.connect(self.join)
        self.panel_action = QAction(self.tr("Sh&aring…"), window)
        self.panel_action.triggered.connect(self.open_panel)
        self.sync_action = QAction(self.tr("S&ync now"), window)
        self.sync_action.setShortcut("F5")
        self.sync_action.triggered.connect(lambda: self.controller.sync_now(ask=True))
        for a in (self.share_action, self.join_action, self.panel_action, self.sync_action):
            menu.addAction(a)
        menu.aboutToShow.connect(self.update_actions)

        self.status_label = QLabel(window)
        self.status_label.setObjectName("syncStatus")
        window.statusBar().addPermanentWidget(self.status_label)
        self.controller.sig_status.connect(self._show_status)
        self.controller.sig_review_changed.connect(self._review_changed)
        self._show_status(self.controller.status_text())
        self.update_actions()
        if self.controller.state.shared:
            # Catch up with what the other laptops did while this one was closed, a moment after
            # the window has painted.
            self.controller.debounce.start()

    def update_actions(self) -> None:
        shared = self.controller.state.shared
        studio = self.ctx.studio
        self.share_action.setVisible(not shared)
        # An empty studio (no clients yet) may join one instead.
        from studio.domain.models import Client

        self.join_action.setVisible(not shared and studio.count(Client, include_deleted=True) == 0)
        self.panel_action.setVisible(shared)
        self.sync_action.setEnabled(shared)

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(self.controller.status_tooltip() if text else "")
        self.status_label.setVisible(bool(text))

    def _review_changed(self) -> None:
        n = len(self.controller.review())
        if n:
            self.window.statusBar().showMessage(
                self.tr("%1 changes to review in File › Sharing…").replace("%1", str(n)), 8000
            )

    # -- actions --------------------------------------------------------------------------------
    def share(self):
        from ui.dialogs.share_dialog import ShareDialog

        dialog = ShareDialog(self.ctx, self.window)
        dialog.sig_shared.connect(lambda _code: self.shared())
        dialog.exec()
        self.shared()
        return dialog

    def shared(self) -> None:
        """The studio was just shared or joined: start syncing in the background."""
        self.controller.refresh_shared()
        self.update_actions()

    def join(self):
        from ui.dialogs.join_dialog import JoinDialog

        dialog = JoinDialog(self.ctx.studio, self.window)
        dialog.sig_join_finished.connect(lambda _o: self.shared())
        dialog.exec()
        return dialog

    def open_panel(self):
        from ui.dialogs.sharing_dialog import SharingDialog

        dialog = SharingDialog(self.ctx, self.controller, self.window)
        dialog.load()
        dialog.exec()
        return dialog

    def stop(self) -> None:
        self.controller.stop()


def add_sharing_actions(window: QMainWindow, menu: QMenu) -> SharingUi:
    """Add the sharing actions to ``menu``; the result is kept as ``window.sharing``."""
    ui = SharingUi(window, menu)
    window.sharing = ui  # type: ignore[attr-defined]
    return ui
