"""The system-tray icon that says what the agenda has due today."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

if TYPE_CHECKING:
    from ui.views.agenda_view import AgendaView


class TrayNotifier(QObject):
    """A system-tray icon that says what is due today: at start-up, then when the day changes
    while the app runs. Does nothing where there is no system tray."""

    def __init__(self, view: AgendaView, icon: QIcon, parent: QObject | None = None):
        super().__init__(parent or view)
        self.view = view
        self.tray: QSystemTrayIcon | None = None
        self._last_day: date | None = None
        self._waiting = False  # a notice is due once the view's background read arrives
        view.sig_refreshed.connect(self._on_refreshed)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        self.tray = QSystemTrayIcon(icon, self)
        self.tray.setToolTip(self.tr("Travel Studio"))
        self.tray.activated.connect(lambda _reason: self._raise())
        self.tray.show()
        self._timer = QTimer(self)
        self._timer.setInterval(30 * 60 * 1000)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        QTimer.singleShot(1500, self.check)

    def check(self) -> None:
        """Say what is due when the day has changed, from the view's (background) read."""
        if self.tray is None or self._last_day == self.view.today:
            return
        self._last_day = self.view.today
        self._waiting = True
        if self.view.has_fresh_result(self._last_day):
            self._on_refreshed()
        elif not self.view.reading:
            self.view.refresh()  # else the read under way (the window's first) will do

    def _on_refreshed(self) -> None:
        result = self.view.result
        if (
            self.tray is None
            or not self._waiting
            or result is None
            or result.today != self._last_day
        ):
            return
        self._waiting = False
        message = self.view.due_today_message()
        if message:
            self.tray.showMessage(
                self.tr("Travel Studio agenda"),
                message,
                QSystemTrayIcon.MessageIcon.Information,
                15000,
            )

    def _raise(self) -> None:
        window = self.view.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()
