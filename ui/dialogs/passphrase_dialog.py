"""The studio passphrase: asked at start for an encrypted studio, chosen when encrypting, changed.

Used where the computer has no keychain to keep the studio's key (the dialog says why), or
where a studio was encrypted with a passphrase.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.store import Studio, keystore
from ui.style import set_error_style


class PassphraseDialog(QDialog):
    """Asks for the passphrase of an encrypted studio (``confirm=False``) or for a new one,
    typed twice (``confirm=True``). :meth:`passphrase` is what was typed."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        confirm: bool = False,
        message: str = "",
        error: str = "",
    ):
        super().__init__(parent)
        self._confirm = confirm
        self.setWindowTitle(
            self.tr("Choose a studio passphrase") if confirm else self.tr("Studio passphrase")
        )
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)
        self.message = QLabel(
            message or self.tr("This studio is encrypted. Type its passphrase to open it."),
            self,
        )
        self.message.setWordWrap(True)
        self.field = QLineEdit(self)
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setObjectName("passphrase")
        self.again = QLineEdit(self)
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setObjectName("passphrase_again")
        self.error = QLabel(error, self)
        self.error.setObjectName("error_passphrase")
        self.error.setWordWrap(True)
        set_error_style(self.error)
        self.error.setVisible(bool(error))
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase"), self.field)
        if confirm:
            form.addRow(self.tr("The same &again"), self.again)
        else:
            self.again.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.field.setFocus()

    def passphrase(self) -> str:
        return self.field.text()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.field.selectAll()
        self.field.setFocus()

    def accept(self) -> None:
        text = self.field.text()
        if self._confirm:
            try:
                keystore.check_passphrase(text)
            except StudioError as exc:
                self.show_error(str(exc))
                return
            if self.again.text() != text:
                self.show_error(self.tr("The two passphrases differ."))
                return
        elif not text:
            self.show_error(self.tr("Type the passphrase, or Cancel to quit."))
            return
        super().accept()


def no_keychain_message(problem: str) -> str:
    """Why a passphrase is asked for instead of the keychain, in the app's words."""
    return QCoreApplication.translate(
        "PassphraseDialog",
        "Travel Studio keeps the studio's key in your computer's keychain when it can, but "
        "%1. Choose a studio passphrase instead: you will type it each time the studio opens. "
        "Keep it safe — without it, the studio and its backups cannot be opened.",
    ).replace("%1", problem)


def ask_new_passphrase(parent: QWidget | None, message: str = "") -> str | None:
    """A new passphrase typed twice, or None when cancelled."""
    dialog = PassphraseDialog(parent, confirm=True, message=message)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase()


def open_studio(data_dir: str | Path | None, parent: QWidget | None = None) -> Studio | None:
    """Open the studio, asking for its passphrase when it needs one (again after a wrong one).
    None when the user cancelled; a StudioError for any other reason it cannot open."""
    passphrase: str | None = None
    error = ""
    while True:
        try:
            return Studio.open(data_dir, passphrase=passphrase)
        except keystore.WrongPassphraseError:
            error = QCoreApplication.translate(
                "PassphraseDialog", "That passphrase is wrong; try again."
            )
        except keystore.PassphraseNeededError:
            error = ""
        dialog = PassphraseDialog(parent, error=error)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        passphrase = dialog.passphrase()


def change_passphrase(parent: QWidget, studio: Studio) -> bool:
    """Ask for a new passphrase and wrap the studio's key with it; True when changed."""
    from studio.store import encryption

    holder = keystore.read_info(studio.data_dir).holder if studio.encrypted else ""
    message = (
        QCoreApplication.translate(
            "PassphraseDialog",
            "The studio's key is in this computer's keychain. A passphrase moves it into the "
            "studio's key file instead: you will type the passphrase each time it opens, and "
            "it opens on another computer too.",
        )
        if holder == "keychain"
        else QCoreApplication.translate(
            "PassphraseDialog",
            "Choose the new passphrase. Only the key file changes; the studio and its backups "
            "open with the new passphrase from now on.",
        )
    )
    new = ask_new_passphrase(parent, message)
    if new is None:
        return False
    try:
        encryption.change_passphrase(studio, new)
    except StudioError as exc:
        QMessageBox.warning(parent, parent.tr("Studio passphrase"), str(exc))
        return False
    return True
