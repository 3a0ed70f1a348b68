"""Help ▸ Getting started: a short guide to the studio's areas and an advisor's daily round."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class GuideDialog(QDialog):
    """A page of plain advice; every key it names is on the Keyboard shortcuts sheet too."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Getting started"))
        sections = [
            (
                self.tr("Every morning: the Agenda (Ctrl+1)"),
                self.tr(
                    "Birthdays, anniversaries, expiring passports, trip tasks and clients due a "
                    "call. Choose a line and press Done (Alt+D) to note how you reached them and "
                    "what you sent, Snooze (Alt+S) to see it again later, or Dismiss. The panel "
                    "beside the list shows the client's phone, email and WeChat."
                ),
            ),
            (
                self.tr("Clients (Ctrl+2)"),
                self.tr(
                    "Find a client with Ctrl+F, add one with Ctrl+N. The dossier beside the list "
                    "holds people, contacts, preferences and the timeline; log a call or a "
                    "meeting with Ctrl+L."
                ),
            ),
            (
                self.tr("Trips (Ctrl+3)"),
                self.tr(
                    "Every trip from inquiry to follow-up. Start one with Ctrl+Shift+N, plan its "
                    "days, print the itinerary handout with Ctrl+P, and after the trip build its "
                    "memory book with Ctrl+B."
                ),
            ),
            (
                self.tr("Nothing is lost"),
                self.tr(
                    "Every change can be undone with Ctrl+Z (redo: Ctrl+Y or Ctrl+Shift+Z), also "
                    "right after saving a field. A deleted client waits in Recently deleted."
                ),
            ),
            (
                self.tr("The keyboard"),
                self.tr(
                    "Tab moves between fields and out of a list; F6 or Ctrl+Tab goes to the next "
                    "pane. Help ▸ Keyboard shortcuts lists every key."
                ),
            ),
        ]
        browser = QTextBrowser(self)
        browser.setHtml(
            "".join(
                f"<h3>{html.escape(title)}</h3><p>{html.escape(text)}</p>"
                for title, text in sections
            )
        )
        self.text = browser.toPlainText()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser, 1)
        layout.addWidget(buttons)
        fm = self.fontMetrics()
        self.resize(fm.horizontalAdvance("m") * 44, fm.height() * 30)
