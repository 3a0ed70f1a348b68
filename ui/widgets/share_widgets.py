"""Parts of the sharing dialogs: where the studio is shared (a folder or a WebDAV address with
its account), the studio key as a QR code, and the printable recovery sheet."""

from __future__ import annotations

import io
import os
import urllib.parse
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QFontDatabase, QImage, QPixmap, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.sync import credentials
from studio.sync.keys import StudioKey, write_private
from ui.style import scaled_font, set_muted

#: The environment variable the engine reads a WebDAV password from (never stored).
PASSWORD_ENV = credentials.ENV_PASSWORD


def qr_image(text: str, scale: int = 6) -> QImage:
    """``text`` as a QR code (error correction M), black on white, with a quiet zone."""
    import segno

    buf = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buf, kind="png", scale=scale, border=4)
    return QImage.fromData(buf.getvalue(), "PNG")


class PlaceForm(QWidget):
    """A folder (kept in sync by Syncthing, Nextcloud, Dropbox… or an office share) or a
    ``webdav(s)://`` address with its account."""

    #: Fires when what is typed or chosen changes.
    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, must_exist: bool = False):
        super().__init__(parent)
        self._must_exist = must_exist
        self.folder_radio = QRadioButton(self.tr("A &folder kept in sync"), self)
        self.folder_radio.setToolTip(
            self.tr("Syncthing, Nextcloud, ownCloud, Dropbox, OneDrive, Google Drive or a share")
        )
        self.webdav_radio = QRadioButton(self.tr("A &WebDAV address"), self)
        group = QButtonGroup(self)
        group.addButton(self.folder_radio)
        group.addButton(self.webdav_radio)
        self.folder_radio.setChecked(True)

        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText(self.tr("e.g. ~/Sync/Our studio"))
        self.browse = QPushButton(self.tr("B&rowse…"), self)
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.setContentsMargins(0, 0, 0, 0)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)

        self.url = QLineEdit(self)
        self.url.setPlaceholderText(
            self.tr("webdavs://cloud.example.com/remote.php/dav/files/me/Studio")
        )
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Re&member on this laptop (in its keychain)"), self)
        self.remember.setVisible(credentials.keychain_available())
        self.password_note = QLabel(
            self.tr(
                "The password is used while the app is open and never written to the studio; "
                "for scripts, set %1."
            ).replace("%1", PASSWORD_ENV),
            self,
        )
        self.password_note.setWordWrap(True)
        set_muted(self.password_note)

        self.webdav_box = QWidget(self)
        dav = QFormLayout(self.webdav_box)
        dav.setContentsMargins(24, 0, 0, 0)
        dav.addRow(self.tr("&Address"), self.url)
        dav.addRow(self.tr("&User name"), self.user)
        dav.addRow(self.tr("&Password"), self.password)
        dav.addRow("", self.remember)
        self.folder_box = QWidget(self)
        fl = QVBoxLayout(self.folder_box)
        fl.setContentsMargins(24, 0, 0, 0)
        fl.addLayout(folder_row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.folder_radio)
        layout.addWidget(self.folder_box)
        layout.addWidget(self.webdav_radio)
        layout.addWidget(self.webdav_box)
        self.password_note.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.password_note)
        for w in (self.folder, self.url, self.user):
            w.textChanged.connect(self.sig_changed)
        self.folder_radio.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        folder = self.folder_radio.isChecked()
        self.folder_box.setEnabled(folder)
        self.webdav_box.setEnabled(not folder)
        self.password_note.setEnabled(not folder)
        self.sig_changed.emit()

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the shared folder"), self.folder.text() or str(Path.home())
        )
        if path:
            self.folder.setText(path)

    def is_complete(self) -> bool:
        if self.folder_radio.isChecked():
            return bool(self.folder.text().strip())
        return bool(self.url.text().strip())

    def set_folder(self, path: str | os.PathLike) -> None:
        self.folder_radio.setChecked(True)
        self.folder.setText(str(path))

    def set_webdav(self, url: str, user: str = "", password: str = "") -> None:
        self.webdav_radio.setChecked(True)
        self.url.setText(url)
        self.user.setText(user)
        self.password.setText(password)

    def place(self) -> str:
        """The place as the engine takes it: a folder path, or the address with its user name."""
        if self.folder_radio.isChecked():
            return str(Path(self.folder.text().strip()).expanduser())
        url = self.url.text().strip()
        user = self.user.text().strip()
        if "://" not in url:
            url = "webdavs://" + url
        parts = urllib.parse.urlsplit(url)
        if user and not parts.username:
            host = urllib.parse.quote(user, safe="") + "@" + parts.netloc
            url = urllib.parse.urlunsplit(parts._replace(netloc=host))
        return url

    def use_password(self) -> None:
        """Hand the typed password to the engine for this session (kept in memory; in the
        keychain too when *Remember on this laptop* is ticked; never in the studio)."""
        if self.webdav_radio.isChecked() and self.password.text():
            credentials.use_for_session(
                self.place(),
                self.password.text(),
                remember=not self.remember.isHidden() and self.remember.isChecked(),
            )


class PasswordDialog(QDialog):
    """Asks once for the password of the WebDAV place a shared studio syncs with (after a
    restart, when no keychain or variable holds it): masked, and with *Remember on this laptop*
    only where there is a keychain to remember it in."""

    def __init__(self, place: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("WebDAV password"))
        keychain = credentials.keychain_available()
        text = self.tr(
            "To sync, Travel Studio needs the password of %1 on %2. It is used while the app "
            "is open and never written to the studio."
        )
        intro = QLabel(
            text.replace("%1", credentials.account(place)).replace(
                "%2", credentials.address(place)
            ),
            self,
        )
        intro.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Re&member on this laptop (in its keychain)"), self)
        self.remember.setVisible(keychain)
        note = QLabel(
            self.tr(
                "This laptop has no keychain, so it asks again after a restart; scripts read %1 "
                "or the file named by %2."
            )
            .replace("%1", credentials.ENV_PASSWORD)
            .replace("%2", credentials.ENV_PASSWORD_FILE),
            self,
        )
        note.setWordWrap(True)
        set_muted(note)
        note.setVisible(not keychain)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.password.textChanged.connect(self._update)
        form = QFormLayout()
        label = QLabel(self.tr("&Password"), self)
        label.setBuddy(self.password)
        form.addRow(label, self.password)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.password.text())
        )

    def answer(self) -> tuple[str, bool]:
        """The password typed, and whether to remember it in the keychain."""
        return self.password.text(), not self.remember.isHidden() and self.remember.isChecked()


class RecoverySheet(QWidget):
    """The studio key as text and as a QR code, with its short join code: what a new laptop
    needs to join, and what the owner keeps on paper."""

    def __init__(
        self,
        key: StudioKey,
        studio_name: str,
        place: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.key = key
        self.studio_name = studio_name
        self.shared_place = place
        self.key_text = _key_text(key)
        self.join_code = key.fingerprint()

        title = QLabel(self.tr("Recovery sheet — %1").replace("%1", studio_name), self)
        title.setFont(scaled_font(title, 1.3, bold=True))
        title.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "A new laptop joins with the studio key: scan the code or save the key file and "
                "take it across (a USB stick, never e-mail). Compare the join code on both "
                "laptops. Keep this sheet somewhere safe: whoever holds the key can read the "
                "studio."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.qr = QLabel(self)
        self.qr.setObjectName("qr")
        self.qr.setPixmap(QPixmap.fromImage(qr_image(self.key_text, 5)))
        self.qr.setFrameShape(QFrame.Shape.NoFrame)

        code_caption = QLabel(self.tr("Join code"), self)
        set_muted(code_caption)
        self.code = QLabel(self.join_code, self)
        self.code.setObjectName("joinCode")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        code_font = scaled_font(self.code, 1.6, bold=True)
        code_font.setFamilies([mono.family(), *code_font.families()])
        self.code.setFont(code_font)
        self.code.setTextInteractionFlags(self.code.textInteractionFlags() | _selectable())
        place_caption = QLabel(self.tr("Shared in"), self)
        set_muted(place_caption)
        self.place_label = QLabel(place, self)
        self.place_label.setWordWrap(True)
        self.place_label.setTextInteractionFlags(_selectable())
        key_caption = QLabel(self.tr("Studio &key"), self)
        set_muted(key_caption)
        self.key_edit = QPlainTextEdit(self.key_text, self)
        self.key_edit.setObjectName("studioKey")
        self.key_edit.setReadOnly(True)
        self.key_edit.setFont(mono)
        self.key_edit.setFixedHeight(self.fontMetrics().height() * 5)
        key_caption.setBuddy(self.key_edit)

        facts = QVBoxLayout()
        facts.addWidget(code_caption)
        facts.addWidget(self.code)
        facts.addSpacing(8)
        facts.addWidget(place_caption)
        facts.addWidget(self.place_label)
        facts.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.qr)
        top.addSpacing(12)
        top.addLayout(facts, 1)

        self.save_key_button = QPushButton(self.tr("&Save key file…"), self)
        self.save_key_button.clicked.connect(self.save_key_file)
        self.print_button = QPushButton(self.tr("&Print…"), self)
        self.print_button.clicked.connect(self.print_sheet)
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"), self)
        self.pdf_button.clicked.connect(self.save_pdf)
        for b in (self.save_key_button, self.print_button, self.pdf_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_key_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(key_caption)
        layout.addWidget(self.key_edit)
        layout.addLayout(buttons)
        layout.addStretch(1)

    # -- saving and printing ------------------------------------------------------------------
    def write_key_file(self, path: str | os.PathLike) -> Path:
        """Write the studio key to ``path``: readable by its owner only (0600), written whole
        through a temporary file and one rename."""
        target = Path(path)
        write_private(target, _key_file_text(self.key))
        return target

    def save_key_file(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the studio key"),
            str(Path.home() / "studio-key.json"),
            self.tr("Studio key (*.json)"),
        )
        if not path:
            return None
        try:
            return self.write_key_file(path)
        except (OSError, StudioError) as exc:
            QMessageBox.warning(self, self.tr("Save key file"), str(exc))
            return None

    def document(self) -> QTextDocument:
        """The sheet as a document to print: title, join code, QR code, key and place."""
        doc = QTextDocument(self)
        image = qr_image(self.key_text, 8)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl("qr://key"), image)
        esc = _html_escape
        doc.setHtml(
            f"<h1>{esc(self.tr('Recovery sheet — %1').replace('%1', self.studio_name))}</h1>"
            f"<p>{esc(self.tr('Travel Studio: the studio key of a shared studio.'))}</p>"
            f"<h3>{esc(self.tr('Join code'))}</h3>"
            f"<p style='font-size:20pt; font-family:monospace'><b>{esc(self.join_code)}</b></p>"
            f"<p><img src='qr://key' width='260' height='260'></p>"
            f"<h3>{esc(self.tr('Shared in'))}</h3><p>{esc(self.shared_place)}</p>"
            f"<h3>{esc(self.tr('Studio key'))}</h3>"
            f"<p style='font-family:monospace; font-size:9pt'>{esc(self.key_text)}</p>"
            f"<p>{esc(self.tr('Whoever holds this key can read the studio. Keep it safe.'))}</p>"
        )
        return doc

    def print_sheet(self) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        self.document().print_(printer)
        return True

    def write_pdf(self, path: str | os.PathLike) -> Path:
        """The sheet as a PDF at ``path``, written whole (a temporary file, then one rename)."""
        from PySide6.QtPrintSupport import QPrinter

        from studio.fileio import atomic_path

        target = Path(path)
        with atomic_path(target) as tmp:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(tmp))
            self.document().print_(printer)
        return target

    def save_pdf(self) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery sheet"),
            str(Path.home() / "recovery-sheet.pdf"),
            self.tr("PDF (*.pdf)"),
        )
        if not path:
            return None
        try:
            return self.write_pdf(path)
        except (OSError, StudioError) as exc:
            QMessageBox.warning(self, self.tr("Save as PDF"), str(exc))
            return None


def _key_text(key: StudioKey) -> str:
    import json

    return json.dumps(key.to_json(), separators=(",", ":"))


def _key_file_text(key: StudioKey) -> str:
    import json

    return json.dumps(key.to_json(), indent=1) + "\n"


def _selectable():
    from PySide6.QtCore import Qt

    return Qt.TextInteractionFlag.TextSelectableByMouse


def _html_escape(text: str) -> str:
    import html

    return html.escape(text)
