"""First run on this laptop: who is the advisor here, and start with the demo studio or empty."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain import validate
from studio.domain.models import Advisor
from studio.domain.names import display_name
from studio.errors import StudioError, ValidationError
from studio.services import clients, queries
from studio.store import Studio
from ui.style import scaled_font, set_error_style
from ui.workers import JobOutcome

DEMO_CLIENTS = 300
DEMO_SEED = 2026


def demo_builder() -> Callable | None:
    """``studio.services.demo.build.build_demo`` when that module is installed, else None."""
    try:
        from studio.services.demo.build import build_demo
    except ImportError:
        return None
    return build_demo


class FirstRunDialog(QDialog):
    """Sets the laptop's advisor (an existing one, or a new one) and optionally loads the demo
    or joins a shared studio."""

    #: Fires when a join started from this dialog has ended (the :class:`JobOutcome`).
    sig_join_finished = Signal(object)

    def __init__(self, studio: Studio, parent: QWidget | None = None):
        super().__init__(parent)
        self._studio = studio
        self.setWindowTitle(self.tr("Welcome to Travel Studio"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)

        title = QLabel(self.tr("Welcome to Travel Studio"), self)
        title.setFont(scaled_font(title, 1.4, bold=True))
        intro = QLabel(
            self.tr(
                "Tell us who works on this laptop. Every change you make is signed "
                "with this name in the client's history."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.existing = QComboBox(self)
        self.existing.addItem(self.tr("Someone new"), None)
        for a in queries.advisors(studio):
            self.existing.addItem(display_name(a.name, a.native_name), a.id)
        self.existing.setVisible(self.existing.count() > 1)  # only when the studio knows advisors
        self.existing.currentIndexChanged.connect(self._update)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. Mei Lin or Zoë Martin"))
        self.native_name = QLineEdit(self)
        self.native_name.setPlaceholderText(self.tr("optional, e.g. 林美"))
        self.role = QComboBox(self)
        self.role.addItem(self.tr("Advisor"), "advisor")
        self.role.addItem(self.tr("Studio owner (reviews every client)"), "owner")
        self.name_error = QLabel(self)
        self.name_error.setObjectName("error_name")
        self.name_error.setWordWrap(True)
        set_error_style(self.name_error)
        self.name_error.hide()
        # "Your name cannot be empty" goes as soon as a name is typed.
        self.name.textChanged.connect(lambda text: self.name_error.hide() if text.strip() else None)

        form = QFormLayout()
        if self.existing.count() > 1:
            form.addRow(self.tr("&I am"), self.existing)
        form.addRow(self.tr("&Your name"), self.name)
        form.addRow("", self.name_error)
        form.addRow(self.tr("Name in &native script"), self.native_name)
        form.addRow(self.tr("&Role"), self.role)

        self.start_box = QGroupBox(self.tr("Start with"), self)
        self.demo_radio = QRadioButton(
            self.tr("The demo studio (%1 sample clients to explore)").replace(
                "%1", str(DEMO_CLIENTS)
            ),
            self.start_box,
        )
        self.empty_radio = QRadioButton(self.tr("An &empty studio"), self.start_box)
        self.join_radio = QRadioButton(
            self.tr("&Join a shared studio (the owner shared it; you have its key)"),
            self.start_box,
        )
        group = QButtonGroup(self)
        group.addButton(self.demo_radio)
        group.addButton(self.empty_radio)
        group.addButton(self.join_radio)
        self.empty_radio.setChecked(True)
        from ui.dialogs.join_dialog import JoinForm, JoinRunner

        self.join_form = JoinForm(self.start_box)
        self.join_form.setContentsMargins(24, 0, 0, 0)
        self.join_form.hide()
        self.join_runner = JoinRunner(self)
        self.join_radio.toggled.connect(self._update)
        start_layout = QVBoxLayout(self.start_box)
        start_layout.addWidget(self.demo_radio)
        start_layout.addWidget(self.empty_radio)
        start_layout.addWidget(self.join_radio)
        start_layout.addWidget(self.join_form)
        if demo_builder() is None or not studio.is_empty():
            self.demo_radio.setEnabled(False)
            if not studio.is_empty():
                self.start_box.hide()
        else:
            self.demo_radio.setChecked(True)
        self._build_encryption(studio)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.start_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(self.tr("&Start"))
        self.start_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.start_box)
        layout.addWidget(self.encrypt_box)
        layout.addWidget(buttons)
        # wrapped labels (the keychain's why) get the height their width needs
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._update()

    # -- encryption (on by default for a new studio) -------------------------------------------
    def _build_encryption(self, studio: Studio) -> None:
        from studio.store import keystore
        from ui.dialogs.passphrase_dialog import no_keychain_message

        self.encrypt_box = QGroupBox(self.tr("Privacy"), self)
        self.encrypt_check = QCheckBox(
            self.tr("&Encrypt this studio, its photos and its backups (recommended)"),
            self.encrypt_box,
        )
        self.encrypt_check.setChecked(True)
        self.keychain_problem = keystore.keychain_problem()
        self.passphrase = QLineEdit(self.encrypt_box)
        self.passphrase.setObjectName("first_run_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again = QLineEdit(self.encrypt_box)
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.encrypt_error = QLabel(self.encrypt_box)
        self.encrypt_error.setWordWrap(True)
        set_error_style(self.encrypt_error)
        self.encrypt_error.hide()
        box = QVBoxLayout(self.encrypt_box)
        box.addWidget(self.encrypt_check)
        if self.keychain_problem:
            why = QLabel(no_keychain_message(self.keychain_problem), self.encrypt_box)
            why.setWordWrap(True)
            # a wrapped label in a group box is laid out a line short: give it its full height
            why.setMinimumHeight(why.heightForWidth(self.minimumWidth() - 48))
            box.addWidget(why)
            pp = QFormLayout()
            pp.addRow(self.tr("Studio &passphrase"), self.passphrase)
            pp.addRow(self.tr("The same a&gain"), self.passphrase_again)
            box.addLayout(pp)
            self.encrypt_check.toggled.connect(self.passphrase.setEnabled)
            self.encrypt_check.toggled.connect(self.passphrase_again.setEnabled)
        else:
            note = QLabel(
                self.tr("The key is kept in this computer's keychain; nothing to remember."),
                self.encrypt_box,
            )
            note.setWordWrap(True)
            box.addWidget(note)
        box.addWidget(self.encrypt_error)
        # Offered for a new studio; an existing one is encrypted from the File menu.
        self.encrypt_box.setVisible(studio.is_empty() and not studio.encrypted)

    def _encrypt_if_asked(self) -> bool:
        """Encrypt the (still empty) studio before anything is written to it; False when the
        passphrase was refused (the dialog stays open)."""
        from studio.store import encryption, keystore

        if self.encrypt_box.isHidden() or not self.encrypt_check.isChecked():
            return True
        if self._studio.encrypted:
            return True
        passphrase = None
        if self.keychain_problem:
            passphrase = self.passphrase.text()
            try:
                keystore.check_passphrase(passphrase)
            except StudioError as exc:
                self.encrypt_error.setText(str(exc))
                self.encrypt_error.show()
                self.passphrase.setFocus()
                return False
            if self.passphrase_again.text() != passphrase:
                self.encrypt_error.setText(self.tr("The two passphrases differ."))
                self.encrypt_error.show()
                self.passphrase_again.setFocus()
                return False
        self.encrypt_error.hide()
        encryption.encrypt_studio(self._studio, passphrase)  # an empty file: a moment
        return True

    def _update(self) -> None:
        new = self.existing.currentData() is None
        for w in (self.name, self.native_name, self.role):
            w.setEnabled(new)
        joining = self.join_radio.isChecked()
        if joining != self.join_form.isVisible():
            self.join_form.setVisible(joining)
            self.adjustSize()
        self.start_button.setText(self.tr("&Join and start") if joining else self.tr("&Start"))

    def accept(self) -> None:
        self.name_error.hide()
        existing = self.existing.currentData()
        if existing:
            self._studio.set_local_advisor(existing)
            super().accept()
            return
        if not (self.join_radio.isChecked() and self.start_box.isVisible()):
            try:  # the name first: nothing is encrypted or built for a form that is refused
                validate.clean(
                    Advisor,
                    {
                        "name": self.name.text(),
                        "role": self.role.currentData(),
                        "native_name": self.native_name.text(),
                    },
                )
            except ValidationError as exc:
                self.name_error.setText(exc.message)
                self.name_error.show()
                self.name.setFocus()
                return
        try:
            if not self._encrypt_if_asked():
                return
        except StudioError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        if self.join_radio.isChecked() and self.start_box.isVisible():
            self._join()
            return
        try:
            if self.demo_radio.isChecked() and self.demo_radio.isEnabled():
                if not self._run_demo():
                    return
            clients.setup_local_advisor(
                self._studio,
                self.name.text(),
                self.role.currentData(),
                native_name=self.native_name.text(),
            )
        except ValidationError as exc:
            self.name_error.setText(exc.message)
            self.name_error.show()
            self.name.setFocus()
            return
        except StudioError as exc:  # e.g. the demo refused a studio that already has clients
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        super().accept()

    # -- joining a shared studio ---------------------------------------------------------------
    def _join(self) -> None:
        """Join in the background; the advisor is set up once the studio has been fetched."""
        if self.join_runner.job is not None:
            return
        if getattr(self, "join_report", None) is not None:  # joined; the name was refused
            self._finish_joined()
            return
        if not self.name.text().strip():
            self.name_error.setText(self.tr("Your name cannot be empty."))
            self.name_error.show()
            self.name.setFocus()
            return
        if not self.join_form.is_complete():
            self.join_form.show_error(
                self.tr("Say where the studio is shared, and give its key (a file or pasted).")
            )
            return
        try:
            key = self.join_form.studio_key()
        except StudioError as exc:
            self.join_form.show_error(str(exc))
            return
        self.join_form.place_form.use_password()
        job = self.join_runner.start(self._studio, self.join_form.place_form.place(), key)
        job.sig_finished.connect(self._joined)
        self.start_button.setEnabled(False)

    def _joined(self, outcome: JobOutcome) -> None:
        self.start_button.setEnabled(True)
        if outcome.error is not None:
            self.join_form.show_error(outcome.error)
        elif outcome.result is not None:  # joined (a cancel that came too late keeps it)
            self.join_report = outcome.result[1]
            self._finish_joined()
        self.sig_join_finished.emit(outcome)

    def _finish_joined(self) -> None:
        try:
            self._setup_joined_advisor()
        except ValidationError as exc:
            self.name_error.setText(exc.message)
            self.name_error.show()
            self.name.setFocus()
            return
        super().accept()

    def _setup_joined_advisor(self) -> None:
        """The advisor of this laptop: one the shared studio knows by this name, else new."""
        typed = self.name.text().strip().casefold()
        for a in queries.advisors(self._studio):
            if a.name.strip().casefold() == typed:
                self._studio.set_local_advisor(a.id)
                return
        clients.setup_local_advisor(
            self._studio,
            self.name.text(),
            self.role.currentData(),
            native_name=self.native_name.text(),
        )

    def reject(self) -> None:
        if self.join_runner.job is not None:  # Cancel of the progress stops the join first
            return
        super().reject()

    def _run_demo(self) -> bool:
        # Validate the name first, so a typo does not leave a half-set-up studio behind.
        if not self.name.text().strip():
            raise ValidationError(
                "name", QCoreApplication.translate("FirstRunDialog", "Your name cannot be empty.")
            )
        build = demo_builder()
        if build is None:
            return True
        progress = QProgressDialog(self.tr("Building the demo studio…"), "", 0, 100, self)
        progress.setWindowTitle(self.tr("Demo studio"))
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)

        def report(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, total))
            QCoreApplication.processEvents()

        try:
            build(self._studio, clients=DEMO_CLIENTS, seed=DEMO_SEED, progress=report)
        finally:
            progress.close()
        return True
