"""File › Erase client for good…: asks twice (the name typed, then a last question), owner only.

The dialog says what goes (rows, photos, every laptop of a shared studio) and when the last
backup holding the client ages out. The erase itself is :func:`studio.services.privacy.erase.
erase_client`; it cannot be undone, so the undo stack is cleared afterwards.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
)

from studio.errors import StudioError
from studio.services.privacy import erase


class EraseDialog(QDialog):
    #: Fires with the client id once the client was erased.
    sig_erased = Signal(str)

    def __init__(self, ctx, client_id: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.client_id = client_id
        self.plan = erase.plan(ctx.studio, client_id)
        self.setWindowTitle(self.tr("Erase client for good"))
        layout = QVBoxLayout(self)
        until = (
            self.tr(
                "Backups made until now still hold them; the last of them ages out on %1."
            ).replace("%1", self.plan.backups_until.isoformat())
            if self.plan.backups_until
            else self.tr("No backup holds them.")
        )
        self.summary = QLabel(
            self.tr(
                "Erasing %1 removes their dossier, people, contacts, consent, profile, timeline, "
                "trips, documents and %2 photos (%3 records in all), with every value in the "
                "history: only “erased on this day by you” stays. In a shared studio it is "
                "erased on every laptop. This cannot be undone."
            )
            .replace("%1", self.plan.name)
            .replace("%2", str(self.plan.photos))
            .replace("%3", str(self.plan.rows))
            + "\n\n"
            + until
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.prompt = QLabel(self.tr("Type the client's name to confirm:"))
        layout.addWidget(self.prompt)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.plan.name)
        layout.addWidget(self.name_edit)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = self.buttons.addButton(
            self.tr("Erase for good…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.erase_button.setEnabled(False)
        self.erase_button.clicked.connect(self.confirm_and_erase)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._typed)
        self.resize(520, self.sizeHint().height())

    def _typed(self, text: str) -> None:
        self.erase_button.setEnabled(text.strip() == self.plan.name.strip())

    def ask_again(self) -> bool:
        """The second question; tests replace it."""
        answer = QMessageBox.warning(
            self,
            self.tr("Erase client for good"),
            self.tr("Erase %1 for good now? This is the last question.").replace(
                "%1", self.plan.name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_and_erase(self) -> bool:
        if not self.erase_button.isEnabled() or not self.ask_again():
            return False
        try:
            erase.erase_client(self.ctx.studio, self.client_id)
        except StudioError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return False
        self.ctx.undo_stack.clear()  # earlier steps name rows that are gone
        self.sig_erased.emit(self.client_id)
        self.accept()
        return True
