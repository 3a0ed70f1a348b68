"""First run on this laptop: who is the advisor here, and start with the demo studio or empty."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio.domain.names import display_name
from studio.errors import StudioError, ValidationError
from studio.services import clients, queries
from studio.store import Studio
from ui.style import scaled_font, set_error_style

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
    """Sets the laptop's advisor (an existing one, or a new one) and optionally loads the demo."""

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
        self.empty_radio = QRadioButton(self.tr("An empty studio"), self.start_box)
        group = QButtonGroup(self)
        group.addButton(self.demo_radio)
        group.addButton(self.empty_radio)
        self.empty_radio.setChecked(True)
        start_layout = QVBoxLayout(self.start_box)
        start_layout.addWidget(self.demo_radio)
        start_layout.addWidget(self.empty_radio)
        if demo_builder() is None or not studio.is_empty():
            self.demo_radio.setEnabled(False)
            if not studio.is_empty():
                self.start_box.hide()
        else:
            self.demo_radio.setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.start_box)
        layout.addWidget(buttons)
        self._update()

    def _update(self) -> None:
        new = self.existing.currentData() is None
        for w in (self.name, self.native_name, self.role):
            w.setEnabled(new)

    def accept(self) -> None:
        self.name_error.hide()
        existing = self.existing.currentData()
        if existing:
            self._studio.set_local_advisor(existing)
            super().accept()
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
